/**
 * The programme's printed table and its open data over HTTP:
 *   GET /organizer/programme/report   the council's table (council-page.ts), organizers of the programme
 *   GET /open/SLUG                    the public page (open-data.ts), no sign-in
 *   GET /open/SLUG/kpi.csv            the same figures as CSV (UTF-8 with BOM)
 *   GET /open/SLUG/kpi.json           and as JSON
 * The programme is the organizer's current event's, from the session, never an id the client sends.
 * A public address answers only while publishing is on and the slug is the programme's current one
 * (renewing it revokes the old address): anything else is the same 404, so a guess learns nothing.
 */
import express, { type Request, type Response } from 'express';
import { allowed } from '../auth/policy.js';
import type { PublicAddress } from '../public-address.js';
import {
  consentedCompanyNames,
  programmeBySlug,
  programmeOf,
  programmeReport,
  programmeTimeZone,
  publishSettings,
} from '../store/programme.js';
import type { Store } from '../store/store.js';
import { councilPage } from './council-page.js';
import { localDateTime } from './csv.js';
import { openDataCsv, openDataJson, openDataPage, type OpenDataInput } from './open-data.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';
import { messagePage } from './pages.js';

export interface OpenDataRoutesDeps {
  store: Store;
  now: () => number;
  publicAddress: () => PublicAddress;
}

/**
 * Public figures may sit in a browser's or a proxy's cache for a minute: a city's page that links
 * them sends a burst of readers, and turning publishing off or renewing the address takes effect
 * within that minute. After it, a cache asks again with the ETag Express sets from the body (a hash
 * of it) and gets 304 while nothing changed.
 */
const PUBLIC_CACHE = 'public, max-age=60';

/** Slugs are the store's own (short random text); anything longer or odder is no programme's. */
const SLUG = /^[A-Za-z0-9_-]{1,100}$/;

const NOT_PUBLISHED = messagePage(
  { ja: 'このページは公開されていません', en: 'This page is not published' },
  {
    ja: 'アドレスが違うか、公開が終了したか、新しいアドレスに変わりました。公開元のページから開き直してください。',
    en: 'The address is wrong, publishing has ended, or the page has moved to a new address. Please open it again from the page that links to it.',
  },
);

export function createOpenDataRoutes(deps: OpenDataRoutesDeps): express.Router {
  const { store } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);

  /** Local time "2027-03-15 10:00" in the programme's time zone: the one its "today" is in too. */
  function localNow(programmeId: string, now: number): string {
    return localDateTime(now, programmeTimeZone(store, programmeId));
  }

  // ---- the council's table (organizers) ----

  router.get('/organizer/programme/report', guard('http:programme'), (req: OrganizerRequest, res) => {
    const programmeId = programmeOf(store, req.organizer!.eventId);
    const now = deps.now();
    const report = programmeReport(store, programmeId, now);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(councilPage(report, localNow(programmeId, now)));
  });

  // ---- open data (anyone) ----

  /**
   * What the slug publishes, or undefined (404). The policy row says who may read it ('public' to
   * everyone, signed in or not): asked as nobody, since no session is read here.
   */
  function published(req: Request): OpenDataInput | undefined {
    if (allowed(null, 'http:open-data') === 'none') return undefined;
    const slug = String(req.params.slug ?? '');
    if (!SLUG.test(slug)) return undefined;
    const programmeId = programmeBySlug(store, slug);
    if (!programmeId) return undefined;
    const { slug: _slug, ...settings } = publishSettings(store, programmeId);
    if (!settings.enabled) return undefined;
    const now = deps.now();
    const report = programmeReport(store, programmeId, now);
    return {
      report,
      settings,
      // Read only when names are published; the store asks each company's consent.
      companyNames: settings.companyNames ? consentedCompanyNames(store, programmeId, settings.fiscalYears) : [],
      path: `/open/${slug}`,
      generatedAtLocal: localNow(programmeId, now),
    };
  }

  function notFound(res: Response) {
    // Not cached: publishing turned on (or a new address) answers at once.
    res.status(404).set('Cache-Control', 'no-store').type('html').send(NOT_PUBLISHED);
  }

  /** The files are for other sites' pages and tools as much as for browsers: readable from any origin. */
  function openFile(res: Response) {
    res.set('Cache-Control', PUBLIC_CACHE).set('Access-Control-Allow-Origin', '*');
  }

  router.get('/open/:slug', (req, res) => {
    const input = published(req);
    if (!input) return notFound(res);
    res.set('Cache-Control', PUBLIC_CACHE).type('html').send(openDataPage(input));
  });

  router.get('/open/:slug/kpi.csv', (req, res) => {
    const input = published(req);
    if (!input) return notFound(res);
    openFile(res);
    res
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', 'attachment; filename="kpi.csv"')
      .send(openDataCsv(input));
  });

  router.get('/open/:slug/kpi.json', (req, res) => {
    const input = published(req);
    if (!input) return notFound(res);
    openFile(res);
    res.type('application/json; charset=utf-8').send(JSON.stringify(openDataJson(input), null, 2));
  });

  return router;
}
