/** The badge sheet's arithmetic: where each badge lands, and how many sheets a run takes from a start position. */
import { describe, expect, it } from 'vitest';
import { BADGE_STOCKS, badgesPerPage, badgesPerSheet, clampStart, placeBadges, sheetsFor, slotOf } from './badge-stock';

const card = BADGE_STOCKS['card-10'];

describe('the presets', () => {
  it('each fits its paper: the last badge ends inside the page', () => {
    for (const stock of Object.values(BADGE_STOCKS)) {
      const last = slotOf(stock, badgesPerPage(stock));
      expect(last.left + stock.badgeWidth).toBeLessThanOrEqual(stock.pageWidth);
      expect(last.top + stock.badgeHeight).toBeLessThanOrEqual(stock.pageHeight);
    }
  });

  it('the business-card stock is 10 a page at the maker’s margins, symmetric on A4', () => {
    expect(badgesPerPage(card)).toBe(10);
    expect(slotOf(card, 1)).toMatchObject({ left: 14, top: 11, column: 0, row: 0 });
    expect(slotOf(card, 2)).toMatchObject({ left: 105, top: 11, column: 1, row: 0 });
    const last = slotOf(card, 10);
    expect(last).toMatchObject({ left: 105, top: 231, column: 1, row: 4 });
    expect(210 - (last.left + card.badgeWidth)).toBe(14);
    expect(297 - (last.top + card.badgeHeight)).toBe(11);
  });

  it('8 a page on the label sheet and the name-holder inserts', () => {
    expect(badgesPerPage(BADGE_STOCKS['label-8'])).toBe(8);
    expect(badgesPerPage(BADGE_STOCKS['holder-90x60'])).toBe(8);
    expect(slotOf(BADGE_STOCKS['label-8'], 8)).toMatchObject({ left: 105, top: 222.75 });
    expect(slotOf(BADGE_STOCKS['holder-90x60'], 3)).toMatchObject({ left: 15, top: 88.5 });
  });
});

describe('a run of badges from a start position', () => {
  it('from position 1, 23 badges fill two sheets and 3 positions of a third', () => {
    expect(sheetsFor(card, 23)).toBe(3);
    expect(badgesPerSheet(card, 23)).toEqual([10, 10, 3]);
    const placed = placeBadges(card, 23);
    expect(placed[10]).toMatchObject({ page: 1, position: 1 });
    expect(placed[22]).toMatchObject({ page: 2, position: 3 });
  });

  it('from position 7 of a part-used sheet, the first sheet takes 4 and the next ones fill from 1', () => {
    expect(badgesPerSheet(card, 12, 7)).toEqual([4, 8]);
    expect(sheetsFor(card, 12, 7)).toBe(2);
    const placed = placeBadges(card, 12, 7);
    expect(placed.map((b) => [b.page, b.position])).toEqual([
      [0, 7],
      [0, 8],
      [0, 9],
      [0, 10],
      ...Array.from({ length: 8 }, (_, i) => [1, i + 1]),
    ]);
    // Position 7 is the left badge of the fourth row.
    expect(placed[0]).toMatchObject({ left: 14, top: 11 + 3 * 55 });
  });

  it('exactly the free positions of a part-used sheet take one sheet', () => {
    expect(sheetsFor(card, 4, 7)).toBe(1);
    expect(sheetsFor(card, 5, 7)).toBe(2);
    expect(badgesPerSheet(card, 1, 10)).toEqual([1]);
  });

  it('no badge takes no sheet', () => {
    expect(sheetsFor(card, 0, 7)).toBe(0);
    expect(badgesPerSheet(card, 0)).toEqual([]);
    expect(placeBadges(card, 0)).toEqual([]);
  });

  it('a start the stock does not have counts from position 1', () => {
    expect(clampStart(card, 11)).toBe(1);
    expect(clampStart(card, 0)).toBe(1);
    expect(clampStart(card, 2.5)).toBe(1);
    expect(clampStart(BADGE_STOCKS['label-8'], 9)).toBe(1);
    expect(clampStart(BADGE_STOCKS['label-8'], 8)).toBe(8);
    expect(sheetsFor(card, 10, 11)).toBe(1);
  });
});
