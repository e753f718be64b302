import { useCallback, useState } from 'react';
import type { Ack } from '../../../shared/errors';
import type { CheckView, PublicAddressView } from '../../../shared/venue';
import { useJson } from './use-json';

/** The address every link and badge QR is built from (GET /api/check); null until it answers. */
export function usePublicAddress(): PublicAddressView | null {
  const [address, setAddress] = useState<PublicAddressView | null>(null);
  const show = useCallback((answer: Ack<CheckView>) => {
    if (answer.ok) setAddress(answer.data.publicAddress);
  }, []);
  useJson('/api/check', show);
  return address;
}
