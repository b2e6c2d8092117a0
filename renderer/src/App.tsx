import { useEffect } from 'react';
import { SignInScreen } from './features/auth/SignInScreen';
import { SandboxBanner } from './features/auth/SandboxBanner';
import { AccountBar } from './features/auth/AccountBar';
import { MainNav } from './features/shell/MainNav';
import { Workspace } from './features/shell/Workspace';
import { ShellNotices } from './features/shell/errorReporting';
import { UpdateBanner } from './features/updates/UpdateBanner';
import { CloseQuestion } from './features/shell/CloseQuestion';
import { useStore } from './store';
import { useT } from './i18n/useT';

export function App() {
  const signedIn = useStore((s) => s.auth?.step === 'signedIn');
  const loadAuth = useStore((s) => s.loadAuth);
  const loadSettings = useStore((s) => s.loadSettings);
  const t = useT();

  useEffect(() => {
    void loadAuth();
    void loadSettings();
  }, [loadAuth, loadSettings]);

  return (
    <>
      <SandboxBanner />
      <ShellNotices />
      <UpdateBanner />
      <header className="app-header">
        <div className="app-header__brand">
          <h1 translate="no">Rollcall</h1>
          <p className="tagline">{t('app.tagline')}</p>
        </div>
        {signedIn ? <AccountBar /> : null}
      </header>
      {signedIn ? <MainNav /> : null}
      <main className="app-main">{signedIn ? <Workspace /> : <SignInScreen />}</main>
      <CloseQuestion />
    </>
  );
}
