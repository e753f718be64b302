/**
 * Privacy over HTTP (issue 19, APPI): the notice a phone shows before anything else and its
 * 「確認しました」, a person's download of their own data, and the organizer's side — the notice and
 * retention settings, erasing a person or a whole event, and the retention purge (run by a timer
 * when due, or at once from the console). Every route acts for the signed-in person from their
 * session: their own data, their own event, or (erasing an event) an event of their own account.
 */
import express, { type Request, type Response } from 'express';
import { fail, ok, type AppError } from '../../shared/errors.js';
import {
  eventEraseSchema,
  privacyAcknowledgeSchema,
  privacySettingsSchema,
  type EventErased,
  type PrivacyNoticeView,
  type PrivacySettingsView,
} from '../../shared/privacy.js';
import { openSession } from '../auth/session.js';
import { newNonce } from '../auth/tokens.js';
import { purgeDue, purgeOn } from '../domain/privacy.js';
import { replaceBackups } from '../store/backup.js';
import type { Publisher } from '../realtime/publisher.js';
import {
  acknowledgeNotice,
  acknowledgedVersion,
  acknowledgements,
  compact,
  erasePerson,
  eraseEvent,
  erasureSummary,
  isCompactionPending,
  ownData,
  privacyNotice,
  purgeEvent,
  purgedAt,
  savePrivacySettings,
  unpurgedEvents,
} from '../store/privacy.js';
import { accountOf, organizerIn, organizersOf, seriesEvents } from '../store/series.js';
import type { Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import { secureSession, type PublicAddress } from '../public-address.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';

export interface PrivacyRoutesDeps {
  store: Store;
  publisher: Publisher;
  now: () => number;
  publicAddress: () => PublicAddress;
  log?: (message: string, detail?: unknown) => void;
}

/**
 * How often the timer looks for events past retention. Hourly rather than daily: a server restarted
 * every night still purges on the day it is due. The first look is an hour after start, so a test's
 * server never purges its fixtures behind the test's back.
 */
const PURGE_CHECK_MS = 3600_000;

export function createPrivacyRoutes(deps: PrivacyRoutesDeps): express.Router {
  const { store } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '64kb' });
  const badRequest = (res: Response, error: AppError) => res.status(400).json({ ok: false, error });

  // ---- the phone: the notice, and the person's own data ----

  router.get('/api/privacy', guard('http:privacy'), (req: OrganizerRequest, res) => {
    const person = req.organizer!;
    const view: PrivacyNoticeView = {
      notice: privacyNotice(store, person.eventId),
      acknowledged: acknowledgedVersion(store, person.id),
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  router.post('/api/privacy/acknowledge', guard('http:privacy-acknowledge'), json, (req: OrganizerRequest, res) => {
    const parsed = privacyAcknowledgeSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const person = req.organizer!;
    const current = privacyNotice(store, person.eventId).version;
    // The organizer changed the notice while it was on screen: the phone shows the new one.
    if (parsed.data.version !== current) {
      res.status(409).json(fail('privacy-notice-changed', 'The notice changed since it was shown.', { current }));
      return;
    }
    // Read already (a resend after a lost answer): nothing more to record.
    if (acknowledgedVersion(store, person.id) !== current) {
      acknowledgeNotice(store, person.eventId, person.id, current, deps.now());
    }
    res.json(ok({ acknowledged: current }));
  });

  router.get('/api/me/data.json', guard('http:me-data'), (req: OrganizerRequest, res) => {
    const person = req.organizer!;
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', 'attachment; filename="my-data.json"')
      .type('application/json')
      .send(JSON.stringify(ownData(store, person.id, deps.now()), null, 2));
  });

  // ---- the console: settings, purge ----

  const settingsView = (eventId: string): PrivacySettingsView => {
    const event = store.getEvent(eventId)!;
    const notice = privacyNotice(store, eventId);
    return {
      notice,
      ...acknowledgements(store, eventId),
      purgeOn: purgeOn(event.date, notice.retentionDays),
      purgeDue: purgeDue(event.date, notice.retentionDays, event.timeZone, deps.now()),
      purgedAt: purgedAt(store, eventId),
    };
  };

  router.get('/api/privacy/settings', guard('http:privacy-settings'), (req: OrganizerRequest, res) => {
    res.set('Cache-Control', 'no-store').json(ok(settingsView(req.organizer!.eventId)));
  });

  router.post('/api/privacy/settings', guard('http:privacy-settings-save'), json, (req: OrganizerRequest, res) => {
    const parsed = privacySettingsSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const eventId = req.organizer!.eventId;
    savePrivacySettings(store, eventId, req.organizer!.id, deps.now(), parsed.data);
    res.json(ok(settingsView(eventId)));
  });

  /**
   * Purges an event and ends what its people had open; organizers' consoles resync without the names.
   * The people are disconnected before the file is compacted: nothing of theirs is mid-read then.
   */
  const purge = (eventId: string, actor: string) => {
    const people = store.listPeople(eventId);
    purgeEvent(store, eventId, actor, deps.now(), newNonce);
    deps.publisher.disconnectPeople(people.map((p) => p.id));
    compact(store, deps.log);
    void replaceBackups(store.db);
  };

  router.post('/api/privacy/purge', guard('http:privacy-purge'), json, (req: OrganizerRequest, res) => {
    const eventId = req.organizer!.eventId;
    const view = settingsView(eventId);
    // Purged once (by the timer, or a resend after a lost answer): the event's data is gone already.
    if (view.purgedAt !== null) return res.json(ok(view));
    if (!view.purgeDue) {
      res
        .status(409)
        .json(fail('privacy-purge-not-due', 'The retention period has not ended yet.', { date: view.purgeOn }));
      return;
    }
    purge(eventId, req.organizer!.id);
    res.json(ok(settingsView(eventId)));
  });

  // ---- erasing a person ----

  /** A person of the organizer's own event, or a 404 answered. */
  const personOfEvent = (req: OrganizerRequest & Request<{ id: string }>, res: Response) => {
    const person = store.getPerson(req.params.id);
    if (!person || person.eventId !== req.organizer!.eventId) {
      res.status(404).json(fail('person-unknown', 'That person is not registered for this event.'));
      return undefined;
    }
    return person;
  };

  router.get(
    '/api/privacy/people/:id',
    guard('http:privacy-settings'),
    (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const person = personOfEvent(req, res);
      if (!person) return;
      res.set('Cache-Control', 'no-store').json(ok(erasureSummary(store, person.id)!));
    },
  );

  router.post(
    '/api/privacy/people/:id/erase',
    guard('http:person-erase'),
    json,
    (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const person = personOfEvent(req, res);
      if (!person) return;
      if (person.id === req.organizer!.id) {
        res.status(409).json(fail('privacy-erase-self', 'An organizer cannot erase themselves.'));
        return;
      }
      // The organizers' open consoles and the phones that listed the person resync without them.
      const organizers = organizersOf(store, person.eventId).map((o) => o.id);
      const erased = erasePerson(store, person.id, req.organizer!.id, deps.now());
      const listed = store
        .listPeople(person.eventId)
        .filter((p) => p.org && erased.orgIds.includes(p.org.id))
        .map((p) => p.id);
      deps.publisher.disconnectPeople([person.id, ...organizers, ...listed]);
      // The app's backups made before still hold them: replaced by a fresh one (logged if it fails).
      void replaceBackups(store.db);
      res.json(ok({ seq: erased.seq }));
    },
  );

  // ---- erasing an event ----

  router.post(
    '/api/events/:id/erase',
    guard('http:event-erase'),
    json,
    (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const parsed = eventEraseSchema.safeParse(req.body);
      if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
      const account = accountOf(store, req.organizer!.id)!;
      const event = organizerIn(store, account, req.params.id) && store.getEvent(req.params.id);
      if (!event) {
        res.status(404).json(fail('event-unknown', 'That event is not one of yours.'));
        return;
      }
      if (parsed.data.confirmName.trim() !== event.name.trim()) {
        res.status(400).json(fail('event-erase-name', 'Type the event’s name to confirm.', { name: event.name }));
        return;
      }
      // Where the console goes: the latest other event of the series, if any.
      const next = seriesEvents(store, account)
        .filter((e) => e.id !== event.id)
        .at(-1);
      const { actors } = eraseEvent(store, event.id);
      deps.publisher.disconnectPeople(actors);
      void replaceBackups(store.db);
      if (next && event.id === req.organizer!.eventId) {
        const person = organizerIn(store, account, next.id)!;
        res.setHeader('Set-Cookie', openSession(store, person, deps.now(), secureSession(req, deps.publicAddress())));
      }
      const answer: EventErased = { erasedId: event.id, nextEventId: next?.id ?? null };
      res.json(ok(answer));
    },
  );

  startRetentionTimer(deps, purge);
  return router;
}

/** Purges every event whose retention has ended; returns the ids purged. */
export function purgeDueEvents(store: Store, now: number, purge: (eventId: string, actor: string) => void): string[] {
  const due = unpurgedEvents(store).filter((e) => purgeDue(e.date, e.retentionDays, e.timeZone, now));
  // The change log names the timer as the actor: nobody pressed a button.
  for (const e of due) purge(e.id, 'retention');
  return due.map((e) => e.id);
}

function startRetentionTimer(deps: PrivacyRoutesDeps, purge: (eventId: string, actor: string) => void): void {
  const timer = setInterval(() => {
    // The app was closed (a test's server): nothing to look at any more.
    if (!deps.store.db.open) return clearInterval(timer);
    try {
      // A compaction that failed after an earlier purge (a read in progress then) is tried again.
      if (isCompactionPending(deps.store)) compact(deps.store, deps.log);
      purgeDueEvents(deps.store, deps.now(), purge);
    } catch (error) {
      deps.log?.('retention purge failed', error);
    }
  }, PURGE_CHECK_MS);
  // The timer never keeps the process alive.
  timer.unref();
}
