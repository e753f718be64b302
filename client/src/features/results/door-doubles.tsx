/**
 * 「二重の受付」: people two stations let in while offline, for the organizers. Counts already hold
 * each person once (the earlier check-in is kept); this list says who came through twice, where and
 * when, so staff can look into it (a shared badge, a badge passed back out).
 */
import type { DoorDouble } from '../../../../shared/model';
import { formatTime } from '../../lib/format';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { useLiveJson } from './use-live-json';

/** Refetch at least this often, check-ins or not. */
const POLL_MS = 15_000;

export function DoorDoubles() {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  // Every check-in, move and double publishes the person: the list may have changed.
  const people = useEventStore((s) => s.people);
  const { data, error } = useLiveJson<{ doubles: DoorDouble[] }>('/api/door/doubles', people, POLL_MS);
  const doubles = data?.doubles ?? null;
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
