import { challengeFit } from '../../../../shared/challenges';
import { Countdown } from '../../components/countdown';
import { RequestMeeting } from '../../components/request-meeting';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { challengeList } from '../../lib/challenges';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { useInterest } from './use-interest';
import { InterestTaps } from './interest-panel';

/**
 * The pitch on stage and its two taps, stuck to the top of a firm's phone wherever the page is
 * scrolled: a firm reading its agenda when the next pitch starts still sees it and can react. After
 * 会いたい the request is offered right here, so a pitch becomes a sent request in two taps. When the
 * venture addresses one of the firm's challenges, the bar says which (「あなたの課題: 省力化」).
 */
export function LiveBar() {
  const t = useT();
  const live = useLivePitch();
  if (!live?.pitch || !live.venture) {
    const status = live?.live.status;
    return (
      <section className="live-bar live-bar--idle" aria-label={t('now.title')}>
        <p className="live-bar__idle">{status === 'ended' ? t('now.ended') : t('now.none')}</p>
      </section>
    );
  }
  return (
    <section className="live-bar" aria-label={t('now.title')}>
      <div className="live-bar__head">
        <p className="live-bar__eyebrow">{t('now.title')}</p>
        <Countdown live={live.live} durationSec={live.pitch.durationSec} className="countdown--bar" />
      </div>
      {/* Keyed by venture: a new pitch starts with fresh feedback, not the last one's undo. */}
      <LiveTaps
        key={live.venture.id}
        ventureId={live.venture.id}
        ventureName={live.venture.name}
        ventureTags={live.venture.tags}
      />
    </section>
  );
}

/** 「あなたの課題: 省力化」: the firm's challenges this venture addresses, or nothing when none. */
export function LiveFit({ ventureTags }: { ventureTags: readonly string[] }) {
  const t = useT();
  const mine = useEventStore((s) => s.myChallenges);
  const { shared } = challengeFit(mine, ventureTags);
  if (shared.length === 0) return null;
  return <p className="fit-line">{t('challenge.fit', { list: challengeList(t, shared) })}</p>;
}

function LiveTaps({
  ventureId,
  ventureName,
  ventureTags,
}: {
  ventureId: string;
  ventureName: string;
  ventureTags: readonly string[];
}) {
  const interest = useInterest(ventureId);
  return (
    <>
      <h1 className="live-bar__venture">{ventureName}</h1>
      <LiveFit ventureTags={ventureTags} />
      <InterestTaps interest={interest} compact />
      {interest.mine?.level === 'want-to-meet' && (
        <RequestMeeting orgId={ventureId} orgName={ventureName} open className="live-bar__request" />
      )}
    </>
  );
}
