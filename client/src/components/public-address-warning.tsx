import type { PublicAddressView } from '../../../shared/venue';
import { useT } from '../stores/language-store';

/**
 * Says so, where an organizer prepares badges and the venue, when the public address is this
 * machine's own (PUBLIC_URL unset or localhost): every badge QR would then point where no phone
 * can go, and nothing else on the page would show it until the doors open.
 */
export function PublicAddressWarning({ address }: { address: PublicAddressView | null }) {
  const t = useT();
  if (!address?.local) return null;
  const port = new URL(address.url).port;
  return (
    <div className="address-warning" role="alert">
      <strong className="address-warning__title">{t('address.localTitle')}</strong>
      <p>{t('address.localBody', { url: address.url, port: port ? `:${port}` : '' })}</p>
    </div>
  );
}
