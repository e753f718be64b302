/**
 * GET /api/check: the connection check's server half. Public, no sign-in: it is opened on a phone
 * before anyone has a badge, and it tells nothing but the address, the time and the protocol.
 * GET /api/check/qr.svg: the check page's address as a QR code, for the console to show.
 */
import express from 'express';
import QRCode from 'qrcode';
import { CHECK_PAGE, PROTOCOL_VERSION } from '../../shared/constants.js';
import { ok } from '../../shared/errors.js';
import type { CheckView } from '../../shared/venue.js';
import type { PublicAddress } from '../public-address.js';

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
  // The check page's QR for the console's settings, so a phone at the venue opens it with its camera.
  // Built from the public address, never the Host: the console may be open at http://localhost.
  router.get('/api/check/qr.svg', async (_req, res) => {
    const svg = await QRCode.toString(`${deps.publicAddress().origin}${CHECK_PAGE}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.set('Cache-Control', 'no-cache').type('image/svg+xml').send(svg);
  });
  return router;
}
