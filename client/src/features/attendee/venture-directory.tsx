import { useDeferredValue, useMemo, useState } from 'react';
import { matchesSearch } from '../../../../shared/text';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { RequestMeeting } from '../../components/request-meeting';
import { InterestPanel } from './interest-panel';
import { useTaps, withPending } from './tap-queue';

/** Every venture of the event, to search, filter by topic, and tag after its pitch. */
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
  const q = useDeferredValue(query.trim());

  // Folded as the door's search is: どろーん finds ドローン, ｽﾏｰﾄ finds スマート.
  const shown = ventures.filter(
    (v) => (!topic || v.tags.includes(topic)) && (!q || matchesSearch(q, [v.name, v.nameKana, v.summary, ...v.tags])),
  );
  const usedTopics = topics.filter((tag) => ventures.some((v) => v.tags.includes(tag)));

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
        {shown.map((v) => {
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
              </button>
              {expanded && (
                <div className="directory__body">
                  {/* First in the entry: opening it and asking to meet are the only two taps needed. */}
                  <RequestMeeting orgId={v.id} orgName={v.name} open />
                  <p className="directory__summary">{v.summary}</p>
                  <p className="directory__tags">{v.tags.join(' · ')}</p>
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
