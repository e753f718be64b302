/**
 * The printable badge sheet: one A4 page per sheet of label stock, each badge placed at its stock's
 * exact position (shared/badge-stock.ts: the maker's margins, a start position for a part-used
 * sheet), with name, reading, company, a colour band for the kind, and the QR of the person's
 * sign-in link. Pure HTML and print CSS (`@page` margin 0, every badge absolutely placed in
 * millimetres), so what the toolbar counts is what the printer prints. 「印刷しました」 marks the
 * badges of this sheet printed (wired by /print.js), so the next sheet can print only new ones.
 */
import {
  badgesPerPage,
  placeBadges,
  sheetsFor,
  type BadgeStock,
  type BadgeStockId,
  type PlacedBadge,
} from '../../shared/badge-stock.js';
import type { OrgKind } from '../../shared/model.js';
import { escapeHtml as escape } from './pages.js';
import { PRINT_SCRIPT_TAG } from './print-script.js';

export interface Badge {
  personId: string;
  /** The badge's version for the 「印刷しました」 mark (store/badge-prints.ts). */
  version: string;
  name: string;
  kana: string;
  company: string;
  kind: OrgKind;
  qrSvg: string;
}

export interface SheetOptions {
  stock: BadgeStock;
  /** The first position used on the first sheet (1-based). */
  start: number;
  cutLines: boolean;
  /** Whether the viewer may mark the sheet printed (organizers; not a reception station). */
  markable: boolean;
}

const KIND: Record<OrgKind, { ja: string; en: string; colour: string }> = {
  firm: { ja: '地元企業', en: 'Local firm', colour: '#0b7a53' },
  venture: { ja: 'ベンチャー', en: 'Venture', colour: '#c2410c' },
  partner: { ja: 'パートナー', en: 'Partner', colour: '#0b5cad' },
};

/** The stock's name on the toolbar (the People page says the same from messages.ts). */
const STOCK_NAME: Record<BadgeStockId, { ja: string; en: string }> = {
  'card-10': { ja: '名刺用紙 A4 10面（91×55mm）', en: 'A4 business-card stock, 10 a page (91×55 mm)' },
  'label-8': { ja: 'ラベル用紙 A4 8面（105×74.25mm）', en: 'A4 label sheet, 8 a page (105×74.25 mm)' },
  'holder-90x60': { ja: '名札ケース用 A4 8面（90×60mm）', en: 'Name-holder inserts, 8 a page (90×60 mm)' },
  'plain-a4': { ja: '普通紙 A4 10面（91×55mm・切り取り線）', en: 'Plain A4, 10 a page (91×55 mm, cut lines)' },
};

/**
 * Said above the sheet (never printed) when the QR codes would point at an address phones cannot
 * open: a whole print run of badges that sign no one in is the costliest mistake of the day.
 */
function unreachableWarning(origin: string): string {
  return `<div class="warning" role="alert">
  <strong>この名札のQRコードはスマートフォンで開けません。</strong>公開アドレスが ${escape(origin)} のため、会場のスマートフォンからは届きません。サーバーを PUBLIC_URL=http://(会場でのこのPCのアドレス):3000 などで起動し直してから印刷してください。
  <p lang="en"><strong>Phones cannot open these badges' QR codes:</strong> they point at ${escape(origin)}, which only this computer reaches. Restart the server with PUBLIC_URL set to the address phones use (e.g. PUBLIC_URL=http://192.168.10.5:3000 or your https:// address), then print.</p>
</div>`;
}

/** Stock cut edge to edge has no margin a printer can reach: the badge keeps its text inside this. */
function insetOf(stock: BadgeStock): number {
  return stock.marginTop === 0 || stock.marginLeft === 0 ? 4 : 0;
}

function badgeHtml(b: Badge, at: PlacedBadge, stock: BadgeStock, eventName: string): string {
  const box = `left:${at.left}mm;top:${at.top}mm;width:${stock.badgeWidth}mm;height:${stock.badgeHeight}mm`;
  return `<article class="badge" data-person="${escape(b.personId)}" data-version="${escape(b.version)}" style="${box};--kind:${KIND[b.kind].colour}">
  <div class="band">${KIND[b.kind].ja} <span lang="en">${KIND[b.kind].en}</span></div>
  <div class="body">
    <div class="who">
      <p class="kana">${escape(b.kana)}</p>
      <p class="name">${escape(b.name)}</p>
      <p class="company">${escape(b.company)}</p>
      <p class="event">${escape(eventName)}</p>
    </div>
    <div class="qr">${b.qrSvg}</div>
  </div>
</article>`;
}

function pagesHtml(eventName: string, badges: Badge[], options: SheetOptions): string {
  const { stock } = options;
  const placed = placeBadges(stock, badges.length, options.start);
  const pages = Array.from({ length: sheetsFor(stock, badges.length, options.start) }, (_, page) =>
    placed
      .filter((at) => at.page === page)
      .map((at) => badgeHtml(badges[at.index]!, at, stock, eventName))
      .join('\n'),
  );
  return pages
    .map(
      (cards, i) => `<section class="page" aria-label="${i + 1} / ${pages.length}">
${cards}
</section>`,
    )
    .join('\n');
}

/** What the toolbar says: how many badges on how many sheets of which stock, from which position. */
function summary(badges: number, options: SheetOptions): string {
  const { stock, start } = options;
  const sheets = sheetsFor(stock, badges, start);
  const name = STOCK_NAME[stock.id];
  const from = start > 1 ? ` · ${start} 枚目から<span lang="en"> / from position ${start}</span>` : '';
  return `<span class="count">${badges} 枚・${sheets} ページ<span lang="en"> / ${badges} badges on ${sheets} sheets</span></span>
  <span>${name.ja}<span lang="en"> / ${name.en}</span> · ${badgesPerPage(stock)} 枚/ページ<span lang="en"> / a page</span>${from}</span>`;
}

/** 「印刷しました」, and what it says after (shown by /print.js from the server's answer). */
function markControls(): string {
  return `<button type="button" class="mark" data-mark-printed>印刷しました<span lang="en"> / Mark as printed</span></button>
  <span class="marked" data-marked hidden><span data-marked-count></span> 枚を印刷済みにしました<span lang="en"> / marked printed</span></span>
  <span class="marked" data-marked-stale hidden>（<span data-stale-count></span> 枚はその後再発行されたため印刷済みにしていません<span lang="en"> / reissued since, not marked</span>）</span>
  <span class="mark-failed" data-mark-failed hidden role="alert">印刷済みにできませんでした。もう一度押してください<span lang="en"> / Could not mark them printed. Press again.</span></span>`;
}

export function badgeSheetPage(
  eventName: string,
  badges: Badge[],
  address: { origin: string; local: boolean },
  options: SheetOptions,
): string {
  const { stock } = options;
  const inset = insetOf(stock);
  // The text and QR grow with the badge from the 91×55 mm design, by the tighter of the two sides.
  const scale = Math.min(stock.badgeWidth / 91, stock.badgeHeight / 55).toFixed(3);
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>名札 / Badges — ${escape(eventName)}</title>
${PRINT_SCRIPT_TAG}
<style>
  @page { size: ${stock.pageWidth}mm ${stock.pageHeight}mm; margin: 0; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; color: #111; }
  .toolbar { padding: 12px; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; font-size: 14px; }
  .toolbar button { padding: 6px 16px; font: inherit; font-weight: 700; }
  .toolbar .hint { flex-basis: 100%; color: #555; font-size: 13px; }
  .toolbar .count { font-weight: 700; }
  .mark-failed { color: #b42318; }
  .page { position: relative; width: ${stock.pageWidth}mm; height: ${stock.pageHeight}mm; overflow: hidden; break-after: page; }
  .page:last-child { break-after: auto; }
  .badge { position: absolute; display: flex; flex-direction: column; overflow: hidden; padding: ${inset}mm; --scale: ${scale}; }
  .cut .badge { outline: 0.2mm dashed #888; outline-offset: -0.1mm; }
  .band { background: var(--kind); color: #fff; font-size: calc(9pt * var(--scale)); font-weight: 700; padding: 1.2mm 3mm; }
  .band span { font-weight: 400; opacity: .9; margin-left: 2mm; }
  .body { flex: 1; display: flex; align-items: center; gap: 2mm; padding: 2mm 3mm; min-height: 0; }
  .who { flex: 1; min-width: 0; }
  .who p { margin: 0; overflow-wrap: anywhere; }
  .kana { font-size: calc(8pt * var(--scale)); color: #555; }
  .name { font-size: calc(18pt * var(--scale)); font-weight: 700; line-height: 1.2; }
  .company { font-size: calc(10pt * var(--scale)); margin-top: 1mm !important; }
  .event { font-size: calc(7pt * var(--scale)); color: #666; margin-top: 2mm !important; }
  .qr { width: calc(32mm * var(--scale)); height: calc(32mm * var(--scale)); flex: none; }
  .qr svg { width: 100%; height: 100%; display: block; }
  .warning { margin: 12px; padding: 12px 16px; border: 2px solid #b42318; background: #fef3f2; color: #7a271a; font-size: 14px; line-height: 1.6; }
  .warning p { margin: 6px 0 0; }
  @media screen {
    body { background: #eee; }
    .page { background: #fff; margin: 0 auto 12px; box-shadow: 0 1px 4px rgba(0, 0, 0, .25); }
    .badge { outline: 1px dotted #bbb; }
  }
  @media print { .toolbar, .warning { display: none; } }
</style>
</head>
<body>
${address.local ? unreachableWarning(address.origin) : ''}
<div class="toolbar">
  <button type="button" class="print" data-print>印刷<span lang="en"> / Print</span></button>
  ${options.markable && badges.length > 0 ? markControls() : ''}
  ${summary(badges.length, options)}
  <p class="hint">印刷の設定は「実際のサイズ（100%）」、余白「なし」にしてください。<span lang="en">Print at actual size (100%) with margins set to none, so the badges meet the stock.</span></p>
</div>
<main class="sheets${options.cutLines ? ' cut' : ''}">
${pagesHtml(eventName, badges, options)}
</main>
</body>
</html>`;
}
