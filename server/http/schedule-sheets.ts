/**
 * Printed schedules from the meeting grid (issue 19 item 3), one A4 page each, Japanese with English
 * beside: a table card for every table of the grid (the table's name, then each meeting in time
 * order: the time, the pair and their people), and a schedule for every organization or person with
 * meetings (time, table, the other side and its people), with the venue and the organizer's floor
 * note. Pure HTML and print CSS like the badge sheet and the report: each page is one `section`
 * that breaks after itself and is sized to fit one A4 sheet, so the toolbar's count is the count the
 * printer prints (e2e/printed-schedules.spec.ts checks it in the PDF). A page clips what does not
 * fit, so a long list is split here, on the server, into as many pages as its rows need (estimated
 * from each row's height on paper, with room to spare), the next ones headed 「続き / continued」.
 */
import type { MeetingInfo, OrgKind } from '../../shared/model.js';
import { awaitsConfirmation } from '../domain/meeting-rules.js';
import { escapeHtml as esc } from './pages.js';
import { PRINT_SCRIPT_TAG } from './print-script.js';

export type ScheduleBy = 'table' | 'org' | 'person';

export interface ScheduleOrg {
  id: string;
  kind: OrgKind;
  name: string;
  /** Its people's names, as the badges say them. */
  people: string[];
}

export interface SchedulePerson {
  id: string;
  name: string;
  orgId: string;
}

export interface ScheduleInput {
  by: ScheduleBy;
  event: { name: string; venue: string; date: string; timeZone: string };
  /** The grid's tables, in its order. */
  tables: readonly string[];
  orgs: readonly ScheduleOrg[];
  people: readonly SchedulePerson[];
  meetings: readonly MeetingInfo[];
  /** One table's name, organization's or person's id; absent: all of them. */
  only?: string | undefined;
  /** The organizer's note on where the tables are (floor, room), printed on each schedule. */
  note: string;
  generatedAt: string;
}

const KIND: Record<OrgKind, string> = {
  firm: '地元企業 / Local firm',
  venture: 'ベンチャー / Venture',
  partner: 'パートナー / Partner',
};

/** "15:00–15:20" in the event's zone. */
function timeRange(m: Pick<MeetingInfo, 'slotStart' | 'slotEnd'>, timeZone: string): string {
  const f = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone });
  return `${f.format(m.slotStart)}–${f.format(m.slotEnd)}`;
}

/** The meetings a schedule lists: not cancelled, in time order (a proposal is marked as such). */
function listed(meetings: readonly MeetingInfo[]): MeetingInfo[] {
  return meetings
    .filter((m) => m.status !== 'cancelled')
    .sort((a, b) => a.slotStart - b.slotStart || a.table.localeCompare(b.table));
}

export interface SchedulePage {
  /** What the page is of: a table's name, an organization's or person's id (the same on its continued pages). */
  key: string;
  html: string;
}

/*
 * Millimetres on the A4 sheet, from the print CSS below: 296 mm less 28 mm of padding, less a
 * margin for fonts that set taller than estimated. Line heights are the CJK fonts' "normal" (about
 * 1.45 × the size); a cell wraps at about 20 full-width characters (a half-width one counts half).
 */
const PAGE_MM = 296 - 28 - 12;
const LINE_MM = { name: 5.6, dense: 4.9, people: 4.6, head: 7.1 } as const;
const CELL_PAD_MM = { normal: 4.8, dense: 2.2 } as const;
const CELL_CHARS = 20;
const NOTE_CHARS = 40;
/**
 * The headings above the list: the event line and the table's big name, or a schedule's name (two
 * lines, for a long one), kind and heading; the venue box is counted by its lines. Continued pages
 * carry the event line and the name only.
 */
const TABLE_HEAD_MM = 9.1 + 29.3;
const TABLE_CONTINUED_HEAD_MM = 9.1 + 23.1;
const SCHEDULE_CONTINUED_HEAD_MM = 9.1 + 2 * 13.3;
const SCHEDULE_HEAD_MM = 9.1 + 2 * 13.3 + 5.6 + 14.7;

/** More than this many rows: the smaller type (one list of 14 or fewer keeps the larger). */
const DENSE_AFTER = 14;

/** How many lines a cell's text takes, a full-width character counting one and a half-width one half. */
function linesOf(text: string, perLine: number): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return Math.max(1, Math.ceil(width / perLine));
}

/** A row's height: its padding, the name's lines and its people's lines, in the taller of its two name cells. */
function rowMm(cells: readonly { name: string; people: string }[], dense: boolean): number {
  const tallest = Math.max(
    ...cells.map(
      (c) =>
        linesOf(c.name, CELL_CHARS) * (dense ? LINE_MM.dense : LINE_MM.name) +
        (c.people ? linesOf(c.people, CELL_CHARS) * LINE_MM.people : 0),
    ),
  );
  return (dense ? CELL_PAD_MM.dense : CELL_PAD_MM.normal) + tallest;
}

/**
 * The rows split into pages: as many as fit below the first page's headings, then below a
 * continued page's; every row on exactly one page, in order, and at least one row per page.
 */
export function splitRows<T>(rows: readonly T[], heights: readonly number[], firstMm: number, nextMm: number): T[][] {
  const pages: T[][] = [];
  let current: T[] = [];
  let room = firstMm;
  rows.forEach((row, i) => {
    const height = heights[i]!;
    if (current.length > 0 && height > room) {
      pages.push(current);
      current = [];
      room = nextMm;
    }
    current.push(row);
    room -= height;
  });
  pages.push(current);
  return pages;
}

const CONTINUED = '<span class="continued">続き / continued</span>';

function peopleText(org: ScheduleOrg | undefined): string {
  return org?.people.join('、') ?? '';
}

function who(org: ScheduleOrg | undefined, name: string): string {
  const people = org?.people.length ? `<span class="people">${esc(org.people.join('、'))}</span>` : '';
  return `<strong>${esc(name)}</strong>${people}`;
}

function proposalMark(m: MeetingInfo): string {
  return awaitsConfirmation(m) ? ' <span class="mark">提案中 / proposed</span>' : '';
}

/** A table's card: one page, or as many as its meetings need, each with the table's name. */
function tablePages(input: ScheduleInput, table: string, orgById: Map<string, ScheduleOrg>): SchedulePage[] {
  const rows = listed(input.meetings.filter((m) => m.table === table));
  const dense = rows.length > DENSE_AFTER;
  const heights = rows.map((m) =>
    rowMm(
      [
        {
          name: m.ventureOrgName + (awaitsConfirmation(m) ? ' 提案中 / proposed' : ''),
          people: peopleText(orgById.get(m.ventureOrgId)),
        },
        { name: m.guestOrgName, people: peopleText(orgById.get(m.guestOrgId)) },
      ],
      dense,
    ),
  );
  const parts = splitRows(
    rows,
    heights,
    PAGE_MM - TABLE_HEAD_MM - LINE_MM.head,
    PAGE_MM - TABLE_CONTINUED_HEAD_MM - LINE_MM.head,
  );
  const list = (part: MeetingInfo[]) =>
    part.length
      ? `<table class="list${dense ? ' list--dense' : ''}">
<thead><tr><th>時間 / Time</th><th>ベンチャー / Venture</th><th>企業 / Firm or partner</th></tr></thead>
<tbody>
${part
  .map(
    (m) =>
      `<tr data-meeting="${esc(m.id)}"><td class="time">${timeRange(m, input.event.timeZone)}</td><td>${who(orgById.get(m.ventureOrgId), m.ventureOrgName)}${proposalMark(m)}</td><td>${who(orgById.get(m.guestOrgId), m.guestOrgName)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
      : '<p class="none">このテーブルの面談はありません / No meetings at this table</p>';
  return parts.map((part, index) => ({
    key: table,
    html: `<section class="page" data-page="table" data-key="${esc(table)}" data-part="${index + 1}">
<p class="event">${esc(input.event.name)} — ${esc(input.event.date)}${input.event.venue ? ` — ${esc(input.event.venue)}` : ''}</p>
<h1 class="table-name${index > 0 ? ' table-name--continued' : ''}"><span class="label">テーブル / Table</span> ${esc(table)}${index > 0 ? ` ${CONTINUED}` : ''}</h1>
${list(part)}
</section>`,
  }));
}

/** An organization's or person's schedule: one page, or as many as its meetings need, each with its name. */
function orgSchedule(
  input: ScheduleInput,
  key: string,
  heading: string,
  org: ScheduleOrg,
  orgById: Map<string, ScheduleOrg>,
): SchedulePage[] {
  const rows = listed(input.meetings.filter((m) => m.guestOrgId === org.id || m.ventureOrgId === org.id));
  const dense = rows.length > DENSE_AFTER;
  const other = (m: MeetingInfo) =>
    m.guestOrgId === org.id
      ? { id: m.ventureOrgId, name: m.ventureOrgName }
      : { id: m.guestOrgId, name: m.guestOrgName };
  const heights = rows.map((m) =>
    rowMm(
      [
        {
          name: other(m).name + (awaitsConfirmation(m) ? ' 提案中 / proposed' : ''),
          people: peopleText(orgById.get(other(m).id)),
        },
      ],
      dense,
    ),
  );
  const noteLines = [input.event.venue, input.note].filter(Boolean);
  const noteMm = noteLines.length
    ? 9.4 + LINE_MM.name * (1 + noteLines.reduce((n, line) => n + linesOf(line, NOTE_CHARS), 0))
    : 0;
  const parts = splitRows(
    rows,
    heights,
    PAGE_MM - SCHEDULE_HEAD_MM - noteMm - LINE_MM.head,
    PAGE_MM - SCHEDULE_CONTINUED_HEAD_MM - LINE_MM.head,
  );
  const note = noteLines.map(esc).join('<br>');
  const list = (part: MeetingInfo[]) => `<table class="list${dense ? ' list--dense' : ''}">
<thead><tr><th>時間 / Time</th><th>テーブル / Table</th><th>相手 / With</th></tr></thead>
<tbody>
${part
  .map((m) => {
    const { id, name } = other(m);
    return `<tr data-meeting="${esc(m.id)}"><td class="time">${timeRange(m, input.event.timeZone)}</td><td class="table-cell">${esc(m.table)}</td><td>${who(orgById.get(id), name)}${proposalMark(m)}</td></tr>`;
  })
  .join('\n')}
</tbody></table>`;
  return parts.map((part, index) => ({
    key,
    html:
      index === 0
        ? `<section class="page" data-page="schedule" data-key="${esc(key)}" data-part="1">
<p class="event">${esc(input.event.name)} — ${esc(input.event.date)}</p>
<h1>${heading}</h1>
<p class="kind">${esc(KIND[org.kind])}</p>
${note ? `<p class="note"><span class="label">会場 / Venue</span><br>${note}</p>` : ''}
<h2>面談の予定 / Your meetings</h2>
${list(part)}
</section>`
        : `<section class="page" data-page="schedule" data-key="${esc(key)}" data-part="${index + 1}">
<p class="event">${esc(input.event.name)} — ${esc(input.event.date)}</p>
<h1>${heading} ${CONTINUED}</h1>
${list(part)}
</section>`,
  }));
}

/** The pages of one batch: every table, or every organization or person with meetings, or the one asked for. */
export function schedulePages(input: ScheduleInput): SchedulePage[] {
  const orgById = new Map(input.orgs.map((o) => [o.id, o]));
  const active = listed(input.meetings);
  const meets = (orgId: string) => active.some((m) => m.guestOrgId === orgId || m.ventureOrgId === orgId);
  if (input.by === 'table') {
    const tables = input.only !== undefined ? input.tables.filter((t) => t === input.only) : input.tables;
    return tables.flatMap((t) => tablePages(input, t, orgById));
  }
  if (input.by === 'org') {
    const orgs =
      input.only !== undefined ? input.orgs.filter((o) => o.id === input.only) : input.orgs.filter((o) => meets(o.id));
    return orgs.flatMap((o) => orgSchedule(input, o.id, `<strong>${esc(o.name)}</strong>`, o, orgById));
  }
  const people =
    input.only !== undefined
      ? input.people.filter((p) => p.id === input.only)
      : input.people.filter((p) => meets(p.orgId));
  return people.flatMap((p) => {
    const org = orgById.get(p.orgId);
    return org
      ? orgSchedule(
          input,
          p.id,
          `<strong>${esc(p.name)}</strong> <span class="of">${esc(org.name)}</span>`,
          org,
          orgById,
        )
      : [];
  });
}

const TITLE: Record<ScheduleBy, string> = {
  table: 'テーブル表 / Table cards',
  org: '企業別の面談予定 / Schedules by organization',
  person: '個人別の面談予定 / Schedules by person',
};

export function scheduleSheet(input: ScheduleInput): string {
  const pages = schedulePages(input);
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(TITLE[input.by])} — ${esc(input.event.name)}</title>
${PRINT_SCRIPT_TAG}
<style>
  @page { size: A4 portrait; margin: 0; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Sans", system-ui, sans-serif; color: #1d2433; margin: 0; font-size: 11pt; background: #e5e8ee; }
  .toolbar { position: sticky; top: 0; display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid #c9cfdb; }
  .toolbar button { padding: .45rem 1rem; font: inherit; }
  /* One A4 sheet per page, whatever it holds: 297 mm tall less a hair, so no page spills onto a second. */
  .page { width: 210mm; height: 296mm; overflow: hidden; padding: 16mm 16mm 12mm; margin: 0 auto 8mm; background: #fff; break-after: page; page-break-after: always; }
  .page:last-child { break-after: auto; page-break-after: auto; }
  .event { margin: 0 0 4mm; color: #4a5468; font-size: 10pt; }
  h1 { font-size: 22pt; margin: 0 0 2mm; }
  h1.table-name { font-size: 40pt; border-bottom: 3px solid #0b5cad; padding-bottom: 2mm; margin-bottom: 6mm; }
  h1 .label, .note .label { font-size: 11pt; color: #4a5468; font-weight: 400; }
  h1 .of { font-size: 13pt; font-weight: 400; color: #4a5468; margin-left: 3mm; }
  h2 { font-size: 13pt; color: #0b5cad; margin: 6mm 0 2mm; }
  .kind { margin: 0; color: #4a5468; }
  .note { border: 1px solid #c9cfdb; border-radius: 2mm; padding: 2.5mm 4mm; margin: 4mm 0 0; }
  table.list { width: 100%; border-collapse: collapse; }
  .list th, .list td { border: 1px solid #c9cfdb; padding: 2.4mm 3mm; text-align: left; vertical-align: top; }
  .list th { background: #eef2f8; font-weight: 600; font-size: 10pt; }
  .list--dense th, .list--dense td { padding: 1.1mm 2.4mm; font-size: 9.5pt; }
  .time, .table-cell { white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: 600; }
  .people { display: block; color: #4a5468; font-size: 9pt; }
  .mark { font-size: 8.5pt; color: #92400e; }
  .none { color: #4a5468; }
  .continued { font-size: 12pt; font-weight: 400; color: #4a5468; margin-left: 3mm; }
  h1.table-name--continued { font-size: 28pt; }
  @media print { body { background: #fff; } .toolbar { display: none; } .page { margin: 0; } }
</style>
</head>
<body>
<div class="toolbar">
  <button type="button" data-print>印刷 / Print</button>
  <span>${esc(TITLE[input.by])}: <strong data-page-count>${pages.length}</strong> 枚（A4） / ${pages.length} A4 page${pages.length === 1 ? '' : 's'}</span>
  <span class="muted">${esc(input.generatedAt)}</span>
</div>
${pages.map((p) => p.html).join('\n')}
</body>
</html>`;
}
