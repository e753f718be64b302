import { Countdown } from '../../components/countdown';
import { RequestMeeting } from '../../components/request-meeting';
import { VentureProfileForm } from '../../components/venture-profile-form';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

/** A venture's screen: the room's reaction to its pitch, live. Counts only, never names. */
export function VentureHome() {
  const t = useT();
  const viewer = useEventStore((s) => s.viewer);
  const orgId = viewer?.kind === 'person' ? viewer.org?.id : undefined;
  const count = useEventStore((s) => (orgId ? s.counts[orgId] : undefined));
  const leads = useEventStore((s) => s.leads);
  const profile = useEventStore((s) => s.ventures.find((v) => v.id === orgId));
  const live = useLivePitch();
  const onStage = live?.venture?.id === orgId && live?.pitch;

  return (
    <main className="page">
      <section className="card" aria-labelledby="venture-title">
        <h1 className="card__title" id="venture-title">
          {t('venture.title')}
          {onStage && <span className="live-dot">{t('venture.live')}</span>}
        </h1>
        <div className="big-counts">
          <p className="big-count">
            <span className="big-count__label" id="count-interested">
              {t('venture.interested')}
            </span>
            <strong className="big-count__value" aria-labelledby="count-interested">
              {count?.total ?? 0}
            </strong>
          </p>
          <p className="big-count big-count--meet">
            <span className="big-count__label" id="count-meet">
              {t('venture.wantToMeet')}
            </span>
            <strong className="big-count__value" aria-labelledby="count-meet">
              {count?.wantToMeet ?? 0}
            </strong>
          </p>
        </div>
        {onStage && live.pitch && <Countdown live={live.live} durationSec={live.pitch.durationSec} />}
      </section>
      <section className="card" aria-labelledby="leads-title">
        <h2 className="card__title" id="leads-title">
          {t('venture.leads')} <span className="count-pill">{leads.length}</span>
        </h2>
        {leads.length === 0 ? (
          <p className="muted">{t('venture.noLeads')}</p>
        ) : (
          <ul className="leads">
            {leads.map((lead) => (
              <li key={lead.personId} className="lead">
                <strong className="lead__org">{lead.orgName}</strong>
                <span className="lead__person">{lead.personName}</span>
                {lead.tags.length > 0 && <span className="lead__tags">{lead.tags.join(' · ')}</span>}
                <RequestMeeting orgId={lead.orgId} orgName={lead.orgName} />
                {lead.note && (
                  <p className="lead__note">
                    <span className="muted">{t('venture.sharedNote')}: </span>
                    {lead.note}
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      {profile && (
        <section className="card" aria-labelledby="profile-title">
          <h2 className="card__title" id="profile-title">
            {t('profile.mine')}
          </h2>
          <VentureProfileForm venture={profile} />
        </section>
      )}
      {live?.venture && !onStage && (
        <section className="card" aria-label={t('now.title')}>
          <p className="now-card__eyebrow">{t('now.title')}</p>
          <p className="now-card__venture">{live.venture.name}</p>
        </section>
      )}
    </main>
  );
}
