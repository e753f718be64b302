/**
 * Runs the meeting scheduler in a worker thread, one thread per run: the server keeps answering
 * taps and check-ins while 500 firms × 60 ventures are scheduled. From the built server the worker
 * is the compiled worker.js beside this file; under tsx (dev, tests) it is worker.ts, loaded through
 * tsx's loader.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScheduleProblem, ScheduleResult } from '../domain/schedule/types.js';

/** A run longer than this is stopped: the organizer gets an error rather than a spinner forever. */
const DEFAULT_TIMEOUT_MS = 60_000;

function startWorker(problem: ScheduleProblem): Worker {
  const built = new URL('./worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built, { workerData: problem });
  // Node 20's workers do not take --import from execArgv, so the worker registers tsx itself.
  const source = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(boot, { eval: true, workerData: problem });
}

export function runSchedule(problem: ScheduleProblem, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ScheduleResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(problem);
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`The scheduler ran longer than ${timeoutMs} ms and was stopped.`))),
      timeoutMs,
    );
    worker.once('message', (result: ScheduleResult) => settle(() => resolve(result)));
    worker.once('error', (err) => settle(() => reject(err)));
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The scheduler's worker exited (code ${code}) without a result.`))),
    );
  });
}
