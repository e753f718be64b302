import type { ReactNode } from 'react';
import type { Lead } from '../../../../shared/model';
import { RequestMeeting } from '../../components/request-meeting';
import { VentureProfileForm } from '../../components/venture-profile-form';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { challengeLabel, describeChallenges } from '../../lib/challenges';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

/**
 * A venture's screen: the room's reaction to its pitch, live (counts only, never names), then what
 * it has to act on (`meetings`: requests and agenda, put together by the app), the firms that asked
 * to meet it with their challenges (課題: what the venture could solve for them), and its profile
 * last: the form is filled once, the rest is the day.
 */
export function VentureHome({ top, meetings }: { top?: ReactNode; meetings?: ReactNode }) {
  const t = useT();
  const viewer = useEventStore((s) => s.viewer);
  const orgId = viewer?.kind === 'person' ? viewer.org?.id : undefined;
  const count = useEventStore((s) => (orgId ? s.counts[orgId] : undefined));
  const leads = useEventStore((s) => s.leads);
  const profile = useEventStore((s) => s.ventures.find((v) => v.id === orgId));
  const live = useLivePitch();
  const onStage = live?.venture?.id === orgId && live?.pitch;
  const total = count?.total ?? 0;
  const wantToMeet = count?.wantToMeet ?? 0;

  return (
    <main className="page">
      {top}
      <section className="card" aria-labelledby="venture-title">
        <h1 className="card__title" id="venture-title">
          {t('venture.title')}
          {onStage && <span className="live-dot">{t('venture.live')}</span>}
        </h1>
        {/* Want-to-meet is part of the total, which the two figures alone did not say. */}
        <p className="venture-summary">{t('venture.summary', { total, meet: wantToMeet })}</p>
        <div className="big-counts">
          <p className="big-count">
            <span className="big-count__label" id="count-interested">
              {t('venture.total')}
            </span>
            <strong className="big-count__value" aria-labelledby="count-interested">
              {total}
            </strong>
          </p>
          <p className="big-count big-count--meet">
            <span className="big-count__label" id="count-meet">
              {t('venture.ofWhichMeet')}
            </span>
            <strong className="big-count__value" aria-labelledby="count-meet">
              {wantToMeet}
            </strong>
          </p>
        </div>
      </section>
      {meetings}
      <section className="card" aria-labelledby="leads-title">
        <h2 className="card__title" id="leads-title">
          {t('venture.leads')} <span className="count-pill">{leads.length}</span>
        </h2>
        <LeadChallenges leads={leads} />
        {leads.length === 0 ? (
          <p className="muted">{t('venture.noLeads')}</p>
        ) : (
          <ul className="leads">
            {leads.map((lead) => (
              <li key={lead.personId} className="lead">
                <strong className="lead__org">{lead.orgName}</strong>
                <span className="lead__person">{lead.personName}</span>
                {lead.tags.length > 0 && <span className="lead__tags">{lead.tags.join(' · ')}</span>}
                {lead.challenges && (
                  <span className="lead__challenges">
                    {t('challenge.ofFirm', { list: describeChallenges(t, lead.challenges) })}
                  </span>
                )}
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
    </main>
  );
}

/**
 * The challenges of the firms that asked to meet, tallied per firm (a firm with two people who
 * asked counts once): 「省力化 3社・雇用確保 1社」, most first.
 */
function LeadChallenges({ leads }: { leads: readonly Lead[] }) {
  const t = useT();
  const firms = new Map(leads.flatMap((lead) => (lead.challenges ? [[lead.orgId, lead.challenges] as const] : [])));
  const tally = new Map<string, number>();
  for (const c of firms.values()) {
    for (const value of [...c.categories, ...c.topics]) tally.set(value, (tally.get(value) ?? 0) + 1);
  }
  if (tally.size === 0) return null;
  const rows = [...tally].sort((a, b) => b[1] - a[1]);
  return (
    <div className="lead-challenges">
      <p className="hint">{t('challenge.leadsSummary')}</p>
      <ul className="challenge-tally">
        {rows.map(([value, count]) => (
          <li key={value} className="chip">
            {t('challenge.leadsCount', { label: challengeLabel(t, value), count })}
          </li>
        ))}
      </ul>
    </div>
  );
}
