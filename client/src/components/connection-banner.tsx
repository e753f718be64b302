import { useConnection } from '../stores/connection-store';
import { useT } from '../stores/language-store';

/** Says so when the app is not live: offline, reconnecting, or out of date. */
export function ConnectionBanner() {
  const t = useT();
  const status = useConnection((s) => s.status);
  if (status === 'online' || status === 'unauthenticated') return null;
  const text =
    status === 'offline'
      ? t('conn.offline')
      : status === 'outdated'
        ? t('conn.outdated')
        : status === 'connecting'
          ? t('conn.connecting')
          : t('conn.reconnecting');
  return (
    <div className={`banner banner--${status}`} role="status" aria-live="polite">
      <span>{text}</span>
      {status === 'outdated' && (
        <button type="button" className="banner__action" onClick={() => location.reload()}>
          {t('conn.reload')}
        </button>
      )}
    </div>
  );
}
