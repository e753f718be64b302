/**
 * tap storm: a pitch starts and every firm taps "interested" within the window; the ack a phone
 * sees, and how soon the board and the venture see each count.
 */
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import type { CountsChanged, Snapshot } from '../../shared/model.js';
import { sleep } from '../../server/testing/process.js';
import { call, connectPerson, dist, now, openSocket, paced, tally, waitFor } from '../lib.js';
import { errorText, newResult, pacedNote, round, serverLoad, TARGETS, under, upToAttendees } from './common.js';
import type { BenchConfig, Ctx, ScenarioResult } from './common.js';

interface Fact {
  at: number;
  total: number;
}

/** For each tap (send time, rank in ack order), the first fact at or after it whose total reaches the rank. */
function factLatencies(
  taps: { sentAt: number; rank: number }[],
  facts: Fact[],
): { latencies: number[]; missing: number } {
  const latencies: number[] = [];
  let missing = 0;
  for (const tap of taps) {
    // Both at and total grow with the index, so the predicate is monotone: binary search.
    let lo = 0;
    let hi = facts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = facts[mid]!;
      if (f.total >= tap.rank && f.at >= tap.sentAt) hi = mid;
      else lo = mid + 1;
    }
    if (lo < facts.length) latencies.push(facts[lo]!.at - tap.sentAt);
    else missing++;
  }
  return { latencies, missing };
}

export async function tapScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const tapCount = upToAttendees(ctx, config.taps);
  const windowMs = config.tapWindowMs;
  const targetP99 = TARGETS.tapP99Ms;
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
  const taps: { sentAt: number; ackAt: number; ok: boolean }[] = [];
  const errors: Record<string, number> = {};
  const ackOrder: number[] = [];
  let unanswered = 0;
  const pending: Promise<void>[] = [];
  const deadline = Date.now() + ctx.limitMs;
  const load = await serverLoad(ctx);
  const t0 = now();
  const { sent, maxLateMs } = await paced(
    tappers,
    windowMs / Math.max(1, tappers.length),
    ({ socket }, i) => {
      const tap = { sentAt: now(), ackAt: NaN, ok: false };
      taps[i] = tap;
      pending.push(
        call(socket, 'interest:set', { ventureId, level: 'interested' }).then((answer) => {
          tap.ackAt = now();
          if (!answer) unanswered++;
          else if (answer.ok) {
            tap.ok = true;
            ackOrder.push(i);
          } else tally(errors, errorText(answer));
        }),
      );
    },
    deadline,
  );
  const sendSeconds = (now() - t0) / 1000;
  await Promise.all(pending);
  const okCount = ackOrder.length;
  const last = (facts: Fact[]) => facts[facts.length - 1]?.total ?? 0;
  await waitFor(() => last(boardFacts) >= okCount && last(ventureFacts) >= okCount, 5000);
  await sleep(200); // a late, wrong fact would show here
  const seconds = (now() - t0) / 1000;
  const l = await load();

  const ranked = ackOrder.map((i, r) => ({ sentAt: taps[i]!.sentAt, rank: r + 1 }));
  const toBoard = factLatencies(ranked, boardFacts);
  const toVenture = factLatencies(ranked, ventureFacts);
  const ackLat = dist(taps.filter((t) => t.ok).map((t) => t.ackAt - t.sentAt));
  const boardD = dist(toBoard.latencies);
  const ventureD = dist(toVenture.latencies);
  const timedOut = sent < tappers.length;
  result.timedOut = timedOut;

  // The final counts, from the board's last fact, the venture's, and a fresh snapshot.
  const after = await call(organizer, 'sync', { protocol: PROTOCOL_VERSION });
  const snapshotTotal = after?.ok ? (after.data.counts[ventureId]?.total ?? 0) : -1;
  result.detail = {
    ventureId,
    taps: tappers.length,
    sent,
    ok: okCount,
    unanswered,
    errors,
    windowMs,
    sendSeconds,
    maxLateMs,
    ack: ackLat,
    toBoard: { ...boardD, missing: toBoard.missing },
    toVenture: { ...ventureD, missing: toVenture.missing },
    boardFacts: boardFacts.length,
    ventureFacts: ventureFacts.length,
    final: { board: last(boardFacts), venture: last(ventureFacts), snapshot: snapshotTotal },
    load: l,
  };
  for (const [label, value] of [
    ['acks ok', okCount],
    ['board total', last(boardFacts)],
    ['venture total', last(ventureFacts)],
    ['snapshot total', snapshotTotal],
  ] as const) {
    if (value !== tappers.length) result.failures.push(`tap storm: ${label} ${value}, expected ${tappers.length}`);
  }
  if (unanswered) result.failures.push(`tap storm: ${unanswered} taps unanswered`);
  if (toBoard.missing || toVenture.missing)
    result.failures.push(
      `tap storm: ${toBoard.missing} taps never reached the board, ${toVenture.missing} the venture`,
    );

  const base = {
    n: tappers.length,
    ok: okCount,
    seconds: round(seconds, 1),
    ratePerSec: round(okCount / sendSeconds, 0),
  };
  result.rows.push({
    ...base,
    scenario: 'tap ack',
    lat: ackLat,
    note: pacedNote(l, maxLateMs, timedOut),
  });
  result.rows.push({
    ...base,
    scenario: 'tap→board',
    lat: boardD,
    note: `${boardFacts.length} board facts (coalesced), final ${last(boardFacts)}`,
  });
  result.rows.push({
    ...base,
    scenario: 'tap→venture',
    lat: ventureD,
    note: `${ventureFacts.length} venture facts, final ${last(ventureFacts)}`,
  });
  result.targets.push({
    name: `taps acked within ${windowMs / 1000} s window`,
    value: okCount,
    unit: '',
    target: `= ${tapCount}`,
    pass: okCount === tapCount && sendSeconds <= (windowMs / 1000) * 1.1,
  });
  result.targets.push(under('tap→board p99', boardD.p99, 'ms', targetP99));

  // Leave the program as it was; close the extra sockets.
  await call(organizer, 'program:control', { action: 'stop' });
  board.disconnect();
  venture.disconnect();
  return result;
}
