// The sandboxed preload: exposes the contract's functions as `window.rollcall` and nothing else.
// No ipcRenderer, no Node: the page can only call the channels the contract lists.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannelName } from '../../shared/ipc/channels';
import { createBridge } from '../../shared/ipc/bridge';

const bridge = createBridge({
  invoke: (channel, request) => ipcRenderer.invoke(ipcChannelName(channel), request),
  subscribe: (event, listener) => {
    const onEvent = (_: IpcRendererEvent, message: { event: string; payload: unknown }) => {
      if (message.event === event) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, onEvent);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, onEvent);
  },
});

contextBridge.exposeInMainWorld('rollcall', bridge);
