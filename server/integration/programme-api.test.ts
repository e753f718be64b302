/**
 * The programme's KPI table over real HTTP against the real app and SQLite: an organizer of event A
 * reads and edits the programme of A (and of the events made from it), an organizer of an
 * unrelated series works only on their own, a client cannot name another programme, and every
 * write is checked against the programme with a refusal a person can act on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import {
  defaultKpiPlan,
  fiscalYearOf,
  type DrillView,
  type KpiEntry,
  type KpiPlan,
  type ProgrammeView,
  type PublishView,
  type RegionalOutcome,
} from '../../shared/programme.js';
import { eventLinks } from '../links.js';
import { seedDemoEvent } from '../seed/demo.js';
import { programmeBySlug, programmeOf, programmePlan, publishSettings } from '../store/programme.js';
import { startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
let organizer: string;
let otherOrganizer: string;
let otherEvent: string;
let fy: number;

interface Answer<T> {
  status: number;
  ok: boolean;
  data: T;
  error?: { code: string; reason?: string; params?: Record<string, unknown> };
}

async function call<T>(cookie: string, path: string, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(
    `${h.baseUrl}${path}`,
    body === undefined
      ? { headers: { cookie } }
      : {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', origin: h.baseUrl },
          body: JSON.stringify(body),
        },
  );
  const json = (await res.json()) as Omit<Answer<T>, 'status'>;
  return { ...json, status: res.status };
}

const view = async (cookie = organizer) => (await call<ProgrammeView>(cookie, '/api/programme')).data;
const orgsOf = (eventId: string) => h.store.organizations(eventId);

/** Everyone of the event's first `count` organizations checks in: they took part. */
function checkIn(eventId: string, count: number): void {
  const people = h.store.listPeople(eventId).filter((p) => p.role !== 'organizer');
  const orgs = orgsOf(eventId)
    .slice(0, count)
    .map((o) => o.id);
  for (const p of people) {
    if (p.org && orgs.includes(p.org.id) && !h.store.getCheckin(p.id)) {
      h.store.insertCheckin(eventId, p.id, { at: 1, station: 'A', method: 'qr' });
    }
  }
}

beforeAll(async () => {
  h = await startHarness();
  organizer = await h.signIn(h.person('organizer').url);
  otherEvent = seedDemoEvent(h.store, { now: Date.now(), newId: randomUUID, size: 'small', name: '別のシリーズ' });
  const other = eventLinks(h.store, h.secret, otherEvent, h.baseUrl).people.find((p) => p.role === 'organizer')!;
  otherOrganizer = await h.signIn(other.url);
  fy = fiscalYearOf(h.store.getEvent(h.eventId)!.date);
  checkIn(h.eventId, 3);
});

afterAll(async () => {
  await h.stop();
});

describe('the programme of the organizer’s current event', () => {
  it('reads the council’s table with the default plan from the earliest event’s fiscal year', async () => {
    const v = await view();
    expect(v.report.programmeId).toBe(programmeOf(h.store, h.eventId));
    expect(v.report.plan).toEqual(defaultKpiPlan(fy));
    expect(v.report.events.map((e) => e.eventId)).toEqual([h.eventId]);
    const companies = v.report.rows.find((r) => r.kpi.id === 'companies')!.years[1]!;
    expect([companies.fiscalYear, companies.actual, companies.origin]).toEqual([fy, 3, 'counted']);
    expect(v.publish).toMatchObject({ enabled: false, publicUrl: null });
    expect(v.entries).toEqual([]);
    expect(v.outcomes).toEqual([]);
  });

  it('a new event made from the console joins the programme', async () => {
    const made = await call<{ eventId: string }>(organizer, '/api/events', {
      name: '第2回',
      venue: '',
      date: `${fy + 1}-02-10`,
    });
    expect(made.status).toBe(201);
    expect(programmeOf(h.store, made.data.eventId)).toBe(programmeOf(h.store, h.eventId));
    expect((await view()).report.events.map((e) => e.eventId)).toEqual([h.eventId, made.data.eventId]);
  });

  it('the drill-down lists what is behind a cell; a KPI the plan lacks is refused by name', async () => {
    const drill = await call<DrillView>(organizer, `/api/programme/drill?kpi=companies&fy=${fy}`);
    expect(drill.data.items).toHaveLength(3);
    const missing = await call(organizer, `/api/programme/drill?kpi=nothing&fy=${fy}`);
    expect([missing.status, missing.error?.reason, missing.error?.params]).toEqual([
      404,
      'kpi-unknown',
      { kpiId: 'nothing' },
    ]);
    const bad = await call(organizer, `/api/programme/drill?kpi=companies&fy=soon`);
    expect([bad.status, bad.error?.reason, bad.error?.params?.field]).toEqual([400, 'validation', 'fy']);
  });
});

describe('entered figures', () => {
  const entry = (value: number, extra: Record<string, unknown> = {}) => ({
    kpiId: 'student-hiring',
    fiscalYear: fy,
    value,
    source: 'ハローワーク苫小牧',
    on: `${fy + 1}-05-01`,
    ...extra,
  });

  it('the latest entry is the figure; the earlier ones stay as its history', async () => {
    const first = await call<{ entry: KpiEntry }>(organizer, '/api/programme/entries', entry(51.2));
    expect(first.status).toBe(201);
    expect(first.data.entry).toMatchObject({ value: 51.2, recordedBy: expect.any(String) });
    await call(organizer, '/api/programme/entries', entry(52.9, { note: '訂正' }));
    const v = await view();
    const cell = v.report.rows.find((r) => r.kpi.id === 'student-hiring')!.years[1]!;
    expect([cell.actual, cell.origin, cell.entry?.note]).toEqual([52.9, 'entered', '訂正']);
    const drill = await call<DrillView>(organizer, `/api/programme/drill?kpi=student-hiring&fy=${fy}`);
    expect(drill.data.items.map((i) => i.type === 'entry' && i.entry.value)).toEqual([52.9, 51.2]);
  });

  it('refuses a counted KPI, a year outside the plan and a KPI the plan lacks, writing nothing', async () => {
    const before = (await view()).entries.length;
    const counted = await call(organizer, '/api/programme/entries', entry(40, { kpiId: 'companies' }));
    expect([counted.status, counted.error?.reason]).toEqual([409, 'kpi-counted']);
    const outside = await call(organizer, '/api/programme/entries', entry(40, { fiscalYear: fy + 7 }));
    expect([outside.status, outside.error?.reason, outside.error?.params]).toEqual([
      400,
      'kpi-year-outside',
      { fiscalYear: fy + 7, from: fy, to: fy + 2 },
    ]);
    const unknown = await call(organizer, '/api/programme/entries', entry(40, { kpiId: 'nothing' }));
    expect([unknown.status, unknown.error?.reason]).toEqual([404, 'kpi-unknown']);
    const invalid = await call(organizer, '/api/programme/entries', entry(40, { source: '' }));
    expect([invalid.status, invalid.error?.reason, invalid.error?.params?.field]).toEqual([
      400,
      'validation',
      'source',
    ]);
    expect((await view()).entries).toHaveLength(before);
  });

  it('an entry sent twice with one key is recorded once', async () => {
    const before = (await view()).entries.length;
    const body = entry(53, { key: randomUUID().replaceAll('-', '') });
    const [a, b] = [
      await call<{ entry: KpiEntry }>(organizer, '/api/programme/entries', body),
      await call<{ entry: KpiEntry }>(organizer, '/api/programme/entries', body),
    ];
    expect(b.data.entry.id).toBe(a.data.entry.id);
    expect((await view()).entries).toHaveLength(before + 1);
  });
});

describe('regional outcomes', () => {
  it('records one for an organization of the programme’s event, counts it, and deletes it', async () => {
    const venture = orgsOf(h.eventId).find((o) => o.kind === 'venture')!;
    const made = await call<{ outcome: RegionalOutcome }>(organizer, '/api/programme/outcomes', {
      eventId: h.eventId,
      orgId: venture.id,
      kind: 'relocated',
      on: `${fy}-12-01`,
      note: '苫小牧に拠点',
    });
    expect(made.status).toBe(201);
    expect(made.data.outcome).toMatchObject({ orgName: venture.name, fiscalYear: fy, kind: 'relocated' });
    const founded = () => view().then((v) => v.report.rows.find((r) => r.kpi.id === 'founded')!.years[1]!.actual);
    expect(await founded()).toBe(1);
    // Another series' organizer cannot delete it.
    const foreign = await call(otherOrganizer, `/api/programme/outcomes/${made.data.outcome.id}/delete`, {});
    expect([foreign.status, foreign.error?.reason]).toEqual([404, 'outcome-unknown']);
    expect(await founded()).toBe(1);
    const gone = await call(organizer, `/api/programme/outcomes/${made.data.outcome.id}/delete`, {});
    expect(gone.status).toBe(200);
    expect(await founded()).toBe(0);
    // A resend after success (its answer lost) is answered ok: deleting is idempotent.
    const again = await call(organizer, `/api/programme/outcomes/${made.data.outcome.id}/delete`, {});
    expect([again.status, again.ok]).toEqual([200, true]);
  });

  it('refuses an organization of another programme’s event, or another event’s under this one', async () => {
    const foreign = orgsOf(otherEvent)[0]!;
    const body = { kind: 'founded', on: `${fy}-12-01` };
    const elsewhere = await call(organizer, '/api/programme/outcomes', {
      ...body,
      eventId: otherEvent,
      orgId: foreign.id,
    });
    expect([elsewhere.status, elsewhere.error?.reason]).toEqual([404, 'event-unknown']);
    const mixed = await call(organizer, '/api/programme/outcomes', { ...body, eventId: h.eventId, orgId: foreign.id });
    expect([mixed.status, mixed.error?.reason]).toEqual([404, 'org-unknown']);
    const meeting = await call(organizer, '/api/programme/outcomes', {
      ...body,
      eventId: h.eventId,
      orgId: orgsOf(h.eventId)[0]!.id,
      meetingId: randomUUID(),
    });
    expect([meeting.status, meeting.error?.reason]).toEqual([404, 'meeting-unknown']);
    expect((await view()).outcomes).toEqual([]);
  });
});

describe('the plan, reviews, publishing and consent', () => {
  it('a plan edited to five years shows five plan years; a duplicate key is refused', async () => {
    const plan: KpiPlan = programmePlan(h.store, programmeOf(h.store, h.eventId));
    plan.kpis[1]!.increments = [16, 10, 20, 5, 5];
    expect((await call(organizer, '/api/programme/plan', plan)).status).toBe(200);
    expect((await view()).report.fiscalYears).toEqual([fy, fy + 1, fy + 2, fy + 3, fy + 4]);
    const twice = { ...plan, kpis: [plan.kpis[0]!, plan.kpis[0]!] };
    const refused = await call(organizer, '/api/programme/plan', twice);
    expect([refused.status, refused.error?.reason, refused.error?.params]).toEqual([
      400,
      'kpi-plan-duplicate',
      { kpiId: 'pocs' },
    ]);
  });

  it('refuses companies counted cumulatively (distinct companies do not add up across years), saving nothing', async () => {
    const before = programmePlan(h.store, programmeOf(h.store, h.eventId));
    const plan: KpiPlan = structuredClone(before);
    plan.kpis[1]!.aggregation = 'cumulative';
    const refused = await call(organizer, '/api/programme/plan', plan);
    expect([refused.status, refused.error?.reason, refused.error?.params]).toEqual([
      400,
      'kpi-companies-cumulative',
      { kpiId: 'companies' },
    ]);
    expect(programmePlan(h.store, programmeOf(h.store, h.eventId))).toEqual(before);
  });

  it('a year’s review is saved and replaced', async () => {
    await call(organizer, '/api/programme/reviews', { fiscalYear: fy, worked: '商談が増えた', next: '' });
    await call(organizer, '/api/programme/reviews', { fiscalYear: fy, worked: '商談が増えた', next: '学生の参加' });
    expect((await view()).report.reviews).toEqual([
      { fiscalYear: fy, worked: '商談が増えた', next: '学生の参加', updatedAt: expect.any(Number) },
    ]);
  });

  it('publishing gets an address; renewing replaces it; turning it off closes it', async () => {
    const settings = {
      enabled: true,
      kpiIds: ['companies'],
      fiscalYears: [fy],
      reviews: true,
      events: false,
      companyNames: true,
    };
    const on = await call<PublishView>(organizer, '/api/programme/publish', settings);
    const slug = on.data.publicUrl!.split('/open/')[1]!;
    expect(on.data.publicUrl).toBe(`${h.baseUrl}/open/${slug}`);
    expect(programmeBySlug(h.store, slug)).toBe(programmeOf(h.store, h.eventId));
    const renewed = await call<PublishView>(organizer, '/api/programme/publish', { ...settings, renew: true });
    const next = renewed.data.publicUrl!.split('/open/')[1]!;
    expect(next).not.toBe(slug);
    expect(programmeBySlug(h.store, slug)).toBeUndefined();
    expect((await fetch(`${h.baseUrl}/open/${slug}/kpi.json`)).status).toBe(404);
    expect((await fetch(`${h.baseUrl}/open/${next}/kpi.json`)).status).toBe(200);
    await call(organizer, '/api/programme/publish', { ...settings, enabled: false });
    expect(programmeBySlug(h.store, next)).toBeUndefined();
    const unknown = await call(organizer, '/api/programme/publish', { ...settings, kpiIds: ['nothing'] });
    expect([unknown.status, unknown.error?.reason]).toEqual([404, 'kpi-unknown']);
  });

  it('consent only for an organization of the current event', async () => {
    const mine = orgsOf(h.eventId)[0]!;
    expect((await call(organizer, `/api/org/${mine.id}/publish-consent`, { consent: true })).status).toBe(200);
    expect((await view()).consentingOrgIds).toEqual([mine.id]);
    const sibling = h.store.listEvents().find((e) => e.name === '第2回')!;
    h.store.insertOrganization({ id: 'sibling-org', eventId: sibling.id, kind: 'firm', name: '次回の会社' });
    for (const id of ['sibling-org', orgsOf(otherEvent)[0]!.id, 'no-such-org']) {
      const refused = await call(organizer, `/api/org/${id}/publish-consent`, { consent: true });
      expect([refused.status, refused.error?.reason]).toEqual([404, 'org-unknown']);
    }
  });
});

describe('who reaches which programme', () => {
  it('another series’ organizer works on their own programme and sees nothing of this one', async () => {
    const mine = programmeOf(h.store, h.eventId);
    const planBefore = programmePlan(h.store, mine);
    const theirs = await view(otherOrganizer);
    expect(theirs.report.programmeId).toBe(programmeOf(h.store, otherEvent));
    expect(JSON.stringify(theirs)).not.toContain(h.eventId);
    // Naming this programme changes nothing: the query is ignored, the body refused by its schema.
    const named = await call<ProgrammeView>(otherOrganizer, `/api/programme?programme=${mine}`);
    expect(named.data.report.programmeId).toBe(theirs.report.programmeId);
    const plan = { ...defaultKpiPlan(2030), programmeId: mine };
    const refused = await call(otherOrganizer, '/api/programme/plan', plan);
    expect([refused.status, refused.error?.reason]).toEqual([400, 'validation']);
    const own = await call(otherOrganizer, '/api/programme/plan', defaultKpiPlan(2030));
    expect(own.status).toBe(200);
    expect(programmePlan(h.store, programmeOf(h.store, otherEvent)).firstYear).toBe(2030);
    expect(programmePlan(h.store, mine)).toEqual(planBefore);
    expect(publishSettings(h.store, mine).enabled).toBe(false);
  });

  it('a firm, a venture and nobody are refused', async () => {
    const firm = await h.signIn(h.person('firm').url);
    const refused = await call(firm, '/api/programme');
    expect([refused.status, refused.error?.code]).toEqual([403, ErrorCode.Forbidden]);
    const save = await call(firm, '/api/programme/reviews', { fiscalYear: fy, worked: 'x' });
    expect([save.status, save.error?.code]).toEqual([403, ErrorCode.Forbidden]);
    const nobody = await call('', '/api/programme');
    expect([nobody.status, nobody.error?.code]).toEqual([401, ErrorCode.Unauthenticated]);
  });
});
