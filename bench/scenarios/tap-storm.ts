/**
 * tap storm: a pitch starts and every firm taps "interested" within the window; the ack a phone
 * sees, and how soon the board and the venture see each count. `runTapStorm` and `tapRows` are the
 * measurement, run alike against the app and the bare stack (bench/baseline/tap-storm.ts).
 */
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import type { CountsChanged, Snapshot } from '../../shared/model.js';
import { sleep } from '../../server/testing/process.js';
import {
  call,
  connectPerson,
  dist,
  factLatencies,
  now,
  openSocket,
  paced,
  tally,
  waitFor,
  type Fact,
  type Reply,
} from '../lib.js';
import {
  errorText,
  newResult,
  pacedNote,
  perCommand,
  round,
  serverLoad,
  TARGETS,
  under,
  upToAttendees,
  type Row,
  type ServerRef,
  type TargetCheck,
} from './common.js';
import type { BenchConfig, Ctx, ScenarioResult } from './common.js';

/** What a tap storm needs of a server: the app's (below) or the bare stack's. */
export interface TapDriver {
  server: ServerRef;
  limitMs: number;
  /** How many firms tap, one tap each. */
  tappers: number;
  /** Firm `i` taps "interested" on the pitching venture. */
  tap(i: number): Promise<Reply>;
  /** The counts the board saw, in order of arrival. */
  boardFacts: Fact[];
  /** True once every count that should arrive has (given the taps acknowledged). */
  settled(okCount: number): boolean;
}

/** What the storm measured: each tap's send and ack time, the ack order, and the server's load. */
export interface TapStorm {
  taps: { sentAt: number; ackAt: number; ok: boolean }[];
  ackOrder: number[];
  unanswered: number;
  errors: Record<string, number>;
  sent: number;
  maxLateMs: number;
  sendSeconds: number;
  seconds: number;
  load: Awaited<ReturnType<Awaited<ReturnType<typeof serverLoad>>>>;
  /** Each acknowledged tap's send time and its rank in the ack order (the count it makes). */
  ranked: { sentAt: number; rank: number }[];
}

/** Taps spread evenly over the window (open loop), then waits for the counts to arrive. */
export async function runTapStorm(d: TapDriver, windowMs: number): Promise<TapStorm> {
  const taps: TapStorm['taps'] = [];
  const errors: Record<string, number> = {};
  const ackOrder: number[] = [];
  let unanswered = 0;
  const pending: Promise<void>[] = [];
  const deadline = Date.now() + d.limitMs;
  const load = await serverLoad(d.server);
  const t0 = now();
  const indexes = Array.from({ length: d.tappers }, (_, i) => i);
  const { sent, maxLateMs } = await paced(
    indexes,
    windowMs / Math.max(1, d.tappers),
    (i) => {
      const tap = { sentAt: now(), ackAt: NaN, ok: false };
      taps[i] = tap;
      pending.push(
        d.tap(i).then((reply) => {
          tap.ackAt = now();
          if (!reply) unanswered++;
          else if (reply.ok) {
            tap.ok = true;
            ackOrder.push(i);
          } else tally(errors, reply.error);
        }),
      );
    },
    deadline,
  );
  const sendSeconds = (now() - t0) / 1000;
  await Promise.all(pending);
  await waitFor(() => d.settled(ackOrder.length), 5000);
  await sleep(200); // a late, wrong fact would show here
  const seconds = (now() - t0) / 1000;
  const l = await load();
  const ranked = ackOrder.map((i, r) => ({ sentAt: taps[i]!.sentAt, rank: r + 1 }));
  return { taps, ackOrder, unanswered, errors, sent, maxLateMs, sendSeconds, seconds, load: l, ranked };
}

export const lastTotal = (facts: Fact[]) => facts[facts.length - 1]?.total ?? 0;

/** The rows, targets, detail and failures of a storm that both servers report alike: the ack and tap → board. */
export function tapRows(d: TapDriver, storm: TapStorm, windowMs: number) {
  const toBoard = factLatencies(storm.ranked, d.boardFacts);
  const ackLat = dist(storm.taps.filter((t) => t.ok).map((t) => t.ackAt - t.sentAt));
  const boardD = dist(toBoard.latencies);
  const okCount = storm.ackOrder.length;
  const timedOut = storm.sent < d.tappers;
  const base = {
    n: d.tappers,
    ok: okCount,
    seconds: round(storm.seconds, 1),
    ratePerSec: round(okCount / storm.sendSeconds, 0),
  };
  const rows: Row[] = [
    {
      ...base,
      key: 'tap ack',
      scenario: 'tap ack',
      lat: ackLat,
      cpuMsPer: perCommand(storm.load.serverCpuMs, okCount),
      note: pacedNote(storm.load, storm.maxLateMs, timedOut),
    },
    {
      ...base,
      key: 'tap→board',
      scenario: 'tap→board',
      lat: boardD,
      note: `${d.boardFacts.length} board facts, final ${lastTotal(d.boardFacts)}`,
    },
  ];
  const targets: TargetCheck[] = [
    {
      name: `taps acked within ${windowMs / 1000} s window`,
      value: okCount,
      unit: '',
      target: `= ${d.tappers}`,
      pass: okCount === d.tappers && storm.sendSeconds <= (windowMs / 1000) * 1.1,
    },
    under('tap→board p99', boardD.p99, 'ms', TARGETS.tapP99Ms),
  ];
  const failures: string[] = [];
  for (const [label, value] of [
    ['acks ok', okCount],
    ['board total', lastTotal(d.boardFacts)],
  ] as const) {
    if (value !== d.tappers) failures.push(`tap storm: ${label} ${value}, expected ${d.tappers}`);
  }
  if (storm.unanswered) failures.push(`tap storm: ${storm.unanswered} taps unanswered`);
  if (toBoard.missing) failures.push(`tap storm: ${toBoard.missing} taps never reached the board`);
  const detail = {
    taps: d.tappers,
    sent: storm.sent,
    ok: okCount,
    unanswered: storm.unanswered,
    errors: storm.errors,
    windowMs,
    sendSeconds: storm.sendSeconds,
    maxLateMs: storm.maxLateMs,
    ack: ackLat,
    toBoard: { ...boardD, missing: toBoard.missing },
    boardFacts: d.boardFacts.length,
    load: storm.load,
  };
  return { rows, targets, failures, detail, timedOut };
}

export async function tapScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const tapCount = upToAttendees(ctx, config.taps);
  const windowMs = config.tapWindowMs;
  const result = newResult('tap storm');
  const organizer = ctx.stations[0]!;
  const snap = await call(organizer, 'sync', { protocol: PROTOCOL_VERSION });
  if (!snap?.ok) throw new Error('organizer sync failed');
  const program: Snapshot['program'] = snap.data.program;
  const pitch = [...program.pitches].sort((a, b) => {
    const sa = program.sessions.find((s) => s.id === a.sessionId)?.position ?? 0;
    const sb = program.sessions.find((s) => s.id === b.sessionId)?.position ?? 0;
    return sa - sb || a.position - b.position;
  })[0];
  if (!pitch) throw new Error('the demo program has no pitch');
  const ventureId = pitch.ventureId;
  const venturePerson = ctx.ev.ventures.find((v) => v.orgId === ventureId);
  if (!venturePerson) throw new Error('no person of the pitching venture');

  const board = await openSocket(ctx.ev.baseUrl, { board: ctx.ev.boardToken });
  const boardSync = await call(board, 'sync', { protocol: PROTOCOL_VERSION });
  if (!boardSync?.ok) throw new Error('board sync failed');
  const venture = await connectPerson(ctx.ev.baseUrl, venturePerson.url);
  const boardFacts: Fact[] = [];
  const ventureFacts: Fact[] = [];
  const onFact = (into: Fact[]) => (fact: CountsChanged) => {
    const count = fact.counts[ventureId];
    if (count) into.push({ at: now(), total: count.total });
  };
  board.on('counts:changed', onFact(boardFacts));
  venture.on('counts:changed', onFact(ventureFacts));

  const started = await call(organizer, 'program:control', { action: 'start', pitchId: pitch.id });
  if (!started?.ok) throw new Error(`program start failed: ${started ? errorText(started) : 'no answer'}`);

  const tappers = ctx.attendees.slice(0, tapCount);
  if (tappers.length < tapCount)
    result.failures.push(`tap storm: only ${tappers.length} of ${tapCount} firms connected`);
  const driver: TapDriver = {
    server: { serverPid: ctx.serverPid, ev: ctx.ev },
    limitMs: ctx.limitMs,
    tappers: tappers.length,
    tap: async (i) => {
      const answer = await call(tappers[i]!.socket, 'interest:set', { ventureId, level: 'interested' });
      return answer && (answer.ok ? { ok: true, outcome: 'ok' } : { ok: false, error: errorText(answer) });
    },
    boardFacts,
    settled: (okCount) => lastTotal(boardFacts) >= okCount && lastTotal(ventureFacts) >= okCount,
  };
  const storm = await runTapStorm(driver, windowMs);
  const shared = tapRows(driver, storm, windowMs);
  const toVenture = factLatencies(storm.ranked, ventureFacts);
  const ventureD = dist(toVenture.latencies);
  result.timedOut = shared.timedOut;

  // The final counts, from the board's last fact, the venture's, and a fresh snapshot.
  const after = await call(organizer, 'sync', { protocol: PROTOCOL_VERSION });
  const snapshotTotal = after?.ok ? (after.data.counts[ventureId]?.total ?? 0) : -1;
  result.detail = {
    ventureId,
    ...shared.detail,
    toVenture: { ...ventureD, missing: toVenture.missing },
    ventureFacts: ventureFacts.length,
    final: { board: lastTotal(boardFacts), venture: lastTotal(ventureFacts), snapshot: snapshotTotal },
  };
  result.failures.push(...shared.failures);
  for (const [label, value] of [
    ['venture total', lastTotal(ventureFacts)],
    ['snapshot total', snapshotTotal],
  ] as const) {
    if (value !== tappers.length) result.failures.push(`tap storm: ${label} ${value}, expected ${tappers.length}`);
  }
  if (toVenture.missing) result.failures.push(`tap storm: ${toVenture.missing} taps never reached the venture`);
  const [ackRow, boardRow] = shared.rows;
  result.rows.push(ackRow!, { ...boardRow!, note: `${boardRow!.note} (coalesced)` });
  result.rows.push({
    ...boardRow!,
    key: 'tap→venture',
    scenario: 'tap→venture',
    lat: ventureD,
    note: `${ventureFacts.length} venture facts, final ${lastTotal(ventureFacts)}`,
  });
  result.targets.push(...shared.targets);

  // Leave the program as it was; close the extra sockets.
  await call(organizer, 'program:control', { action: 'stop' });
  board.disconnect();
  venture.disconnect();
  return result;
}
