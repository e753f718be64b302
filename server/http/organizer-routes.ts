/**
 * Organizer HTTP endpoints: the registration import (preview, then commit) and a badge's QR (the
 * badge sheet is in badge-routes.ts).
 * The event is always the signed-in organizer's own; no event id is taken from the request.
 */
import { createHash } from 'node:crypto';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { LIMITS } from '../../shared/constants.js';
import { fail, ok, type AppError } from '../../shared/errors.js';
import type { ImportReport } from '../../shared/model.js';
import { importRequestSchema } from '../../shared/protocol.js';
import { mayPrintBadge } from '../auth/door.js';
import { allowed, refusal, type Action } from '../auth/policy.js';
import { personFromCookie } from '../auth/session.js';
import { change } from '../commands/change.js';
import { topicsOf } from '../commands/views.js';
import { makeToken, newNonce } from '../auth/tokens.js';
import { ofEvent } from '../domain/event-scope.js';
import { planImport, type ImportPlan, type ImportRow } from '../domain/import-plan.js';
import { CsvError, parseCsv, suggestMapping, validateRows } from '../import/registrations.js';
import type { Publisher } from '../realtime/publisher.js';
import type { PersonRecord, Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import { HTTP_LIMITS, rateLimit, tooManyRequests, type HttpLimits } from './rate-limit.js';
import { isOwnOrigin, type PublicAddress } from '../public-address.js';

export interface OrganizerRoutesDeps {
  store: Store;
  secret: Buffer;
  publisher: Publisher;
  now: () => number;
  newId: () => string;
  /** Every link and QR code is built from the public address, never from the request's Host. */
  publicAddress: () => PublicAddress;
  /** Per-address limits; `false` turns them off. */
  rateLimits?: HttpLimits | false | undefined;
}

/** The import's body: the CSV as base64 (2 MB of file at most, LIMITS) plus a column mapping. */
const IMPORT_BODY_BYTES = LIMITS.importBase64Chars + 16 * 1024;

export type OrganizerRequest = Request & { organizer?: PersonRecord };

/**
 * What a plan would write, as a short hash: the preview sends it, the commit brings it back, and a
 * commit whose plan came out otherwise (someone registered or edited in between) writes nothing.
 * A new company's id is drawn afresh for each request, so it counts by name and kind.
 */
function planDigest(plan: ImportPlan): string {
  const fresh = new Map(plan.newOrgs.map((o) => [o.id, `new:${o.kind}:${o.name}`]));
  const org = (id: string) => fresh.get(id) ?? id;
  const written = {
    newOrgs: [...fresh.values()],
    creates: plan.creates.map((c) => [c.row, { ...c.person, orgId: org(c.person.orgId) }]),
    updates: plan.updates.map((u) => [u.row, u.personId, { ...u.person, orgId: org(u.person.orgId) }]),
    skipped: plan.skipped,
    challenges: plan.challenges.map((c) => [org(c.orgId), c.after]),
  };
  return createHash('sha256').update(JSON.stringify(written)).digest('base64url').slice(0, 22);
}

/**
 * Signed in, and let through by `refuses` (null); for writes, also sent by our own pages (cookie-riding
 * forms are refused).
 */
function requirePerson(
  store: Store,
  now: () => number,
  publicAddress: () => PublicAddress,
  refuses: (person: PersonRecord) => AppError | null,
) {
  return (req: OrganizerRequest, res: Response, next: NextFunction) => {
    const person = personFromCookie(store, req.headers.cookie, now());
    if (!person) {
      res.status(401).json(fail('not-signed-in', 'Not signed in. Open your organizer link first.'));
      return;
    }
    const refused = refuses(person);
    if (refused) {
      res.status(403).json({ ok: false, error: refused });
      return;
    }
    if (req.method !== 'GET') {
      const origin = req.headers.origin;
      if (!origin || !isOwnOrigin(origin, req.headers.host, publicAddress()) || !req.is('application/json')) {
        res.status(403).json(fail('cross-site', 'This request must come from the app’s own pages.'));
        return;
      }
    }
    req.organizer = person;
    next();
  };
}

/** Signed in, and allowed `action` by the policy table (server/auth/policy.ts). */
export function requireAllowed(store: Store, now: () => number, publicAddress: () => PublicAddress) {
  return (action: Action) =>
    requirePerson(store, now, publicAddress, (person) =>
      allowed({ kind: 'person', person }, action) === 'none' ? refusal({ kind: 'person', person }, action).error : null,
    );
}

/** Writes an import's plan: new companies, then updates, then new people; returns the new people's ids. */
function writePlan(store: Store, eventId: string, plan: ImportPlan, at: number, newId: () => string): string[] {
  for (const o of plan.newOrgs) store.insertOrganization({ id: o.id, eventId, kind: o.kind, name: o.name });
  // Updates first: a person whose key changes frees the old one before anyone could take it.
  for (const u of plan.updates) {
    const { orgId, kana, ...person } = u.person;
    store.updatePerson(u.personId, { ...person, organizationId: orgId, nameKana: kana });
  }
  return plan.creates.map((c) => {
    const id = newId();
    const { orgId, kana, ...person } = c.person;
    store.insertPerson({
      ...person,
      id,
      eventId,
      organizationId: orgId,
      nameKana: kana,
      badgeNonce: newNonce(),
      createdAt: at,
    });
    return id;
  });
}

/** The companies' challenges the import states (their organizations exist by now). */
function writeChallenges(store: Store, plan: ImportPlan): void {
  for (const c of plan.challenges) store.records.organizations.setChallenges(c.orgId, c.after);
}

/** The event's organizations with their challenges, for the plan to compare a 課題 column with. */
function orgsWithChallenges(store: Store, eventId: string) {
  const challenges = store.records.organizations.challengesOfEvent(eventId);
  return store.organizations(eventId).map((o) => ({ ...o, challenges: challenges[o.id] ?? null }));
}

/** Every list an import touched hears of it, after the commit. */
function publishImport(publisher: Publisher, eventId: string, plan: ImportPlan, created: string[], seq: number): void {
  const renamed = plan.updates.filter((u) => u.change.fields.some((f) => f.field === 'name')).map((u) => u.personId);
  const moved = plan.updates.filter((u) => u.moved).map((u) => u.personId);
  publisher.doorChanged(eventId, [...created, ...plan.updates.map((u) => u.personId)], seq);
  for (const c of plan.challenges) publisher.challengesChanged(eventId, c.orgId, seq);
  // A new name reaches every list that shows it, as a correction's does.
  for (const personId of renamed) publisher.personChanged(eventId, personId, seq);
  // Someone moved or renamed keeps a socket with the old organization's rooms and header: it starts afresh.
  publisher.disconnectPeople([...new Set([...moved, ...renamed])]);
  if (plan.newOrgs.some((o) => o.kind === 'venture')) publisher.programChanged(eventId, seq);
}

export function createOrganizerRoutes(deps: OrganizerRoutesDeps): express.Router {
  const { store, publisher } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: IMPORT_BODY_BYTES });
  // Before the session lookup and the JSON parser: a flood is turned away at its cheapest.
  const postLimit = rateLimit(
    deps.rateLimits === false ? null : (deps.rateLimits ?? HTTP_LIMITS).post,
    tooManyRequests,
  );
  const baseUrl = () => deps.publicAddress().origin;

  function importReport(req: OrganizerRequest, res: Response, commit: boolean) {
    const parsedBody = importRequestSchema.safeParse(req.body);
    if (!parsedBody.success) {
      res.status(400).json({ ok: false, error: zodRefusal(parsedBody.error) });
      return;
    }
    const eventId = req.organizer!.eventId;
    const { clearEmpty, choices } = parsedBody.data;
    let csv, mapping, results;
    try {
      csv = parseCsv(Buffer.from(parsedBody.data.fileBase64, 'base64'));
      mapping = parsedBody.data.mapping ?? suggestMapping(csv.headers);
      // A chosen column the file does not have is the file's problem too, said the same way.
      results = validateRows(csv, mapping, { clearEmpty, topics: topicsOf(store.getEvent(eventId)!) });
    } catch (error) {
      if (error instanceof CsvError) {
        res.status(400).json(fail('import-unreadable', error.message, { problem: error.problem, ...error.params }));
        return;
      }
      throw error;
    }
    const valid: ImportRow[] = [];
    const invalid: ImportReport['errors'] = [];
    for (const r of results) {
      if (r.ok) valid.push({ row: r.row, ...r.value, unstated: r.unstated });
      else invalid.push({ row: r.row, problems: r.errors });
    }
    const plan = planImport(
      valid,
      { orgs: orgsWithChallenges(store, eventId), people: store.registeredPeople(eventId) },
      deps.newId,
      new Map(choices.map((c) => [c.row, c.choice])),
    );
    const report: ImportReport = {
      encoding: csv.encoding,
      headers: csv.headers,
      mapping,
      clearEmpty,
      sample: csv.rows.slice(0, 5),
      total: csv.rows.length,
      creates: plan.creates.length,
      updates: plan.updates.length,
      unchanged: plan.unchanged.length,
      changes: plan.updates.map((u) => u.change),
      errors: [...invalid, ...plan.errors].sort((a, b) => a.row - b.row),
      warnings: plan.warnings,
      duplicates: plan.duplicates,
      skipped: plan.skipped.length,
      challenges: plan.challenges.map(({ company, rows, before, after }) => ({ company, rows, before, after })),
      digest: planDigest(plan),
      stale: false,
      committed: false,
    };
    if (!commit) {
      res.json(ok(report));
      return;
    }
    // The commit does what the preview showed, or nothing: the organizer then sees the new preview
    // (also when the new plan writes nothing, so "nothing to import" is not mistaken for the old plan).
    if (parsedBody.data.digest !== undefined && parsedBody.data.digest !== report.digest) {
      res.json(ok({ ...report, stale: true }));
      return;
    }
    // A likely duplicate is never added on silence: a second person would hold a second valid badge.
    // The guard is here, not only in the page, for an old tab or any other caller of the API.
    const unanswered = plan.duplicates.filter((d) => d.choice === null);
    if (unanswered.length > 0) {
      res
        .status(409)
        .json(
          fail(
            'import-unanswered',
            `${unanswered.length} row(s) look like people already registered (rows ${unanswered.map((d) => d.row).join(', ')}): choose for each whether to update that person, add a new one or skip the row.`,
            { count: unanswered.length, rows: unanswered.map((d) => d.row).join(', ') },
          ),
        );
      return;
    }
    if (plan.creates.length + plan.updates.length + plan.challenges.length === 0) {
      res.json(ok(report));
      return;
    }
    const at = deps.now();
    // Every row in one transaction: the import goes in whole or not at all.
    const outcome = change({ store, eventId, actor: req.organizer!.id, at }, () => {
      const created = writePlan(store, eventId, plan, at, deps.newId);
      writeChallenges(store, plan);
      return {
        result: null,
        changes: [
          {
            kind: 'registrations:imported',
            data: {
              created: plan.creates.length,
              updated: plan.updates.length,
              skipped: report.errors.length + plan.skipped.length,
              // Whom it changed and which fields (not the values: the log keeps no copy of e-mails).
              changed: plan.updates.map((u) => ({ personId: u.personId, fields: u.change.fields.map((f) => f.field) })),
              challenges: plan.challenges.map((c) => ({ orgId: c.orgId, challenges: c.after })),
            },
          },
        ],
        publish: (seq) => publishImport(publisher, eventId, plan, created, seq),
      };
    });
    outcome.publish?.();
    res.json(ok({ ...report, committed: true }));
  }

  router.post('/api/import/preview', postLimit, guard('http:import-preview'), json, (req, res) =>
    importReport(req, res, false),
  );
  router.post('/api/import/commit', postLimit, guard('http:import-commit'), json, (req, res) =>
    importReport(req, res, true),
  );
  // A file far over the limit never reaches the schema: say what the organizer can do about it.
  router.use('/api/import', ((error, _req, res, next) => {
    if ((error as { type?: string }).type !== 'entity.too.large') return next(error);
    res
      .status(413)
      .json(
        fail('too-large', 'The file is larger than 2 MB. Split it into smaller files and import each.', { limitMb: 2 }),
      );
  }) as ErrorRequestHandler);

  // One badge's QR as an image, for the walk-in screen at the door.
  router.get('/organizer/badges/qr.svg', guard('http:badge-qr'), async (req: OrganizerRequest, res) => {
    const person =
      typeof req.query.person === 'string'
        ? ofEvent(req.organizer!.eventId, store.getPerson(req.query.person))
        : undefined;
    if (!person || !mayPrintBadge(store, req.organizer!, person.id)) {
      res.status(404).json(fail('person-unknown', 'That person is not registered for this event.'));
      return;
    }
    const svg = await QRCode.toString(`${baseUrl()}/t/${makeToken(deps.secret, 'person', person.badgeNonce)}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.set('Cache-Control', 'no-store').type('image/svg+xml').send(svg);
  });

  return router;
}
