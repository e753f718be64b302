/**
 * The one-on-one meeting grid: time slots × tables. Pure: the event date, time zone and "now" come in
 * as arguments. Invariant kept by every rule here: an organization is in at most one meeting per slot,
 * and a table holds at most one meeting per slot.
 */
import type { GridProblem, RefusalParams } from '../../shared/errors.js';
import type { GridSettings } from '../../shared/model.js';
import { accept, refuse, type Result } from './result.js';

/** The settings' shape is part of the protocol (shared/model.ts); the rules about it live here. */
export type { GridSettings };
/** Start and end in epoch ms. */
export interface Slot {
  start: number;
  end: number;
}
export interface Booking {
  slotStart: number;
  table: string;
  orgs: readonly [string, string];
}
export interface Placement {
  slotStart: number;
  table: string;
}

interface PlacementOptions {
  notBefore: number;
  capPerOrg: number | null;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight for a valid "HH:mm", else null. */
function minutesOf(time: string): number | null {
  const m = HHMM.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

// Building a DateTimeFormat is slow compared with using one, and the grid converts many times per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (Tokyo: +9h). */
function offsetAt(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    (parts.hour ?? 0) % 24, // some engines say 24 for midnight
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/** "HH:mm" on date "YYYY-MM-DD" in an IANA time zone → epoch ms. Correct for zones with DST too (use Intl.DateTimeFormat to find the offset; no libraries). */
export function zonedTime(date: string, time: string, timeZone: string): number {
  const d = YMD.exec(date);
  const minutes = minutesOf(time);
  if (!d || minutes === null) throw new RangeError(`Not a date and time: "${date}" "${time}".`);
  const midnight = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
  // Date.UTC rolls "02-30" over into March; a date that does not round-trip does not exist.
  if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a date: "${date}".`);
  }
  const asUtc = midnight + minutes * MINUTE;
  // The offsets in force a day either side cover any single transition near this wall time.
  const before = offsetAt(asUtc - DAY, timeZone);
  const after = offsetAt(asUtc + DAY, timeZone);
  const fits = [before, after].map((o) => asUtc - o).filter((t) => asUtc - offsetAt(t, timeZone) === t);
  // A repeated hour (fall back) takes its first occurrence; a skipped hour (spring forward) reads the
  // wall time with the old offset, landing as far past the gap as it was into it — as Temporal does.
  return fits.length > 0 ? Math.min(...fits) : asUtc - before;
}

/** One problem of a grid form: its code and params (shared/errors.ts GridProblem), and its English. */
export interface GridIssue {
  problem: GridProblem;
  params: RefusalParams;
  message: string;
}

/** Problems with windows, breaks, slot length and buffer: the settings slotsOf depends on. */
function timeIssues(grid: GridSettings): GridIssue[] {
  const issues: GridIssue[] = [];
  const add = (problem: GridProblem, message: string, params: RefusalParams = {}) =>
    issues.push({ problem, params, message });
  const slotOk = Number.isInteger(grid.slotMinutes) && grid.slotMinutes >= 5 && grid.slotMinutes <= 120;
  if (!slotOk) add('slot-minutes', 'The slot length must be a whole number of minutes from 5 to 120.');
  if (!(Number.isInteger(grid.bufferMinutes) && grid.bufferMinutes >= 0 && grid.bufferMinutes <= 60)) {
    add('buffer-minutes', 'The buffer between slots must be a whole number of minutes from 0 to 60.');
  }
  if (grid.windows.length === 0) add('no-window', 'Add at least one meeting window.');

  const ranges = (list: { start: string; end: string }[], what: string) => {
    const good: { start: number; end: number; label: string; range: string }[] = [];
    list.forEach((r, i) => {
      const range = `${r.start}–${r.end}`;
      const label = `${what} ${i + 1} (${range})`;
      const start = minutesOf(r.start);
      const end = minutesOf(r.end);
      if (start === null)
        add('bad-start', `${label}: the start "${r.start}" is not a time like 15:00.`, { range, value: r.start });
      if (end === null)
        add('bad-end', `${label}: the end "${r.end}" is not a time like 17:30.`, { range, value: r.end });
      if (start === null || end === null) return;
      if (end <= start) add('end-before-start', `${label}: the end must be after the start.`, { range });
      else good.push({ start, end, label, range });
    });
    return good;
  };

  const windows = ranges(grid.windows, 'Meeting window');
  ranges(grid.breaks, 'Break');
  if (slotOk) {
    for (const w of windows) {
      if (w.end - w.start < grid.slotMinutes) {
        add('window-short', `${w.label} is shorter than one ${grid.slotMinutes}-minute slot.`, {
          range: w.range,
          minutes: grid.slotMinutes,
        });
      }
    }
  }
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.start < prev.end)
      add('overlap', `${prev.label} and ${cur.label} overlap.`, { range: prev.range, other: cur.range });
  }
  return issues;
}

/** Problems with the settings, each with its code, for a person to fix: bad "HH:mm", end before start, overlapping windows, duplicate or empty table names, slot/buffer out of range, a window too short for one slot. Empty array when fine. */
export function gridIssues(grid: GridSettings): GridIssue[] {
  const issues = timeIssues(grid);
  const add = (problem: GridProblem, message: string, params: RefusalParams = {}) =>
    issues.push({ problem, params, message });
  if (grid.tables.length === 0) add('no-table', 'Add at least one table.');
  if (grid.tables.length > 200) add('too-many-tables', 'There can be at most 200 tables.');
  if (grid.tables.some((t) => t.trim() === '')) add('table-unnamed', 'Every table needs a name.');
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const t of grid.tables) {
    const name = t.trim();
    if (name !== '' && seen.has(name)) repeated.add(name);
    seen.add(name);
  }
  for (const name of repeated)
    add('table-repeated', `The table name "${name}" is used more than once.`, { table: name });
  if (grid.capPerOrg !== null && !(Number.isInteger(grid.capPerOrg) && grid.capPerOrg >= 1)) {
    add('cap', 'The cap on meetings per organization must be a whole number of at least 1, or none.');
  }
  return issues;
}

/** The problems as English sentences. */
export const gridProblems = (grid: GridSettings): string[] => gridIssues(grid).map((i) => i.message);

/** The slots in time order: each window is cut into slots of slotMinutes separated by bufferMinutes, starting at the window start; a slot must end by the window end; a slot overlapping a break is dropped (the next slot starts right after the break ends... keep it simple: slots keep their regular positions; just drop the ones overlapping a break). */
export function slotsOf(grid: GridSettings, date: string, timeZone: string): Slot[] {
  // Cutting bad windows would give overlapping or endless slots; settings are checked before saving.
  const problems = timeIssues(grid).map((i) => i.message);
  if (problems.length > 0) throw new RangeError(`The meeting grid is not valid: ${problems.join(' ')}`);
  const at = (time: string) => zonedTime(date, time, timeZone);
  const breaks = grid.breaks.map((b) => ({ start: at(b.start), end: at(b.end) }));
  const slots: Slot[] = [];
  // Real elapsed time, not wall time: a window across a DST change still gets full-length slots.
  for (const w of grid.windows) {
    const end = at(w.end);
    const step = (grid.slotMinutes + grid.bufferMinutes) * MINUTE;
    for (let start = at(w.start); start + grid.slotMinutes * MINUTE <= end; start += step) {
      const slot = { start, end: start + grid.slotMinutes * MINUTE };
      if (!breaks.some((b) => slot.start < b.end && b.start < slot.end)) slots.push(slot);
    }
  }
  return slots.sort((a, b) => a.start - b.start);
}

function assertPair(pair: readonly [string, string]): void {
  if (pair[0] === pair[1]) throw new Error(`A meeting needs two different organizations, got "${pair[0]}" twice.`);
}

const countOf = (bookings: readonly Booking[], org: string) =>
  bookings.reduce((n, b) => (b.orgs[0] === org || b.orgs[1] === org ? n + 1 : n), 0);

const capReached = (bookings: readonly Booking[], pair: readonly [string, string], cap: number | null) =>
  cap !== null && pair.some((org) => countOf(bookings, org) >= cap);

/** Who and what is taken in each slot, so each slot is checked without rescanning every booking. */
function occupancy(bookings: readonly Booking[]) {
  const bySlot = new Map<number, { orgs: Set<string>; tables: Set<string> }>();
  for (const b of bookings) {
    let entry = bySlot.get(b.slotStart);
    if (!entry) bySlot.set(b.slotStart, (entry = { orgs: new Set(), tables: new Set() }));
    entry.orgs.add(b.orgs[0]).add(b.orgs[1]);
    entry.tables.add(b.table);
  }
  return bySlot;
}

/** Free slots for the pair in time order, each with its free tables in grid order; stops after `limit`. */
function free(
  slots: Slot[],
  tables: string[],
  bookings: readonly Booking[],
  pair: readonly [string, string],
  options: PlacementOptions,
  limit: number,
): { slotStart: number; tables: string[] }[] {
  assertPair(pair);
  if (capReached(bookings, pair, options.capPerOrg)) return [];
  const taken = occupancy(bookings);
  const result: { slotStart: number; tables: string[] }[] = [];
  for (const slot of [...slots].sort((a, b) => a.start - b.start)) {
    if (result.length >= limit) break;
    if (slot.start < options.notBefore) continue;
    const here = taken.get(slot.start);
    if (here && (here.orgs.has(pair[0]) || here.orgs.has(pair[1]))) continue;
    const open = here ? tables.filter((t) => !here.tables.has(t)) : [...tables];
    if (open.length > 0) result.push({ slotStart: slot.start, tables: open });
  }
  return result;
}

/** The earliest placement where both organizations and a table are free, at or after notBefore (slot start >= notBefore), respecting capPerOrg (count of existing bookings of each org), with tables tried in the grid's order. null when there is none. */
export function findPlacement(
  slots: Slot[],
  tables: string[],
  bookings: readonly Booking[],
  pair: readonly [string, string],
  options: { notBefore: number; capPerOrg: number | null },
): Placement | null {
  const first = free(slots, tables, bookings, pair, options, 1)[0];
  const table = first?.tables[0];
  return first && table !== undefined ? { slotStart: first.slotStart, table } : null;
}

/** Every slot where both organizations are free and at least one table is, with the free tables, for the accepter to choose from; same rules as findPlacement. */
export function freePlacements(
  slots: Slot[],
  tables: string[],
  bookings: readonly Booking[],
  pair: readonly [string, string],
  options: { notBefore: number; capPerOrg: number | null },
): { slotStart: number; tables: string[] }[] {
  return free(slots, tables, bookings, pair, options, Infinity);
}

/** How many of the bookings each organization sits in: what capPerOrg counts. */
export function meetingsPerOrg(bookings: readonly Booking[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const b of bookings) for (const org of new Set(b.orgs)) counts.set(org, (counts.get(org) ?? 0) + 1);
  return counts;
}

/**
 * Whether a pair has any free placement, for asking of many pairs against the same bookings: the
 * bookings are indexed once (open slots with who is busy in each, meetings per organization), so
 * each pair costs one pass over the open slots instead of a pass over every booking and table.
 * Same answer as `freePlacements(...).length > 0`.
 */
export function placeChecker(
  slots: Slot[],
  tables: string[],
  bookings: readonly Booking[],
  options: { notBefore: number; capPerOrg: number | null },
): (pair: readonly [string, string]) => boolean {
  const taken = occupancy(bookings);
  const busyInOpenSlots: ReadonlySet<string>[] = [];
  for (const slot of slots) {
    if (slot.start < options.notBefore) continue;
    const here = taken.get(slot.start);
    if (tables.some((t) => !here?.tables.has(t))) busyInOpenSlots.push(here?.orgs ?? new Set());
  }
  const meetingsOf = meetingsPerOrg(bookings);
  const cap = options.capPerOrg;
  return (pair) => {
    assertPair(pair);
    if (cap !== null && pair.some((org) => (meetingsOf.get(org) ?? 0) >= cap)) return false;
    return busyInOpenSlots.some((busy) => !busy.has(pair[0]) && !busy.has(pair[1]));
  };
}

/** Whether a given placement is allowed for the pair now (slot exists, not before notBefore, table exists and free, both orgs free, caps). Returns a Result<Placement> with ErrorCode.Conflict and a clear message naming what is taken, or ErrorCode.NotFound for an unknown slot or table. `ignoreBooking` lets a move ignore the meeting's own current booking (match by slotStart+table). */
export function checkPlacement(
  slots: Slot[],
  tables: string[],
  bookings: readonly Booking[],
  pair: readonly [string, string],
  placement: Placement,
  options: { notBefore: number; capPerOrg: number | null; ignore?: Placement },
): Result<Placement> {
  assertPair(pair);
  const { ignore } = options;
  // A moved meeting neither blocks its new place nor counts twice toward a cap.
  const others = ignore
    ? bookings.filter((b) => !(b.slotStart === ignore.slotStart && b.table === ignore.table))
    : bookings;
  if (!slots.some((s) => s.start === placement.slotStart)) {
    return refuse('slot-unknown', 'That time slot is not on the meeting grid.');
  }
  if (!tables.includes(placement.table)) {
    return refuse('table-unknown', `There is no table named "${placement.table}".`, { table: placement.table });
  }
  if (placement.slotStart < options.notBefore) {
    return refuse('slot-too-soon', 'That slot has already started or is too soon. Choose a later slot.');
  }
  const cap = options.capPerOrg;
  if (cap !== null) {
    const full = pair.filter((org) => countOf(others, org) >= cap);
    if (full.length > 0) {
      const who = full.length === 2 ? 'Both organizations already have' : 'One of the organizations already has';
      return refuse('cap-reached', `${who} the most meetings allowed (${cap}).`, {
        cap,
        both: full.length === 2 ? 1 : 0,
      });
    }
  }
  const here = others.filter((b) => b.slotStart === placement.slotStart);
  const busy = pair.filter((org) => here.some((b) => b.orgs[0] === org || b.orgs[1] === org));
  if (busy.length > 0) {
    const who = busy.length === 2 ? 'Both organizations already have' : 'One of the organizations already has';
    return refuse('org-busy', `${who} a meeting in that slot.`, { both: busy.length === 2 ? 1 : 0 });
  }
  if (here.some((b) => b.table === placement.table)) {
    return refuse('table-taken', `Table "${placement.table}" is already taken in that slot.`, {
      table: placement.table,
    });
  }
  return accept({ slotStart: placement.slotStart, table: placement.table });
}
