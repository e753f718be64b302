/**
 * The label stock badges are printed on, and where each badge lands on it: named presets for the
 * sheets Japanese offices buy, and the arithmetic (which page and which position a badge takes when
 * a part-used sheet starts at position S). The server lays out the printed sheet with it and the
 * People page counts sheets with it, so the count a page says is the count it prints.
 *
 * Positions are numbered as the makers number them: across a row from the top left, 1-based.
 * All lengths in millimetres, measured from the top left corner of the paper.
 */

export interface BadgeStock {
  /** The preset's name in the address (`?stock=`) and in the People page's choice. */
  id: BadgeStockId;
  /** Paper size (portrait). */
  pageWidth: number;
  pageHeight: number;
  columns: number;
  rows: number;
  /** One badge. */
  badgeWidth: number;
  badgeHeight: number;
  /** From the paper's edge to the first badge's edge. */
  marginTop: number;
  marginLeft: number;
  /** Between two badges side by side, and between two rows. */
  columnGap: number;
  rowGap: number;
  /** Plain paper is cut by hand: its cut lines print unless asked not to; pre-cut stock has none. */
  cutLinesByDefault: boolean;
}

export const BADGE_STOCK_IDS = ['card-10', 'label-8', 'holder-90x60', 'plain-a4'] as const;
export type BadgeStockId = (typeof BADGE_STOCK_IDS)[number];

const A4 = { pageWidth: 210, pageHeight: 297 } as const;

export const BADGE_STOCKS: Record<BadgeStockId, BadgeStock> = {
  /**
   * A4 business-card stock, 10 a page (2 × 5 of 91 × 55 mm), micro-perforated: the A-One マルチカード
   * A4 10面 layout (e.g. 51002, 72110, 51677). The maker's template places the cards edge to edge,
   * 14 mm from the left and right edges and 11 mm from the top and bottom ((210 − 2·91)/2 = 14,
   * (297 − 5·55)/2 = 11). Source: the product pages https://www.a-one.co.jp/product/search/detail.php?id=72110
   * and id=51677, as quoted in public print tools that target them ("余白 左右14mm 上下11mm").
   */
  'card-10': {
    id: 'card-10',
    ...A4,
    columns: 2,
    rows: 5,
    badgeWidth: 91,
    badgeHeight: 55,
    marginTop: 11,
    marginLeft: 14,
    columnGap: 0,
    rowGap: 0,
    cutLinesByDefault: false,
  },
  /**
   * A4 label sheets, 8 a page: the paper divided into 2 × 4 labels of 105 × 74.25 mm with no margin
   * (the "A4 8面 ノーカット" class of label sheets; a badge keeps its text 4 mm inside its edges, as
   * most printers cannot print to the paper's edge).
   */
  'label-8': {
    id: 'label-8',
    ...A4,
    columns: 2,
    rows: 4,
    badgeWidth: 105,
    badgeHeight: 74.25,
    marginTop: 0,
    marginLeft: 0,
    columnGap: 0,
    rowGap: 0,
    cutLinesByDefault: false,
  },
  /**
   * Inserts for the clear name holders (名札ケース) handed out at events, 90 × 60 mm, 2 × 4 a page on
   * plain A4, centred ((210 − 180)/2 = 15, (297 − 240)/2 = 28.5), cut by hand along the cut lines.
   */
  'holder-90x60': {
    id: 'holder-90x60',
    ...A4,
    columns: 2,
    rows: 4,
    badgeWidth: 90,
    badgeHeight: 60,
    marginTop: 28.5,
    marginLeft: 15,
    columnGap: 0,
    rowGap: 0,
    cutLinesByDefault: true,
  },
  /**
   * Plain A4 at the business-card size, 10 a page as on the card stock, with cut lines: for a
   * cutter or scissors when no card stock is at hand; the cut badges fit a business-card holder.
   */
  'plain-a4': {
    id: 'plain-a4',
    ...A4,
    columns: 2,
    rows: 5,
    badgeWidth: 91,
    badgeHeight: 55,
    marginTop: 11,
    marginLeft: 14,
    columnGap: 0,
    rowGap: 0,
    cutLinesByDefault: true,
  },
};

/** The stock the sheet prints on when none is named: the business-card stock most offices have. */
export const DEFAULT_BADGE_STOCK: BadgeStockId = 'card-10';

export function isBadgeStockId(value: unknown): value is BadgeStockId {
  return typeof value === 'string' && (BADGE_STOCK_IDS as readonly string[]).includes(value);
}

export function badgesPerPage(stock: BadgeStock): number {
  return stock.columns * stock.rows;
}

/** Where a position (1-based, across each row from the top left) lies on the paper. */
export interface BadgeSlot {
  position: number;
  column: number;
  row: number;
  /** The badge's top left corner, from the paper's top left corner. */
  left: number;
  top: number;
}

export function slotOf(stock: BadgeStock, position: number): BadgeSlot {
  const index = position - 1;
  const column = index % stock.columns;
  const row = Math.floor(index / stock.columns);
  return {
    position,
    column,
    row,
    left: stock.marginLeft + column * (stock.badgeWidth + stock.columnGap),
    top: stock.marginTop + row * (stock.badgeHeight + stock.rowGap),
  };
}

/** A start position the stock has (1 … badges a page), or the first one when it has not. */
export function clampStart(stock: BadgeStock, start: number): number {
  return Number.isInteger(start) && start >= 1 && start <= badgesPerPage(stock) ? start : 1;
}

/** Badge `index` (0-based, in print order) of a run that begins at position `start` of the first sheet. */
export interface PlacedBadge extends BadgeSlot {
  index: number;
  /** 0-based sheet. */
  page: number;
}

/**
 * Every badge's sheet and position: the first sheet's positions before `start` stay empty (they were
 * used before), and each later sheet fills from position 1.
 */
export function placeBadges(stock: BadgeStock, count: number, start = 1): PlacedBadge[] {
  const perPage = badgesPerPage(stock);
  const skipped = clampStart(stock, start) - 1;
  return Array.from({ length: count }, (_, index) => {
    const at = skipped + index;
    return { ...slotOf(stock, (at % perPage) + 1), index, page: Math.floor(at / perPage) };
  });
}

/** How many sheets `count` badges take from position `start` on; none for no badge. */
export function sheetsFor(stock: BadgeStock, count: number, start = 1): number {
  if (count <= 0) return 0;
  return Math.ceil((clampStart(stock, start) - 1 + count) / badgesPerPage(stock));
}

/** How many badges each sheet carries, in order (the first one fewer when it starts part-used). */
export function badgesPerSheet(stock: BadgeStock, count: number, start = 1): number[] {
  const perPage = badgesPerPage(stock);
  let left = count;
  let free = perPage - (clampStart(stock, start) - 1);
  const sheets: number[] = [];
  while (left > 0) {
    const here = Math.min(left, free);
    sheets.push(here);
    left -= here;
    free = perPage;
  }
  return sheets;
}

/** Which badges a sheet prints: everyone, the ones not yet marked printed, one kind, or chosen people. */
export const BADGE_SUBSETS = ['all', 'new', 'firm', 'venture', 'partner', 'selected'] as const;
export type BadgeSubset = (typeof BADGE_SUBSETS)[number];
