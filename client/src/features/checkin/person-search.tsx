import { useDeferredValue, useState } from 'react';
import { matchesSearch, searchKey } from '../../../../shared/text';
import { formatTime } from '../../lib/format';
import { send } from '../../lib/socket';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { checkInPerson, ownCheckins, useDoorQueue } from './scan-queue';

const MAX_SHOWN = 8;
/** The search box's id: the scanner points here when this page may not open a camera. */
export const PERSON_SEARCH_ID = 'person-search';

/** The fallback when a badge is forgotten or will not scan: find by name, reading or company. */
export function PersonSearch({ station }: { station: string }) {
  const t = useT();
  const people = useEventStore((s) => s.people);
  const queue = useDoorQueue((s) => s.queue);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [query, setQuery] = useState('');
  // Folded like every search (shared/text.ts): サトウ, ｻﾄｳ and さとう find a reading stored in hiragana.
  const q = useDeferredValue(query);
  const matches = searchKey(q)
    ? people
        .filter((p) => p.role !== 'organizer')
        .filter((p) => matchesSearch(q, [p.name, p.nameKana, p.orgName]))
        .slice(0, MAX_SHOWN)
    : [];
  // Checked in here but not yet sent: shown as in, so nobody checks them in twice by hand.
  const waiting = new Map(ownCheckins(queue).map((own) => [own.personId, own.checkin]));

  return (
    <section className="card" aria-labelledby="search-title">
      <h2 className="card__title" id="search-title">
        {t('checkin.searchTitle')}
      </h2>
      <input
        id={PERSON_SEARCH_ID}
        type="search"
        className="search"
        aria-label={t('checkin.search')}
        placeholder={t('checkin.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {searchKey(q) && matches.length === 0 && <p className="muted">{t('checkin.noMatch')}</p>}
      <ul className="people-list">
        {matches.map((p) => {
          const checkin = p.checkin ?? waiting.get(p.id) ?? null;
          return (
            <li key={p.id} className={checkin ? 'person person--in' : 'person'}>
              <span className="person__text">
                <strong>{p.name}</strong>
                <span className="muted">
                  {p.orgName} · {t(`kind.${p.role}`)}
                </span>
                {checkin && (
                  <span className="person__status">
                    ✓ {t('checkin.checkedInAt', { time: formatTime(checkin.at, timeZone), station: checkin.station })}
                    {!p.checkin && ` · ${t('interest.waiting')}`}
                  </span>
                )}
              </span>
              {p.checkin ? (
                <button
                  type="button"
                  aria-label={t('checkin.undo', { name: p.name })}
                  onClick={() => void send('checkin:undo', { personId: p.id })}
                >
                  {t('interest.undo')}
                </button>
              ) : checkin ? null : (
                <button
                  type="button"
                  className="primary"
                  aria-label={t('checkin.doCheckin', { name: p.name })}
                  onClick={() => checkInPerson(p, station)}
                >
                  {t('nav.checkin')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
