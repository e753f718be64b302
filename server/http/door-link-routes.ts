/**
 * Reception links: the organizer hands one out per door station (settings page), and revokes it.
 * Opening a link (`/door/TOKEN`) signs that browser in as the station (server/auth/door.ts) and
 * lands it on the check-in page; revoking ends its sessions at once (its sockets are disconnected,
 * its next request finds nobody). A link is a token like a badge's: only its nonce is stored.
 * A link also ends with its event's day (store/door-links.ts `stationsEndAt`); after that it opens
 * its own page, and the station's next request or handshake finds nobody. Two links in force never
 * share a station's name: the doubles list tells stations apart by it.
 */
import express, { type Request } from 'express';
import QRCode from 'qrcode';
import { fail, ok } from '../../shared/errors.js';
import { doorLinkCreateSchema, type DoorLinkInfo } from '../../shared/protocol.js';
import { doorActorId, doorLinkUrl } from '../auth/door.js';
import { openDoorSession } from '../auth/session.js';
import { newNonce, openToken } from '../auth/tokens.js';
import { change, reject, type Change } from '../commands/change.js';
import type { Publisher } from '../realtime/publisher.js';
import { stationsEndAt, type DoorLinkRecord } from '../store/door-links.js';
import type { Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import { trimText } from '../../shared/text.js';
import { secureSession, type PublicAddress } from '../public-address.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';
import { messagePage } from './pages.js';
import { HTTP_LIMITS, rateLimit, tooManySignIns, type HttpLimits } from './rate-limit.js';

export interface DoorLinkRoutesDeps {
  store: Store;
  secret: Buffer;
  publisher: Publisher;
  now: () => number;
  newId: () => string;
  publicAddress: () => PublicAddress;
  rateLimits?: HttpLimits | false | undefined;
}

/** What a reception link past its event's day shows: why, and that it is not the staff's doing. */
const endedLinkPage = () =>
  messagePage(
    { ja: 'この受付用リンクの期限は終わりました', en: 'This reception link has ended' },
    {
      ja: '受付用リンクはイベントの翌日が終わると使えなくなります。次のイベントの受付用リンクは事務局が出します。',
      en: 'Reception links stop working once the day after the event is over. The organizers give out new links for the next event.',
    },
  );

/** How a station's name is compared with the others in force: 受付Ａ, ｳｹﾂｹ and " 受付A " meet their plain forms. */
const stationKey = (station: string): string => trimText(station).normalize('NFKC');

/** What a revoked or forged reception link shows. */
const revokedLinkPage = () =>
  messagePage(
    { ja: 'この受付用リンクは使えません', en: 'This reception link does not work' },
    {
      ja: 'リンクが取り消されたか、正しくありません。事務局に新しい受付用リンクを出してもらってください。',
      en: 'The link was revoked or is not valid. Ask the organizers for a new reception link.',
    },
  );

export function createDoorLinkRoutes(deps: DoorLinkRoutesDeps): express.Router {
  const { store, secret } = deps;
  const links = store.records.doorLinks;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '4kb' });
  const limits = deps.rateLimits === false ? null : (deps.rateLimits ?? HTTP_LIMITS);
  const signInLimit = rateLimit(limits?.signIn ?? null, tooManySignIns);

  /**
   * Inside the create's transaction: a link would open nothing once the event's day is over, and a
   * second link in force under one station's name would make a double between them unreadable.
   */
  const refuseUnusable = (eventId: string, station: string, at: number): void => {
    const event = store.getEvent(eventId);
    if (event && at >= stationsEndAt(event.date, event.timeZone)) {
      reject(
        'door-link-event-over',
        'The event’s day, and the day after it, is over: a reception link would open nothing.',
      );
    }
    // Every link not revoked is in force here: they all end together, with the event's day, checked above.
    const taken = links.active(eventId).find((link) => stationKey(link.station) === stationKey(station));
    if (taken) {
      reject('door-link-station-taken', `A reception link named ${taken.station} is already in force.`, {
        station: taken.station,
      });
    }
  };

  const info = (link: DoorLinkRecord): DoorLinkInfo => ({
    id: link.id,
    station: link.station,
    createdAt: link.createdAt,
    url: doorLinkUrl(secret, deps.publicAddress().origin, link.nonce),
  });

  // The link itself: signs this browser in as the station, then opens the check-in page.
  router.get('/door/:token', signInLimit, (req: Request<{ token: string }>, res) => {
    const nonce = openToken(secret, 'door', req.params.token);
    const link = nonce ? links.byNonce(nonce) : undefined;
    if (!link || deps.now() >= link.endsAt) {
      res
        .status(401)
        .set('Cache-Control', 'no-store')
        .type('html')
        .send(link ? endedLinkPage() : revokedLinkPage());
      return;
    }
    res.setHeader('Set-Cookie', openDoorSession(store, link, deps.now(), secureSession(req, deps.publicAddress())));
    res.set('Cache-Control', 'no-store').set('Referrer-Policy', 'no-referrer').redirect(303, '/checkin');
  });

  router.get('/api/door-links', guard('http:door-links'), (req: OrganizerRequest, res) => {
    // Links past their event's day open nothing: the list holds the ones a station can still use.
    const inForce = links.active(req.organizer!.eventId).filter((link) => deps.now() < link.endsAt);
    res.set('Cache-Control', 'no-store').json(ok({ links: inForce.map(info) }));
  });

  // A link's QR, to open it on a station's tablet by its camera (drawn here: the client carries no QR library).
  router.get(
    '/api/door-links/:id/qr.svg',
    guard('http:door-links'),
    async (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const link = links.get(req.params.id);
      if (!link || link.eventId !== req.organizer!.eventId) {
        res.status(404).json(fail('door-link-unknown', 'That reception link was revoked or is not one of this event.'));
        return;
      }
      const svg = await QRCode.toString(info(link).url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      res.set('Cache-Control', 'no-store').type('image/svg+xml').send(svg);
    },
  );

  router.post('/api/door-links', guard('http:door-link-create'), json, (req: OrganizerRequest, res) => {
    const parsed = doorLinkCreateSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: zodRefusal(parsed.error) });
      return;
    }
    const organizer = req.organizer!;
    const at = deps.now();
    // A resend after a lost answer gets the same link; the remembered answer holds its id, not the token.
    const outcome = change(
      {
        store,
        eventId: organizer.eventId,
        actor: organizer.id,
        at,
        keyed: {
          command: 'door-link:create',
          key: parsed.data.key,
          remember: (link: DoorLinkInfo | null) => ({ linkId: link!.id }),
          replay: (remembered: { linkId: string }) => {
            const link = links.get(remembered.linkId);
            return link ? info(link) : null;
          },
        },
      },
      (): { result: DoorLinkInfo | null; changes: Change[] } => {
        refuseUnusable(organizer.eventId, parsed.data.station, at);
        const link = {
          id: deps.newId(),
          eventId: organizer.eventId,
          station: parsed.data.station,
          nonce: newNonce(),
          createdAt: at,
        };
        links.insert(link);
        return {
          result: info(link),
          changes: [{ kind: 'door-link:created', data: { linkId: link.id, station: link.station } }],
        };
      },
    );
    if (!outcome.answer.ok) {
      res.status(409).json(outcome.answer);
      return;
    }
    // A link revoked before the resend came is not handed out again.
    if (!outcome.answer.data) {
      res.status(404).json(fail('door-link-unknown', 'That reception link was revoked.'));
      return;
    }
    res.status(201).json(ok(outcome.answer.data));
  });

  router.post(
    '/api/door-links/:id/revoke',
    guard('http:door-link-revoke'),
    json,
    (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const organizer = req.organizer!;
      const link = links.get(req.params.id);
      if (!link || link.eventId !== organizer.eventId) {
        res.status(404).json(fail('door-link-unknown', 'That reception link was revoked or is not one of this event.'));
        return;
      }
      change({ store, eventId: organizer.eventId, actor: organizer.id, at: deps.now() }, () => {
        links.revoke(link.id, deps.now());
        return {
          result: null,
          changes: [{ kind: 'door-link:revoked', data: { linkId: link.id, station: link.station } }],
        };
      });
      // Its sessions are gone from the store; its open sockets end now, not at their next reconnect.
      deps.publisher.disconnectPeople([doorActorId(link.id)]);
      res.json(ok(null));
    },
  );

  return router;
}
