import { useState } from 'react';
import type { InterestLevel, MyInterest } from '../../../../shared/model';
import { useConnection } from '../../stores/connection-store';
import { useEventStore } from '../../stores/event-store';
import { undoTarget, type LastChange } from './interest-undo';
import { asInterest, pendingTap, taps, useTaps, type InterestDetails } from './tap-queue';

export type Feedback =
  { kind: 'sent'; level: InterestLevel } | { kind: 'undone' } | { kind: 'saved' } | { kind: 'waiting' };

const EMPTY: InterestDetails = { level: null, tags: [], note: '', shareNote: false };

function detailsOf(interest: MyInterest | undefined | null): InterestDetails {
  return interest
    ? { level: interest.level, tags: interest.tags, note: interest.note, shareNote: interest.shareNote }
    : EMPTY;
}

/**
 * A firm's interest in one venture: shown at once, sent through the tap outbox (kept while offline,
 * sent when back), confirmed by the server; a refusal rolls it back and is listed with its reason
 * (`RefusedTaps`). The last change made here can be undone while nothing changed the interest since.
 */
export function useInterest(ventureId: string) {
  const server = useEventStore((s) => s.myInterests[ventureId]);
  const by = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer.personId : null));
  const pending = useTaps((s) => pendingTap(s.queue, by, ventureId));
  const onWire = useTaps((s) => pending !== undefined && s.sending === pending.key);
  const online = useConnection((s) => s.status === 'online');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [last, setLast] = useState<LastChange | null>(null);
  const mine = pending ? asInterest(pending) : server;
  const current = detailsOf(mine);
  // Null once the interest changed since this copy's last change (see `undoTarget`).
  const previous = undoTarget(last, current);

  async function save(next: InterestDetails, success: Feedback, undoable = true): Promise<boolean> {
    setFeedback(null);
    setLast(undoable ? { before: current, after: next } : null);
    const answer = await taps.tap(ventureId, next);
    if (answer?.ok) setFeedback(success);
    return answer?.ok ?? false;
  }

  return {
    mine,
    /** A tap not answered yet, while offline or waiting for a retry: "waiting to send". */
    feedback: pending && !(online && onWire) ? ({ kind: 'waiting' } as const) : feedback,
    canUndo: previous !== null,
    /** Tapping the chosen level again takes it back. */
    tap(level: InterestLevel) {
      const next = current.level === level ? null : level;
      return save(
        next ? { ...current, level: next } : EMPTY,
        next ? { kind: 'sent', level: next } : { kind: 'undone' },
      );
    },
    /** Topics and notes belong to an interest: adding one to a venture not yet tagged marks it interested. */
    saveDetails(details: Omit<InterestDetails, 'level'>) {
      return save({ ...details, level: current.level ?? 'interested' }, { kind: 'saved' });
    },
    undo() {
      if (!previous) return Promise.resolve(false);
      return save(previous, { kind: 'undone' }, false);
    },
  };
}
