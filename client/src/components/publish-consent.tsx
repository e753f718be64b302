import { useCallback, useState } from 'react';
import type { Ack } from '../../../shared/errors';
import { useJson } from '../hooks/use-json';
import { postJson } from '../lib/http';
import { describeError } from '../lib/refusal';
import { useT } from '../stores/language-store';
import { useEventOrganizations, type EventOrganization } from '../hooks/use-event-organizations';

type Org = EventOrganization;

/** The part of GET /api/programme this card reads: who at this event agreed to be named. */
interface Consents {
  consentingOrgIds?: string[];
}

/**
 * 「社名の公開に同意」 per organization of the event, off unless ticked: the programme's public page
 * and open data name a company only when it agreed (issue 20). Each tick is saved as it is made.
 */
export function PublishConsentCard() {
  const t = useT();
  const orgs = useEventOrganizations();
  const [agreed, setAgreed] = useState<Set<string> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const show = useCallback(
    (answer: Ack<Consents>) => {
      if (answer.ok) setAgreed(new Set(answer.data.consentingOrgIds ?? []));
      else setSaid({ ok: false, text: describeError(t, answer.error) });
    },
    [t],
  );
  useJson('/api/programme', show);

  /** Shown ticked at once (a box that waits for the server reads as a missed click), undone if refused. */
  function mark(orgId: string, consent: boolean) {
    setAgreed((before) => {
      const next = new Set(before);
      if (consent) next.add(orgId);
      else next.delete(orgId);
      return next;
    });
  }

  async function choose(org: Org, consent: boolean) {
    setBusy(org.id);
    mark(org.id, consent);
    const answer = await postJson<unknown>(`/api/org/${encodeURIComponent(org.id)}/publish-consent`, { consent });
    setBusy(null);
    if (!answer.ok) {
      mark(org.id, !consent);
      return setSaid({ ok: false, text: describeError(t, answer.error) });
    }
    setSaid({
      ok: true,
      text: t('consent.saved', { name: org.name, state: t(consent ? 'consent.on' : 'consent.off') }),
    });
  }

  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 className="card__title" id="consent-title">
        {t('consent.title')}
      </h2>
      <p className="hint">{t('consent.hint')}</p>
      {orgs.length === 0 && <p className="muted">{t('consent.none')}</p>}
      {agreed && orgs.length > 0 && (
        // Closed at first: a hall's 180 organizations would bury the page under ticks.
        <details className="consent-details">
          <summary>
            {t('consent.count', { agreed: orgs.filter((o) => agreed.has(o.id)).length, total: orgs.length })}
          </summary>
          <ul className="consent-list">
            {orgs.map((org) => (
              <li key={org.id}>
                <label className="check">
                  <span>
                    {org.name} <span className="muted">{t(`kind.${org.kind}`)}</span>
                  </span>
                  <input
                    type="checkbox"
                    aria-label={t('consent.for', { name: org.name })}
                    checked={agreed.has(org.id)}
                    disabled={busy === org.id}
                    onChange={(e) => void choose(org, e.target.checked)}
                  />
                </label>
              </li>
            ))}
          </ul>
        </details>
      )}
      {said && (
        <p className={said.ok ? 'hint' : 'error'} role={said.ok ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
    </section>
  );
}
