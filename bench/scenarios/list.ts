/**
 * The bench's scenarios in the order they run: run.ts runs them from here and names the CPU
 * profile's windows after them (profile.ts). A new scenario is a file beside this one and a row here.
 */
import { bookingScenario } from './booking-storm.js';
import type { Scenario } from './common.js';
import { connectScenario } from './connect.js';
import { doorScenario } from './door.js';
import { tapScenario } from './tap-storm.js';

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'connect',
    only: null,
    needsStations: false,
    limitMs: (c) => c.limitMs * c.connectSteps.length,
    run: connectScenario,
  },
  { name: 'door', only: 'door', needsStations: true, limitMs: (c) => c.limitMs * 2, run: doorScenario },
  { name: 'tap storm', only: 'tap', needsStations: true, limitMs: (c) => c.limitMs, run: tapScenario },
  { name: 'booking storm', only: 'booking', needsStations: true, limitMs: (c) => c.limitMs, run: bookingScenario },
];
