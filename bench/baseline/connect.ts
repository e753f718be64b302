/**
 * connect against the bare stack: the app's connect measurement (bench/scenarios/connect.ts
 * measureConnect), each firm one plain socket with nothing to sign in or sync.
 */
import { measureConnect } from '../scenarios/connect.js';
import type { BenchConfig, ScenarioResult } from '../scenarios/common.js';
import { openBare, type BareCtx } from './client.js';

export function bareConnectScenario(ctx: BareCtx, config: BenchConfig): Promise<ScenarioResult> {
  return measureConnect(
    {
      server: ctx,
      limitMs: ctx.limitMs,
      smoke: ctx.smoke,
      firms: ctx.ev.firms,
      connected: () => ctx.attendees.length,
      connect: async (person) => {
        ctx.attendees.push({ person, socket: await openBare(ctx.ev.baseUrl) });
      },
      what: 'connect',
      log: ctx.log,
    },
    config,
  );
}
