import { useState } from 'react';
import type { InterestLevel, MyInterest } from '../../../../shared/model';
import { send } from '../../lib/socket';
import { serverNow } from '../../stores/connection-store';
import { setMyInterestLocally, useEventStore } from '../../stores/event-store';

export type Feedback =
  { kind: 'sent'; level: InterestLevel } | { kind: 'undone' } | { kind: 'saved' } | { kind: 'failed'; message: string };

interface Details {
  level: InterestLevel | null;
  tags: string[];
  note: string;
  shareNote: boolean;
}

const EMPTY: Details = { level: null, tags: [], note: '', shareNote: false };

function detailsOf(interest: MyInterest | undefined | null): Details {
  return interest
    ? { level: interest.level, tags: interest.tags, note: interest.note, shareNote: interest.shareNote }
    : EMPTY;
}

/**
 * A firm's interest in one venture: shown at once, confirmed by the server, rolled back with the
 * server's reason if refused. The last change can be undone.
 */
export function useInterest(ventureId: string) {
  const mine = useEventStore((s) => s.myInterests[ventureId]);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [previous, setPrevious] = useState<Details | null>(null);

  async function save(next: Details, success: Feedback): Promise<boolean> {
    const before = useEventStore.getState().myInterests[ventureId] ?? null;
    setMyInterestLocally(
      ventureId,
      next.level ? { ventureId, ...next, level: next.level, updatedAt: serverNow() } : null,
    );
    const answer = await send('interest:set', { ventureId, ...next });
    if (!answer.ok) {
      setMyInterestLocally(ventureId, before);
      setFeedback({ kind: 'failed', message: answer.error.message });
      return false;
    }
    setMyInterestLocally(ventureId, answer.data);
    setPrevious(detailsOf(before));
    setFeedback(success);
    return true;
  }

  const current = detailsOf(mine);

  return {
    mine,
    feedback,
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
    saveDetails(details: Omit<Details, 'level'>) {
      return save({ ...details, level: current.level ?? 'interested' }, { kind: 'saved' });
    },
    async undo() {
      if (!previous) return;
      const restored = previous;
      if (await save(restored, { kind: 'undone' })) setPrevious(null);
    },
  };
}
