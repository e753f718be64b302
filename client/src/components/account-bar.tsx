import { useState } from 'react';
import { postJson } from '../lib/http';
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
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!viewer) return null;
  const who = viewer.org
    ? t('account.signedInAs', { name: viewer.name, org: viewer.org.name })
    : t('account.signedInAsAlone', { name: viewer.name });

  const logout = () => {
    setBusy(true);
    void postJson<null>('/api/logout', {}).then((answer) => {
      // The cookie is gone: a fresh page load lands on the "scan your badge" page.
      if (answer.ok) {
        // This phone's copy of what the person saw must not open for the next one to hold it.
        forgetOfflineCopy();
        location.replace('/');
      } else {
        setBusy(false);
        setError(t('account.logoutFailed', { message: describeError(t, answer.error) }));
      }
    });
  };

  return (
    <section className="account-bar" aria-label={who}>
      <div className="account-bar__row">
        <p className="account-bar__who">{who}</p>
        {!confirming && (
          <button type="button" className="link-button" onClick={() => setConfirming(true)}>
            {t('account.logout')}
          </button>
        )}
      </div>
      {confirming && (
        <div className="account-bar__confirm" role="alertdialog" aria-label={t('account.logout')}>
          <p>{t('account.logoutConfirm')}</p>
          <div className="form-actions">
            <button type="button" className="danger" disabled={busy} onClick={logout}>
              {t('account.logoutYes')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('account.cancel')}
            </button>
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
