/**
 * The door's outbox. Every scan and manual check-in is first judged by the station itself from its
 * people copy (door-judge.ts) and shown at once, online or not; then it goes here (kept in
 * localStorage, so a reload or a dead battery loses nothing) and is sent in order while connected,
 * with how long ago it was made and what the station showed. Each carries a key, so one that was sent
 * but whose answer was lost is answered again, never checked in twice. The server's answer confirms
 * the station's, or corrects it.
 */
import { ErrorCode, type Ack, type AppError } from '../../../../shared/errors';
import type { CheckinAnswer, PersonSummary } from '../../../../shared/model';
import { LIMITS } from '../../../../shared/constants';
import { newKey } from '../../lib/keys';
import { createOutbox, DOOR_QUEUE_KEY } from '../../lib/outbox';
import { send } from '../../lib/socket';
import { useConnection } from '../../stores/connection-store';
import { applyPeople, useEventStore } from '../../stores/event-store';
import {
  judgePerson,
  judgeScan,
  localForServer,
  type DoorJudgement,
  type Judged,
  type LocalOutcome,
  type OwnCheckin,
} from './door-judge';

interface Made {
  key: string;
  station: string;
  /** When the station made it, on its own clock: the server dates it by the age, not by this clock. */
  scannedAt?: number;
  /** What the station showed (absent in a queue left by an older version of the app). */
  judged?: LocalOutcome;
}

export type QueuedAction =
  | (Made & { kind: 'scan'; text: string; /** Whose badge the station found, if any. */ personId?: string })
  | (Made & { kind: 'person'; personId: string });

export type DoorResult =
  | { key: string; kind: 'local'; judgement: Judged; station: string; offline: boolean }
  | { key: string; kind: 'answer'; answer: CheckinAnswer }
  | { key: string; kind: 'refused'; error: AppError }
  | { key: string; kind: 'queued' };

/** The server answered an earlier scan otherwise than the station had shown. */
export interface Correction {
  key: string;
  judged: Judged['outcome'];
  result: DoorResult;
}

interface DoorState {
  /** The latest result, for the full-screen answer. */
  last: DoorResult | null;
  log: DoorResult[];
  /** Newest first: the station should hear about it, even when it has moved on to other badges. */
  corrections: Correction[];
  /** When the server last answered one of this station's check-ins (this device's clock). */
  answeredAt: number | null;
}

// Refusals are final answers (not our badge, revoked); anything else (no answer) is tried again later.
const FINAL = new Set<string>([
  ErrorCode.UnknownBadge,
  ErrorCode.BadgeRevoked,
  ErrorCode.NotFound,
  ErrorCode.Forbidden,
  ErrorCode.BadRequest,
]);

const OUTCOMES = new Set<unknown>(['checked-in', 'already', 'revoked', 'unknown', 'unjudged']);

function isQueuedAction(value: unknown): value is QueuedAction {
  const a = value as Partial<Record<string, unknown>> | null;
  return (
    typeof a?.key === 'string' &&
    typeof a.station === 'string' &&
    (a.scannedAt === undefined || typeof a.scannedAt === 'number') &&
    (a.judged === undefined || OUTCOMES.has(a.judged)) &&
    (a.personId === undefined || typeof a.personId === 'string') &&
    ((a.kind === 'scan' && typeof a.text === 'string') || (a.kind === 'person' && typeof a.personId === 'string'))
  );
}

/**
 * What the server is told besides the check-in itself: how long ago the station made it (whole ms
 * on the station's own clock, at most a day; its clock's skew cancels out), and what it showed.
 */
export function offlineFields(item: QueuedAction, now: number): { ageMs?: number; local?: 'checked-in' | 'already' } {
  const local = localForServer(item.judged);
  return {
    ...(item.scannedAt === undefined
      ? {}
      : { ageMs: Math.min(LIMITS.maxCheckinAgeMs, Math.max(0, Math.round(now - item.scannedAt))) }),
    ...(local ? { local } : {}),
  };
}

function transmit(item: QueuedAction): Promise<Ack<CheckinAnswer>> {
  const offline = offlineFields(item, Date.now());
  return item.kind === 'scan'
    ? send('checkin:scan', { text: item.text, station: item.station, key: item.key, ...offline })
    : send('checkin:person', { personId: item.personId, station: item.station, key: item.key, ...offline });
}

const outbox = createOutbox<QueuedAction, CheckinAnswer, DoorState>({
  storageKey: DOOR_QUEUE_KEY,
  isItem: isQueuedAction,
  extra: { last: null, log: [], corrections: [], answeredAt: null },
  transmit,
  isFinal: (error) => FINAL.has(error.code),
  onSettled: settled,
  // No answer (offline, timeout, a server error): kept and tried again shortly. Said once, unless the
  // station already showed its own answer, which says it is waiting.
  onWaiting: (item) => {
    if (showsOwn(item)) return;
    if (useDoorQueue.getState().last?.key !== item.key) record({ key: item.key, kind: 'queued' });
  },
});

export const useDoorQueue = outbox.store;

function judgedHere(outcome: LocalOutcome | undefined): outcome is Judged['outcome'] {
  return outcome !== undefined && outcome !== 'unjudged';
}

/**
 * Whether the station showed its own answer for this item. A badge's, yes: that is the point of the
 * copy. A check-in by name, no: the staff already chose the person from the list, so it shows as
 * before, the server's answer, or "saved offline" while there is none.
 */
function showsOwn(item: QueuedAction): item is QueuedAction & { judged: Judged['outcome'] } {
  return item.kind === 'scan' && judgedHere(item.judged);
}

function record(result: DoorResult): void {
  useDoorQueue.setState((s) => ({ last: result, log: [result, ...s.log].slice(0, 20) }));
}

function resultOf(key: string, answer: Ack<CheckinAnswer>): DoorResult {
  return answer.ok ? { key, kind: 'answer', answer: answer.data } : { key, kind: 'refused', error: answer.error };
}

/** Whether the server said what the station had shown. */
function agrees(judged: LocalOutcome, answer: Ack<CheckinAnswer>): boolean {
  if (answer.ok) return answer.data.outcome === judged;
  if (answer.error.code === ErrorCode.BadgeRevoked) return judged === 'revoked';
  if (answer.error.code === ErrorCode.UnknownBadge) return judged === 'unknown';
  return false;
}

/**
 * The station's copy learns the check-in from the answer itself: the people fact that follows may
 * come a moment later, and a badge shown again in between must read as already in. Only fills a
 * gap; the next fact from the server (a higher seq) replaces it either way.
 */
function learnCheckin(answer: CheckinAnswer): void {
  const { people, seqs } = useEventStore.getState();
  const known = people.find((p) => p.id === answer.person.id);
  if (!known || known.checkin) return;
  applyPeople({ seq: seqs.people, people: [{ ...known, checkin: answer.person.checkin ?? answer.checkin }] });
}

function settled(item: QueuedAction, answer: Ack<CheckinAnswer>): void {
  useDoorQueue.setState({ answeredAt: Date.now() });
  if (answer.ok) learnCheckin(answer.data);
  const result = resultOf(item.key, answer);
  if (!showsOwn(item)) {
    record(result);
    return;
  }
  if (agrees(item.judged, answer)) return;
  const judged = item.judged;
  // The badge still in front of the station is corrected on screen; an earlier one, in the list.
  useDoorQueue.setState((s) => ({
    ...(s.last?.key === item.key ? { last: result } : {}),
    log: [result, ...s.log].slice(0, 20),
    corrections: [{ key: item.key, judged, result }, ...s.corrections].slice(0, 20),
  }));
}

/** This station's check-ins the server has not confirmed: they count as "already in" here. */
export function ownCheckins(queue: readonly QueuedAction[]): OwnCheckin[] {
  return queue.flatMap((item) =>
    item.judged === 'checked-in' && item.personId && item.scannedAt !== undefined
      ? [
          {
            personId: item.personId,
            checkin: { at: item.scannedAt, station: item.station, method: item.kind === 'scan' ? 'qr' : 'search' },
          },
        ]
      : [],
  );
}

function decide(item: QueuedAction, judgement: DoorJudgement): void {
  if (judgement.outcome !== 'unjudged' && showsOwn(item)) {
    const offline = useConnection.getState().status !== 'online';
    record({ key: item.key, kind: 'local', judgement, station: item.station, offline });
  }
  void outbox.enqueue(item);
}

/** A badge read by the camera or a scanner that types: judged here at once, then sent. */
export function scanBadge(text: string, station: string): void {
  const judgement = judgeScan(text, useEventStore.getState().people, ownCheckins(useDoorQueue.getState().queue));
  const personId = 'person' in judgement ? judgement.person.id : undefined;
  const item: QueuedAction = {
    key: newKey(),
    kind: 'scan',
    text,
    station,
    scannedAt: Date.now(),
    judged: judgement.outcome,
    ...(personId ? { personId } : {}),
  };
  decide(item, judgement);
}

/** A person found by name and checked in by hand. */
export function checkInPerson(person: PersonSummary, station: string): void {
  const judgement = judgePerson(person, ownCheckins(useDoorQueue.getState().queue));
  decide(
    { key: newKey(), kind: 'person', personId: person.id, station, scannedAt: Date.now(), judged: judgement.outcome },
    judgement,
  );
}
