/**
 * The printable badge sheet: A4 portrait, eight 91×55 mm badges a page (the common name-card
 * size, two columns), each with name, reading, company, a colour band for the kind, and the QR of
 * the person's sign-in link. Pure HTML and print CSS: open it and print, no app needed.
 */
import type { OrgKind } from '../../shared/model.js';
import { escapeHtml as escape } from './pages.js';
import { PRINT_SCRIPT_TAG } from './print-script.js';

export interface Badge {
  name: string;
  kana: string;
  company: string;
  kind: OrgKind;
  qrSvg: string;
}

const KIND: Record<OrgKind, { ja: string; en: string; colour: string }> = {
  firm: { ja: '地元企業', en: 'Local firm', colour: '#0b7a53' },
  venture: { ja: 'ベンチャー', en: 'Venture', colour: '#c2410c' },
  partner: { ja: 'パートナー', en: 'Partner', colour: '#0b5cad' },
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

export function badgeSheetPage(
  eventName: string,
  badges: Badge[],
  address: { origin: string; local: boolean },
): string {
  const cards = badges
    .map(
      (b) => `<article class="badge" style="--kind:${KIND[b.kind].colour}">
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
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<title>名札 / Badges — ${escape(eventName)}</title>
${PRINT_SCRIPT_TAG}
<style>
  @page { size: A4 portrait; margin: 10mm 14mm; }
  * { box-sizing: border-box; }
  body { margin: 0; font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif; color: #111; }
  .toolbar { padding: 12px; display: flex; gap: 12px; align-items: center; font-size: 14px; }
  .toolbar .print { padding: 6px 16px; font: inherit; font-weight: 700; }
  .sheet { display: grid; grid-template-columns: repeat(2, 91mm); gap: 0 0; justify-content: center; }
  .badge { width: 91mm; height: 55mm; border: 0.3mm dashed #bbb; display: flex; flex-direction: column; break-inside: avoid; overflow: hidden; }
  .band { background: var(--kind); color: #fff; font-size: 9pt; font-weight: 700; padding: 1.2mm 3mm; }
  .band span { font-weight: 400; opacity: .9; margin-left: 2mm; }
  .body { flex: 1; display: flex; align-items: center; gap: 2mm; padding: 2mm 3mm; min-height: 0; }
  .who { flex: 1; min-width: 0; }
  .who p { margin: 0; overflow-wrap: anywhere; }
  .kana { font-size: 8pt; color: #555; }
  .name { font-size: 18pt; font-weight: 700; line-height: 1.2; }
  .company { font-size: 10pt; margin-top: 1mm !important; }
  .event { font-size: 7pt; color: #666; margin-top: 2mm !important; }
  .qr { width: 32mm; height: 32mm; flex: none; }
  .qr svg { width: 100%; height: 100%; display: block; }
  .warning { margin: 12px; padding: 12px 16px; border: 2px solid #b42318; background: #fef3f2; color: #7a271a; font-size: 14px; line-height: 1.6; }
  .warning p { margin: 6px 0 0; }
  @media print { .toolbar, .warning { display: none; } }
</style>
</head>
<body>
${address.local ? unreachableWarning(address.origin) : ''}
<div class="toolbar">
  <button type="button" class="print" data-print>印刷<span lang="en"> / Print</span></button>
  <span>${badges.length} 枚<span lang="en"> / badges</span> · A4 · 8 枚/ページ</span>
</div>
<main class="sheet">
${cards}
</main>
</body>
</html>`;
}
