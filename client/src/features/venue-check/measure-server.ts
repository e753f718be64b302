import type { Ack } from '../../../../shared/errors';
import type { CheckView } from '../../../../shared/venue';
import { offsetOf, type Sample } from './verdicts';

export type ServerProbe = { ok: true; view: CheckView; samples: Sample[] } | { ok: false };

const SAMPLES = 5;
const TIMEOUT_MS = 5000;

/** One GET /api/check, timed; null when it fails or takes longer than a phone would wait. */
async function sample(signal: AbortSignal): Promise<{ view: CheckView; sample: Sample } | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  const sentAt = Date.now();
  const started = performance.now();
  try {
    const res = await fetch('/api/check', {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: controller.signal,
    });
    const answer = (await res.json()) as Ack<CheckView>;
    const rttMs = performance.now() - started;
    if (!answer.ok) return null;
    return { view: answer.data, sample: { rttMs, offsetMs: offsetOf(sentAt, rttMs, answer.data.serverTime) } };
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

/**
 * A few requests one after another (the first also pays for opening the connection): the median
 * is the round trip a tap will see; the clock comes from the fastest. Any failure fails the row.
 */
export async function measureServer(signal: AbortSignal): Promise<ServerProbe> {
  const samples: Sample[] = [];
  let view: CheckView | undefined;
  for (let i = 0; i < SAMPLES; i++) {
    const got = await sample(signal);
    if (!got) return { ok: false };
    view = got.view;
    samples.push(got.sample);
  }
  return { ok: true, view: view!, samples };
}
