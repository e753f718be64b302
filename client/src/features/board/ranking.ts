/**
 * What the board's ranking shows: ventures in order of interest, and which of them fit on the screen
 * now. A hall's screen holds about nine rows at a readable size, so past that the top of the ranking
 * and the venture on stage stay put while the rest turn over page by page.
 */
import type { InterestCount, VentureInfo } from '../../../../shared/model';

export interface RankedVenture {
  venture: VentureInfo;
  count: InterestCount;
  /** Competition rank (1, 2, 2, 4): equal counts share a place. Null before anyone tapped it. */
  rank: number | null;
  /** Place in the sorted list, 0-based: ties are listed by name. */
  index: number;
}

const NONE: InterestCount = { total: 0, wantToMeet: 0 };

/** Most interest first; among equal totals, more "want to meet"; then by name, as the program reads. */
export function rankVentures(
  ventures: readonly VentureInfo[],
  counts: Readonly<Record<string, InterestCount>>,
): RankedVenture[] {
  const sorted = ventures
    .map((venture) => ({ venture, count: counts[venture.id] ?? NONE }))
    .sort(
      (a, b) =>
        b.count.total - a.count.total ||
        b.count.wantToMeet - a.count.wantToMeet ||
        a.venture.name.localeCompare(b.venture.name, 'ja'),
    );
  let rank = 0;
  return sorted.map((row, index) => {
    const previous = sorted[index - 1];
    const tied =
      previous && previous.count.total === row.count.total && previous.count.wantToMeet === row.count.wantToMeet;
    if (!tied) rank = index + 1;
    return { ...row, rank: row.count.total > 0 ? rank : null, index };
  });
}

export interface BoardPages {
  /** Ids always on screen: the top of the ranking and the venture on stage. */
  pinned: string[];
  /** The rest, one array of ids per page; empty when everything fits at once. */
  pages: string[][];
}

/**
 * Splits the ranking into what stays and what turns over. `capacity` is how many rows fit; one row
 * is kept for the venture on stage whenever paging, so its row never jumps off the screen mid-pitch.
 */
export function boardPages(
  ranked: readonly RankedVenture[],
  capacity: number,
  top: number,
  liveId: string | null,
): BoardPages {
  const ids = ranked.map((r) => r.venture.id);
  if (ids.length <= capacity) return { pinned: ids, pages: [] };
  const head = ids.slice(0, top);
  const live = liveId !== null && ids.includes(liveId) && !head.includes(liveId) ? [liveId] : [];
  const rest = ids.slice(top).filter((id) => id !== liveId);
  // As few pages as fit, filled evenly: 26 rows in fives are 5, 5, 4, 4, 4, 4, not 5 × 5 and a 1.
  const count = Math.ceil(rest.length / Math.max(1, capacity - top - 1));
  const pages: string[][] = [];
  for (let page = 0, start = 0; page < count; page++) {
    const end = start + Math.ceil((rest.length - start) / (count - page));
    pages.push(rest.slice(start, end));
    start = end;
  }
  return { pinned: [...head, ...live], pages };
}

/** The rows on screen for one page, in ranking order. */
export function visibleRows(ranked: readonly RankedVenture[], layout: BoardPages, page: number): RankedVenture[] {
  const shown = new Set([...layout.pinned, ...(layout.pages[page] ?? [])]);
  return ranked.filter((r) => shown.has(r.venture.id));
}
