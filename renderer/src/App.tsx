import { AboutPanel } from './features/about/AboutPanel';

export function App() {
  return (
    <>
      <header className="app-header">
        <h1>Rollcall</h1>
        <p className="tagline">Invite people to a Telegram group call and know, person by person, what happened.</p>
      </header>
      <main className="app-main">
        <AboutPanel />
      </main>
    </>
  );
}
