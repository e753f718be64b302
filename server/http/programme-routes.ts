/**
 * The programme's KPI table over HTTP, for the console (JSON): the council's table and its
 * drill-down, the plan, entered figures, regional outcomes, the council's reviews, what is
 * published, and each company's consent to be named. The programme is always the one of the
 * signed-in organizer's current event: no request names a programme, so an organizer of another
 * series reaches nothing of this one.
 *
 * Every write is parsed with its schema, checked against the programme, and written with its
 * change-log row (in the current event's log) in one transaction before it is answered.
 */
import express, { type Response } from 'express';
import { z } from 'zod';
import { ErrorCode, ok, refusalError, type AppError } from '../../shared/errors.js';
import {
  kpiEntrySchema,
  kpiPlanSchema,
  kpiReviewSchema,
  publishConsentSchema,
  publishSettingsSchema,
  regionalOutcomeSchema,
  type KpiEntry,
  type KpiPlan,
  type KpiReview,
  type ProgrammeView,
  type PublishView,
  type RegionalOutcome,
} from '../../shared/programme.js';
import { newNonce } from '../auth/tokens.js';
import { change, reject, type Written } from '../commands/change.js';
import { planYears } from '../domain/programme.js';
import { Refusal } from '../domain/result.js';
import {
  consentingOrgIds,
  deleteOutcome,
  insertEntry,
  insertOutcome,
  outcomeExists,
  outcomeOf,
  programmeEntries,
  programmeDrill,
  programmeOf,
  programmeOutcomes,
  programmePlan,
  programmeReport,
  publishSettings,
  savePlan,
  savePublish,
  saveReview,
  setPublishConsent,
} from '../store/programme.js';
import type { PersonRecord, Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import type { PublicAddress } from '../public-address.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';

export interface ProgrammeRoutesDeps {
  store: Store;
  now: () => number;
  newId: () => string;
  publicAddress: () => PublicAddress;
  /** The public page's secret path segment; random by default. */
  newSlug?: () => string;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.Forbidden]: 403,
};

const drillQuery = z.object({
  kpi: z.string().regex(/^[a-z0-9-]{1,40}$/),
  fy: z.coerce.number().int().min(2000).max(2100),
});

const publishBody = publishSettingsSchema.extend({ renew: z.boolean().optional() });

function refused(res: Response, error: AppError): void {
  res.status(STATUS[error.code] ?? 400).json({ ok: false, error });
}

/** The plan's years a figure or review may be for; refuses any other (inside a change). */
function checkYear(plan: KpiPlan, fiscalYear: number, from = plan.firstYear): void {
  const years = planYears(plan);
  const to = years[years.length - 1]!;
  if (fiscalYear < from || fiscalYear > to) {
    reject('kpi-year-outside', `Fiscal ${fiscalYear} is not one of the plan's years (${from}–${to}).`, {
      fiscalYear,
      from,
      to,
    });
  }
}

export function createProgrammeRoutes(deps: ProgrammeRoutesDeps): express.Router {
  const { store } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '64kb' });
  const newSlug = deps.newSlug ?? newNonce;
  const programmeOfReq = (req: OrganizerRequest) => programmeOf(store, req.organizer!.eventId);

  function publishView(programmeId: string): PublishView {
    const { slug, ...settings } = publishSettings(store, programmeId);
    return { ...settings, publicUrl: slug ? `${deps.publicAddress().origin}/open/${slug}` : null };
  }

  /**
   * One write of the programme, through the commands' one path of a change: replay by key, one
   * immediate transaction with its change-log row in the current event, a refusal rolls it back.
   */
  function write<T>(
    req: OrganizerRequest,
    res: Response,
    command: string,
    key: string | undefined,
    work: (programmeId: string, organizer: PersonRecord) => Written<T>,
    status = 200,
  ): void {
    const organizer = req.organizer!;
    const outcome = change(
      {
        store,
        eventId: organizer.eventId,
        actor: organizer.id,
        at: deps.now(),
        ...(key ? { keyed: { command, key } } : {}),
      },
      () => work(programmeOf(store, organizer.eventId), organizer),
    );
    if (!outcome.answer.ok) return refused(res, outcome.answer.error);
    res.status(status).json(outcome.answer);
  }

  function parse<S extends z.ZodType>(schema: S, body: unknown, res: Response): z.infer<S> | undefined {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    refused(res, zodRefusal(parsed.error));
    return undefined;
  }

  // ---- reads ----

  router.get('/api/programme', guard('http:programme'), (req: OrganizerRequest, res) => {
    const programmeId = programmeOfReq(req);
    const eventId = req.organizer!.eventId;
    const view: ProgrammeView = {
      report: programmeReport(store, programmeId, deps.now()),
      entries: programmeEntries(store, programmeId),
      outcomes: programmeOutcomes(store, programmeId),
      publish: publishView(programmeId),
      consentingOrgIds: consentingOrgIds(store, eventId),
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  router.get('/api/programme/drill', guard('http:programme'), (req: OrganizerRequest, res) => {
    const query = parse(drillQuery, req.query, res);
    if (!query) return;
    const programmeId = programmeOfReq(req);
    if (!programmePlan(store, programmeId).kpis.some((k) => k.id === query.kpi)) {
      return refused(res, kpiUnknown(query.kpi).error);
    }
    res.set('Cache-Control', 'no-store').json(ok(programmeDrill(store, programmeId, query.kpi, query.fy)));
  });

  // ---- writes ----

  router.post('/api/programme/plan', guard('http:programme-save'), json, (req: OrganizerRequest, res) => {
    const plan = parse(kpiPlanSchema, req.body, res);
    if (!plan) return;
    const seen = new Set<string>();
    for (const kpi of plan.kpis) {
      if (seen.has(kpi.id)) {
        return refused(res, refusalError('kpi-plan-duplicate', `Two KPIs have the key ${kpi.id}.`, { kpiId: kpi.id }));
      }
      seen.add(kpi.id);
      // Distinct companies do not add up across years: a firm at every year's events would count each year.
      if (kpi.source === 'companies' && kpi.aggregation === 'cumulative') {
        return refused(
          res,
          refusalError('kpi-companies-cumulative', `${kpi.id} counts distinct companies; it cannot be cumulative.`, {
            kpiId: kpi.id,
          }),
        );
      }
    }
    write(req, res, 'programme-plan', undefined, (programmeId) => {
      savePlan(store, programmeId, plan);
      return {
        result: {},
        changes: [{ kind: 'programme:plan', data: { firstYear: plan.firstYear, kpis: plan.kpis.map((k) => k.id) } }],
      };
    });
  });

  router.post('/api/programme/entries', guard('http:programme-save'), json, (req: OrganizerRequest, res) => {
    const input = parse(kpiEntrySchema, req.body, res);
    if (!input) return;
    const { key, ...fields } = input;
    write(
      req,
      res,
      'programme-entry',
      key,
      (programmeId, organizer) => {
        const plan = programmePlan(store, programmeId);
        const kpi = plan.kpis.find((k) => k.id === fields.kpiId);
        if (!kpi) throw kpiUnknown(fields.kpiId);
        if (kpi.source !== 'manual') {
          reject('kpi-counted', `The app counts ${kpi.id}; it takes no entered figures.`, { kpiId: kpi.id });
        }
        checkYear(plan, fields.fiscalYear);
        const entry: KpiEntry = { ...fields, id: deps.newId(), recordedAt: deps.now(), recordedBy: organizer.name };
        insertEntry(store, programmeId, entry, organizer.id);
        return {
          result: { entry },
          changes: [
            { kind: 'programme:entry', data: { id: entry.id, kpiId: entry.kpiId, fiscalYear: entry.fiscalYear } },
          ],
        };
      },
      201,
    );
  });

  router.post('/api/programme/outcomes', guard('http:programme-save'), json, (req: OrganizerRequest, res) => {
    const input = parse(regionalOutcomeSchema, req.body, res);
    if (!input) return;
    const { key, ...fields } = input;
    write(
      req,
      res,
      'programme-outcome',
      key,
      (programmeId) => {
        // The event is the programme's (the current one or an earlier one), the organization that event's.
        if (!store.getEvent(fields.eventId) || programmeOf(store, fields.eventId) !== programmeId) {
          reject('event-unknown', 'That event is not one of this programme’s.');
        }
        const org = store.getOrganization(fields.orgId);
        if (!org || org.eventId !== fields.eventId)
          reject('org-unknown', 'That organization is not one of the event’s.');
        if (fields.meetingId) {
          const meeting = store.meetings(fields.eventId, { ids: [fields.meetingId] })[0];
          if (!meeting || (meeting.guestOrgId !== fields.orgId && meeting.ventureOrgId !== fields.orgId)) {
            reject('meeting-unknown', 'That meeting is not one of the organization’s at the event.');
          }
        }
        const id = deps.newId();
        insertOutcome(store, { ...fields, id, meetingId: fields.meetingId ?? null, recordedAt: deps.now() });
        const outcome: RegionalOutcome = outcomeOf(store, programmeId, id)!;
        return {
          result: { outcome },
          changes: [
            {
              kind: 'programme:outcome',
              data: { id, eventId: fields.eventId, orgId: fields.orgId, kind: fields.kind },
            },
          ],
        };
      },
      201,
    );
  });

  router.post(
    '/api/programme/outcomes/:id/delete',
    guard('http:programme-save'),
    json,
    (req: OrganizerRequest & express.Request<{ id: string }>, res) => {
      const id = req.params.id;
      write(req, res, 'programme-outcome-delete', undefined, (programmeId) => {
        if (deleteOutcome(store, programmeId, id)) {
          return { result: {}, changes: [{ kind: 'programme:outcome-delete', data: { id } }] };
        }
        // Another programme's outcome is not this organizer's to delete.
        if (outcomeExists(store, id)) reject('outcome-unknown', 'That outcome is not one of this programme’s.');
        // Gone already: a resend after a lost answer is answered as the first was, with nothing written.
        return { result: {}, changes: [] };
      });
    },
  );

  router.post('/api/programme/reviews', guard('http:programme-save'), json, (req: OrganizerRequest, res) => {
    const input = parse(kpiReviewSchema, req.body, res);
    if (!input) return;
    write(req, res, 'programme-review', undefined, (programmeId) => {
      checkYear(programmePlan(store, programmeId), input.fiscalYear);
      const review: KpiReview = saveReview(store, programmeId, { ...input, updatedAt: deps.now() });
      return { result: { review }, changes: [{ kind: 'programme:review', data: { fiscalYear: input.fiscalYear } }] };
    });
  });

  router.post('/api/programme/publish', guard('http:programme-save'), json, (req: OrganizerRequest, res) => {
    const input = parse(publishBody, req.body, res);
    if (!input) return;
    const { renew, ...settings } = input;
    write(req, res, 'programme-publish', undefined, (programmeId) => {
      const plan = programmePlan(store, programmeId);
      const unknown = settings.kpiIds.find((id) => !plan.kpis.some((k) => k.id === id));
      if (unknown) throw kpiUnknown(unknown);
      // The baseline year may be shown beside the plan years.
      for (const fy of settings.fiscalYears) checkYear(plan, fy, plan.firstYear - 1);
      const current = publishSettings(store, programmeId);
      // A first publishing gets its address; renewing replaces it, and the old one answers 404.
      const slug = renew || (settings.enabled && !current.slug) ? newSlug() : undefined;
      savePublish(store, programmeId, settings, slug);
      return {
        result: publishView(programmeId),
        changes: [{ kind: 'programme:publish', data: { enabled: settings.enabled, renewed: slug !== undefined } }],
      };
    });
  });

  // A company's consent to be named on the public page: an organization of the current event.
  router.post(
    '/api/org/:id/publish-consent',
    guard('http:programme-save'),
    json,
    (req: OrganizerRequest & express.Request<{ id: string }>, res) => {
      const input = parse(publishConsentSchema, req.body, res);
      if (!input) return;
      const org = store.getOrganization(req.params.id);
      if (!org || org.eventId !== req.organizer!.eventId) {
        return refused(res, refusalError('org-unknown', 'That organization is not one of this event’s.'));
      }
      write(req, res, 'org-publish-consent', undefined, () => {
        setPublishConsent(store, org.id, input.consent);
        return {
          result: {},
          changes: [{ kind: 'org:publish-consent', data: { orgId: org.id, consent: input.consent } }],
        };
      });
    },
  );

  return router;
}

/** A KPI the plan does not have: thrown inside a change (rolling it back), or answered at once. */
function kpiUnknown(kpiId: string): Refusal {
  return new Refusal(refusalError('kpi-unknown', `The plan has no KPI ${kpiId}.`, { kpiId }));
}
