import { useState } from 'react';
import type { InterestLevel } from '../../../../shared/model';
import { send } from '../../lib/socket';
import { serverNow } from '../../stores/connection-store';
import { setMyInterestLocally, useEventStore } from '../../stores/event-store';

export type TapFeedback =
  { kind: 'sent'; level: InterestLevel } | { kind: 'undone' } | { kind: 'failed'; message: string } | null;

/**
 * One tap on "interested" / "want to meet": shown at once, confirmed by the server, rolled back
 * with a reason if refused. Tapping the chosen level again takes it back.
 */
export function useTap() {
  const [feedback, setFeedback] = useState<TapFeedback>(null);

  async function tap(ventureId: string, level: InterestLevel) {
    const before = useEventStore.getState().myInterests[ventureId] ?? null;
    const next = before?.level === level ? null : level;
    setMyInterestLocally(
      ventureId,
      next
        ? { ventureId, level: next, tags: before?.tags ?? [], note: before?.note ?? '', updatedAt: serverNow() }
        : null,
    );
    const answer = await send('interest:set', {
      ventureId,
      level: next,
      tags: before?.tags ?? [],
      note: before?.note ?? '',
    });
    if (answer.ok) {
      setMyInterestLocally(ventureId, answer.data);
      setFeedback(next ? { kind: 'sent', level: next } : { kind: 'undone' });
    } else {
      setMyInterestLocally(ventureId, before);
      setFeedback({ kind: 'failed', message: answer.error.message });
    }
  }

  return { tap, feedback };
}
