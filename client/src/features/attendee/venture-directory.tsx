import { useDeferredValue, useMemo, useState } from 'react';
import { challengeFit, hasChallenges, type Challenges } from '../../../../shared/challenges';
import type { VentureInfo } from '../../../../shared/model';
import { matchesSearch } from '../../../../shared/text';
import { challengeLabel, challengeList } from '../../lib/challenges';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { RequestMeeting } from '../../components/request-meeting';
import { useBookingClosed } from '../../hooks/use-booking-window';
import { InterestPanel } from './interest-panel';
import { useTaps, withPending } from './tap-queue';

type Order = 'fit' | 'name';

/** The ventures with the firm's challenges each addresses; by fit (ties keep the reading's order) or as they came. */
function ordered(ventures: readonly VentureInfo[], mine: Challenges | null, order: Order) {
  const rows = ventures.map((venture) => ({ venture, fit: challengeFit(mine, venture.tags) }));
  return order === 'fit' ? rows.sort((a, b) => b.fit.score - a.fit.score) : rows;
}

/**
 * Every venture of the event, to search, filter by topic, and tag after its pitch. A firm that
 * stated challenges sees 「あなたの課題に合う順」 first, each entry saying which of them it addresses.
 */
export function VentureDirectory() {
  const t = useT();
  const ventures = useEventStore((s) => s.ventures);
  const topics = useEventStore((s) => s.topics);
  const serverInterests = useEventStore((s) => s.myInterests);
  const by = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer.personId : null));
  const queue = useTaps((s) => s.queue);
  // Taps not sent yet (offline) show as made, like on the now-pitching card.
  const myInterests = useMemo(() => withPending(serverInterests, queue, by), [serverInterests, queue, by]);
  const [query, setQuery] = useState('');
  const [topic, setTopic] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const mine = useEventStore((s) => s.myChallenges);
  const canFit = hasChallenges(mine);
  // By fit unless the firm chose otherwise; by name while it has no challenges to fit.
  const [chosenOrder, setOrder] = useState<Order | null>(null);
  const order: Order = canFit ? (chosenOrder ?? 'fit') : 'name';
  const q = useDeferredValue(query.trim());

  // Folded as the door's search is: どろーん finds ドローン, ｽﾏｰﾄ finds スマート. Categories are
  // searched by their names too (省力化 finds a venture whose topics hold 'efficiency').
  const shown = ordered(ventures, mine, order).filter(
    ({ venture: v }) =>
      (!topic || v.tags.includes(topic)) &&
      (!q || matchesSearch(q, [v.name, v.nameKana, v.summary, ...v.tags, ...v.tags.map((x) => challengeLabel(t, x))])),
  );
  const usedTopics = topics.filter((tag) => ventures.some((v) => v.tags.includes(tag)));
  const closed = useBookingClosed();

  // Before the booking window opens, the directory says when it opens (the pitch card still shows on the day).
  if (closed) {
    return (
      <section className="card" aria-labelledby="directory-title">
        <h2 className="card__title" id="directory-title">
          {t('directory.title')}
        </h2>
        <p className="notice" role="status">
          {t('booking.opensOnDetail', closed)}
        </p>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="directory-title">
      <h2 className="card__title" id="directory-title">
        {t('directory.title')}
      </h2>
      <input
        type="search"
        className="search"
        placeholder={t('directory.search')}
        aria-label={t('directory.search')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {canFit && (
        <div className="chips" role="group" aria-label={t('directory.sort')}>
          <button type="button" className="chip" aria-pressed={order === 'fit'} onClick={() => setOrder('fit')}>
            {t('directory.sortFit')}
          </button>
          <button type="button" className="chip" aria-pressed={order === 'name'} onClick={() => setOrder('name')}>
            {t('directory.sortName')}
          </button>
        </div>
      )}
      <div className="chips chips--scroll" role="group" aria-label={t('directory.filter')}>
        <button type="button" className="chip" aria-pressed={topic === null} onClick={() => setTopic(null)}>
          {t('directory.all')}
        </button>
        {usedTopics.map((tag) => (
          <button key={tag} type="button" className="chip" aria-pressed={topic === tag} onClick={() => setTopic(tag)}>
            {tag}
          </button>
        ))}
      </div>
      {shown.length === 0 && <p className="muted">{t('directory.empty')}</p>}
      <ul className="directory">
        {shown.map(({ venture: v, fit }) => {
          const level = myInterests[v.id]?.level;
          const expanded = open === v.id;
          return (
            <li key={v.id} className="directory__item">
              <button
                type="button"
                className="directory__head"
                aria-expanded={expanded}
                onClick={() => setOpen(expanded ? null : v.id)}
              >
                <span className="directory__name">{v.name}</span>
                {level && <span className={`badge badge--${level}`}>{t(`directory.mine.${level}`)}</span>}
                {fit.shared.length > 0 && (
                  <span className="fit-line directory__fit">
                    {t('challenge.fit', { list: challengeList(t, fit.shared) })}
                  </span>
                )}
              </button>
              {expanded && (
                <div className="directory__body">
                  {/* First in the entry: opening it and asking to meet are the only two taps needed. */}
                  <RequestMeeting orgId={v.id} orgName={v.name} open />
                  <p className="directory__summary">{v.summary}</p>
                  <p className="directory__tags">{challengeList(t, v.tags, ' · ')}</p>
                  <InterestPanel ventureId={v.id} ventureName={v.name} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
