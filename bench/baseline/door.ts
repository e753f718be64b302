/**
 * door against the bare stack: the app's door measurement (bench/scenarios/door.ts measureDoor), its
 * two stations sending `checkin` with the person's id where the app's scan a badge link.
 */
import { measureDoor } from '../scenarios/door.js';
import { readonlyDb, type BenchConfig, type ScenarioResult } from '../scenarios/common.js';
import { callBare, type BareCtx } from './client.js';

export function bareDoorScenario(ctx: BareCtx, config: BenchConfig): Promise<ScenarioResult> {
  const names = ['A', 'B'];
  return measureDoor(
    {
      server: ctx,
      limitMs: ctx.limitMs,
      firms: ctx.ev.firms,
      stations: ctx.stations.length,
      scan: async (s, person, key) => {
        const answer = await callBare(ctx.stations[s]!, 'checkin', { personId: person.id, station: names[s]!, key });
        return (
          answer && (answer.ok ? { ok: true, outcome: answer.data.outcome } : { ok: false, error: answer.error.code })
        );
      },
      checkins: () =>
        readonlyDb(ctx.dbFile, (db) =>
          db
            .prepare<[], { n: number; people: number }>(
              'SELECT COUNT(*) AS n, COUNT(DISTINCT person_id) AS people FROM checkins',
            )
            .get()!,
        ),
    },
    config,
  );
}
