/**
 * 「二重の受付」: people two stations let in while offline, for the organizers. Counts already hold
 * each person once (the earlier check-in is kept); this list says who came through twice, where and
 * when, so staff can look into it (a shared badge, a badge passed back out).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DoorDouble } from '../../../../shared/model';
import { formatTime } from '../../lib/format';
import { getJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

/** Refetch at most this often when check-ins arrive, and at least this often otherwise. */
const MIN_GAP_MS = 1_000;
const POLL_MS = 15_000;

/** The list, refetched (coalesced) whenever the door's people change. */
function useDoorDoubles(): { doubles: DoorDouble[] | null; error: string | null } {
  const t = useT();
  const [doubles, setDoubles] = useState<DoorDouble[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Every check-in, move and double publishes the person: the list may have changed.
  const people = useEventStore((s) => s.people);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    last.current = Date.now();
    const answer = await getJson<{ doubles: DoorDouble[] }>('/api/door/doubles');
    if (answer.ok) {
      setDoubles(answer.data.doubles);
      setError(null);
    } else setError(describeError(t, answer.error));
  }, [t]);

  useEffect(() => {
    const wait = Math.max(0, last.current + MIN_GAP_MS - Date.now());
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), wait);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load, people]);

  useEffect(() => {
    const poll = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(poll);
  }, [load]);

  return { doubles, error };
}

export function DoorDoubles() {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const { doubles, error } = useDoorDoubles();
  const at = (station: string, time: number) => t('doubles.at', { station, time: formatTime(time, timeZone) });

  return (
    <section className="card" aria-labelledby="door-doubles">
      <h2 className="card__title" id="door-doubles">
        {t('doubles.title')}
      </h2>
      <p className="hint">{t('doubles.hint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {doubles && doubles.length === 0 && <p className="muted">{t('doubles.none')}</p>}
      {doubles && doubles.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" data-testid="door-doubles">
            <thead>
              <tr>
                <th scope="col">{t('doubles.person')}</th>
                <th scope="col">{t('doubles.company')}</th>
                <th scope="col">{t('doubles.kept')}</th>
                <th scope="col">{t('doubles.other')}</th>
              </tr>
            </thead>
            <tbody>
              {doubles.map((d) => (
                <tr key={`${d.personId}:${d.other.station}:${d.other.at}`}>
                  <th scope="row">{d.name}</th>
                  <td>{d.orgName ?? ''}</td>
                  <td>{at(d.kept.station, d.kept.at)}</td>
                  <td>{at(d.other.station, d.other.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
