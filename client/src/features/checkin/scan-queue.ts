/**
 * The door's outbox. Every scan and manual check-in goes here first (kept in localStorage, so a
 * reload or a dead battery loses nothing), then is sent in order while connected. Each carries a
 * key, so one that was sent but whose answer was lost is answered again, never checked in twice.
 */
import { create } from 'zustand';
import { ErrorCode, type AppError } from '../../../../shared/errors';
import type { CheckinAnswer } from '../../../../shared/model';
import { newKey } from '../../lib/keys';
import { send } from '../../lib/socket';
import { useConnection } from '../../stores/connection-store';

export type QueuedAction =
  | { key: string; kind: 'scan'; text: string; station: string }
  | { key: string; kind: 'person'; personId: string; station: string };

export type DoorResult =
  | { key: string; kind: 'answer'; answer: CheckinAnswer }
  | { key: string; kind: 'refused'; error: AppError }
  | { key: string; kind: 'queued' };

interface QueueState {
  queue: QueuedAction[];
  /** The latest result, for the full-screen answer. */
  last: DoorResult | null;
  log: DoorResult[];
}

const STORAGE_KEY = 'pm_door_queue';

function loadQueue(): QueuedAction[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as QueuedAction[]) : [];
  } catch {
    return [];
  }
}

export const useDoorQueue = create<QueueState>(() => ({ queue: loadQueue(), last: null, log: [] }));

useDoorQueue.subscribe((state, previous) => {
  if (state.queue === previous.queue) return;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state.queue));
  } catch {
    // storage full or blocked: the queue still lives in memory
  }
});

// Refusals are final answers (not our badge, revoked); anything else (no answer) is tried again later.
const FINAL = new Set<string>([
  ErrorCode.UnknownBadge,
  ErrorCode.BadgeRevoked,
  ErrorCode.NotFound,
  ErrorCode.Forbidden,
  ErrorCode.BadRequest,
]);

function record(result: DoorResult): void {
  useDoorQueue.setState((s) => ({ last: result, log: [result, ...s.log].slice(0, 20) }));
}

let flushing = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function retryLater(): void {
  retryTimer ??= setTimeout(() => {
    retryTimer = null;
    void flush();
  }, 3000);
}

export async function flush(): Promise<void> {
  if (flushing) return;
  flushing = true;
  try {
    for (;;) {
      const next = useDoorQueue.getState().queue[0];
      if (!next || useConnection.getState().status !== 'online') return;
      const answer =
        next.kind === 'scan'
          ? await send('checkin:scan', { text: next.text, station: next.station, key: next.key })
          : await send('checkin:person', { personId: next.personId, station: next.station, key: next.key });
      if (!answer.ok && !FINAL.has(answer.error.code)) {
        // No answer (timeout) or a server error: keep it, say so, and try again shortly.
        if (useDoorQueue.getState().last?.key !== next.key) record({ key: next.key, kind: 'queued' });
        retryLater();
        return;
      }
      useDoorQueue.setState((s) => ({ queue: s.queue.filter((a) => a.key !== next.key) }));
      record(
        answer.ok
          ? { key: next.key, kind: 'answer', answer: answer.data }
          : { key: next.key, kind: 'refused', error: answer.error },
      );
    }
  } finally {
    flushing = false;
  }
}

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never;

export function enqueue(action: WithoutKey<QueuedAction>): void {
  const item = { ...action, key: newKey() } as QueuedAction;
  useDoorQueue.setState((s) => ({ queue: [...s.queue, item] }));
  if (useConnection.getState().status !== 'online') record({ key: item.key, kind: 'queued' });
  void flush();
}

// Back online: send what waited, in order. Also at load: the station may open with a queue left by
// a tab that closed offline, on a socket that is already online.
useConnection.subscribe((state, previous) => {
  if (state.status === 'online' && previous.status !== 'online') void flush();
});
void flush();
