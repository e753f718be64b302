/**
 * door: two check-in stations scanning badges, first as fast as the server accepts them, then at
 * the target rate; every person checked in exactly once, in the database itself.
 */
import type { ClientSocket } from '../../server/testing/socket-client.js';
import { call, dist, now, paced, pool, tally } from '../lib.js';
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
} from './common.js';
import type { BenchConfig, Ctx, ScenarioResult } from './common.js';

interface ScanStats {
  sent: number;
  answered: number;
  latencies: number[];
  outcomes: Record<string, number>;
  errors: Record<string, number>;
}

function newScanStats(): ScanStats {
  return { sent: 0, answered: 0, latencies: [], outcomes: {}, errors: {} };
}

async function scan(station: ClientSocket, name: string, person: BenchPerson, key: string, into: ScanStats) {
  into.sent++;
  const t = now();
  const answer = await call(station, 'checkin:scan', { text: person.url, station: name, key });
  if (!answer) return;
  into.answered++;
  into.latencies.push(now() - t);
  if (answer.ok) tally(into.outcomes, answer.data.outcome);
  else tally(into.errors, errorText(answer));
}

function doorFailures(label: string, people: number, s: ScanStats): string[] {
  const failures: string[] = [];
  const checkedIn = s.outcomes['checked-in'] ?? 0;
  if (checkedIn !== people) failures.push(`door ${label}: ${checkedIn} 'checked-in' outcomes for ${people} people`);
  if (s.answered !== s.sent) failures.push(`door ${label}: ${s.sent - s.answered} scans unanswered`);
  if (Object.keys(s.errors).length) failures.push(`door ${label}: errors ${JSON.stringify(s.errors)}`);
  return failures;
}

export async function doorScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const people = config.doorPeople;
  const targetRate = TARGETS.doorRate;
  const targetP99 = TARGETS.doorP99Ms;
  const result = newResult('door');
  const names = ['A', 'B'];
  const inFlight = 50;
  const max = ctx.ev.firms.slice(0, people);
  const pacedPeople = ctx.ev.firms.slice(people, people * 2);
  if (pacedPeople.length < people) result.failures.push(`door: only ${ctx.ev.firms.length} firms prepared`);

  // 1. As fast as accepted: each station keeps `inFlight` scans open (closed loop).
  {
    const stats = newScanStats();
    const deadline = Date.now() + ctx.limitMs;
    const load = await serverLoad(ctx);
    const t0 = now();
    await Promise.all(
      ctx.stations.map((station, s) =>
        pool(
          max.filter((_, i) => i % ctx.stations.length === s),
          inFlight,
          (person, i) => scan(station, names[s]!, person, `benchmax${s}x${i}`, stats),
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
      scenario: `door max (${ctx.stations.length}×${inFlight} in flight)`,
      n: max.length,
      ok: checkedIn,
      seconds: round(seconds, 1),
      ratePerSec: rate,
      lat: dist(stats.latencies),
      note: loadNote(l) + (timedOut ? '; TIME LIMIT' : ''),
    });
    result.targets.push(atLeast('door check-ins/s (max)', rate, '/s', targetRate));
  }

  // 2. At the target rate (open loop, both stations together): the ack latency a station sees.
  {
    const stats = newScanStats();
    const deadline = Date.now() + ctx.limitMs;
    const pending: Promise<void>[] = [];
    const load = await serverLoad(ctx);
    const t0 = now();
    const { sent, maxLateMs } = await paced(
      pacedPeople,
      1000 / targetRate,
      (person, i) => {
        const s = i % ctx.stations.length;
        pending.push(scan(ctx.stations[s]!, names[s]!, person, `benchpaced${s}x${i}`, stats));
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
      scenario: `door paced ${targetRate}/s`,
      n: pacedPeople.length,
      ok: checkedIn,
      seconds: round(seconds, 1),
      ratePerSec: round(checkedIn / seconds, 0),
      lat: d,
      note: pacedNote(l, maxLateMs, timedOut),
    });
    result.targets.push(under(`door ack p99 at ${targetRate}/s`, d.p99, 'ms', targetP99));
  }

  // Every person checked in exactly once, in the database itself.
  const rows = readonlyDb(ctx.dbFile, (db) =>
    db
      .prepare<[string], { n: number; people: number }>(
        'SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS people FROM checkins WHERE event_id = ?',
      )
      .get(ctx.ev.eventId)!,
  );
  result.detail.db = rows;
  const expected = max.length + pacedPeople.length;
  if (rows.n !== expected || rows.people !== expected) {
    result.failures.push(`door: database holds ${rows.n} check-ins of ${rows.people} people, expected ${expected}`);
  }
  return result;
}
