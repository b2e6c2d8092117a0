import { AboutPanel } from '../about/AboutPanel';
import { StorageWarning } from '../auth/StorageWarning';
import { CallsScreen } from '../calls/CallsScreen';
import { PickerScreen } from '../picker/PickerScreen';
import { PlannedRuns, PlannedStartedNotice } from '../planned/PlannedRuns';
import { HistoryScreen } from '../runs/HistoryScreen';
import { InterruptedRuns } from '../runs/InterruptedRuns';
import { RunScreen } from '../runs/RunScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { useStore } from '../../store';

/** The signed-in screens, under the runs that wait for the organiser (interrupted, planned). */
export function Workspace() {
  return (
    <>
      <InterruptedRuns />
      <PlannedStartedNotice />
      <PlannedRuns />
      <Screen />
    </>
  );
}

function Screen() {
  const view = useStore((s) => s.view);
  const hasCall = useStore((s) => s.selectedCall !== null);
  const hasRun = useStore((s) => s.run !== null);
  if (view === 'people' && hasCall) return <PickerScreen />;
  if (view === 'run' && hasRun) return <RunScreen />;
  if (view === 'history') return <HistoryScreen />;
  if (view === 'settings') {
    return (
      <div className="stack">
        <StorageWarning />
        <SettingsScreen />
        <AboutPanel />
      </div>
    );
  }
  return (
    <div className="stack">
      <StorageWarning />
      <CallsScreen />
    </div>
  );
}
