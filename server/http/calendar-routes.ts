/**
 * A person's calendar: the download (GET /api/agenda.ics, signed in by the session cookie, in
 * routes.ts) and the subscription (GET /cal/TOKEN.ics, no cookie: the token is the key), both the
 * same file (agenda-ics.ts). The person shows, makes, renews and revokes their subscription on the
 * phone (/api/calendar-feed); an organizer revokes anyone's. A renewed or revoked address answers 404
 * at once, and a calendar that subscribed to it keeps the last copy it fetched.
 */
import express, { type Request, type Response } from 'express';
import { calendarFeedRenewSchema, calendarFeedRevokeSchema, type CalendarFeedView } from '../../shared/calendar.js';
import { fail, ok } from '../../shared/errors.js';
import { feedToken, newFeedNonce, openFeedToken } from '../auth/feed-token.js';
import { allowed } from '../auth/policy.js';
import { change } from '../commands/change.js';
import { feedBySecret, liveFeed, meetingVersions, renewFeed, revokeFeed } from '../store/calendar-feeds.js';
import type { PersonRecord, Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import type { PublicAddress } from '../public-address.js';
import { agendaIcs, type CalendarMeeting } from './agenda-ics.js';
import { messagePage } from './pages.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';

/** What a renewed, revoked or mistyped calendar address shows (a calendar app just stops updating). */
const goneFeedPage = () =>
  messagePage(
    { ja: 'このカレンダーのURLは使えません', en: 'This calendar address does not work' },
    {
      ja: 'URLが更新されたか取り消されたか、正しくありません。スマートフォンの「面談の予定」から新しいURLを登録してください。',
      en: 'The address was renewed or revoked, or is not valid. Subscribe again from the agenda on your phone.',
    },
  );

export interface CalendarRoutesDeps {
  store: Store;
  secret: Buffer;
  now: () => number;
  newId: () => string;
  publicAddress: () => PublicAddress;
}

/** The agenda file of a person of an organization (firms, partners, ventures: organizers have none). */
export function agendaFileOf(
  store: Store,
  person: Pick<PersonRecord, 'eventId' | 'org'>,
  now: number,
  appUrl: string,
): string {
  const org = person.org!;
  const event = store.getEvent(person.eventId)!;
  const versions = meetingVersions(store, event.id, org.id);
  const meetings: CalendarMeeting[] = store.meetings(event.id, { orgId: org.id }).map((m) => ({
    ...m,
    ...(versions.get(m.id) ?? { sequence: 0, updatedAt: now, everAgreed: true }),
  }));
  return agendaIcs({ eventName: event.name, venue: event.venue, myOrgId: org.id, meetings, now, appUrl });
}

/** Sends an agenda file; `attachment` for the download, inline for a subscribed calendar. */
export function sendAgenda(res: Response, ics: string, attachment: boolean): void {
  res.set('Cache-Control', 'no-store');
  if (attachment) res.set('Content-Disposition', 'attachment; filename="agenda.ics"');
  res.type('text/calendar; charset=utf-8').send(ics);
}

export function createCalendarRoutes(deps: CalendarRoutesDeps): express.Router {
  const { store, secret } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '4kb' });
  const origin = () => deps.publicAddress().origin;

  const viewOf = (person: PersonRecord): CalendarFeedView => {
    const feed = liveFeed(store, person.id);
    const feedUrl = feed ? `${origin()}/cal/${feedToken(secret, feed.secret)}.ics` : null;
    return {
      downloadUrl: `${origin()}/api/agenda.ics`,
      feedUrl,
      // webcal:// is the same address over HTTP(S): the scheme only tells the phone to subscribe.
      webcalUrl: feedUrl ? feedUrl.replace(/^https?:/, 'webcal:') : null,
      createdAt: feed?.createdAt ?? null,
    };
  };

  // The subscribed calendar: no cookie (a calendar app has none); the token is the key.
  router.get('/cal/:file', (req: Request<{ file: string }>, res) => {
    const match = /^([A-Za-z0-9_-]{44})\.ics$/.exec(req.params.file);
    const nonce = match ? openFeedToken(secret, match[1]!) : null;
    const feed = nonce ? feedBySecret(store, nonce) : undefined;
    const person = feed ? store.getPerson(feed.personId) : undefined;
    res.set('Referrer-Policy', 'no-referrer');
    if (!person?.org) {
      res.status(404).set('Cache-Control', 'no-store').type('html').send(goneFeedPage());
      return;
    }
    sendAgenda(res, agendaFileOf(store, person, deps.now(), origin()), false);
  });

  router.get('/api/calendar-feed', guard('http:calendar-feed'), (req: OrganizerRequest, res) => {
    res.set('Cache-Control', 'no-store').json(ok(viewOf(req.organizer!)));
  });

  // A new address; the one before (if any) stops at once. Once per key: the remembered answer is
  // the feed's id (never its secret), and a resend shows the address in force.
  router.post('/api/calendar-feed', guard('http:calendar-feed-renew'), json, (req: OrganizerRequest, res) => {
    const parsed = calendarFeedRenewSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: zodRefusal(parsed.error) });
      return;
    }
    const person = req.organizer!;
    const at = deps.now();
    const outcome = change(
      {
        store,
        eventId: person.eventId,
        actor: person.id,
        at,
        keyed: { command: 'calendar-feed-renew', key: parsed.data.key },
      },
      () => {
        const id = deps.newId();
        renewFeed(store, { id, eventId: person.eventId, personId: person.id, secret: newFeedNonce(), createdAt: at });
        // Logged without the secret: the person's subscription is event data, as their badge is.
        return {
          result: { feedId: id },
          changes: [{ kind: 'calendar:renewed', data: { personId: person.id, feedId: id } }],
        };
      },
    );
    if (!outcome.answer.ok) throw new Error(outcome.answer.error.message);
    res.set('Cache-Control', 'no-store').json(ok(viewOf(person)));
  });

  // 'own': the person's own; 'event': an organizer names anyone of the event.
  router.post('/api/calendar-feed/revoke', guard('http:calendar-feed-revoke'), json, (req: OrganizerRequest, res) => {
    const parsed = calendarFeedRevokeSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: zodRefusal(parsed.error) });
      return;
    }
    const actor = req.organizer!;
    const scope = allowed({ kind: 'person', person: actor }, 'http:calendar-feed-revoke');
    const targetId = scope === 'event' && parsed.data.personId ? parsed.data.personId : actor.id;
    const target = store.getPerson(targetId);
    if (!target || target.eventId !== actor.eventId) {
      res.status(404).json(fail('person-unknown', 'That person is not part of this event.'));
      return;
    }
    const { result: revoked } = store.mutate(actor.eventId, actor.id, deps.now(), () => {
      const done = revokeFeed(store, target.id, deps.now());
      return {
        result: done,
        changes: done ? [{ kind: 'calendar:revoked', data: { personId: target.id, by: actor.id } }] : [],
      };
    });
    res.json(ok({ revoked, ...(target.id === actor.id ? { view: viewOf(actor) } : {}) }));
  });

  return router;
}
