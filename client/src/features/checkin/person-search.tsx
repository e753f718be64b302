import { useDeferredValue, useState } from 'react';
import { matchesSearch, searchKey } from '../../../../shared/text';
import { formatTime } from '../../lib/format';
import { send } from '../../lib/socket';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { enqueue } from './scan-queue';

const MAX_SHOWN = 8;
/** The search box's id: the scanner points here when this page may not open a camera. */
export const PERSON_SEARCH_ID = 'person-search';

/** The fallback when a badge is forgotten or will not scan: find by name, reading or company. */
export function PersonSearch({ station }: { station: string }) {
  const t = useT();
  const people = useEventStore((s) => s.people);
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
        {matches.map((p) => (
          <li key={p.id} className={p.checkin ? 'person person--in' : 'person'}>
            <span className="person__text">
              <strong>{p.name}</strong>
              <span className="muted">
                {p.orgName} · {t(`kind.${p.role}`)}
              </span>
              {p.checkin && (
                <span className="person__status">
                  ✓ {t('checkin.checkedInAt', { time: formatTime(p.checkin.at, timeZone), station: p.checkin.station })}
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
            ) : (
              <button
                type="button"
                className="primary"
                aria-label={t('checkin.doCheckin', { name: p.name })}
                onClick={() => enqueue({ kind: 'person', personId: p.id, station })}
              >
                {t('nav.checkin')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
