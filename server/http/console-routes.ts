/**
 * The organizer console over HTTP: the series of events, event set-up (with the door's reception
 * links, door-link-routes.ts), the live dashboard, the exports and the KPI report. Every route acts for the signed-in organizer: the current event is
 * the one their session belongs to, and another event is reachable only through their account.
 */
import express, { type ErrorRequestHandler, type Request, type Response } from 'express';
import {
  eventCreateSchema,
  eventUpdateSchema,
  organizerAddSchema,
  type DashboardView,
  type EventSettingsView,
  type SeriesView,
} from '../../shared/console.js';
import { fail, ok, refusalError, type AppError } from '../../shared/errors.js';
import type { DoorDouble } from '../../shared/model.js';
import { openSession } from '../auth/session.js';
import { change } from '../commands/change.js';
import { makeToken, newNonce } from '../auth/tokens.js';
import { checkinsOverTime, kpiFigures, seriesTotals } from '../domain/kpi.js';
import type { Publisher } from '../realtime/publisher.js';
import { publicEvent } from '../commands/views.js';
import { ArchiveError, exportEvent, importEvent } from '../store/archive.js';
import {
  accountOf,
  addOrganizer,
  checkinTimes,
  createEvent,
  eventTargets,
  kpiFacts,
  organizerIn,
  organizersOf,
  participatingNames,
  programmeOf,
  seriesEvents,
  updateEvent,
} from '../store/series.js';
import type { EventRecord, PersonRecord, Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import { localDateTime } from './csv.js';
import { EXPORTS, exportCsv, type ExportName, type Lang } from './exports.js';
import { createDoorLinkRoutes } from './door-link-routes.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';
import { escapeHtml } from './pages.js';
import { eventReportPage, seriesReportPage } from './report-page.js';
import { secureSession, type PublicAddress } from '../public-address.js';

export interface ConsoleRoutesDeps {
  store: Store;
  secret: Buffer;
  publisher: Publisher;
  now: () => number;
  newId: () => string;
  /** Every link and QR code is built from the public address, never from the request's Host. */
  publicAddress: () => PublicAddress;
}

/** An event export is every row of the event: allow a large day (tens of thousands of rows). */
const ARCHIVE_BODY_BYTES = 50 * 1024 * 1024;

const langOf = (req: Request): Lang => (req.query.lang === 'en' ? 'en' : 'ja');

export function createConsoleRoutes(deps: ConsoleRoutesDeps): express.Router {
  const { store, secret } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '64kb' });
  const baseUrl = () => deps.publicAddress().origin;
  const figuresOf = (eventId: string) => kpiFigures(kpiFacts(store, eventId));

  /** The organizer's account; organizers always have one (migration 6 gave existing ones theirs). */
  const account = (req: OrganizerRequest) => accountOf(store, req.organizer!.id)!;

  /**
   * A creating write, once per idempotency key, through the commands' one path of a change: a resend
   * after a lost answer gets the first answer. The write logs its own rows (in the event it creates
   * or changes); this path adds none.
   */
  function once<T>(organizer: PersonRecord, command: string, key: string | undefined, write: () => T): T {
    const outcome = change(
      { store, eventId: organizer.eventId, actor: organizer.id, at: deps.now(), keyed: { command, key } },
      () => ({ result: write(), changes: [] }),
    );
    // Nothing in these writes refuses: a refusal here would be a fault, answered as one.
    if (!outcome.answer.ok) throw new Error(outcome.answer.error.message);
    return outcome.answer.data;
  }

  function badRequest(res: Response, error: AppError) {
    res.status(400).json({ ok: false, error });
  }

  // ---- reception links for door staff ----

  router.use(createDoorLinkRoutes(deps));

  // ---- the series ----

  router.get('/api/series', guard('http:series'), (req: OrganizerRequest, res) => {
    const view: SeriesView = {
      events: seriesEvents(store, account(req)).map((e) => ({
        event: publicEvent(e),
        targets: eventTargets(store, e.id),
        figures: figuresOf(e.id),
        current: e.id === req.organizer!.eventId,
      })),
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  router.post('/api/events', guard('http:event-create'), json, (req: OrganizerRequest, res) => {
    const parsed = eventCreateSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const mine = account(req);
    let from: EventRecord | null = null;
    if (parsed.data.copyFrom) {
      // Only an event of this organizer's own series can be copied.
      if (!organizerIn(store, mine, parsed.data.copyFrom)) {
        res.status(404).json(fail('event-unknown', 'That event is not one of yours.'));
        return;
      }
      from = store.getEvent(parsed.data.copyFrom)!;
    }
    const answer = once(req.organizer!, 'event-create', parsed.data.key, () => {
      const id = deps.newId();
      createEvent(store, {
        id,
        name: parsed.data.name,
        venue: parsed.data.venue,
        date: parsed.data.date,
        boardNonce: newNonce(),
        from,
        // The new event joins the programme of the event the console is on (issue 20).
        programmeId: programmeOf(store, req.organizer!.eventId),
        creator: { account: mine, name: req.organizer!.name },
        now: deps.now(),
        newId: deps.newId,
        newNonce,
      });
      return { eventId: id };
    });
    res.status(201).json(ok(answer));
  });

  // Switch the console to another event of the series: a session of the account's person there.
  router.post(
    '/api/events/:id/open',
    guard('http:event-open'),
    json,
    (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const person = organizerIn(store, account(req), req.params.id);
      if (!person) {
        res.status(404).json(fail('event-unknown', 'That event is not one of yours.'));
        return;
      }
      res.setHeader('Set-Cookie', openSession(store, person, deps.now(), secureSession(req, deps.publicAddress())));
      // The socket of the old session belongs to the old event: it ends, and the page reconnects.
      deps.publisher.disconnectPeople([req.organizer!.id]);
      res.json(ok({ eventId: person.eventId }));
    },
  );

  // ---- this event's set-up ----

  router.get('/api/event/settings', guard('http:settings'), (req: OrganizerRequest, res) => {
    const event = store.getEvent(req.organizer!.eventId)!;
    const base = baseUrl();
    const view: EventSettingsView = {
      event: publicEvent(event),
      topics: event.topics,
      targets: eventTargets(store, event.id),
      boardUrl: `${base}/board/${makeToken(secret, 'board', event.boardNonce)}`,
      organizers: organizersOf(store, event.id).map((o) => ({
        personId: o.id,
        name: o.name,
        signInUrl: `${base}/t/${makeToken(secret, 'person', o.badgeNonce)}`,
      })),
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  router.post('/api/event/settings', guard('http:settings-save'), json, (req: OrganizerRequest, res) => {
    const parsed = eventUpdateSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const eventId = req.organizer!.eventId;
    const seq = updateEvent(store, eventId, req.organizer!.id, deps.now(), parsed.data);
    // Phones show the event's name and topics: the program fact carries them on the next sync.
    deps.publisher.programChanged(eventId, seq);
    res.json(ok({ seq }));
  });

  router.post('/api/event/organizers', guard('http:organizer-add'), json, (req: OrganizerRequest, res) => {
    const parsed = organizerAddSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    // The remembered answer holds the person, not the link: no sign-in secret is stored.
    const { personId } = once(req.organizer!, 'organizer-add', parsed.data.key, () => {
      const id = deps.newId();
      addOrganizer(store, req.organizer!.eventId, req.organizer!.id, {
        id,
        name: parsed.data.name,
        email: parsed.data.email ?? null,
        badgeNonce: newNonce(),
        now: deps.now(),
      });
      return { personId: id };
    });
    const nonce = store.getPerson(personId)!.badgeNonce;
    res.status(201).json(ok({ personId, signInUrl: `${baseUrl()}/t/${makeToken(secret, 'person', nonce)}` }));
  });

  // ---- the live dashboard ----

  router.get('/api/dashboard', guard('http:dashboard'), (req: OrganizerRequest, res) => {
    const event = store.getEvent(req.organizer!.eventId)!;
    const times = checkinTimes(store, event.id);
    const chart = checkinsOverTime(times, Math.min(deps.now(), (times.at(-1) ?? 0) + 12 * 3_600_000));
    const view: DashboardView = {
      event: publicEvent(event),
      figures: figuresOf(event.id),
      checkinsOverTime: chart.points,
      bucketMinutes: chart.bucketMinutes,
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  // People let in at two stations while offline: the check-in kept and the other station's.
  router.get('/api/door/doubles', guard('http:door-doubles'), (req: OrganizerRequest, res) => {
    const doubles: DoorDouble[] = store.records.doorDoubles.list(req.organizer!.eventId);
    res.set('Cache-Control', 'no-store').json(ok({ doubles }));
  });

  // ---- exports ----

  router.get(
    '/api/export/:name.csv',
    guard('http:export-csv'),
    (req: OrganizerRequest & Request<{ name: string }>, res) => {
      const name = req.params.name as ExportName;
      if (!EXPORTS.includes(name)) {
        res.status(404).json(fail('export-unknown', `No such export. Choose one of: ${EXPORTS.join(', ')}.`));
        return;
      }
      const event = store.getEvent(req.organizer!.eventId)!;
      const csv = exportCsv(store, event.id, name, langOf(req), {
        signIn: (nonce) => `${baseUrl()}/t/${makeToken(secret, 'person', nonce)}`,
        qrImage: (personId) => `${baseUrl()}/organizer/badges/qr.svg?person=${encodeURIComponent(personId)}`,
      });
      res
        .set('Cache-Control', 'no-store')
        .set('Content-Disposition', attachment(`${event.date}-${name}.csv`))
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );

  router.get('/api/export/event.json', guard('http:export-event'), (req: OrganizerRequest, res) => {
    const event = store.getEvent(req.organizer!.eventId)!;
    res
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', attachment(`${event.date}-event.json`))
      .json(exportEvent(store, event.id, deps.now()));
  });

  // Restore an exported event into this instance; the importing organizer also organizes it.
  router.post(
    '/api/import/event',
    guard('http:event-import'),
    express.json({ limit: ARCHIVE_BODY_BYTES }),
    (req: OrganizerRequest, res) => {
      let restored;
      try {
        restored = importEvent(store, req.body);
      } catch (error) {
        if (error instanceof ArchiveError)
          return badRequest(res, refusalError(error.reason, error.message, error.params));
        throw error;
      }
      const mine = account(req);
      if (!organizerIn(store, mine, restored.eventId)) {
        store.db.transaction(() =>
          store.insertPerson({
            id: deps.newId(),
            eventId: restored.eventId,
            organizationId: null,
            name: req.organizer!.name,
            badgeNonce: newNonce(),
            createdAt: deps.now(),
            account: mine,
          }),
        )();
      }
      res.status(201).json(ok(restored));
    },
  );
  router.use('/api/import/event', ((error, _req, res, next) => {
    if ((error as { type?: string }).type !== 'entity.too.large') return next(error);
    res.status(413).json(fail('too-large', 'The export is larger than 50 MB.', { limitMb: 50 }));
  }) as ErrorRequestHandler);

  // ---- the KPI report (printable A4) ----

  router.get('/organizer/report', guard('http:report'), (req: OrganizerRequest, res) => {
    const lang = langOf(req);
    const current = store.getEvent(req.organizer!.eventId)!;
    const generatedAt = localDateTime(deps.now(), current.timeZone);
    const series = seriesEvents(store, account(req));
    let html: string;
    if (req.query.scope === 'series') {
      const events = series.map((e) => ({
        event: publicEvent(e),
        figures: figuresOf(e.id),
        names: participatingNames(store, e.id),
      }));
      const totals = seriesTotals(events.map((e) => ({ figures: e.figures, companyNames: e.names })));
      html = seriesReportPage({
        lang,
        events,
        totals: totals.figures,
        distinctCompanies: totals.distinctCompanies,
        generatedAt,
      });
    } else {
      // The previous event: the one before this in the series' order (by date).
      const index = series.findIndex((e) => e.id === current.id);
      const before = index > 0 ? series[index - 1]! : null;
      html = eventReportPage({
        lang,
        event: publicEvent(current),
        figures: figuresOf(current.id),
        previous: before ? { event: publicEvent(before), figures: figuresOf(before.id) } : null,
        targets: eventTargets(store, current.id),
        generatedAt,
      });
    }
    res.set('Cache-Control', 'no-store').type('html').send(html);
  });

  return router;
}

/** A download name, with the UTF-8 form for names that are not plain ASCII. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${escapeHtml(ascii)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
