/**
 * What "undo" may restore. The same venture's interest is shown twice on a firm's phone (the live
 * bar's taps and the card's topics and note, each with its own `useInterest`): an undo kept by one
 * must not roll back what the other saved since, so it is offered only while the interest is still
 * what its own last change set.
 */
import type { InterestDetails } from './tap-queue';

export interface LastChange {
  before: InterestDetails;
  after: InterestDetails;
}

/** The same interest, as the server keeps it: no level means none at all, notes trimmed, tags once. */
export function sameInterest(a: InterestDetails, b: InterestDetails): boolean {
  if (a.level === null || b.level === null) return a.level === b.level;
  const tagsA = new Set(a.tags);
  const tagsB = new Set(b.tags);
  return (
    a.level === b.level &&
    a.shareNote === b.shareNote &&
    a.note.trim() === b.note.trim() &&
    tagsA.size === tagsB.size &&
    [...tagsA].every((tag) => tagsB.has(tag))
  );
}

/** The interest to restore, or null when nothing may be undone (nothing changed here, or it changed since). */
export function undoTarget(last: LastChange | null, current: InterestDetails): InterestDetails | null {
  return last && sameInterest(last.after, current) ? last.before : null;
}
