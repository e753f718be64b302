/**
 * The bare stack's scenarios, in the order and with the names and limits of the app's
 * (bench/scenarios/list.ts), so run.ts pairs each with the app's and `--only` picks both.
 */
import type { Scenario } from '../scenarios/common.js';
import { SCENARIOS } from '../scenarios/list.js';
import { bareBookingScenario } from './booking-storm.js';
import type { BareCtx } from './client.js';
import { bareConnectScenario } from './connect.js';
import { bareDoorScenario } from './door.js';
import { bareTapScenario } from './tap-storm.js';

const RUNS: Record<string, Scenario<BareCtx>['run']> = {
  connect: bareConnectScenario,
  door: bareDoorScenario,
  'tap storm': bareTapScenario,
  'booking storm': bareBookingScenario,
};

export const BARE_SCENARIOS: readonly Scenario<BareCtx>[] = SCENARIOS.map((scenario) => {
  const run = RUNS[scenario.name];
  if (!run) throw new Error(`the bare stack has no scenario "${scenario.name}" (bench/baseline/list.ts)`);
  return { ...scenario, run };
});
