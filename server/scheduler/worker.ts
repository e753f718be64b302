/**
 * The scheduler's worker thread: solves the one problem it is given and posts the result back, so a
 * large schedule never holds the event loop that serves every phone. Started by ./run.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveSchedule } from '../domain/schedule/solve.js';
import type { ScheduleProblem } from '../domain/schedule/types.js';

parentPort?.postMessage(solveSchedule(workerData as ScheduleProblem, () => performance.now()));
