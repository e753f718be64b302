import { describe, expect, it } from 'vitest';
import type { VentureInfo } from '../../../../shared/model';
import { boardPages, rankVentures, visibleRows } from './ranking';

const venture = (id: string, name = id): VentureInfo => ({ id, name, nameKana: '', summary: '', tags: [] });

describe('rankVentures', () => {
  it('orders by interest, then want-to-meet, then name, and gives equal counts the same place', () => {
    const ventures = ['c', 'a', 'b', 'd', 'e'].map((id) => venture(id));
    const ranked = rankVentures(ventures, {
      a: { total: 3, wantToMeet: 0 },
      b: { total: 3, wantToMeet: 2 },
      c: { total: 3, wantToMeet: 0 },
      d: { total: 1, wantToMeet: 1 },
    });
    expect(ranked.map((r) => [r.venture.id, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
      ['e', null],
    ]);
    expect(ranked.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('boardPages', () => {
  const ranked = rankVentures(
    Array.from({ length: 30 }, (_, i) => venture(`v${String(i).padStart(2, '0')}`)),
    Object.fromEntries(
      Array.from({ length: 30 }, (_, i) => [`v${String(i).padStart(2, '0')}`, { total: 30 - i, wantToMeet: 0 }]),
    ),
  );

  it('shows everything at once when it fits', () => {
    expect(boardPages(ranked.slice(0, 9), 9, 3, 'v05')).toEqual({
      pinned: ranked.slice(0, 9).map((r) => r.venture.id),
      pages: [],
    });
  });

  it('keeps the top and the venture on stage, and pages through every other venture once', () => {
    const layout = boardPages(ranked, 9, 3, 'v20');
    expect(layout.pinned).toEqual(['v00', 'v01', 'v02', 'v20']);
    expect(layout.pages.every((p) => p.length <= 5)).toBe(true);
    const paged = layout.pages.flat();
    expect(paged).toHaveLength(26);
    expect(new Set([...layout.pinned, ...paged]).size).toBe(30);
    for (let page = 0; page < layout.pages.length; page++) {
      const rows = visibleRows(ranked, layout, page);
      expect(rows.length).toBeLessThanOrEqual(9);
      // Always in ranking order, the live row among them.
      expect(rows.map((r) => r.index)).toEqual([...rows.map((r) => r.index)].sort((a, b) => a - b));
      expect(rows.some((r) => r.venture.id === 'v20')).toBe(true);
    }
  });

  it('reserves the live row even between pitches, so pages do not reshuffle when one starts', () => {
    expect(boardPages(ranked, 9, 3, null).pages.map((p) => p.length)).toEqual([5, 5, 5, 4, 4, 4]);
    expect(boardPages(ranked, 9, 3, 'v20').pages.map((p) => p.length)).toEqual([5, 5, 4, 4, 4, 4]);
    expect(boardPages(ranked, 9, 3, 'v01').pinned).toEqual(['v00', 'v01', 'v02']);
  });
});
