/**
 * connect: N attendees signed in, connected and idle, step by step; the memory per socket and the
 * idle event-loop delay of the server holding them.
 */
import { sleep } from '../../server/testing/process.js';
import { connectPerson, dist, now, pool, tally } from '../lib.js';
import { metrics } from '../server.js';
import {
  atLeast,
  mb,
  newResult,
  round,
  serverLoad,
  type BenchConfig,
  type Ctx,
  type ScenarioResult,
} from './common.js';

export async function connectScenario(ctx: Ctx, config: BenchConfig): Promise<ScenarioResult> {
  const steps = config.connectSteps;
  const target = config.connectTarget;
  const result = newResult('connect');
  const baseline = await metrics(ctx.ev.baseUrl);
  result.detail.baseline = baseline;
  const stepsDetail: Record<string, unknown>[] = [];
  result.detail.steps = stepsDetail;
  let stopAll = false;
  for (const want of steps) {
    if (stopAll) break;
    const items = ctx.ev.firms.slice(ctx.attendees.length, want);
    if (ctx.attendees.length + items.length < want) {
      result.failures.push(`only ${ctx.ev.firms.length} firms prepared for ${want}`);
    }
    const errors: Record<string, number> = {};
    let consecutiveFailures = 0;
    const deadline = Date.now() + ctx.limitMs;
    const load = await serverLoad(ctx);
    const t0 = now();
    const connectMs: number[] = [];
    await pool(
      items,
      50,
      async (person) => {
        const t = now();
        try {
          const socket = await connectPerson(ctx.ev.baseUrl, person.url);
          connectMs.push(now() - t);
          ctx.attendees.push({ person, socket });
          consecutiveFailures = 0;
        } catch (error) {
          consecutiveFailures++;
          tally(errors, error instanceof Error ? (error.message || error.name).slice(0, 100) : String(error));
        }
      },
      deadline,
      () => consecutiveFailures > 200,
    );
    const seconds = (now() - t0) / 1000;
    const timedOut = Date.now() >= deadline && ctx.attendees.length < want;
    if (consecutiveFailures > 200 || timedOut) stopAll = true;
    result.timedOut ||= timedOut;
    const during = await load();
    await sleep(500);
    const after = await metrics(ctx.ev.baseUrl, true);
    await sleep(3000);
    const idle = await metrics(ctx.ev.baseUrl);
    const connected = ctx.attendees.length;
    const perSocket = (after.rssBytes - baseline.rssBytes) / Math.max(1, after.sockets - baseline.sockets);
    const heapPerSocket =
      (after.heapUsedBytes - baseline.heapUsedBytes) / Math.max(1, after.sockets - baseline.sockets);
    const failed = Object.values(errors).reduce((a, b) => a + b, 0);
    stepsDetail.push({
      want,
      connected,
      serverSockets: idle.sockets,
      failed,
      errors,
      seconds: round(seconds, 2),
      connectMs: dist(connectMs),
      rssBeforeMB: mb(baseline.rssBytes),
      rssAfterMB: mb(after.rssBytes),
      bytesPerSocket: Math.round(perSocket),
      heapBytesPerSocket: Math.round(heapPerSocket),
      idleEventLoopDelayMs: idle.eventLoopDelayMs,
      whileConnecting: during,
      timedOut,
    });
    result.rows.push({
      scenario: `connect ${want}`,
      n: want,
      ok: connected,
      seconds: round(seconds, 1),
      ratePerSec: items.length ? round((connected - (want - items.length)) / seconds, 0) : null,
      lat: { n: 0, ...idle.eventLoopDelayMs },
      note:
        `idle loop delay; rss ${mb(baseline.rssBytes)}→${mb(after.rssBytes)} MB, ${round(perSocket / 1024, 1)} KB/socket, ` +
        `sign-in+connect+sync p99 ${dist(connectMs).p99} ms` +
        (failed ? `; ${failed} failed: ${Object.keys(errors).slice(0, 2).join(' | ')}` : '') +
        (timedOut ? '; TIME LIMIT' : ''),
    });
    ctx.log(`  connected ${connected}/${want} in ${round(seconds, 1)} s`);
    if (connected < want) result.failures.push(`connect: only ${connected} of ${want} attendees connected`);
  }
  const best = ctx.attendees.length;
  result.targets.push(atLeast('connected attendees', best, '', target));
  // Falling short of the connection count is a measured limit in full mode, a failure in smoke.
  if (!ctx.smoke) result.failures = result.failures.filter((f) => !f.startsWith('connect: only'));
  return result;
}
