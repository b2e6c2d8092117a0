// The invite engine's world for the must-show tests and the benchmarks: the sandbox (a real
// MTProto server over TCP), a real GramJS client signed in as the sandbox's organiser through
// the core's own client factory and sign-in, and the core's InviteGateway over that link. No
// client.invoke is mocked anywhere on this path.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Person } from '../../../../shared/domain/people';
import { startSandbox, DEMO, IDS, LOGIN_CODE, type Sandbox, type SandboxInfo, type SandboxOptions } from '../../../../sandbox/src/index';
import { sendCode, signIn } from '../../../telegram/auth';
import { closeLink, openLink, sessionString, type TelegramLink } from '../../../telegram/client';
import * as directory from '../../../telegram/directory';
import { createInviteGateway } from '../../../telegram/inviteGateway';
import type { InviteGateway } from '../ports';

export { IDS };

export interface SandboxSession {
  sandbox: Sandbox;
  link: TelegramLink;
  gateway: InviteGateway;
  /** A folder for engines' data (run journals), removed by close(). */
  dataDir: string;
  /** What a second process needs to open its own link to the same sandbox and account. */
  endpoint: { host: string; port: number; dcId: number; fingerprint: string; publicKeyPem: string; session: string };
  /**
   * Ends the chat's live call (if any) and starts a fresh one: nobody invited to it yet, and only
   * its starter (default: the organiser) in it.
   */
  freshCall(chatId: bigint, starterId?: bigint): Promise<string>;
  /** Pages through the call chat's members, as the picker does, so the directory knows them. */
  members(callId: string): Promise<Person[]>;
  /** Puts every scenario control back to the sandbox's default. */
  resetControls(): void;
  /** Sees every line the sandbox logs (e.g. "closing connection: dropConnectionAfterRequests"). */
  onLog: ((line: string) => void) | null;
  close(): Promise<void>;
}

export interface SandboxSessionOptions {
  size?: SandboxOptions['size'];
  /** 'strict': where Telegram's behaviour is unknown, its harshest plausible form (sandbox/README.md "Behaviours"). */
  profile?: SandboxOptions['profile'];
  /** Scenario controls over the profile's (nested ones, e.g. `strict`, field by field). */
  controls?: SandboxOptions['controls'];
}

/**
 * The organiser signed in through the core's client factory and sign-in, on a sandbox in this
 * process or another (its sandbox.json), with the calls listed so the link knows them.
 */
export async function signInOrganiser(info: SandboxInfo): Promise<{ link: TelegramLink; gateway: InviteGateway }> {
  const link = await openLink({ endpoint: { kind: 'sandbox', ...info }, session: '', appVersion: 'test' });
  const sent = await sendCode({ link, phone: DEMO.organiser.phone });
  if (sent.kind !== 'code') throw new Error(`sandbox sign-in: expected a code step, got ${sent.kind}`);
  const signedIn = await signIn({ link, phone: DEMO.organiser.phone, phoneCodeHash: sent.phoneCodeHash, code: LOGIN_CODE });
  if (signedIn.kind !== 'signedIn') throw new Error(`sandbox sign-in: expected to be signed in, got ${signedIn.kind}`);
  await directory.listCalls({ link });
  return { link, gateway: createInviteGateway(link) };
}

/** Pages through the call chat's members, as the picker does, so the directory knows them. */
export async function allMembers(link: TelegramLink, callId: string): Promise<Person[]> {
  const people: Person[] = [];
  await directory.streamMembers({ link, callId, onPage: (page) => people.push(...page.people) });
  return people;
}

export async function openSandboxSession(options: SandboxSessionOptions = {}): Promise<SandboxSession> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-sandbox-'));
  let session: SandboxSession | null = null;
  const log = (line: string) => session?.onLog?.(line);
  const sandbox = await startSandbox({ port: 0, dataDir: join(dataDir, 'sandbox'), size: options.size, profile: options.profile, controls: options.controls, log });
  // The holds stay one object (it keeps the held answers); everything else is plain data.
  const { holds: _holds, ...defaults } = structuredClone({ ...sandbox.controls, holds: null });
  const { link, gateway } = await signInOrganiser(sandbox.info);

  session = {
    onLog: null,
    sandbox,
    link,
    gateway,
    dataDir,
    endpoint: {
      host: sandbox.info.host,
      port: sandbox.info.port,
      dcId: sandbox.info.dcId,
      fingerprint: sandbox.info.fingerprint,
      publicKeyPem: sandbox.info.publicKeyPem,
      session: sessionString(link),
    },
    async freshCall(chatId, starterId = IDS.ada) {
      const current = sandbox.world.callOf(chatId);
      if (current) sandbox.world.endCall(current.id);
      const call = sandbox.world.startCall(chatId, 'Test call', starterId);
      await directory.listCalls({ link });
      return String(call.id);
    },
    members: (callId) => allMembers(link, callId),
    resetControls() {
      sandbox.controls.holds.unhold();
      sandbox.controls.holds.release();
      Object.assign(sandbox.controls, structuredClone(defaults));
    },
    async close() {
      await closeLink(link);
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return session;
}
