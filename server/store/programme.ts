/**
 * The programme's records (migration 13): which programme an event belongs to, its KPI plan and
 * publish settings, regional outcomes, entered figures, the council's reviews and the companies'
 * consent to be named; and the reads the console, the printed table and open data build on. The
 * table itself is computed by server/domain/programme.ts from the facts read here.
 *
 * Writes here are single statements; the caller runs them inside its one transaction (with the
 * change-log row), so a change is committed whole before it is answered.
 */
import {
  defaultKpiPlan,
  fiscalYearOf,
  kpiPlanSchema,
  publishSettingsSchema,
  type DrillView,
  type KpiEntry,
  type KpiPlan,
  type KpiReview,
  type ProgrammeReport,
  type PublishSettings,
  type RegionalOutcome,
  type RegionalOutcomeKind,
} from '../../shared/programme.js';
import type { OrgKind } from '../../shared/model.js';
import { companyKey } from '../domain/company.js';
import { kpiFigures } from '../domain/kpi.js';
import { awaitsConfirmation } from '../domain/meeting-rules.js';
import { drillItems, planYears, programmeTable, type EventFacts, type ProgrammeFacts } from '../domain/programme.js';
import { kpiFacts, programmeOf } from './series.js';
import type { EventRecord, Store } from './store.js';

// ---- which programme ----

export { joinProgramme, programmeOf } from './series.js';

/** The programme's events, oldest first (by date, then creation). */
export function programmeEvents(store: Store, programmeId: string): EventRecord[] {
  const ids = store.sql
    .pluck<[string], string>('SELECT id FROM events WHERE programme_id = ? ORDER BY date, created_at, id')
    .all(programmeId);
  return ids.map((id) => store.getEvent(id)!);
}

// ---- the plan ----

/**
 * The stored plan, or the defaults with plan year 1 the fiscal year of the programme's earliest
 * event (of today in Tokyo, for a programme whose events are all gone).
 */
export function programmePlan(store: Store, programmeId: string): KpiPlan {
  const raw = store.sql.pluck<[string], string | null>('SELECT plan FROM programmes WHERE id = ?').get(programmeId);
  if (raw) return kpiPlanSchema.parse(JSON.parse(raw));
  const earliest = store.sql
    .pluck<[string], string>('SELECT min(date) FROM events WHERE programme_id = ?')
    .get(programmeId);
  return defaultKpiPlan(
    fiscalYearOf(earliest ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(Date.now())),
  );
}

export function savePlan(store: Store, programmeId: string, plan: KpiPlan): void {
  store.sql.prepare('UPDATE programmes SET plan = ? WHERE id = ?').run(JSON.stringify(plan), programmeId);
}

// ---- regional outcomes ----

interface OutcomeRow {
  id: string;
  eventId: string;
  orgId: string;
  orgName: string;
  orgKind: OrgKind;
  kind: RegionalOutcomeKind;
  on: string;
  note: string;
  meetingId: string | null;
  recordedAt: number;
}

const OUTCOMES = `SELECT r.id, r.event_id AS eventId, r.org_id AS orgId, o.name AS orgName, o.kind AS orgKind,
  r.kind, r.on_date AS "on", r.note, r.meeting_id AS meetingId, r.recorded_at AS recordedAt
  FROM regional_outcomes r JOIN organizations o ON o.id = r.org_id JOIN events e ON e.id = r.event_id`;

const toOutcome = (row: OutcomeRow): RegionalOutcome => ({ ...row, fiscalYear: fiscalYearOf(row.on) });

/** The programme's outcomes, by date and then when recorded. */
export function programmeOutcomes(store: Store, programmeId: string): RegionalOutcome[] {
  return store.sql
    .prepare<[string], OutcomeRow>(`${OUTCOMES} WHERE e.programme_id = ? ORDER BY r.on_date, r.recorded_at, r.id`)
    .all(programmeId)
    .map(toOutcome);
}

export function outcomeOf(store: Store, programmeId: string, id: string): RegionalOutcome | undefined {
  const row = store.sql
    .prepare<[string, string], OutcomeRow>(`${OUTCOMES} WHERE e.programme_id = ? AND r.id = ?`)
    .get(programmeId, id);
  return row && toOutcome(row);
}

export function insertOutcome(store: Store, o: Omit<RegionalOutcome, 'orgName' | 'orgKind' | 'fiscalYear'>): void {
  store.sql
    .prepare(
      `INSERT INTO regional_outcomes (id, event_id, org_id, kind, on_date, note, meeting_id, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(o.id, o.eventId, o.orgId, o.kind, o.on, o.note, o.meetingId, o.recordedAt);
}

/** Whether any programme has the outcome (deleting one that is gone is done; another's is refused). */
export function outcomeExists(store: Store, id: string): boolean {
  return store.sql.pluck<[string], number>('SELECT count(*) FROM regional_outcomes WHERE id = ?').get(id)! > 0;
}

/** Deletes one of the programme's outcomes; false when it is not one of them. */
export function deleteOutcome(store: Store, programmeId: string, id: string): boolean {
  return (
    store.sql
      .prepare(
        'DELETE FROM regional_outcomes WHERE id = ? AND event_id IN (SELECT id FROM events WHERE programme_id = ?)',
      )
      .run(id, programmeId).changes > 0
  );
}

// ---- entered figures ----

interface EntryRow extends Omit<KpiEntry, 'on'> {
  on: string;
}

/** Every entry of the programme, oldest first: the latest of a KPI and year is its figure. */
export function programmeEntries(store: Store, programmeId: string): KpiEntry[] {
  return store.sql
    .prepare<[string], EntryRow>(
      `SELECT id, kpi_id AS kpiId, fiscal_year AS fiscalYear, value, source, on_date AS "on", note,
       recorded_at AS recordedAt, recorded_by AS recordedBy
       FROM kpi_entries WHERE programme_id = ? ORDER BY recorded_at, rowid`,
    )
    .all(programmeId);
}

export function insertEntry(store: Store, programmeId: string, e: KpiEntry, recordedByPerson: string): void {
  store.sql
    .prepare(
      `INSERT INTO kpi_entries (id, programme_id, kpi_id, fiscal_year, value, source, on_date, note, recorded_at,
       recorded_by, recorded_by_person) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      e.id,
      programmeId,
      e.kpiId,
      e.fiscalYear,
      e.value,
      e.source,
      e.on,
      e.note,
      e.recordedAt,
      e.recordedBy,
      recordedByPerson,
    );
}

// ---- reviews ----

export function programmeReviews(store: Store, programmeId: string): KpiReview[] {
  return store.sql
    .prepare<[string], KpiReview>(
      `SELECT fiscal_year AS fiscalYear, worked, next, updated_at AS updatedAt FROM kpi_reviews
       WHERE programme_id = ? ORDER BY fiscal_year`,
    )
    .all(programmeId);
}

/**
 * Saves a year's review and returns it as stored: the same text sent again (a resend after a lost
 * answer) changes nothing, so the review keeps the time it last changed.
 */
export function saveReview(store: Store, programmeId: string, review: KpiReview): KpiReview {
  store.sql
    .prepare(
      `INSERT INTO kpi_reviews (programme_id, fiscal_year, worked, next, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (programme_id, fiscal_year) DO UPDATE SET worked = excluded.worked, next = excluded.next,
       updated_at = excluded.updated_at WHERE worked <> excluded.worked OR next <> excluded.next`,
    )
    .run(programmeId, review.fiscalYear, review.worked, review.next, review.updatedAt);
  return programmeReviews(store, programmeId).find((r) => r.fiscalYear === review.fiscalYear)!;
}

// ---- publishing ----

/** The publish settings (off, all KPIs and plan years, reviews and events, no names, until saved) and the public path. */
export function publishSettings(store: Store, programmeId: string): PublishSettings & { slug: string | null } {
  const row = store.sql
    .prepare<[string], { publish: string | null; slug: string | null }>(
      'SELECT publish, slug FROM programmes WHERE id = ?',
    )
    .get(programmeId);
  if (row?.publish) return { ...publishSettingsSchema.parse(JSON.parse(row.publish)), slug: row.slug };
  const plan = programmePlan(store, programmeId);
  return {
    enabled: false,
    kpiIds: plan.kpis.map((k) => k.id),
    fiscalYears: planYears(plan),
    reviews: true,
    events: true,
    companyNames: false,
    slug: row?.slug ?? null,
  };
}

/** Saves the settings; a new slug (first publishing, or renewed to revoke the old address) when given. */
export function savePublish(store: Store, programmeId: string, settings: PublishSettings, slug?: string): void {
  store.sql
    .prepare('UPDATE programmes SET publish = ?, slug = coalesce(?, slug) WHERE id = ?')
    .run(JSON.stringify(settings), slug ?? null, programmeId);
}

/** The programme a public address names, while its publishing is on. */
export function programmeBySlug(store: Store, slug: string): string | undefined {
  const row = store.sql
    .prepare<[string], { id: string }>(
      `SELECT id FROM programmes WHERE slug = ? AND json_extract(publish, '$.enabled') = 1`,
    )
    .get(slug);
  return row?.id;
}

// ---- consent to be named ----

/**
 * The programme's organizations as companies: each row with its company key, oldest event first.
 * Consent is the company's, not one registration's: the same firm is a new row at every event.
 */
function programmeCompanyRows(store: Store, programmeId: string) {
  return store.sql
    .prepare<[string], { id: string; eventId: string; name: string; date: string; consent: number }>(
      `SELECT o.id, o.event_id AS eventId, o.name, e.date, o.publish_consent AS consent
       FROM organizations o JOIN events e ON e.id = o.event_id
       WHERE e.programme_id = ? ORDER BY e.date, e.created_at, o.rowid`,
    )
    .all(programmeId)
    .map((r) => ({ ...r, key: companyKey(r.name) }));
}

/** The company keys that agreed to be named: any of the company's rows in the programme says so. */
function consentingKeys(rows: { key: string; consent: number }[]): Set<string> {
  return new Set(rows.filter((r) => r.consent === 1).map((r) => r.key));
}

/**
 * Sets a company's consent across the programme: every organization of the programme's events
 * with the organization's company key (other spellings, earlier events) gets the same flag, so a
 * withdrawal at a later event withdraws it everywhere. The caller's transaction makes it one change.
 */
export function setPublishConsent(store: Store, orgId: string, consent: boolean): void {
  const org = store.getOrganization(orgId);
  if (!org) return;
  const key = companyKey(org.name);
  const update = store.sql.prepare('UPDATE organizations SET publish_consent = ? WHERE id = ?');
  const ids = programmeCompanyRows(store, programmeOf(store, org.eventId))
    .filter((r) => r.key === key)
    .map((r) => r.id);
  for (const id of new Set([orgId, ...ids])) update.run(consent ? 1 : 0, id);
}

/** The event's organizations whose company agreed to be named (at this event or another of the programme). */
export function consentingOrgIds(store: Store, eventId: string): string[] {
  const rows = programmeCompanyRows(store, programmeOf(store, eventId));
  const agreed = consentingKeys(rows);
  return rows.filter((r) => r.eventId === eventId && agreed.has(r.key)).map((r) => r.id);
}

export function publishConsent(store: Store, orgId: string): boolean {
  return store.sql.pluck<[string], number>('SELECT publish_consent FROM organizations WHERE id = ?').get(orgId) === 1;
}

/**
 * Names of the companies that took part (someone checked in) in the programme's events of those
 * fiscal years and agreed to be named (the same rule as the console's list: consentingOrgIds).
 * Named by the first spelling of a row that agreed, the one the company itself confirmed; sorted.
 */
export function consentedCompanyNames(store: Store, programmeId: string, fiscalYears: number[]): string[] {
  const rows = programmeCompanyRows(store, programmeId);
  const agreed = consentingKeys(rows);
  const tookPart = new Set(
    store.sql
      .pluck<[string], string>(
        `SELECT o.id FROM organizations o JOIN events e ON e.id = o.event_id
         WHERE e.programme_id = ? AND EXISTS (
           SELECT 1 FROM people p JOIN checkins c ON c.person_id = p.id WHERE p.organization_id = o.id)`,
      )
      .all(programmeId),
  );
  const keys = new Set(
    rows.filter((r) => tookPart.has(r.id) && fiscalYears.includes(fiscalYearOf(r.date))).map((r) => r.key),
  );
  const names = new Map<string, string>();
  for (const r of rows) {
    if (keys.has(r.key) && agreed.has(r.key) && r.consent === 1 && !names.has(r.key)) names.set(r.key, r.name);
  }
  return [...names.values()].sort((a, b) => a.localeCompare(b, 'ja'));
}

// ---- the council's table ----

/** One event's facts: its report figures, the organizations that took part, its PoC meetings. */
function eventFacts(store: Store, event: EventRecord): EventFacts {
  const figures = kpiFigures(kpiFacts(store, event.id));
  const participants = store.sql
    .prepare<[string], { name: string; kind: OrgKind }>(
      `SELECT o.name, o.kind FROM organizations o WHERE o.event_id = ? AND EXISTS (
         SELECT 1 FROM people p JOIN checkins c ON c.person_id = p.id WHERE p.organization_id = o.id)
       ORDER BY o.rowid`,
    )
    .all(event.id);
  // As the event report counts them: agreed (no proposal waiting), held, with a PoC start date.
  const pocs = store
    .meetings(event.id)
    .filter((m) => !awaitsConfirmation(m) && m.status === 'held' && m.pocStartedOn)
    .map((m) => ({
      meetingId: m.id,
      eventName: event.name,
      venture: m.ventureOrgName,
      guest: m.guestOrgName,
      pocStartedOn: m.pocStartedOn!,
    }));
  return {
    figures: {
      eventId: event.id,
      name: event.name,
      date: event.date,
      companies: figures.companies,
      meetingsHeld: figures.meetings.held,
      pocsStarted: figures.pocsStarted,
    },
    participants,
    pocs,
  };
}

/** Everything the table is computed from, read in one transaction so the figures agree. */
export function programmeFacts(store: Store, programmeId: string): ProgrammeFacts {
  return store.db.transaction(() => ({
    programmeId,
    plan: programmePlan(store, programmeId),
    events: programmeEvents(store, programmeId).map((e) => eventFacts(store, e)),
    outcomes: programmeOutcomes(store, programmeId),
    entries: programmeEntries(store, programmeId),
    reviews: programmeReviews(store, programmeId),
  }))();
}

/**
 * The report's one time zone, for "today" (which fiscal years have begun, which is in progress) and
 * for the time it was generated: the programme's first event's. Not the console's current event:
 * the public page has no current event, and the council's printed table and the public files must
 * agree on the same day at 1 April's midnight. Tokyo while the programme has no event.
 */
export function programmeTimeZone(store: Store, programmeId: string): string {
  return programmeEvents(store, programmeId)[0]?.timeZone ?? 'Asia/Tokyo';
}

/** Today's date in the programme's time zone (its fiscal year decides which years have begun). */
function todayOf(store: Store, programmeId: string, now: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: programmeTimeZone(store, programmeId) }).format(now);
}

/** The council's table of the programme, as of `now`. */
export function programmeReport(store: Store, programmeId: string, now: number): ProgrammeReport {
  return programmeTable(programmeFacts(store, programmeId), todayOf(store, programmeId, now), now);
}

/** What lies behind one cell; no items for a KPI the plan does not have. */
export function programmeDrill(store: Store, programmeId: string, kpiId: string, fy: number): DrillView {
  return drillItems(programmeFacts(store, programmeId), kpiId, fy) ?? { kpiId, fiscalYear: fy, items: [] };
}
