import { useEffect, useState } from 'react';
import { postJson } from '../lib/http';
import { MyBadgeLink } from './my-badge-link';
import { MyDataLink } from './my-data-link';
import type { MessageKey } from '../lib/messages';
import { discardWaiting, DOOR_QUEUE_KEY, waitingIn } from '../lib/outbox';
import { describeError } from '../lib/refusal';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';
import { forgetOfflineCopy } from '../stores/offline-copy';

/**
 * Who this phone is signed in as, and signing out. A badge's QR is the only way back in, so signing
 * out is confirmed first and the confirmation says so: a firm that taps it by mistake in the hall
 * would otherwise have to find its printed badge again.
 */
export function AccountBar() {
  const t = useT();
  const viewer = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer : null));
  const signOut = useSignOut();
  if (!viewer) return null;
  const who = viewer.org
    ? t('account.signedInAs', { name: viewer.name, org: viewer.org.name })
    : t('account.signedInAsAlone', { name: viewer.name });

  return (
    <section className="account-bar" aria-label={who}>
      <div className="account-bar__row">
        <p className="account-bar__who">{who}</p>
        {!signOut.confirming && <SignOutButton signOut={signOut} />}
      </div>
      <MyBadgeLink />
      <MyDataLink />
      <SignOutConfirm signOut={signOut} text="account.logoutConfirm" />
    </section>
  );
}

export interface SignOut {
  confirming: boolean;
  setConfirming: (on: boolean) => void;
  busy: boolean;
  error: string | null;
  /** Check-ins of a door station on this device not yet sent: asked about, never dropped silently. */
  waiting: number;
  logout: () => void;
}

/** How many door check-ins wait, kept current while the question is open (the queue may drain). */
function useWaitingScans(watching: boolean): number {
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    if (!watching) return;
    const read = () => setWaiting(waitingIn(DOOR_QUEUE_KEY));
    read();
    const timer = setInterval(read, 1000);
    return () => clearInterval(timer);
  }, [watching]);
  return waiting;
}

/**
 * Signing out of this browser: the session ends on the server, and what the device kept of people
 * goes with it (the offline copy of the last view; a station's unsent check-ins, only once the
 * person was told how many and confirmed).
 */
export function useSignOut(): SignOut {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const waiting = useWaitingScans(confirming);

  const logout = () => {
    // More arrived since the question was put: ask again with the new count.
    if (waitingIn(DOOR_QUEUE_KEY) > waiting) return;
    setBusy(true);
    void postJson<null>('/api/logout', {}).then((answer) => {
      // The cookie is gone: a fresh page load lands on the "scan your badge" page.
      if (answer.ok) {
        // This device's copy of people must not open for the next one to hold it.
        forgetOfflineCopy();
        discardWaiting(DOOR_QUEUE_KEY);
        location.replace('/');
      } else {
        setBusy(false);
        setError(t('account.logoutFailed', { message: describeError(t, answer.error) }));
      }
    });
  };
  return { confirming, setConfirming, busy, error, waiting, logout };
}

export function SignOutButton({ signOut, className = 'link-button' }: { signOut: SignOut; className?: string }) {
  const t = useT();
  return (
    <button type="button" className={className} onClick={() => signOut.setConfirming(true)}>
      {t('account.logout')}
    </button>
  );
}

/** The question before signing out; with unsent check-ins, it says how many will be lost. */
export function SignOutConfirm({ signOut, text }: { signOut: SignOut; text: MessageKey }) {
  const t = useT();
  if (!signOut.confirming) return null;
  const { waiting } = signOut;
  return (
    <div className="account-bar__confirm" role="alertdialog" aria-label={t('account.logout')}>
      <p>{waiting > 0 ? t('account.logoutWaiting', { count: waiting }) : t(text)}</p>
      <div className="form-actions">
        <button type="button" className="danger" disabled={signOut.busy} onClick={signOut.logout}>
          {waiting > 0 ? t('account.logoutAnyway') : t('account.logoutYes')}
        </button>
        <button type="button" onClick={() => signOut.setConfirming(false)}>
          {t('account.cancel')}
        </button>
      </div>
      {signOut.error && (
        <p className="error" role="alert">
          {signOut.error}
        </p>
      )}
    </div>
  );
}
