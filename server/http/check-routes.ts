/**
 * GET /api/check: the connection check's server half. Public, no sign-in: it is opened on a phone
 * before anyone has a badge, and it tells nothing but the address, the time and the protocol.
 */
import express from 'express';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import { ok } from '../../shared/errors.js';
import type { CheckView } from '../../shared/venue.js';
import type { PublicAddress } from './public-address.js';

export function createCheckRoutes(deps: { now: () => number; publicAddress: () => PublicAddress }): express.Router {
  const router = express.Router();
  router.get('/api/check', (req, res) => {
    const address = deps.publicAddress();
    const view: CheckView = {
      serverTime: deps.now(),
      protocol: PROTOCOL_VERSION,
      publicAddress: {
        url: address.origin,
        https: address.https,
        configured: address.configured,
        local: address.local,
      },
      secure: req.secure,
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });
  return router;
}
