/**
 * The programme's records over real SQLite: migration 13 joins the events that share an organizer
 * account into one programme, a new event joins its creator's, and the table, drill-down, publish
 * settings and consented names read what the events recorded.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKpiPlan } from '../../shared/programme.js';
import type { OrgKind } from '../../shared/model.js';
import { IDLE } from '../domain/program.js';
import { exportEvent, importEvent } from './archive.js';
import { applyMerge } from './org-merge.js';
import { migrate, openDb } from './db.js';
import { MIGRATIONS } from './migrations.js';
import {
  consentedCompanyNames,
  consentingOrgIds,
  deleteOutcome,
  insertEntry,
  insertOutcome,
  joinProgramme,
  programmeBySlug,
  programmeDrill,
  programmeEvents,
  programmeOf,
  programmeOutcomes,
  programmePlan,
  programmeReport,
  publishSettings,
  savePlan,
  savePublish,
  saveReview,
  setPublishConsent,
} from './programme.js';
import { createEvent } from './series.js';
import { Store } from './store.js';
import { insertMeetingAt } from '../testing/seeding.js';

let store: Store;
let n = 0;

beforeEach(() => {
  store = new Store(openDb(':memory:'));
});
afterEach(() => store.db.close());

function addEvent(id: string, date: string): string {
  store.insertEvent({
    id,
    name: `イベント${id}`,
    venue: '',
    date,
    timeZone: 'Asia/Tokyo',
    topics: [],
    boardNonce: `board-${id}`,
    live: IDLE,
    createdAt: ++n,
  });
  return id;
}

/** An organization of the event with one person, checked in unless said. */
function addOrg(eventId: string, name: string, kind: OrgKind, checkedIn = true): string {
  const orgId = randomUUID();
  const personId = randomUUID();
  store.insertOrganization({ id: orgId, eventId, kind, name });
  store.insertPerson({
    id: personId,
    eventId,
    organizationId: orgId,
    name: `参加者${++n}`,
    badgeNonce: randomUUID(),
    createdAt: n,
  });
  if (checkedIn) store.insertCheckin(eventId, personId, { at: n, station: 'A', method: 'qr' });
  return orgId;
}

function heldPoc(eventId: string, guest: string, venture: string, pocStartedOn: string): string {
  const at = Date.parse('2026-06-10T01:00:00Z') + ++n * 900_000;
  const id = insertMeetingAt(store, eventId, {
    guestOrg: guest,
    ventureOrg: venture,
    slotStart: at,
    table: '1',
    now: n,
  });
  store.updateMeeting(id, { slotStart: at, slotEnd: at + 900_000, table: '1', status: 'held', nextStep: '', now: n });
  store.setMeetingOutcome(id, { outcome: 'poc-started', pocStartedOn, contractOn: null, note: '', now: n });
  return id;
}

describe('migration 13: a programme per set of events that share an organizer account', () => {
  it('joins connected events (through any shared account) and names the programme by the earliest', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const sql of MIGRATIONS.slice(0, 12)) db.exec(sql);
    db.pragma('user_version = 12');
    const insertEvent = db.prepare(
      `INSERT INTO events (id, name, date, board_nonce, live, created_at) VALUES (?, ?, ?, ?, '{}', ?)`,
    );
    const organizer = db.prepare(
      `INSERT INTO people (id, event_id, is_organizer, name, badge_nonce, created_at, account) VALUES (?, ?, 1, 'o', ?, 0, ?)`,
    );
    insertEvent.run('b', 'B', '2026-09-01', 'nb', 1);
    insertEvent.run('a', 'A', '2026-05-01', 'na', 2);
    insertEvent.run('c', 'C', '2027-01-01', 'nc', 3);
    insertEvent.run('alone', 'D', '2026-04-01', 'nd', 4);
    // a–b share account 1, b–c account 2: all three are one programme.
    organizer.run('p1', 'a', 'x1', 'acc1');
    organizer.run('p2', 'b', 'x2', 'acc1');
    organizer.run('p3', 'b', 'x3', 'acc2');
    organizer.run('p4', 'c', 'x4', 'acc2');
    organizer.run('p5', 'alone', 'x5', 'acc3');
    migrate(db);
    const rows = db.prepare('SELECT id, programme_id AS p FROM events ORDER BY id').all();
    expect(rows).toEqual([
      { id: 'a', p: 'a' },
      { id: 'alone', p: 'alone' },
      { id: 'b', p: 'a' },
      { id: 'c', p: 'a' },
    ]);
    expect(db.prepare('SELECT id, created_at AS at FROM programmes ORDER BY id').all()).toEqual([
      { id: 'a', at: 2 },
      { id: 'alone', at: 4 },
    ]);
    db.close();
  });
});

describe('which programme an event belongs to', () => {
  it('an inserted event starts its own; a new event of the console joins its creator’s', () => {
    addEvent('first', '2026-06-01');
    expect(programmeOf(store, 'first')).toBe('first');
    createEvent(store, {
      id: 'second',
      name: '第2回',
      venue: '',
      date: '2026-11-01',
      boardNonce: 'b2',
      from: null,
      programmeId: programmeOf(store, 'first'),
      creator: { account: 'acc', name: '事務局' },
      now: 10,
      newId: randomUUID,
      newNonce: randomUUID,
    });
    expect(programmeOf(store, 'second')).toBe('first');
    expect(programmeEvents(store, 'first').map((e) => e.id)).toEqual(['first', 'second']);
    // The programme the insert gave it, holding nothing, is gone.
    expect(store.sql.pluck('SELECT count(*) FROM programmes WHERE id = ?').get('second')).toBe(0);
    // Without the console's event: the creator's earliest event's programme.
    createEvent(store, {
      id: 'third',
      name: '第3回',
      venue: '',
      date: '2027-05-01',
      boardNonce: 'b3',
      from: null,
      creator: { account: 'acc', name: '事務局' },
      now: 11,
      newId: randomUUID,
      newNonce: randomUUID,
    });
    expect(programmeOf(store, 'third')).toBe('first');
  });

  it('a programme without a stored plan reads as the defaults from its earliest event’s fiscal year', () => {
    addEvent('e', '2027-02-10');
    expect(programmePlan(store, 'e')).toEqual(defaultKpiPlan(2026));
    const plan = { ...defaultKpiPlan(2025), name: { ja: '別名', en: 'Other' } };
    savePlan(store, 'e', plan);
    expect(programmePlan(store, 'e')).toEqual(plan);
  });
});

describe('the table from the events’ records', () => {
  function world() {
    const e1 = addEvent('e1', '2026-06-10');
    const e2 = addEvent('e2', '2026-11-20');
    const e3 = addEvent('e3', '2027-06-01');
    const other = addEvent('other', '2026-07-01');
    joinProgramme(store, e2, 'e1');
    joinProgramme(store, e3, 'e1');
    const abc = addOrg(e1, '株式会社ABC商事', 'firm');
    const x = addOrg(e1, 'ベンチャーX', 'venture');
    addOrg(e1, '来なかった会社', 'firm', false);
    const abc2 = addOrg(e2, 'ＡＢＣ商事', 'firm');
    const x2 = addOrg(e2, 'ベンチャーX', 'venture');
    addOrg(e3, '新規工業', 'firm');
    addOrg(other, '別シリーズ社', 'firm');
    const m1 = heldPoc(e1, abc, x, '2026-08-01');
    heldPoc(e2, abc2, x2, '2027-04-15');
    insertOutcome(store, {
      id: 'o1',
      eventId: e2,
      orgId: x2,
      kind: 'relocated',
      on: '2026-12-01',
      note: '',
      meetingId: null,
      recordedAt: 5,
    });
    return { e1, e2, e3, abc, x, abc2, m1 };
  }

  it('counts companies once per fiscal year, PoCs and outcomes by their own dates', () => {
    world();
    const report = programmeReport(store, 'e1', Date.parse('2027-07-01T00:00:00Z'));
    expect(report.programmeId).toBe('e1');
    expect(report.events.map((e) => [e.eventId, e.fiscalYear, e.companies.total, e.pocsStarted])).toEqual([
      ['e1', 2026, 2, 1],
      ['e2', 2026, 2, 1],
      ['e3', 2027, 1, 0],
    ]);
    const actual = (id: string) => report.rows.find((r) => r.kpi.id === id)!.years.map((c) => c.actual);
    expect(actual('companies')).toEqual([34, 2, 1, null]);
    expect(actual('pocs')).toEqual([3, 1, 1, null]);
    expect(actual('founded')).toEqual([0, 1, 1, null]);
    expect(programmeDrill(store, 'e1', 'companies', 2026).items).toEqual([
      { type: 'company', name: '株式会社ABC商事', kind: 'firm', events: ['イベントe1', 'イベントe2'] },
      { type: 'company', name: 'ベンチャーX', kind: 'venture', events: ['イベントe1', 'イベントe2'] },
    ]);
    expect(programmeDrill(store, 'e1', 'no-such', 2026).items).toEqual([]);
  });

  it('the latest entry is the figure; the others stay for the drill-down', () => {
    world();
    for (const [id, value, at] of [
      ['a', 51, 10],
      ['b', 52.5, 20],
    ] as const) {
      insertEntry(
        store,
        'e1',
        {
          id,
          kpiId: 'student-hiring',
          fiscalYear: 2026,
          value,
          source: 'ハローワーク',
          on: '2027-05-01',
          note: '',
          recordedAt: at,
          recordedBy: '事務局',
        },
        'person-1',
      );
    }
    const report = programmeReport(store, 'e1', Date.parse('2027-07-01T00:00:00Z'));
    expect(report.rows[3]!.years[1]).toMatchObject({ actual: 52.5, origin: 'entered' });
    expect(programmeDrill(store, 'e1', 'student-hiring', 2026).items).toHaveLength(2);
  });

  it('an outcome is deleted only through its own programme', () => {
    world();
    expect(deleteOutcome(store, 'other', 'o1')).toBe(false);
    expect(deleteOutcome(store, 'e1', 'o1')).toBe(true);
    expect(deleteOutcome(store, 'e1', 'o1')).toBe(false);
  });

  it('names only companies that agreed and took part in those years, once however spelled', () => {
    const w = world();
    expect(consentedCompanyNames(store, 'e1', [2026, 2027])).toEqual([]);
    setPublishConsent(store, w.abc2, true);
    expect(consentedCompanyNames(store, 'e1', [2026])).toEqual(['株式会社ABC商事']);
    expect(consentedCompanyNames(store, 'e1', [2027])).toEqual([]);
    setPublishConsent(store, w.abc2, false);
    expect(consentedCompanyNames(store, 'e1', [2026])).toEqual([]);
  });

  it('consent is the company’s across the programme: given at one event, withdrawn at the next, not named', () => {
    const w = world();
    // Given at event 1 (its spelling), withdrawn at event 2 under another spelling.
    setPublishConsent(store, w.abc, true);
    expect(consentingOrgIds(store, 'e2')).toEqual([w.abc2]);
    expect(consentedCompanyNames(store, 'e1', [2026])).toEqual(['株式会社ABC商事']);
    setPublishConsent(store, w.abc2, false);
    expect(consentingOrgIds(store, 'e1')).toEqual([]);
    expect(consentedCompanyNames(store, 'e1', [2026])).toEqual([]);
    // Given at event 2: named by the spelling of the row that agreed (event 1's row agrees with it).
    setPublishConsent(store, w.abc2, true);
    expect(consentingOrgIds(store, 'e1')).toEqual([w.abc]);
    // Another programme's company of the same name is untouched.
    const elsewhere = addOrg('other', 'ABC商事', 'firm');
    expect(consentingOrgIds(store, 'other')).toEqual([]);
    setPublishConsent(store, elsewhere, true);
    expect(consentedCompanyNames(store, 'e1', [2026])).toEqual(['株式会社ABC商事']);
    setPublishConsent(store, elsewhere, false);
    expect(consentingOrgIds(store, 'e2')).toEqual([w.abc2]);
  });
});

describe('today in the programme’s time zone', () => {
  it('2027-03-31T15:00Z is 1 April in Tokyo: fiscal 2027 is in progress, 2026 has ended', () => {
    addEvent('e', '2026-06-01');
    const inProgress = (now: string) =>
      programmeReport(store, 'e', Date.parse(now))
        .rows[0]!.years.filter((c) => c.provisional)
        .map((c) => c.fiscalYear);
    expect(inProgress('2027-03-31T14:59:00Z')).toEqual([2026]);
    expect(inProgress('2027-03-31T15:00:00Z')).toEqual([2027]);
    expect(inProgress('2027-03-31T15:30:00Z')).toEqual([2027]);
    // The first event's zone decides: a programme in Honolulu is still on 31 March.
    store.sql.prepare("UPDATE events SET time_zone = 'Pacific/Honolulu' WHERE id = 'e'").run();
    expect(inProgress('2027-03-31T15:30:00Z')).toEqual([2026]);
  });

  it('31 March and 1 April through the store: an event, a PoC start and an outcome on each side', () => {
    addEvent('e', '2027-03-31');
    addEvent('f', '2027-04-01');
    joinProgramme(store, 'f', 'e');
    const a = addOrg('e', 'ABC商事', 'firm');
    const x = addOrg('e', 'ベンチャーX', 'venture');
    const b = addOrg('f', '四月工業', 'firm');
    const y = addOrg('f', 'ベンチャーY', 'venture');
    heldPoc('e', a, x, '2027-03-31');
    heldPoc('f', b, y, '2027-04-01');
    for (const [id, eventId, orgId, on] of [
      ['o-march', 'e', x, '2027-03-31'],
      ['o-april', 'f', y, '2027-04-01'],
    ] as const) {
      insertOutcome(store, { id, eventId, orgId, kind: 'founded', on, note: '', meetingId: null, recordedAt: 1 });
    }
    expect(programmeOutcomes(store, 'e').map((o) => [o.id, o.fiscalYear])).toEqual([
      ['o-march', 2026],
      ['o-april', 2027],
    ]);
    // 1 April in Tokyo (2027-03-31T15:00Z): both years counted, each with its own side.
    const report = programmeReport(store, 'e', Date.parse('2027-03-31T15:00:00Z'));
    expect(report.plan.firstYear).toBe(2026);
    expect(report.events.map((ev) => [ev.eventId, ev.fiscalYear])).toEqual([
      ['e', 2026],
      ['f', 2027],
    ]);
    const actual = (id: string) =>
      report.rows
        .find((r) => r.kpi.id === id)!
        .years.slice(1, 3)
        .map((c) => c.actual);
    expect(actual('companies')).toEqual([2, 2]);
    expect(actual('pocs')).toEqual([1, 1]);
    expect(actual('founded')).toEqual([1, 2]);
  });
});

describe('merging two registrations of a company', () => {
  it('moves its regional outcomes to the kept one, which keeps the consent either gave', () => {
    addEvent('e', '2026-06-01');
    const into = addOrg('e', 'ベンチャーX', 'venture');
    const from = addOrg('e', 'ベンチャーＸ（重複）', 'venture');
    insertOutcome(store, {
      id: 'o1',
      eventId: 'e',
      orgId: from,
      kind: 'founded',
      on: '2026-12-01',
      note: '',
      meetingId: null,
      recordedAt: 1,
    });
    store.sql.prepare('UPDATE organizations SET publish_consent = 1 WHERE id = ?').run(from);
    store.db.transaction(() =>
      applyMerge(store, { intoId: into, fromId: from, plan: { answered: [], interests: [] }, now: 2, maxTags: 10 }),
    )();
    expect(store.getOrganization(from)).toBeUndefined();
    expect(programmeOutcomes(store, 'e').map((o) => [o.id, o.orgId, o.orgName])).toEqual([['o1', into, 'ベンチャーX']]);
    expect(consentingOrgIds(store, 'e')).toEqual([into]);
    expect(programmeReport(store, 'e', Date.parse('2027-01-01T00:00:00Z')).rows[2]!.years[1]!.actual).toBe(1);
  });
});

describe('publishing', () => {
  it('off with every KPI and plan year until saved; the slug finds the programme only while on', () => {
    addEvent('e', '2026-06-01');
    expect(publishSettings(store, 'e')).toEqual({
      enabled: false,
      kpiIds: ['pocs', 'companies', 'founded', 'student-hiring'],
      fiscalYears: [2026, 2027, 2028],
      reviews: true,
      events: true,
      companyNames: false,
      slug: null,
    });
    const settings = {
      enabled: true,
      kpiIds: ['pocs'],
      fiscalYears: [2026],
      reviews: false,
      events: false,
      companyNames: true,
    };
    savePublish(store, 'e', settings, 'slug-1');
    expect(publishSettings(store, 'e')).toEqual({ ...settings, slug: 'slug-1' });
    expect(programmeBySlug(store, 'slug-1')).toBe('e');
    savePublish(store, 'e', { ...settings, enabled: false });
    expect(publishSettings(store, 'e').slug).toBe('slug-1');
    expect(programmeBySlug(store, 'slug-1')).toBeUndefined();
    expect(programmeBySlug(store, 'nope')).toBeUndefined();
  });
});

describe('an event’s export', () => {
  it('carries its regional outcomes and its programme’s id; a fresh store restores both', () => {
    addEvent('a', '2026-06-01');
    addEvent('b', '2026-10-01');
    joinProgramme(store, 'b', 'a');
    const org = addOrg('b', 'ベンチャーX', 'venture');
    insertOutcome(store, {
      id: 'o1',
      eventId: 'b',
      orgId: org,
      kind: 'founded',
      on: '2026-12-01',
      note: '',
      meetingId: null,
      recordedAt: 1,
    });
    const archive = exportEvent(store, 'b', 99);
    expect(archive.tables.regional_outcomes).toHaveLength(1);
    const fresh = new Store(openDb(':memory:'));
    try {
      importEvent(fresh, archive);
      expect(programmeOf(fresh, 'b')).toBe('a');
      expect(fresh.sql.pluck('SELECT count(*) FROM programmes WHERE id = ?').get('a')).toBe(1);
      expect(programmeReport(fresh, 'a', Date.parse('2027-01-01T00:00:00Z')).rows[2]!.years[1]!.actual).toBe(1);
    } finally {
      fresh.db.close();
    }
  });

  it('carries its programme: the restored store gives the same council’s table, unpublished until published again', () => {
    addEvent('e', '2026-06-01');
    const abc = addOrg('e', '株式会社ABC商事', 'firm');
    const x = addOrg('e', 'ベンチャーX', 'venture');
    heldPoc('e', abc, x, '2026-08-01');
    const plan = { ...defaultKpiPlan(2026), name: { ja: '第2期', en: 'Second term' } };
    plan.kpis[1]!.increments = [10, 10, 10, 10];
    savePlan(store, 'e', plan);
    insertEntry(
      store,
      'e',
      {
        id: 'entry-1',
        kpiId: 'student-hiring',
        fiscalYear: 2026,
        value: 51.2,
        source: 'ハローワーク',
        on: '2027-05-01',
        note: '',
        recordedAt: 3,
        recordedBy: '事務局',
      },
      'person-1',
    );
    saveReview(store, 'e', { fiscalYear: 2026, worked: '参加が増えた', next: '学生を増やす', updatedAt: 4 });
    const settings = {
      enabled: true,
      kpiIds: ['companies'],
      fiscalYears: [2026],
      reviews: true,
      events: false,
      companyNames: false,
    };
    savePublish(store, 'e', settings, 'slug-e');
    const now = Date.parse('2027-07-01T00:00:00Z');
    // Through JSON, as the file travels.
    const archive = JSON.parse(JSON.stringify(exportEvent(store, 'e', 99))) as unknown;
    const fresh = new Store(openDb(':memory:'));
    try {
      importEvent(fresh, archive);
      expect(programmeReport(fresh, 'e', now)).toEqual(programmeReport(store, 'e', now));
      expect(programmeReport(fresh, 'e', now).reviews).toHaveLength(1);
      expect(publishSettings(fresh, 'e')).toEqual({ ...settings, enabled: false, slug: null });
      expect(programmeBySlug(fresh, 'slug-e')).toBeUndefined();
    } finally {
      fresh.db.close();
    }
  });
});
