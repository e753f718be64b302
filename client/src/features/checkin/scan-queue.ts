/**
 * The door's outbox. Every scan and manual check-in goes here first (kept in localStorage, so a
 * reload or a dead battery loses nothing), then is sent in order while connected. Each carries a
 * key, so one that was sent but whose answer was lost is answered again, never checked in twice.
 */
import { ErrorCode, type AppError } from '../../../../shared/errors';
import type { CheckinAnswer } from '../../../../shared/model';
import { newKey } from '../../lib/keys';
import { createOutbox } from '../../lib/outbox';
import { send } from '../../lib/socket';

export type QueuedAction =
  | { key: string; kind: 'scan'; text: string; station: string }
  | { key: string; kind: 'person'; personId: string; station: string };

export type DoorResult =
  | { key: string; kind: 'answer'; answer: CheckinAnswer }
  | { key: string; kind: 'refused'; error: AppError }
  | { key: string; kind: 'queued' };

interface DoorState {
  /** The latest result, for the full-screen answer. */
  last: DoorResult | null;
  log: DoorResult[];
}

// Refusals are final answers (not our badge, revoked); anything else (no answer) is tried again later.
const FINAL = new Set<string>([
  ErrorCode.UnknownBadge,
  ErrorCode.BadgeRevoked,
  ErrorCode.NotFound,
  ErrorCode.Forbidden,
  ErrorCode.BadRequest,
]);

function isQueuedAction(value: unknown): value is QueuedAction {
  const a = value as Partial<Record<string, unknown>> | null;
  return (
    typeof a?.key === 'string' &&
    typeof a.station === 'string' &&
    ((a.kind === 'scan' && typeof a.text === 'string') || (a.kind === 'person' && typeof a.personId === 'string'))
  );
}

const outbox = createOutbox<QueuedAction, CheckinAnswer, DoorState>({
  storageKey: 'pm_door_queue',
  isItem: isQueuedAction,
  extra: { last: null, log: [] },
  transmit: (next) =>
    next.kind === 'scan'
      ? send('checkin:scan', { text: next.text, station: next.station, key: next.key })
      : send('checkin:person', { personId: next.personId, station: next.station, key: next.key }),
  isFinal: (error) => FINAL.has(error.code),
  onSettled: (item, answer) =>
    record(
      answer.ok
        ? { key: item.key, kind: 'answer', answer: answer.data }
        : { key: item.key, kind: 'refused', error: answer.error },
    ),
  // No answer (offline, timeout, a server error): kept, said so once, and tried again shortly.
  onWaiting: (item) => {
    if (useDoorQueue.getState().last?.key !== item.key) record({ key: item.key, kind: 'queued' });
  },
});

export const useDoorQueue = outbox.store;

function record(result: DoorResult): void {
  useDoorQueue.setState((s) => ({ last: result, log: [result, ...s.log].slice(0, 20) }));
}

type WithoutKey<T> = T extends unknown ? Omit<T, 'key'> : never;

export function enqueue(action: WithoutKey<QueuedAction>): void {
  void outbox.enqueue({ ...action, key: newKey() } as QueuedAction);
}
