import { useEffect, useState } from 'react';
import { toMillis } from './format';

/** Whole seconds left until `until` (epoch ms or s), ticking while there are any; 0 for null. */
export function useCountdown(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until === null) return;
    const tick = () => setNow(Date.now());
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [until]);
  return until === null ? 0 : Math.max(0, Math.ceil((toMillis(until) - now) / 1000));
}
