/**
 * door: two check-in stations scanning badges, first as fast as the server accepts them, then at
 * the target rate; every person checked in exactly once, in the database itself. `measureDoor` is
 * the measurement, run alike against the app and the bare stack (bench/baseline/door.ts).
 */
import { call, dist, newCallStats, now, paced, pool, timed, type CallStats, type Reply } from '../lib.js';
import type { BenchPerson } from '../server.js';
import {
  atLeast,
  errorText,
  loadNote,
  newResult,
  pacedNote,
  readonlyDb,
  round,
  serverLoad,
  TARGETS,
  under,
  perCommand,
  type ServerRef,
} from './common.js';
import type { BenchConfig, Ctx, ScenarioResult } from './common.js';

/** What the door's measurement needs of a server: the app's (below) or the bare stack's (bench/baseline/door.ts). */
export interface DoorDriver {
  server: ServerRef;
  limitMs: number;
  /** The people to check in: the first `doorPeople` flat out, the next `doorPeople` paced. */
  firms: BenchPerson[];
  stations: number;
  scan(station: number, person: BenchPerson, key: string): Promise<Reply>;
  /** Check-ins in the database, and of how many people. */
  checkins(): { n: number; people: number };
}

function doorFailures(label: string, people: number, s: CallStats): string[] {
  const failures: string[] = [];
  const checkedIn = s.outcomes['checked-in'] ?? 0;
  if (checkedIn !== people) failures.push(`door ${label}: ${checkedIn} 'checked-in' outcomes for ${people} people`);
  if (s.answered !== s.sent) failures.push(`door ${label}: ${s.sent - s.answered} scans unanswered`);
  if (Object.keys(s.errors).length) failures.push(`door ${label}: errors ${JSON.stringify(s.errors)}`);
  return failures;
}

/** Two check-in stations of the app: the organizer signed in twice, scanning badge links. */
export function doorScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const names = ['A', 'B'];
  return measureDoor(
    {
      server: { serverPid: ctx.serverPid, ev: ctx.ev },
      limitMs: ctx.limitMs,
      firms: ctx.ev.firms,
      stations: ctx.stations.length,
      scan: async (s, person, key) => {
        const answer = await call(ctx.stations[s]!, 'checkin:scan', { text: person.url, station: names[s]!, key });
        return (
          answer && (answer.ok ? { ok: true, outcome: answer.data.outcome } : { ok: false, error: errorText(answer) })
        );
      },
      checkins: () =>
        readonlyDb(ctx.dbFile, (db) =>
          db
            .prepare<[string], { n: number; people: number }>(
              'SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS people FROM checkins WHERE event_id = ?',
            )
            .get(ctx.ev.eventId)!,
        ),
    },
    config,
  );
}

export async function measureDoor(door: DoorDriver, config: BenchConfig): Promise<ScenarioResult> {
  const people = config.doorPeople;
  const targetRate = TARGETS.doorRate;
  const targetP99 = TARGETS.doorP99Ms;
  const result = newResult('door');
  const inFlight = 50;
  const max = door.firms.slice(0, people);
  const pacedPeople = door.firms.slice(people, people * 2);
  if (pacedPeople.length < people) result.failures.push(`door: only ${door.firms.length} firms prepared`);
  const stationIds = Array.from({ length: door.stations }, (_, s) => s);

  // 1. As fast as accepted: each station keeps `inFlight` scans open (closed loop).
  {
    const stats = newCallStats();
    const deadline = Date.now() + door.limitMs;
    const load = await serverLoad(door.server);
    const t0 = now();
    await Promise.all(
      stationIds.map((s) =>
        pool(
          max.filter((_, i) => i % door.stations === s),
          inFlight,
          async (person, i) => void (await timed(stats, () => door.scan(s, person, `benchmax${s}x${i}`))),
          deadline,
        ),
      ),
    );
    const seconds = (now() - t0) / 1000;
    const l = await load();
    const checkedIn = stats.outcomes['checked-in'] ?? 0;
    const timedOut = stats.sent < max.length;
    result.timedOut ||= timedOut;
    result.failures.push(...doorFailures('max', max.length, stats));
    const rate = round(checkedIn / seconds, 0);
    result.detail.max = {
      people: max.length,
      inFlightPerStation: inFlight,
      ...stats,
      latencies: dist(stats.latencies),
      seconds,
      load: l,
    };
    result.rows.push({
      key: 'door max',
      scenario: `door max (${door.stations}×${inFlight} in flight)`,
      n: max.length,
      ok: checkedIn,
      seconds: round(seconds, 1),
      ratePerSec: rate,
      lat: dist(stats.latencies),
      cpuMsPer: perCommand(l.serverCpuMs, checkedIn),
      note: loadNote(l) + (timedOut ? '; TIME LIMIT' : ''),
    });
    result.targets.push(atLeast('door check-ins/s (max)', rate, '/s', targetRate));
  }

  // 2. At the target rate (open loop, both stations together): the ack latency a station sees.
  {
    const stats = newCallStats();
    const deadline = Date.now() + door.limitMs;
    const pending: Promise<unknown>[] = [];
    const load = await serverLoad(door.server);
    const t0 = now();
    const { sent, maxLateMs } = await paced(
      pacedPeople,
      1000 / targetRate,
      (person, i) => {
        const s = i % door.stations;
        pending.push(timed(stats, () => door.scan(s, person, `benchpaced${s}x${i}`)));
      },
      deadline,
    );
    const sendSeconds = (now() - t0) / 1000;
    await Promise.all(pending);
    const seconds = (now() - t0) / 1000;
    const l = await load();
    const checkedIn = stats.outcomes['checked-in'] ?? 0;
    const timedOut = sent < pacedPeople.length;
    result.timedOut ||= timedOut;
    result.failures.push(...doorFailures('paced', pacedPeople.length, stats));
    const d = dist(stats.latencies);
    result.detail.paced = {
      people: pacedPeople.length,
      rate: targetRate,
      ...stats,
      latencies: d,
      sendSeconds,
      seconds,
      maxLateMs,
      load: l,
    };
    result.rows.push({
      key: 'door paced',
      scenario: `door paced ${targetRate}/s`,
      n: pacedPeople.length,
      ok: checkedIn,
      seconds: round(seconds, 1),
      ratePerSec: round(checkedIn / seconds, 0),
      lat: d,
      cpuMsPer: perCommand(l.serverCpuMs, checkedIn),
      note: pacedNote(l, maxLateMs, timedOut),
    });
    result.targets.push(under(`door ack p99 at ${targetRate}/s`, d.p99, 'ms', targetP99));
  }

  // Every person checked in exactly once, in the database itself.
  const rows = door.checkins();
  result.detail.db = rows;
  const expected = max.length + pacedPeople.length;
  if (rows.n !== expected || rows.people !== expected) {
    result.failures.push(`door: database holds ${rows.n} check-ins of ${rows.people} people, expected ${expected}`);
  }
  return result;
}
