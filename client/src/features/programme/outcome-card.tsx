import { useState } from 'react';
import type { RegionalOutcome, RegionalOutcomeKind } from '../../../../shared/programme';
import { REGIONAL_OUTCOME_KINDS } from './contract';
import { formatTime } from '../../lib/format';
import { intentKeys } from '../../lib/keys';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { todayIn } from './entry-card';
import { fiscalYearLabel } from './programme-table';
import { PostResult, usePost } from './use-post';
import { useEventOrganizations } from '../../hooks/use-event-organizations';

// For the page: an outcome recorded again after no answer keeps its key, and is recorded once.
const keys = intentKeys();

/**
 * A business founded in the region or a site opened here (域内で創業 / 拠点開設) by an organization
 * of this event, with its date, a note and the meeting it grew from; the programme's outcomes so far,
 * each deletable (a wrong record would count in the council's table).
 */
export function OutcomeCard({ outcomes, reload }: { outcomes: RegionalOutcome[]; reload: () => Promise<void> }) {
  const t = useT();
  const eventId = useEventStore((s) => s.event?.id ?? '');
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const meetings = useEventStore((s) => s.meetings);
  const orgs = useEventOrganizations();
  const [draft, setDraft] = useState({
    kind: 'founded' as RegionalOutcomeKind,
    orgId: '',
    on: todayIn(timeZone),
    note: '',
    meetingId: '',
  });
  const { state, post } = usePost(reload);
  const removal = usePost(reload);
  const [confirming, setConfirming] = useState<string | null>(null);
  const held = meetings.filter(
    (m) =>
      m.status === 'held' && draft.orgId !== '' && (m.guestOrgId === draft.orgId || m.ventureOrgId === draft.orgId),
  );
  const say = (o: Pick<RegionalOutcome, 'orgName' | 'kind' | 'on'>) => ({
    org: o.orgName,
    kind: t(`programme.outcomeKind.${o.kind}`),
    on: o.on,
  });

  async function save() {
    const body = {
      eventId,
      orgId: draft.orgId,
      kind: draft.kind,
      on: draft.on,
      note: draft.note,
      ...(draft.meetingId ? { meetingId: draft.meetingId } : {}),
    };
    const intent = JSON.stringify(body);
    const answer = await post<{ outcome: RegionalOutcome }>(
      '/api/programme/outcomes',
      { ...body, key: keys.keyFor(intent) },
      (d) => t('programme.outcome.saved', say(d.outcome)),
    );
    keys.settle(intent, answer);
    if (answer.ok) setDraft((d) => ({ ...d, note: '', meetingId: '' }));
  }

  return (
    <section className="card" aria-labelledby="programme-outcome">
      <h2 className="card__title" id="programme-outcome">
        {t('programme.outcome.title')}
      </h2>
      <p className="hint">{t('programme.outcome.hint')}</p>
      <form
        className="form-grid programme-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('programme.outcome.kind')}
          <select
            value={draft.kind}
            onChange={(e) => setDraft({ ...draft, kind: e.target.value as RegionalOutcomeKind })}
          >
            {REGIONAL_OUTCOME_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`programme.outcomeKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('programme.outcome.org')}
          <select
            required
            value={draft.orgId}
            onChange={(e) => setDraft({ ...draft, orgId: e.target.value, meetingId: '' })}
          >
            <option value="" />
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}（{t(`kind.${o.kind}`)}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('programme.outcome.on')}
          <input type="date" required value={draft.on} onChange={(e) => setDraft({ ...draft, on: e.target.value })} />
        </label>
        <label>
          {t('programme.outcome.meeting')}
          <select value={draft.meetingId} onChange={(e) => setDraft({ ...draft, meetingId: e.target.value })}>
            <option value="">{t('programme.outcome.noMeeting')}</option>
            {held.map((m) => (
              <option key={m.id} value={m.id}>
                {m.guestOrgName} × {m.ventureOrgName}（{formatTime(m.slotStart, timeZone)}）
              </option>
            ))}
          </select>
        </label>
        <label className="programme-form__wide">
          {t('programme.outcome.note')}
          <input value={draft.note} maxLength={1000} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
        </label>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={state.busy || draft.orgId === ''}>
            {t('programme.outcome.save')}
          </button>
        </div>
      </form>
      <p className="hint">{t('programme.outcome.earlier')}</p>
      <PostResult state={state} />
      <h3>{t('programme.outcome.list')}</h3>
      {outcomes.length === 0 ? (
        <p className="muted">{t('programme.outcome.none')}</p>
      ) : (
        <ul className="programme-list">
          {[...outcomes]
            .sort((a, b) => b.on.localeCompare(a.on))
            .map((o) => (
              <li key={o.id}>
                <span>
                  <strong>{fiscalYearLabel(t, o.fiscalYear)}</strong> {t('programme.drill.outcome', say(o))}
                  {o.note && <span className="muted"> · {o.note}</span>}
                </span>
                <button
                  type="button"
                  aria-label={t('programme.outcome.deleteFor', say(o))}
                  aria-expanded={confirming === o.id}
                  onClick={() => setConfirming(confirming === o.id ? null : o.id)}
                >
                  {t('programme.outcome.delete')}
                </button>
                {confirming === o.id && (
                  // A record counts in the council's table: one click must not take it out.
                  <div className="person__confirm" role="group" aria-label={t('programme.outcome.deleteFor', say(o))}>
                    <p>{t('programme.outcome.deleteConfirm')}</p>
                    <div className="form-actions">
                      <button
                        type="button"
                        className="danger"
                        disabled={removal.state.busy}
                        onClick={() =>
                          void removal
                            .post(`/api/programme/outcomes/${encodeURIComponent(o.id)}/delete`, {}, () => '')
                            .then(() => setConfirming(null))
                        }
                      >
                        {t('programme.outcome.deleteYes')}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        {t('programme.outcome.deleteNo')}
                      </button>
                    </div>
                  </div>
                )}
              </li>
            ))}
        </ul>
      )}
      <PostResult state={removal.state} />
    </section>
  );
}
