import { Countdown } from '../../components/countdown';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

/** The big screen: who is pitching, interest per venture, the door. Counts only, no firm names. */
export default function BoardPage() {
  const t = useT();
  const event = useEventStore((s) => s.event);
  const ventures = useEventStore((s) => s.ventures);
  const counts = useEventStore((s) => s.counts);
  const stats = useEventStore((s) => s.stats);
  const live = useLivePitch();

  const ranking = ventures
    .map((v) => ({ venture: v, count: counts[v.id] ?? { total: 0, wantToMeet: 0 } }))
    .sort(
      (a, b) =>
        b.count.total - a.count.total ||
        b.count.wantToMeet - a.count.wantToMeet ||
        a.venture.name.localeCompare(b.venture.name, 'ja'),
    );
  const max = Math.max(1, ...ranking.map((r) => r.count.total));

  return (
    <main className="board">
      <header className="board__header">
        <h1>{event?.name}</h1>
        <dl className="board__stats">
          <div>
            <dt id="stat-checked-in">{t('board.checkedIn')}</dt>
            <dd aria-labelledby="stat-checked-in">{stats?.checkedIn ?? 0}</dd>
          </div>
          <div>
            <dt id="stat-companies">{t('board.companies')}</dt>
            <dd aria-labelledby="stat-companies">{stats?.companies ?? 0}</dd>
          </div>
          <div>
            <dt id="stat-meetings">{t('board.meetings')}</dt>
            <dd aria-labelledby="stat-meetings">{stats?.meetingsBooked ?? 0}</dd>
          </div>
        </dl>
      </header>
      <section className="board__now" aria-labelledby="board-now">
        <p className="board__eyebrow" id="board-now">
          {t('now.title')}
        </p>
        {live?.pitch && live.venture ? (
          <>
            <h2 className="board__venture">{live.venture.name}</h2>
            <p className="board__pitch">{live.pitch.title}</p>
            <Countdown live={live.live} durationSec={live.pitch.durationSec} className="countdown--board" />
          </>
        ) : (
          <h2 className="board__venture board__venture--waiting">
            {live?.live.status === 'ended' ? t('now.ended') : t('board.waiting')}
          </h2>
        )}
      </section>
      <section className="board__ranking" aria-labelledby="board-ranking">
        <h2 id="board-ranking">{t('board.ranking')}</h2>
        <ol>
          {ranking.map(({ venture, count }) => (
            <li
              key={venture.id}
              className={live?.venture?.id === venture.id ? 'rank rank--live' : 'rank'}
              aria-label={venture.name}
            >
              <span className="rank__name">{venture.name}</span>
              <span className="rank__bar" aria-hidden="true">
                <span style={{ width: `${(count.total / max) * 100}%` }} />
              </span>
              <span
                className="rank__count"
                key={count.total}
                aria-label={t('board.interestTotal', { total: count.total })}
              >
                {count.total}
              </span>
              <span className="rank__meet">{t('board.wantToMeet', { count: count.wantToMeet })}</span>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
