import { useId, useState } from 'react';
import { useBookingClosed } from '../hooks/use-booking-window';
import { newKey } from '../lib/keys';
import { describeError } from '../lib/refusal';
import { send } from '../lib/socket';
import { useConnection } from '../stores/connection-store';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

/**
 * "Ask for a meeting" with an optional message; shows the state once a request exists.
 * `open`: the message field is there from the start and the button sends, so seeing a venture and
 * asking to meet it are two taps (会いたい or opening its entry, then this). Closed, the button first
 * opens the form: a venture's list of leads would otherwise be a column of text boxes.
 */
export function RequestMeeting({
  orgId,
  orgName,
  open: alwaysOpen = false,
  className,
}: {
  orgId: string;
  orgName: string;
  open?: boolean;
  className?: string;
}) {
  const t = useT();
  const existing = useEventStore((s) =>
    s.requests.find(
      (r) => (r.toOrgId === orgId || r.fromOrgId === orgId) && (r.status === 'pending' || r.status === 'accepted'),
    ),
  );
  const [opened, setOpened] = useState(false);
  const [message, setMessage] = useState('');
  // A new key after each sent request: one withdrawn and asked again is a new request, not a replay.
  const [key, setKey] = useState(newKey);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // Not queued offline: a request can be refused (no free slot, a cap), which the sender should see at once.
  const offline = useConnection((s) => s.status !== 'online');
  const open = alwaysOpen || opened;
  const closed = useBookingClosed();

  if (existing)
    return (
      <p className={`meet-state ${className ?? ''}`}>
        {t('meet.requestState', { status: t(`meet.status.${existing.status}`) })}
      </p>
    );
  // Before the booking window opens: when, instead of a button the server would refuse.
  if (closed) return <p className={`meet-state ${className ?? ''}`}>{t('booking.opensOn', closed)}</p>;
  if (!open) {
    return (
      <>
        <button
          type="button"
          aria-label={t('meet.requestTo', { org: orgName })}
          disabled={offline}
          onClick={() => setOpened(true)}
        >
          {t('meet.request')}
        </button>
        {offline && <p className="hint">{t('meet.offline')}</p>}
      </>
    );
  }
  return (
    <form
      className={`request-form ${className ?? ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void send('meeting:request', { toOrgId: orgId, message, key }).then((answer) => {
          if (answer.ok) {
            setOpened(false);
            setKey(newKey());
          } else setError(t('meet.failed', { message: describeError(t, answer.error) }));
        });
      }}
    >
      <label className="request-form__label" htmlFor={`${id}-message`}>
        {t('meet.message')}
      </label>
      <div className="request-form__row">
        <input
          id={`${id}-message`}
          maxLength={500}
          // The sticky bar has no room for the label above: the box says what it is for.
          placeholder={t('meet.message')}
          value={message}
          enterKeyHint="send"
          onChange={(e) => setMessage(e.target.value)}
        />
        <button type="submit" className="primary" aria-label={t('meet.requestTo', { org: orgName })} disabled={offline}>
          {t('meet.request')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {offline && <p className="hint">{t('meet.offline')}</p>}
    </form>
  );
}
