// Renderer errors reach the main process's log (logRendererError: bounded, rate-limited there):
// window errors, unhandled rejections and what the error boundary caught. The boundary shows a
// plain fallback instead of a blank window; the run goes on in the background either way.
import { Component, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import type { ShellNotice } from '../../../../shared/ipc/contract';
import { bridge } from '../../bridge';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useT } from '../../i18n/useT';

type Source = 'error' | 'unhandledrejection' | 'boundary';

export function reportRendererError(source: Source, error: unknown): void {
  const message = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 2000);
  const stack = error instanceof Error && error.stack ? error.stack.slice(0, 8000) : null;
  // Reporting must never throw or loop: a failed report is dropped.
  void bridge.logRendererError({ source, message, stack }).catch(() => {});
}

/** window 'error' and 'unhandledrejection' to the log; call once, before rendering. */
export function installRendererErrorReporting(target: Window = window): void {
  target.addEventListener('error', (event) => reportRendererError('error', event.error ?? event.message));
  target.addEventListener('unhandledrejection', (event) => reportRendererError('unhandledrejection', event.reason));
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    reportRendererError('boundary', Object.assign(error, { stack: `${error.stack ?? ''}\n${info.componentStack ?? ''}` }));
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <BoundaryFallback />;
  }
}

/** In the window's language: the boundary sits inside the language's provider. */
function BoundaryFallback() {
  const t = useT();
  return (
    <main className="app-main">
      <ErrorNotice error={{ code: 'INTERNAL', message: t('shell.boundary.message') }} />
      <button type="button" onClick={() => window.location.reload()}>
        {t('shell.boundary.reload')}
      </button>
    </main>
  );
}

/** What the main process did to this window (reloaded it after a crash or a hang), once. */
export function ShellNotices() {
  const [notices, setNotices] = useState<ShellNotice[]>([]);
  const t = useT();
  useEffect(() => {
    const take = () =>
      void bridge
        .shellNoticesTake({})
        .then((result) => {
          if (!result.ok || result.value.notices.length === 0) return;
          const taken = result.value.notices;
          setNotices((shown) => [...shown, ...taken.filter((n) => !shown.some((s) => s.id === n.id))]);
        })
        .catch(() => {});
    take();
    return bridge.subscribe('shellNotice', take);
  }, []);
  if (notices.length === 0) return null;
  const last = notices[notices.length - 1]!;
  return (
    <div className="shell-notice">
      <ErrorNotice error={{ code: last.code, message: t('shell.notice.reason', { reason: last.reason }) }} />
      <button type="button" onClick={() => setNotices([])}>
        {t('shell.notice.dismiss')}
      </button>
    </div>
  );
}
