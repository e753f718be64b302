/**
 * tap storm against the bare stack: the app's measurement (bench/scenarios/tap-storm.ts runTapStorm,
 * tapRows), each firm sending `tap` and the board socket hearing every count, uncoalesced.
 */
import { now, type Fact } from '../lib.js';
import { lastTotal, runTapStorm, tapRows, type TapDriver } from '../scenarios/tap-storm.js';
import { newResult, readonlyDb, upToAttendees, type BenchConfig, type ScenarioResult } from '../scenarios/common.js';
import { callBare, openBare, type BareCtx } from './client.js';

export async function bareTapScenario(ctx: BareCtx, config: BenchConfig): Promise<ScenarioResult> {
  const result = newResult('tap storm');
  const tapCount = upToAttendees(ctx, config.taps);
  const ventureId = ctx.ev.ventures[0]!.orgId!;
  const board = await openBare(ctx.ev.baseUrl, true);
  const boardFacts: Fact[] = [];
  board.on('count', (fact) => {
    if (fact.ventureId === ventureId) boardFacts.push({ at: now(), total: fact.total });
  });
  const tappers = ctx.attendees.slice(0, tapCount);
  if (tappers.length < tapCount)
    result.failures.push(`tap storm: only ${tappers.length} of ${tapCount} firms connected`);
  const driver: TapDriver = {
    server: ctx,
    limitMs: ctx.limitMs,
    tappers: tappers.length,
    tap: async (i) => {
      const answer = await callBare(tappers[i]!.socket, 'tap', { personId: tappers[i]!.person.id, ventureId });
      return answer && (answer.ok ? { ok: true, outcome: 'ok' } : { ok: false, error: answer.error.code });
    },
    boardFacts,
    settled: (okCount) => lastTotal(boardFacts) >= okCount,
  };
  const storm = await runTapStorm(driver, config.tapWindowMs);
  const shared = tapRows(driver, storm, config.tapWindowMs);
  const stored = readonlyDb(ctx.dbFile, (db) =>
    db
      .prepare<[string], number>("SELECT COUNT(*) FROM interests WHERE venture_id = ? AND level = 'interested'")
      .pluck()
      .get(ventureId)!,
  );
  result.timedOut = shared.timedOut;
  result.rows.push(...shared.rows);
  result.targets.push(...shared.targets);
  result.failures.push(...shared.failures);
  if (stored !== tappers.length) result.failures.push(`tap storm: ${stored} taps in the database of ${tappers.length}`);
  result.detail = { ventureId, ...shared.detail, stored };
  board.disconnect();
  return result;
}
