/**
 * The settings page's e-mail card: the organizer's SMTP server (the password is write-only: the
 * form says whether one is stored, never shows it), a test mail to themselves, invitations (to
 * those not yet invited, to everyone again after a confirmation, or to one person found by name),
 * and the send log with each failure's reason and a retry. Sending happens on the server in the
 * background; the log is fetched again every few seconds while mails wait.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type { MailLogEntry, MailView, SmtpSecurity, SmtpSettingsView } from '../../../../shared/mail';
import { useJson } from '../../hooks/use-json';
import { formatTime } from '../../lib/format';
import { postJson } from '../../lib/http';
import { intentKeys } from '../../lib/keys';
import type { MessageKey } from '../../lib/messages';
import { describeError } from '../../lib/refusal';
import { useT } from '../../stores/language-store';

interface Draft {
  host: string;
  port: string;
  security: SmtpSecurity;
  username: string;
  password: string;
  clearPassword: boolean;
  fromAddress: string;
  fromName: string;
  confirmations: boolean;
  reminders: boolean;
}

const SECURITY: { value: SmtpSecurity; label: MessageKey; port: number }[] = [
  { value: 'starttls', label: 'mail.security.starttls', port: 587 },
  { value: 'tls', label: 'mail.security.tls', port: 465 },
  { value: 'none', label: 'mail.security.none', port: 25 },
];

const OWN_ERRORS: Record<string, MessageKey> = {
  'no-address': 'mail.error.no-address',
  'not-configured': 'refusal.mail-not-configured',
  gone: 'mail.error.gone',
  interrupted: 'mail.error.interrupted',
};

function draftOf(s: SmtpSettingsView | null): Draft {
  return {
    host: s?.host ?? '',
    port: String(s?.port ?? 587),
    security: s?.security ?? 'starttls',
    username: s?.username ?? '',
    password: '',
    clearPassword: false,
    fromAddress: s?.fromAddress ?? '',
    fromName: s?.fromName ?? '',
    confirmations: s?.confirmations ?? true,
    reminders: s?.reminders ?? true,
  };
}

export function MailCard({ timeZone }: { timeZone: string }) {
  const t = useT();
  const [view, setView] = useState<MailView | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [said, setSaid] = useState<{ error?: string; done?: string }>({});
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState('');
  const [confirmAll, setConfirmAll] = useState(false);
  const [search, setSearch] = useState('');
  const [keys] = useState(intentKeys);

  const show = useCallback(
    (answer: Ack<MailView>) => {
      if (!answer.ok) return setSaid({ error: describeError(t, answer.error) });
      setView(answer.data);
      setDraft((d) => d ?? draftOf(answer.data.settings));
      setTestTo((to) => to || (answer.data.organizerEmail ?? ''));
    },
    [t],
  );
  const load = useJson('/api/mail', show);

  // While mails wait in the queue, the log follows them to sent or failed.
  const waiting = (view?.counts.queued ?? 0) > 0;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [waiting, load]);

  if (!view || !draft) {
    return (
      <section className="card" aria-labelledby="settings-mail">
        <h2 className="card__title" id="settings-mail">
          {t('mail.title')}
        </h2>
        {said.error && (
          <p className="error" role="alert">
            {said.error}
          </p>
        )}
      </section>
    );
  }

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  async function run<T>(path: string, body: unknown, done: (data: T) => string, intent?: string) {
    setBusy(true);
    const answer = await postJson<T>(path, body);
    if (intent) keys.settle(intent, answer);
    setBusy(false);
    setSaid(answer.ok ? { done: done(answer.data) } : { error: describeError(t, answer.error) });
    await load();
    return answer.ok;
  }

  async function save(d: Draft) {
    const body = {
      host: d.host.trim(),
      port: Number(d.port),
      security: d.security,
      username: d.username.trim(),
      ...(d.password ? { password: d.password } : {}),
      ...(d.clearPassword ? { clearPassword: true } : {}),
      fromAddress: d.fromAddress.trim(),
      fromName: d.fromName.trim(),
      confirmations: d.confirmations,
      reminders: d.reminders,
    };
    if (await run('/api/mail/settings', body, () => t('mail.saved'))) {
      setDraft({ ...d, password: '', clearPassword: false });
    }
  }

  const invite = (to: 'all' | 'uninvited' | 'person', personId?: string) => {
    const intent = `invite:${to}:${personId ?? ''}`;
    setConfirmAll(false);
    void run<{ queued: number; withoutAddress: number }>(
      '/api/mail/invitations',
      { to, ...(personId ? { personId } : {}), key: keys.keyFor(intent) },
      (r) =>
        t('mail.queued', { count: r.queued }) +
        (r.withoutAddress ? ` ${t('mail.withoutAddress', { count: r.withoutAddress })}` : ''),
      intent,
    );
  };

  const people = view.people.filter((p) => p.hasAddress);
  const uninvited = people.filter((p) => !p.invited).length;
  const query = search.trim().toLowerCase();
  const found = query
    ? view.people.filter((p) => `${p.name} ${p.orgName ?? ''}`.toLowerCase().includes(query)).slice(0, 8)
    : [];

  return (
    <section className="card" aria-labelledby="settings-mail">
      <h2 className="card__title" id="settings-mail">
        {t('mail.title')}
      </h2>
      <p className="hint">{t('mail.hint')}</p>
      <form
        className="form-stack"
        aria-label={t('mail.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <label>
          {t('mail.host')}
          <input required value={draft.host} onChange={(e) => set({ host: e.target.value })} />
        </label>
        <label>
          {t('mail.security')}
          <select
            value={draft.security}
            onChange={(e) => {
              const security = e.target.value as SmtpSecurity;
              set({ security, port: String(SECURITY.find((s) => s.value === security)!.port) });
            }}
          >
            {SECURITY.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('mail.port')}
          <input
            required
            type="number"
            min={1}
            max={65535}
            value={draft.port}
            onChange={(e) => set({ port: e.target.value })}
          />
        </label>
        <label>
          {t('mail.username')}
          <input autoComplete="off" value={draft.username} onChange={(e) => set({ username: e.target.value })} />
        </label>
        <label>
          {t('mail.password')}
          <input
            type="password"
            autoComplete="new-password"
            value={draft.password}
            placeholder={view.settings?.passwordSet ? t('mail.passwordSet') : ''}
            onChange={(e) => set({ password: e.target.value })}
          />
        </label>
        {view.settings?.passwordSet && (
          <label className="check-line">
            <input
              type="checkbox"
              checked={draft.clearPassword}
              onChange={(e) => set({ clearPassword: e.target.checked })}
            />
            {t('mail.passwordClear')}
          </label>
        )}
        <label>
          {t('mail.fromAddress')}
          <input
            required
            type="email"
            value={draft.fromAddress}
            onChange={(e) => set({ fromAddress: e.target.value })}
          />
        </label>
        <label>
          {t('mail.fromName')}
          <input value={draft.fromName} onChange={(e) => set({ fromName: e.target.value })} />
        </label>
        <label className="check-line">
          <input
            type="checkbox"
            checked={draft.confirmations}
            onChange={(e) => set({ confirmations: e.target.checked })}
          />
          {t('mail.confirmations')}
        </label>
        <label className="check-line">
          <input type="checkbox" checked={draft.reminders} onChange={(e) => set({ reminders: e.target.checked })} />
          {t('mail.reminders')}
        </label>
        <button type="submit" disabled={busy}>
          {t('mail.save')}
        </button>
      </form>
      {said.error && (
        <p className="error" role="alert">
          {said.error}
        </p>
      )}
      {said.done && <p role="status">{said.done}</p>}
      {!view.settings ? (
        <p className="muted">{t('mail.notConfigured')}</p>
      ) : (
        <>
          <form
            className="form-stack"
            aria-label={t('mail.test')}
            onSubmit={(e) => {
              e.preventDefault();
              void run<{ to: string }>('/api/mail/test', testTo.trim() ? { to: testTo.trim() } : {}, (r) =>
                t('mail.testSent', { to: r.to }),
              );
            }}
          >
            <label>
              {t('mail.testTo')}
              <input type="email" value={testTo} onChange={(e) => setTestTo(e.target.value)} />
            </label>
            <button type="submit" disabled={busy}>
              {t('mail.test')}
            </button>
          </form>
          <h3>{t('mail.inviteTitle')}</h3>
          <div className="form-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => invite('uninvited')}>
              {t('mail.inviteUninvited', { count: uninvited })}
            </button>
            <button type="button" disabled={busy} onClick={() => setConfirmAll(true)}>
              {t('mail.inviteAll', { count: people.length })}
            </button>
          </div>
          {confirmAll && (
            <div className="person__confirm" role="group" aria-label={t('mail.inviteAll', { count: people.length })}>
              <p>{t('mail.inviteAllConfirm')}</p>
              <div className="form-actions">
                <button type="button" className="danger" disabled={busy} onClick={() => invite('all')}>
                  {t('mail.inviteAll', { count: people.length })}
                </button>
                <button type="button" onClick={() => setConfirmAll(false)}>
                  {t('account.cancel')}
                </button>
              </div>
            </div>
          )}
          <label>
            {t('mail.searchPerson')}
            <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </label>
          <ul className="people-list">
            {found.map((p) => (
              <li key={p.personId} className="person">
                <div className="person__text">
                  <strong>{p.name}</strong>
                  <span className="muted">
                    {p.orgName ?? ''} {p.invited ? t('mail.invited') : ''} {p.hasAddress ? '' : t('mail.noAddress')}
                  </span>
                </div>
                <button
                  type="button"
                  disabled={busy || !p.hasAddress}
                  aria-label={t('mail.sendTo', { name: p.name })}
                  onClick={() => invite('person', p.personId)}
                >
                  {t('mail.invitePerson')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('mail.log')}</h3>
      <p className="muted" role="status">
        {t('mail.counts', view.counts)}
      </p>
      <ul className="people-list mail-log">
        {view.log.map((entry) => (
          <MailLogItem key={entry.id} entry={entry} timeZone={timeZone} busy={busy} retry={retryOf(entry)} />
        ))}
      </ul>
    </section>
  );

  function retryOf(entry: MailLogEntry) {
    return () => void run(`/api/mail/log/${encodeURIComponent(entry.id)}/retry`, {}, () => t('mail.status.queued'));
  }
}

function MailLogItem({
  entry,
  timeZone,
  busy,
  retry,
}: {
  entry: MailLogEntry;
  timeZone: string;
  busy: boolean;
  retry: () => void;
}) {
  const t = useT();
  const own = OWN_ERRORS[entry.error];
  return (
    <li className="person">
      <div className="person__text">
        <strong>{entry.personName}</strong>
        <span className="muted">
          {entry.orgName ?? ''} · {t(`mail.kind.${entry.kind}`)} · {t(`mail.status.${entry.status}`)} ·{' '}
          {formatTime(entry.sentAt ?? entry.createdAt, timeZone)}
          {entry.attempts > 1 ? ` · ${t('mail.attempts', { count: entry.attempts })}` : ''}
        </span>
        {entry.status === 'failed' && (
          <span className="error">{t('mail.error', { error: own ? t(own) : entry.error })}</span>
        )}
      </div>
      {entry.status === 'failed' && (
        <button type="button" disabled={busy} onClick={retry}>
          {t('mail.retry')}
        </button>
      )}
    </li>
  );
}
