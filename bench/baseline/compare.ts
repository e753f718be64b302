/**
 * The app against the bare stack, from one run's results: each row of the app beside the bare
 * stack's and their ratio, issue 18's targets as ratios, the cost per attendee (server CPU per
 * command, memory per connected phone) and what an event of a given size needs.
 */
import type { Row, ScenarioResult, TargetCheck } from '../scenarios/common.js';
import { round } from '../scenarios/common.js';

/** The Publisher's flushMs (server/realtime/publisher.ts): the app coalesces counts for this long, the bare stack not. */
export const COALESCE_MS = 40;

const keyOf = (row: Row) => row.key ?? row.scenario;

/** The bare stack's rows by key, to stand beside the app's. */
export function rowsByKey(results: readonly ScenarioResult[]): Map<string, Row> {
  return new Map(results.flatMap((r) => r.rows).map((row) => [keyOf(row), row]));
}

/** app / bare, 2 digits; null where either side has no figure. */
export function ratio(app: number | null | undefined, bare: number | null | undefined): number | null {
  if (app === null || app === undefined || bare === null || bare === undefined) return null;
  if (Number.isNaN(app) || Number.isNaN(bare) || bare === 0) return null;
  return round(app / bare, 2);
}

const text = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '-' : String(x);
const cell = (x: number | null | undefined, width: number) => text(x).padStart(width);

/** The cells of a paired line, so the header lines up with the rows. */
function pairedCells(scenario: string, n: string, ok: string, groups: string[][], note: string): string {
  const widths = [
    [7, 7, 8],
    [7, 7, 8],
    [7, 7],
    [7, 7],
  ];
  const group = (cells: string[], w: number[]) => cells.map((c, i) => c.padStart(w[i]!)).join('');
  return [
    scenario.padEnd(32),
    n.padStart(6),
    ok.padStart(6),
    ...groups.map((cells, i) => ` ${group(cells, widths[i]!)}`),
    ` ${note}`,
  ].join(' ');
}

export function pairedHeader(): string[] {
  return [
    pairedCells(
      '',
      '',
      '',
      [
        ['', 'rate/s', ''],
        ['', 'p99 ms', ''],
        ['', 'p50 ms'],
        ['', 'max ms'],
      ],
      '',
    ),
    pairedCells(
      'scenario',
      'n',
      'ok',
      [
        ['app', 'bare', '×'],
        ['app', 'bare', '×'],
        ['app', 'bare'],
        ['app', 'bare'],
      ],
      "(the app's note)",
    ),
  ];
}

/** One row: the app's figures, the bare stack's and app/bare for the rate and the p99. */
export function pairedLine(app: Row, bare: Row | undefined): string {
  return pairedCells(
    app.scenario,
    text(app.n),
    text(app.ok),
    [
      [text(app.ratePerSec), text(bare?.ratePerSec), text(ratio(app.ratePerSec, bare?.ratePerSec))],
      [text(app.lat?.p99), text(bare?.lat?.p99), text(ratio(app.lat?.p99, bare?.lat?.p99))],
      [text(app.lat?.p50), text(bare?.lat?.p50)],
      [text(app.lat?.max), text(bare?.lat?.max)],
    ],
    app.kbPerSocket !== undefined && bare?.kbPerSocket !== undefined
      ? `${app.note}; bare ${bare.kbPerSocket} KB/socket (× ${text(ratio(app.kbPerSocket, bare.kbPerSocket))}), heap ${text(bare.heapKbPerSocket)} (× ${text(ratio(app.heapKbPerSocket, bare.heapKbPerSocket))})`
      : app.note,
  );
}

/** The largest connect step both servers reached, with its rows. */
function lastConnect(app: Map<string, Row>, bare: Map<string, Row>): { app: Row; bare: Row } | null {
  const both = [...app.keys()].filter((k) => k.startsWith('connect ') && bare.has(k));
  const key = both.sort((a, b) => Number(a.slice(8)) - Number(b.slice(8))).pop();
  return key ? { app: app.get(key)!, bare: bare.get(key)! } : null;
}

function ratioCheck(name: string, value: number | null, unit: string, target: string, pass: boolean): TargetCheck {
  return { name, value: value ?? NaN, unit, target, pass: value !== null && pass };
}

/**
 * Issue 18's targets, as ratios in one run (a missing figure is a MISS): door flat out ≥ 0.9× the
 * bare stack's, door paced p99 ≤ 2×, tap → board p99 ≤ the coalescing window + 2× the bare p99,
 * memory per idle socket ≤ 1.3×, and the booking storm's ack p99 under 50 ms quiet / 150 ms busy.
 */
export function ratioTargets(
  appResults: readonly ScenarioResult[],
  bareResults: readonly ScenarioResult[],
  busy: boolean,
): TargetCheck[] {
  const app = rowsByKey(appResults);
  const bare = rowsByKey(bareResults);
  const checks: TargetCheck[] = [];
  const doorMax = ratio(app.get('door max')?.ratePerSec, bare.get('door max')?.ratePerSec);
  if (app.has('door max'))
    checks.push(ratioCheck('door flat out, app/bare', doorMax, '×', '>= 0.9', (doorMax ?? 0) >= 0.9));
  const paced = ratio(app.get('door paced')?.lat?.p99, bare.get('door paced')?.lat?.p99);
  if (app.has('door paced'))
    checks.push(ratioCheck('door paced ack p99, app/bare', paced, '×', '<= 2', (paced ?? Infinity) <= 2));
  const board = app.get('tap→board')?.lat?.p99;
  const bareBoard = bare.get('tap→board')?.lat?.p99;
  if (board !== undefined) {
    const limit = bareBoard === undefined ? null : round(COALESCE_MS + 2 * bareBoard, 1);
    checks.push(
      ratioCheck(
        'tap→board p99',
        board,
        'ms',
        `<= ${limit ?? '?'} (${COALESCE_MS} + 2 × bare ${bareBoard ?? '?'})`,
        limit !== null && board <= limit,
      ),
    );
  }
  const connect = lastConnect(app, bare);
  if (connect) {
    // What a socket keeps: the heap after a full collection on both servers. RSS per socket (the
    // sizing's figure) also holds the sign-ins' garbage and whatever V8 has not given back, which
    // swung the ratio from 1.2× to 1.7× between runs of the same code; it is printed beside.
    const memory = ratio(connect.app.heapKbPerSocket, connect.bare.heapKbPerSocket);
    checks.push(
      ratioCheck(
        `memory per idle socket (heap after GC), app/bare (${connect.app.n})`,
        memory,
        '×',
        '<= 1.3',
        (memory ?? Infinity) <= 1.3,
      ),
    );
    const rss = ratio(connect.app.kbPerSocket, connect.bare.kbPerSocket);
    checks.push(
      ratioCheck(`  the same in RSS (for information), app/bare`, rss, '×', '<= 1.3', (rss ?? Infinity) <= 1.3),
    );
  }
  const booking = app.get('booking all')?.lat?.p99;
  if (booking !== undefined) {
    const limit = busy ? 150 : 50;
    checks.push({
      name: `booking storm ack p99 (${busy ? 'busy' : 'quiet'})`,
      value: booking,
      unit: 'ms',
      target: `< ${limit}`,
      pass: booking < limit,
    });
  }
  // The storm's correctness belongs with its latency: no clash, every command answered.
  const same = new Set(['booking clashes', 'booking attempts answered']);
  checks.push(...appResults.flatMap((r) => r.targets).filter((t) => same.has(t.name)));
  return checks;
}

/** One line of the cost table: a per-unit figure of both servers. */
export interface Cost {
  what: string;
  unit: string;
  app: number | null;
  bare: number | null;
  ratio: number | null;
}

/** Server CPU per check-in, tap, request and booking, and memory per connected phone, of both servers. */
export function costs(appResults: readonly ScenarioResult[], bareResults: readonly ScenarioResult[]): Cost[] {
  const app = rowsByKey(appResults);
  const bare = rowsByKey(bareResults);
  const cpu = (what: string, key: string): Cost => {
    const a = app.get(key)?.cpuMsPer ?? null;
    const b = bare.get(key)?.cpuMsPer ?? null;
    return { what, unit: 'ms cpu', app: a, bare: b, ratio: ratio(a, b) };
  };
  const list = [
    cpu('check-in (door flat out)', 'door max'),
    cpu('check-in (door paced)', 'door paced'),
    cpu('tap (tap storm)', 'tap ack'),
    cpu('meeting request', 'booking requests'),
    cpu('booking (accept or by hand)', 'booking accepts'),
  ];
  const connect = lastConnect(app, bare);
  if (connect) {
    const [a, b] = [connect.app.idleCpuPct ?? null, connect.bare.idleCpuPct ?? null];
    list.push({
      what: `the server, ${connect.app.n} phones idle`,
      unit: '% core',
      app: a,
      bare: b,
      ratio: ratio(a, b),
    });
    list.push({
      what: `connected phone (${connect.app.n} idle)`,
      unit: 'KB rss',
      app: connect.app.kbPerSocket ?? null,
      bare: connect.bare.kbPerSocket ?? null,
      ratio: ratio(connect.app.kbPerSocket, connect.bare.kbPerSocket),
    });
  }
  return list;
}

export function costLines(list: readonly Cost[]): string[] {
  return [
    `  ${'per'.padEnd(36)} ${'unit'.padEnd(7)} ${'app'.padStart(8)} ${'bare'.padStart(8)} ${'×'.padStart(6)}`,
    ...list.map(
      (c) => `  ${c.what.padEnd(36)} ${c.unit.padEnd(7)} ${cell(c.app, 8)} ${cell(c.bare, 8)} ${cell(c.ratio, 6)}`,
    ),
  ];
}

/** What one event needs, from the per-unit costs: its server's memory and CPU time over the day. */
export interface Sizing {
  people: number;
  side: 'app' | 'bare';
  rssMB: number | null;
  /** The day's commands (DAY). */
  cpuSeconds: number | null;
}

/** The day per attendee the sizing assumes: one check-in, 20 taps, 3 bookings (a request and its accept each). */
export const DAY = { checkins: 1, taps: 20, bookings: 3 };

/**
 * For `people` attendees: RSS = the server's RSS before anyone connected + people × KB per phone;
 * CPU = people × (a check-in flat out + 20 taps + 3 × (a request + a booking)). The idle server's
 * share of a core (the cost table) comes on top, all day.
 */
export function sizing(side: 'app' | 'bare', results: readonly ScenarioResult[], people: number): Sizing {
  const rows = rowsByKey(results);
  const connect = results.find((r) => r.name === 'connect');
  const idleRss = (connect?.detail.baseline as { rssBytes?: number } | undefined)?.rssBytes;
  const kb = [...rows.values()].filter((r) => r.kbPerSocket !== undefined).pop()?.kbPerSocket;
  const per = (key: string) => rows.get(key)?.cpuMsPer ?? null;
  const [checkin, tap, request, booking] = [
    per('door max'),
    per('tap ack'),
    per('booking requests'),
    per('booking accepts'),
  ];
  const cpuMs =
    checkin === null || tap === null || request === null || booking === null
      ? null
      : people * (DAY.checkins * checkin + DAY.taps * tap + DAY.bookings * (request + booking));
  return {
    people,
    side,
    rssMB: idleRss === undefined || kb === undefined ? null : round(idleRss / 1024 / 1024 + (people * kb) / 1024, 0),
    cpuSeconds: cpuMs === null ? null : round(cpuMs / 1000, 1),
  };
}

export function sizingLines(list: readonly Sizing[]): string[] {
  return list.map(
    (s) =>
      `  ${String(s.people).padStart(6)} people, ${s.side.padEnd(4)}: rss ≈ ${cell(s.rssMB, 5)} MB, server cpu ≈ ${cell(s.cpuSeconds, 7)} s for the day's commands`,
  );
}
