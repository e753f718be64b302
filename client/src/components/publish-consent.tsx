import { useCallback, useMemo, useState } from 'react';
import type { Ack } from '../../../shared/errors';
import type { OrgKind } from '../../../shared/model';
import { useJson } from '../hooks/use-json';
import { postJson } from '../lib/http';
import { describeError } from '../lib/refusal';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

interface Org {
  id: string;
  name: string;
  kind: OrgKind;
}

/** The part of GET /api/programme this card reads: who at this event agreed to be named. */
interface Consents {
  consentingOrgIds?: string[];
}

/** The current event's organizations, from its people and ventures, firms first and by reading. */
function useOrganizations(): Org[] {
  const people = useEventStore((s) => s.people);
  const ventures = useEventStore((s) => s.ventures);
  return useMemo(() => {
    const byId = new Map<string, Org>();
    for (const p of people)
      if (p.orgId && p.role !== 'organizer') byId.set(p.orgId, { id: p.orgId, name: p.orgName ?? '', kind: p.role });
    for (const v of ventures) if (!byId.has(v.id)) byId.set(v.id, { id: v.id, name: v.name, kind: 'venture' });
    const order: Record<OrgKind, number> = { firm: 0, partner: 1, venture: 2 };
    return [...byId.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'ja'));
  }, [people, ventures]);
}

/**
 * 「社名の公開に同意」 per organization of the event, off unless ticked: the programme's public page
 * and open data name a company only when it agreed (issue 20). Each tick is saved as it is made.
 */
export function PublishConsentCard() {
  const t = useT();
  const orgs = useOrganizations();
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
