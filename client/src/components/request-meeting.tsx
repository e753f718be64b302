import { useState } from 'react';
import { newKey } from '../lib/keys';
import { describeError } from '../lib/refusal';
import { send } from '../lib/socket';
import { useConnection } from '../stores/connection-store';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

/** "Ask for a meeting" with an optional message; shows the state once a request exists. */
export function RequestMeeting({ orgId, orgName }: { orgId: string; orgName: string }) {
  const t = useT();
  const existing = useEventStore((s) =>
    s.requests.find(
      (r) => (r.toOrgId === orgId || r.fromOrgId === orgId) && (r.status === 'pending' || r.status === 'accepted'),
    ),
  );
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [key] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  // Not queued offline: a request can be refused (no free slot, a cap), which the sender should see at once.
  const offline = useConnection((s) => s.status !== 'online');

  if (existing) return <p className="meet-state">{t(`meet.status.${existing.status}`)}</p>;
  if (!open) {
    return (
      <>
        <button
          type="button"
          aria-label={t('meet.requestTo', { org: orgName })}
          disabled={offline}
          onClick={() => setOpen(true)}
        >
          {t('meet.request')}
        </button>
        {offline && <p className="hint">{t('meet.offline')}</p>}
      </>
    );
  }
  return (
    <form
      className="form-stack"
      onSubmit={(e) => {
        e.preventDefault();
        void send('meeting:request', { toOrgId: orgId, message, key }).then((answer) => {
          if (answer.ok) setOpen(false);
          else setError(t('meet.failed', { message: describeError(t, answer.error) }));
        });
      }}
    >
      <label>
        {t('meet.message')}
        <textarea rows={2} maxLength={500} value={message} onChange={(e) => setMessage(e.target.value)} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {offline && <p className="hint">{t('meet.offline')}</p>}
      <button type="submit" className="primary" aria-label={t('meet.requestTo', { org: orgName })} disabled={offline}>
        {t('meet.send')}
      </button>
    </form>
  );
}
