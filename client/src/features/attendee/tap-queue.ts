/**
 * A firm's taps go through an outbox: shown at once, kept on the phone while it is offline (a
 * closed tab included), sent in order with an idempotency key when the connection is back. A tap
 * sets a value rather than toggling one, so several taps on one venture collapse to the last.
 */
import { ErrorCode, type Ack, type AppError } from '../../../../shared/errors';
import type { InterestLevel, MyInterest } from '../../../../shared/model';
import { newKey } from '../../lib/keys';
import { createOutbox } from '../../lib/outbox';
import { send } from '../../lib/socket';
import { serverNow } from '../../stores/connection-store';
import { setMyInterestLocally, useEventStore } from '../../stores/event-store';

export interface InterestDetails {
  level: InterestLevel | null;
  tags: string[];
  note: string;
  shareNote: boolean;
}

export interface QueuedTap extends InterestDetails {
  key: string;
  /** Who tapped: a phone signed in again as someone else never sends the first person's taps. */
  by: string;
  ventureId: string;
  /** When it was tapped, on the server's clock. */
  at: number;
}

/** A tap the server refused: it was rolled back, and the person is told why. */
export interface RefusedTap {
  key: string;
  ventureId: string;
  level: InterestLevel | null;
  /** Said when shown, in the language of the moment. */
  error: AppError;
}

interface TapState {
  refused: RefusedTap[];
}

export type TapAnswer = Ack<MyInterest | null>;

// These will be refused again however often they are sent; anything else (no answer, rate limit) waits.
const FINAL = new Set<string>([
  ErrorCode.BadRequest,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.Conflict,
  ErrorCode.PayloadTooLarge,
]);
const REFUSALS_SHOWN = 5;

const isLevel = (v: unknown) => v === null || v === 'interested' || v === 'want-to-meet';

function isQueuedTap(value: unknown): value is QueuedTap {
  const t = value as Partial<Record<string, unknown>> | null;
  return (
    typeof t?.key === 'string' &&
    typeof t.by === 'string' &&
    typeof t.ventureId === 'string' &&
    isLevel(t.level) &&
    Array.isArray(t.tags) &&
    t.tags.every((tag) => typeof tag === 'string') &&
    typeof t.note === 'string' &&
    typeof t.shareNote === 'boolean' &&
    typeof t.at === 'number'
  );
}

/** The person signed in on this page, once the first snapshot has said who that is. */
export function signedInPerson(): string | null {
  const viewer = useEventStore.getState().viewer;
  return viewer?.kind === 'person' ? viewer.personId : null;
}

export function createTapOutbox(deps: {
  transmit: (tap: QueuedTap) => Promise<TapAnswer>;
  storage?: Storage | null;
  retryMs?: number;
}) {
  const outbox = createOutbox<QueuedTap, MyInterest | null, TapState>({
    storageKey: 'pm_tap_queue',
    ...(deps.storage !== undefined ? { storage: deps.storage } : {}),
    ...(deps.retryMs !== undefined ? { retryMs: deps.retryMs } : {}),
    isItem: isQueuedTap,
    extra: { refused: [] },
    transmit: deps.transmit,
    isFinal: (error) => FINAL.has(error.code),
    mayGo: (tap) => tap.by === signedInPerson(),
    onSettled(tap, answer) {
      if (answer.ok) {
        // The server's value, until its fact (which may already be here) says the same.
        setMyInterestLocally(tap.ventureId, answer.data);
      } else {
        const refusal = { key: tap.key, ventureId: tap.ventureId, level: tap.level, error: answer.error };
        outbox.store.setState((s) => ({ refused: [refusal, ...s.refused].slice(0, REFUSALS_SHOWN) }));
      }
    },
  });

  return {
    store: outbox.store,
    flush: outbox.flush,
    stop: outbox.stop,
    /**
     * Sets this person's interest in a venture to `details`. Replaces a tap on the same venture that
     * has not gone yet. Resolves with the server's answer, or null when a later tap replaced it.
     */
    tap(ventureId: string, details: InterestDetails): Promise<TapAnswer | null> {
      const by = signedInPerson();
      if (!by) {
        return Promise.resolve({
          ok: false,
          error: { code: ErrorCode.Unauthenticated, message: 'Not signed in yet.' },
        } as TapAnswer);
      }
      const tap: QueuedTap = { key: newKey(), by, ventureId, ...details, at: serverNow() };
      outbox.store.setState((s) => ({ refused: s.refused.filter((r) => r.ventureId !== ventureId) }));
      return outbox.enqueue(tap, (queued) => queued.by === by && queued.ventureId === ventureId);
    },
    dismiss(key: string): void {
      outbox.store.setState((s) => ({ refused: s.refused.filter((r) => r.key !== key) }));
    },
  };
}

export type TapOutbox = ReturnType<typeof createTapOutbox>;

/** The newest tap on a venture that has not been answered yet, if any (for this person). */
export function pendingTap(queue: QueuedTap[], by: string | null, ventureId: string): QueuedTap | undefined {
  for (let i = queue.length - 1; i >= 0; i--) {
    const tap = queue[i]!;
    if (tap.by === by && tap.ventureId === ventureId) return tap;
  }
  return undefined;
}

/** What a person sees as their interests: the server's, with taps not answered yet laid over them. */
export function withPending(
  server: Record<string, MyInterest>,
  queue: QueuedTap[],
  by: string | null,
): Record<string, MyInterest> {
  const mine = queue.filter((t) => t.by === by);
  if (mine.length === 0) return server;
  const shown = { ...server };
  for (const tap of mine) {
    const interest = asInterest(tap);
    if (interest) shown[tap.ventureId] = interest;
    else delete shown[tap.ventureId];
  }
  return shown;
}

export function asInterest(tap: QueuedTap): MyInterest | undefined {
  if (!tap.level) return undefined;
  return {
    ventureId: tap.ventureId,
    level: tap.level,
    tags: tap.tags,
    note: tap.note,
    shareNote: tap.shareNote,
    updatedAt: tap.at,
  };
}

export const taps = createTapOutbox({
  transmit: ({ ventureId, level, tags, note, shareNote, key }) =>
    send('interest:set', { ventureId, level, tags, note, shareNote, key }),
});
export const useTaps = taps.store;
