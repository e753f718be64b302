import { useMemo, useRef, useState } from 'react';
import type { InterestCount, LiveState, PitchInfo, VentureInfo } from '../../../../shared/model';
import { Countdown } from '../../components/countdown';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { challengeLabel } from '../../lib/challenges';
import { useEventStore } from '../../stores/event-store';
import { useLanguage, useT, type Translate } from '../../stores/language-store';
import { FitText } from './fit-text';
import { boardPages, rankVentures, visibleRows, type RankedVenture } from './ranking';
import { usePageRotation, useRowCapacity } from './use-pages';

/** The top of the ranking stays on screen while the rest turns over. */
const TOP = 3;
/** Long enough to find a name on a turning page from the back of the hall. */
const PAGE_MS = 8000;
const NONE: InterestCount = { total: 0, wantToMeet: 0 };

/**
 * The projector in the hall: one 16:9 screen, never scrolled, read from 15 m. The venture on stage
 * on the left with what it offers (and how many firms in the room have a challenge it addresses),
 * the ranking on the right, the door's figures below. Counts and ventures' public profiles only: the
 * board never names a firm.
 */
export default function BoardPage() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const event = useEventStore((s) => s.event);
  const ventures = useEventStore((s) => s.ventures);
  const counts = useEventStore((s) => s.counts);
  const stats = useEventStore((s) => s.stats);
  const fitInRoom = useEventStore((s) => s.fitInRoom);
  const live = useLivePitch();

  const ranked = useMemo(() => rankVentures(ventures, counts), [ventures, counts]);
  const listRef = useRef<HTMLOListElement>(null);
  const capacity = useRowCapacity(listRef, 9);
  const onStage = live?.pitch && live.venture ? { pitch: live.pitch, venture: live.venture } : null;
  const layout = boardPages(ranked, capacity, TOP, onStage?.venture.id ?? null);
  const page = usePageRotation(layout.pages.length, PAGE_MS);
  const rows = visibleRows(ranked, layout, page);
  const max = Math.max(1, ...ranked.map((r) => r.count.total));
  const liveId = onStage?.venture.id ?? null;

  return (
    <main className="board" lang={language}>
      <header className="board__header">
        <FitText as="h1" kind="name" text={event?.name ?? ''} minRatio={0.7} />
      </header>
      {onStage && live ? (
        <OnStage
          t={t}
          live={live.live}
          pitch={onStage.pitch}
          venture={onStage.venture}
          ranked={ranked.find((r) => r.venture.id === onStage.venture.id)}
          firmsFitting={fitInRoom[onStage.venture.id] ?? 0}
        />
      ) : (
        <NoPitch t={t} language={language} ended={live?.live.status === 'ended'} ranked={ranked} />
      )}
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
      <section className="board__ranking" aria-labelledby="board-ranking">
        <div className="board__ranking-head">
          <h2 id="board-ranking">{t('board.ranking')}</h2>
          {layout.pages.length > 1 && (
            <Pager t={t} ranked={ranked} ids={layout.pages[page]!} page={page} pages={layout.pages.length} />
          )}
        </div>
        <ol ref={listRef}>
          {rows.map(({ venture, count, rank, index }) => (
            <li
              key={venture.id}
              className={[
                'rank',
                rank !== null && index < TOP ? `rank--top rank--top${index + 1}` : '',
                liveId === venture.id ? 'rank--live' : '',
              ].join(' ')}
              aria-label={venture.name}
            >
              <span className="rank__pos">{rank ?? '–'}</span>
              <FitText className="rank__name" kind="name" text={venture.name} minRatio={0.81} />
              <Count value={count.total} label={t('board.interestTotal', { total: count.total })} />
              <span className="rank__meet">{t('board.wantToMeet', { count: count.wantToMeet })}</span>
              <span className="rank__bar" aria-hidden="true">
                <span style={{ width: `${(count.total / max) * 100}%` }} />
              </span>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

/**
 * A row's count, which pops when it changes while on screen: not when a turning page brings its
 * row in, where a pop would tell the room of interest that did not just arrive.
 */
function Count({ value, label }: { value: number; label: string }) {
  const [shown, setShown] = useState(value);
  const [changes, setChanges] = useState(0);
  if (shown !== value) {
    // Adjusting state while rendering, as React's docs do for a value's previous render.
    setShown(value);
    setChanges((n) => n + 1);
  }
  return (
    <span className={changes > 0 ? 'rank__count rank__count--new' : 'rank__count'} key={changes} aria-label={label}>
      {value}
    </span>
  );
}

/** The venture on stage: what it is, what it offers, its interest so far, and the clock. */
function OnStage({
  t,
  live,
  pitch,
  venture,
  ranked,
  firmsFitting,
}: {
  t: Translate;
  live: LiveState;
  pitch: PitchInfo;
  venture: VentureInfo;
  ranked: RankedVenture | undefined;
  /** Firms checked in with a challenge this venture addresses (a count, never names). */
  firmsFitting: number;
}) {
  const paused = live.status === 'paused';
  const count = ranked?.count ?? NONE;
  return (
    <section className={`board__now ${paused ? 'board__now--paused' : 'board__now--live'}`} aria-labelledby="board-now">
      <div className="board__now-head">
        <p className="board__state" id="board-now">
          {paused ? t('now.paused') : t('now.title')}
        </p>
        {/* In the head row, which is there anyway: the panel below has no height to spare at 1280×720.
            Not while paused: then the state is the largest word on the panel and takes the row. */}
        {firmsFitting > 0 && !paused && (
          <p className="board-fit" data-testid="board-fit">
            {t('challenge.inRoom')}
            <strong className="board-fit__count">{t('challenge.inRoomCount', { count: firmsFitting })}</strong>
          </p>
        )}
        {ranked?.rank != null && <p className="board__live-place">{t('board.livePlace', { rank: ranked.rank })}</p>}
      </div>
      <FitText as="h2" className="board__venture" kind="name" text={venture.name} minRatio={0.6} />
      {pitch.title && <FitText as="p" className="board__pitch" text={pitch.title} minRatio={0.7} />}
      {venture.summary && <FitText as="p" className="board__summary" text={venture.summary} minRatio={0.7} />}
      {venture.tags.length > 0 && (
        <ul className="board__topics" aria-label={t('board.topics')}>
          {venture.tags.slice(0, 4).map((tag) => (
            <li key={tag} lang="ja">
              {challengeLabel(t, tag)}
            </li>
          ))}
        </ul>
      )}
      <div className="board__live-figures">
        <dl className="board__figures">
          <div>
            <dt>{t('interest.interested')}</dt>
            <dd>{count.total}</dd>
          </div>
          <div className="board__figure--meet">
            <dt>{t('interest.wantToMeet')}</dt>
            <dd>{count.wantToMeet}</dd>
          </div>
        </dl>
        <Countdown live={live} durationSec={pitch.durationSec} className="countdown--board" />
      </div>
    </section>
  );
}

/** Between pitches and after the last one: the state in large type, and the room's totals. */
function NoPitch({
  t,
  language,
  ended,
  ranked,
}: {
  t: Translate;
  language: string;
  ended: boolean;
  ranked: RankedVenture[];
}) {
  const total = ranked.reduce((sum, r) => sum + r.count.total, 0);
  const wantToMeet = ranked.reduce((sum, r) => sum + r.count.wantToMeet, 0);
  return (
    <section className={`board__now ${ended ? 'board__now--ended' : 'board__now--idle'}`} aria-labelledby="board-now">
      <FitText
        as="h2"
        id="board-now"
        className="board__message"
        lang={language}
        text={ended ? t('now.ended') : t('board.waiting')}
        minRatio={0.6}
      />
      <FitText
        as="p"
        className="board__hint"
        lang={language}
        text={ended ? t('board.ended.thanks') : t('board.waitingHint')}
      />
      <dl className="board__figures">
        <div>
          <dt>{t('board.totalInterest')}</dt>
          <dd>{total}</dd>
        </div>
        <div className="board__figure--meet">
          <dt>{t('board.totalWantToMeet')}</dt>
          <dd>{wantToMeet}</dd>
        </div>
      </dl>
    </section>
  );
}

/** Which part of the ranking is on screen, and that it turns: "4〜8位 · 2 / 6" with dots. */
function Pager({
  t,
  ranked,
  ids,
  page,
  pages,
}: {
  t: Translate;
  ranked: RankedVenture[];
  ids: string[];
  page: number;
  pages: number;
}) {
  const places = ranked.filter((r) => ids.includes(r.venture.id)).map((r) => r.index + 1);
  const [from, to] = [Math.min(...places), Math.max(...places)];
  return (
    <div className="board__pager" aria-label={t('board.pageLabel', { page: page + 1, pages })}>
      <span className="board__pager-range">
        {from === to ? t('board.place', { rank: from }) : t('board.pageRange', { from, to })}
      </span>
      <span className="board__pager-dots" aria-hidden="true">
        {Array.from({ length: pages }, (_, i) => (
          <span key={i} className={i === page ? 'is-current' : ''} />
        ))}
      </span>
      <span className="board__pager-count" aria-hidden="true">
        {t('board.pageOf', { page: page + 1, pages })}
      </span>
      <span
        key={page}
        className="board__pager-progress"
        aria-hidden="true"
        style={{ animationDuration: `${PAGE_MS}ms` }}
      />
    </div>
  );
}
