import { useState } from 'react';
import type { AppError, MergeClash } from '../../../../shared/errors';
import type { OrgKind } from '../../../../shared/model';
import { formatTime } from '../../lib/format';
import { intentKeys } from '../../lib/keys';
import { describeError } from '../../lib/refusal';
import { send } from '../../lib/socket';
import { useEventStore } from '../../stores/event-store';
import { useT, type Translate } from '../../stores/language-store';

// For the page, not per render: a merge tapped again after no answer keeps its key.
const keys = intentKeys();

interface Org {
  id: string;
  name: string;
  kind: OrgKind;
  people: number;
}

/** The event's organizations as the console knows them: from the people, and every venture. */
function useOrganizations(): Org[] {
  const people = useEventStore((s) => s.people);
  const ventures = useEventStore((s) => s.ventures);
  const byId = new Map<string, Org>();
  for (const p of people) {
    if (!p.orgId || p.role === 'organizer') continue;
    const org = byId.get(p.orgId) ?? { id: p.orgId, name: p.orgName ?? '', kind: p.role, people: 0 };
    org.people += 1;
    byId.set(p.orgId, org);
  }
  for (const v of ventures) if (!byId.has(v.id)) byId.set(v.id, { id: v.id, name: v.name, kind: 'venture', people: 0 });
  const order: Record<OrgKind, number> = { firm: 0, partner: 1, venture: 2 };
  return [...byId.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'ja'));
}

/** A refused merge in the person's language: each clash the server named, or its message. */
function mergeRefusal(t: Translate, error: AppError, timeZone: string): string[] {
  const detail = error.refusal;
  if (detail?.reason !== 'org-merge') return [t('organizer.failed', { message: describeError(t, error) })];
  const names = { into: detail.into, from: detail.from };
  const say = (c: MergeClash): string => {
    switch (c.clash) {
      case 'same':
        return t('merge.clash.same');
      case 'kind':
        return t('merge.clash.kind', {
          ...names,
          intoKind: t(`kind.${c.intoKind as OrgKind}`),
          fromKind: t(`kind.${c.fromKind as OrgKind}`),
        });
      case 'between':
        return t('merge.clash.between', names);
      case 'slot':
        return t('merge.clash.slot', {
          ...names,
          time: formatTime(c.slotStart, timeZone),
          intoTable: c.intoTable,
          fromTable: c.fromTable,
        });
      case 'pair':
        return t('merge.clash.pair', { ...names, other: c.other });
      case 'request':
        return t('merge.clash.request', { ...names, other: c.other });
      case 'cap':
        return t('merge.clash.cap', { count: c.count, cap: c.cap });
    }
  };
  return detail.clashes.map(say);
}

/** What would move from one organization: the console's own copy, for the confirmation. */
function useWhatMoves(orgId: string) {
  const people = useEventStore((s) => s.people.filter((p) => p.orgId === orgId).length);
  const requests = useEventStore((s) => s.requests.filter((r) => r.fromOrgId === orgId || r.toOrgId === orgId).length);
  const meetings = useEventStore(
    (s) => s.meetings.filter((m) => m.guestOrgId === orgId || m.ventureOrgId === orgId).length,
  );
  const pitches = useEventStore((s) => s.program?.pitches.filter((p) => p.ventureId === orgId).length ?? 0);
  const interests = useEventStore((s) => s.counts[orgId]?.total ?? 0);
  return { people, requests, meetings, pitches, interests };
}

function MergeForm({
  from,
  others,
  onDone,
  onCancel,
}: {
  from: Org;
  others: Org[];
  onDone: (text: string) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [intoId, setIntoId] = useState('');
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string[]>([]);
  const moves = useWhatMoves(from.id);
  const into = others.find((o) => o.id === intoId);

  async function merge(target: Org) {
    setBusy(true);
    const intent = `${from.id}>${target.id}`;
    const answer = await send('org:merge', { intoOrgId: target.id, fromOrgId: from.id, key: keys.keyFor(intent) });
    keys.settle(intent, answer);
    setBusy(false);
    if (!answer.ok) {
      setRefused(mergeRefusal(t, answer.error, timeZone));
      return;
    }
    const d = answer.data;
    onDone(t('merge.done', { from: d.from.name, into: d.into.name, people: d.people, meetings: d.meetings }));
  }

  return (
    <form
      className="form-stack person-edit"
      aria-label={t('merge.openFor', { name: from.name })}
      onSubmit={(e) => {
        e.preventDefault();
        if (into) void merge(into);
      }}
    >
      {others.length === 0 ? (
        <p className="muted">{t('merge.none')}</p>
      ) : (
        <label>
          {t('merge.into')}
          <select
            value={intoId}
            onChange={(e) => {
              setIntoId(e.target.value);
              setRefused([]);
            }}
          >
            <option value="">{t('merge.choose')}</option>
            {others.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {into && (
        <div className="notice">
          <p>{t('merge.confirm', { from: from.name, into: into.name })}</p>
          <p>
            {t('merge.moves', { people: moves.people, requests: moves.requests, meetings: moves.meetings })}
            {from.kind === 'venture' && t('merge.movesVenture', { pitches: moves.pitches, interests: moves.interests })}
          </p>
          <p>{t('merge.gone', { from: from.name })}</p>
        </div>
      )}
      {refused.length > 0 && (
        <div className="error" role="alert">
          <p>{t('merge.refused')}</p>
          <ul>
            {refused.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        {into && (
          <button type="submit" className="primary" disabled={busy}>
            {t('merge.submit', { into: into.name })}
          </button>
        )}
        <button type="button" onClick={onCancel}>
          {t('merge.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The event's organizations, each with a way to merge it into another of the same kind: one company
 * registered twice (ＡＢＣ商事 and ABC商事) becomes one, and counts once in the KPIs.
 */
export function OrgMergeCard() {
  const t = useT();
  const orgs = useOrganizations();
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="orgs-title">
      <h2 className="card__title" id="orgs-title">
        {t('merge.title', { count: orgs.length })}
      </h2>
      <p className="hint">{t('merge.hint')}</p>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <ul className="people-list">
        {orgs.map((o) => (
          <li key={o.id} className="person">
            <span className="person__text">
              <strong>{o.name}</strong>
              <span className="muted">
                {t(`kind.${o.kind}`)} · {t('merge.people', { count: o.people })}
              </span>
            </span>
            <button
              type="button"
              aria-label={t('merge.openFor', { name: o.name })}
              aria-expanded={open === o.id}
              onClick={() => {
                setOpen(open === o.id ? null : o.id);
                setNotice(null);
              }}
            >
              {t('merge.open')}
            </button>
            {open === o.id && (
              <MergeForm
                from={o}
                others={orgs.filter((x) => x.kind === o.kind && x.id !== o.id)}
                onCancel={() => setOpen(null)}
                onDone={(text) => {
                  setOpen(null);
                  setNotice(text);
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
