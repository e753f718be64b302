import type { ReactNode } from 'react';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useT } from '../../stores/language-store';
import { InterestDetails } from './interest-panel';
import { MyChallenges } from './my-challenges';
import { RefusedTaps } from './refused-taps';
import { useInterest } from './use-interest';
import { VentureDirectory } from './venture-directory';

/**
 * A local firm's (or partner's) phone below its sticky live bar (`LiveBar`): what the app has to say
 * (`top`), the pitch on stage in full with topics and a note, the firm's own challenges (the bar says
 * which of them the pitch addresses), the directory, then the meetings.
 */
export function AttendeeHome({ top, meetings }: { top?: ReactNode; meetings?: ReactNode }) {
  const t = useT();
  const live = useLivePitch();

  return (
    <main className="page">
      {top}
      <RefusedTaps />
      {live?.pitch && live.venture && (
        <section className="card now-card" aria-label={t('now.about', { venture: live.venture.name })}>
          <h2 className="now-card__pitch">{live.pitch.title}</h2>
          {live.venture.summary && <p className="directory__summary">{live.venture.summary}</p>}
          {/* Keyed by venture: a new pitch starts with a fresh panel, not the last one's draft. */}
          <LiveDetails key={live.venture.id} ventureId={live.venture.id} />
        </section>
      )}
      <MyChallenges />
      <VentureDirectory />
      {meetings}
    </main>
  );
}

function LiveDetails({ ventureId }: { ventureId: string }) {
  const interest = useInterest(ventureId);
  return (
    <div className="interest-panel">
      <InterestDetails interest={interest} standalone />
    </div>
  );
}
