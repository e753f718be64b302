import { useCallback, useState, type MouseEvent } from 'react';
import { CHECK_PAGE } from '../../../../shared/constants';
import type { EventSettingsView, KpiTargets } from '../../../../shared/console';
import type { Ack } from '../../../../shared/errors';
import type { DoorLinkInfo } from '../../../../shared/protocol';
import { formatTime } from '../../lib/format';
import { useJson } from '../../hooks/use-json';
import { usePublicAddress } from '../../hooks/use-public-address';
import { postJson } from '../../lib/http';
import { intentKeys } from '../../lib/keys';
import type { MessageKey } from '../../lib/messages';
import { describeError } from '../../lib/refusal';
import { navigate } from '../../lib/router';
import { useT } from '../../stores/language-store';
import { EventDetailsFields } from '../../components/event-details-fields';
import { CopyField } from '../../components/copy-field';
import { PublicAddressWarning } from '../../components/public-address-warning';
import { BookingWindowCard } from './booking-window-card';
import { MailCard } from './mail-card';
import { PrivacySettingsCard } from '../../components/privacy-settings-card';

const TARGETS: { key: keyof KpiTargets; label: MessageKey }[] = [
  { key: 'firm', label: 'settings.targetFirm' },
  { key: 'venture', label: 'settings.targetVenture' },
  { key: 'partner', label: 'settings.targetPartner' },
  { key: 'meetingsHeld', label: 'settings.targetHeld' },
  { key: 'pocs', label: 'settings.targetPocs' },
];

const STEPS: { path: string; label: MessageKey }[] = [
  { path: '/organizer/people', label: 'settings.stepPeople' },
  { path: '/organizer', label: 'settings.stepProgram' },
  { path: '/organizer/meetings', label: 'settings.stepGrid' },
];

interface Draft {
  name: string;
  venue: string;
  date: string;
  topics: string;
  targets: Record<keyof KpiTargets, string>;
}

function draftOf(view: EventSettingsView): Draft {
  const target = (k: keyof KpiTargets) => (view.targets[k] === undefined ? '' : String(view.targets[k]));
  return {
    name: view.event.name,
    venue: view.event.venue,
    date: view.event.date,
    topics: view.topics.join(', '),
    targets: {
      firm: target('firm'),
      venture: target('venture'),
      partner: target('partner'),
      meetingsHeld: target('meetingsHeld'),
      pocs: target('pocs'),
    },
  };
}

/**
 * Reception links for door staff, one per station: made here, opened on the station's tablet (by its
 * QR or the copied link), and revoked (after a confirmation) when the tablet is lost or the day ends.
 * A station signed in by one can check people in, search, register walk-ins and print their badges.
 * Links end with the day after the event, and two in force never share a desk's name (the server
 * refuses it, and the refusal is said under the list like any other).
 */
function DoorLinks({ timeZone }: { timeZone: string }) {
  const t = useT();
  const [links, setLinks] = useState<DoorLinkInfo[] | null>(null);
  const [station, setStation] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [said, setSaid] = useState<{ error?: string; done?: string }>({});
  const [busy, setBusy] = useState(false);
  const [keys] = useState(intentKeys);

  const show = useCallback(
    (answer: Ack<{ links: DoorLinkInfo[] }>) => {
      if (answer.ok) setLinks(answer.data.links);
      else setSaid({ error: describeError(t, answer.error) });
    },
    [t],
  );
  const load = useJson('/api/door-links', show);

  async function create() {
    const name = station.trim();
    setBusy(true);
    const answer = await postJson<DoorLinkInfo>('/api/door-links', { station: name, key: keys.keyFor(name) });
    keys.settle(name, answer);
    setBusy(false);
    if (!answer.ok) {
      setSaid({ error: describeError(t, answer.error) });
      return;
    }
    setSaid({ done: t('doorLinks.created', { station: name }) });
    setStation('');
    await load();
  }

  async function revoke(link: DoorLinkInfo) {
    setBusy(true);
    const answer = await postJson(`/api/door-links/${encodeURIComponent(link.id)}/revoke`, {});
    setBusy(false);
    setConfirming(null);
    setSaid(
      answer.ok
        ? { done: t('doorLinks.revoked', { station: link.station }) }
        : { error: describeError(t, answer.error) },
    );
    await load();
  }

  return (
    <section className="card" aria-labelledby="settings-door-links">
      <h2 className="card__title" id="settings-door-links">
        {t('doorLinks.title')}
      </h2>
      <p className="hint">{t('doorLinks.hint')}</p>
      <p className="hint">{t('doorLinks.ends')}</p>
      {links && links.length === 0 && <p className="muted">{t('doorLinks.none')}</p>}
      <ul className="people-list door-links">
        {links?.map((link) => (
          <li key={link.id} className="person door-link" aria-label={t('doorLinks.item', { station: link.station })}>
            <img
              className="check-qr door-link__qr"
              src={`/api/door-links/${encodeURIComponent(link.id)}/qr.svg`}
              alt={t('doorLinks.qr', { station: link.station })}
            />
            <div className="person__text">
              <strong>{link.station}</strong>
              <span className="muted">{t('doorLinks.createdAt', { time: formatTime(link.createdAt, timeZone) })}</span>
              <CopyField label={t('doorLinks.link', { station: link.station })} value={link.url} />
              <button
                type="button"
                aria-label={t('doorLinks.revoke', { station: link.station })}
                aria-expanded={confirming === link.id}
                onClick={() => setConfirming(confirming === link.id ? null : link.id)}
              >
                {t('doorLinks.revokeButton')}
              </button>
              {confirming === link.id && (
                // One click must not sign a working station out: the consequence is said, then confirmed.
                <div
                  className="person__confirm"
                  role="group"
                  aria-label={t('doorLinks.revoke', { station: link.station })}
                >
                  <p>{t('doorLinks.revokeConfirm', { station: link.station })}</p>
                  <div className="form-actions">
                    <button type="button" className="danger" disabled={busy} onClick={() => void revoke(link)}>
                      {t('doorLinks.revokeYes')}
                    </button>
                    <button type="button" onClick={() => setConfirming(null)}>
                      {t('doorLinks.revokeNo')}
                    </button>
                  </div>
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
      {said.error && (
        <p className="error" role="alert">
          {said.error}
        </p>
      )}
      {said.done && <p role="status">{said.done}</p>}
      <form
        className="form-stack"
        aria-label={t('doorLinks.create')}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label>
          {t('doorLinks.station')}
          <input required maxLength={20} value={station} onChange={(e) => setStation(e.target.value)} />
        </label>
        <button type="submit" disabled={busy || station.trim() === ''}>
          {t('doorLinks.create')}
        </button>
      </form>
    </section>
  );
}

/** Set-up by hand: the event's details and targets, the board link, the organizers, and the other steps. */
export default function SettingsPage() {
  const t = useT();
  const [view, setView] = useState<EventSettingsView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ error?: string; saved?: boolean }>({});
  const [organizer, setOrganizer] = useState({ name: '', email: '' });
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [keys] = useState(intentKeys);
  const address = usePublicAddress();

  const show = useCallback(
    (answer: Ack<EventSettingsView>) => {
      if (answer.ok) {
        setView(answer.data);
        setDraft((d) => d ?? draftOf(answer.data));
      } else setStatus({ error: describeError(t, answer.error) });
    },
    [t],
  );
  const load = useJson('/api/event/settings', show);

  async function save(d: Draft) {
    setBusy(true);
    const targets = Object.fromEntries(
      Object.entries(d.targets)
        .filter(([, v]) => v.trim() !== '')
        .map(([k, v]) => [k, Number(v)]),
    );
    const answer = await postJson('/api/event/settings', {
      name: d.name,
      venue: d.venue,
      date: d.date,
      topics: d.topics
        .split(/[,、，]/)
        .map((x) => x.trim())
        .filter(Boolean),
      targets,
    });
    setBusy(false);
    setStatus(answer.ok ? { saved: true } : { error: describeError(t, answer.error) });
    if (answer.ok) await load();
  }

  async function addOrganizer() {
    setBusy(true);
    const intent = JSON.stringify(organizer);
    const answer = await postJson<{ signInUrl: string }>('/api/event/organizers', {
      name: organizer.name,
      ...(organizer.email.trim() ? { email: organizer.email.trim() } : {}),
      key: keys.keyFor(intent),
    });
    keys.settle(intent, answer);
    setBusy(false);
    if (!answer.ok) {
      setStatus({ error: describeError(t, answer.error) });
      return;
    }
    setAdded(organizer.name);
    setOrganizer({ name: '', email: '' });
    await load();
  }

  const go = (e: MouseEvent<HTMLAnchorElement>, path: string) => {
    e.preventDefault();
    navigate(path);
  };

  if (!view || !draft) {
    return (
      <main className="page page--wide">
        <h1 className="page__title">{t('settings.title')}</h1>
        <PublicAddressWarning address={address} />
        {status.error && (
          <p className="error" role="alert">
            {status.error}
          </p>
        )}
      </main>
    );
  }

  return (
    <main className="page page--wide">
      <h1 className="page__title">{t('settings.title')}</h1>
      <PublicAddressWarning address={address} />
      <section className="card" aria-labelledby="settings-details">
        <h2 className="card__title" id="settings-details">
          {t('settings.details')}
        </h2>
        <form
          className="form-stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          <EventDetailsFields draft={draft} onChange={setDraft} />
          <label>
            {t('settings.topics')}
            <input value={draft.topics} onChange={(e) => setDraft({ ...draft, topics: e.target.value })} />
          </label>
          <div className="target-grid">
            {TARGETS.map(({ key, label }) => (
              <label key={key}>
                {t(label)}
                <input
                  type="number"
                  min={0}
                  inputMode="numeric"
                  value={draft.targets[key]}
                  onChange={(e) => setDraft({ ...draft, targets: { ...draft.targets, [key]: e.target.value } })}
                />
              </label>
            ))}
          </div>
          {status.error && (
            <p className="error" role="alert">
              {status.error}
            </p>
          )}
          {status.saved && <p role="status">{t('settings.saved')}</p>}
          <button type="submit" className="primary" disabled={busy}>
            {t('settings.save')}
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="settings-steps">
        <h2 className="card__title" id="settings-steps">
          {t('settings.steps')}
        </h2>
        <ol className="steps">
          {STEPS.map((step) => (
            <li key={step.path}>
              <a href={step.path} onClick={(e) => go(e, step.path)}>
                {t(step.label)}
              </a>
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="settings-board">
        <h2 className="card__title" id="settings-board">
          {t('settings.board')}
        </h2>
        <p className="hint">{t('settings.boardHint')}</p>
        <CopyField label={t('settings.boardLink')} value={view.boardUrl} />
        <a className="button" href={view.boardUrl} target="_blank" rel="noreferrer">
          {t('settings.openBoard')}
        </a>
      </section>
      <section className="card" aria-labelledby="settings-check">
        <h2 className="card__title" id="settings-check">
          {t('settings.check')}
        </h2>
        <p className="hint">{t('settings.checkHint')}</p>
        {address && (
          <>
            {/* Drawn by the server from the public address: the client bundle carries no QR library. */}
            <img className="check-qr" src="/api/check/qr.svg" alt={t('settings.checkQr')} />
            <CopyField label={t('settings.checkLink')} value={`${address.url}${CHECK_PAGE}`} />
            <a className="button" href={`${address.url}${CHECK_PAGE}`} target="_blank" rel="noreferrer">
              {t('settings.openCheck')}
            </a>
          </>
        )}
      </section>
      <DoorLinks timeZone={view.event.timeZone} />
      <MailCard timeZone={view.event.timeZone} />
      <BookingWindowCard initial={view.event.bookingOpensOn ?? null} eventDate={view.event.date} />
      <section className="card" aria-labelledby="settings-organizers">
        <h2 className="card__title" id="settings-organizers">
          {t('settings.organizers')}
        </h2>
        <ul className="people-list">
          {view.organizers.map((o) => (
            <li key={o.personId} className="person">
              <div className="person__text">
                <strong>{o.name}</strong>
                <CopyField label={t('settings.signInLink', { name: o.name })} value={o.signInUrl} />
              </div>
            </li>
          ))}
        </ul>
        {added && <p role="status">{t('settings.added', { name: added })}</p>}
        <form
          className="form-stack"
          aria-label={t('settings.addOrganizer')}
          onSubmit={(e) => {
            e.preventDefault();
            void addOrganizer();
          }}
        >
          <label>
            {t('settings.organizerName')}
            <input
              required
              value={organizer.name}
              onChange={(e) => setOrganizer({ ...organizer, name: e.target.value })}
            />
          </label>
          <label>
            {t('settings.organizerEmail')}
            <input
              type="email"
              value={organizer.email}
              onChange={(e) => setOrganizer({ ...organizer, email: e.target.value })}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('settings.addOrganizer')}
          </button>
        </form>
      </section>
      <PrivacySettingsCard />
    </main>
  );
}
