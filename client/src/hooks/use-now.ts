import { useEffect, useState } from 'react';
import { serverNow } from '../stores/connection-store';

/** The server's clock, re-read every `everyMs` while `active` (a running countdown). */
export function useServerNow(active: boolean, everyMs = 250): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  // Read at render, so a countdown that just resumed is right at once, not one tick later.
  return serverNow();
}
