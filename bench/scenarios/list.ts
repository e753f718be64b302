/**
 * The bench's scenarios in the order they run: run.ts runs them from here and names the CPU
 * profile's windows after them (profile.ts). A new scenario is a file beside this one and a line here.
 */
import { bookingStorm } from './booking-storm.js';
import type { Scenario } from './common.js';
import { connect } from './connect.js';
import { door } from './door.js';
import { tapStorm } from './tap-storm.js';

export const SCENARIOS: readonly Scenario[] = [connect, door, tapStorm, bookingStorm];
