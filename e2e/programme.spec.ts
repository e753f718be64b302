/**
 * The programme's KPI table end to end (issue 20): two events of last fiscal year and this year's at
 * a real hall's size, one programme. People checked in (seeded, and one at the console's door), a
 * PoC start recorded on a held meeting, a relocation (拠点開設) recorded and the student hiring share
 * entered in 「事業KPI」; the printed council table checked cell by cell; publishing turned on, and
 * the public page opened with no cookie: the same aggregates, a consenting firm's name, and no
 * person's or other firm's name in the page or its open data.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { fiscalYearOf } from '../shared/programme';
import { eventLinks, type EventLinks } from '../server/links';
import { seedDemoEvent } from '../server/seed/demo';
import { insertOutcome, joinProgramme, programmeOf } from '../server/store/programme';
import type { Store } from '../server/store/store';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { startSeededServer, type SeededServer } from './support/demo-server';
import { expect, test } from './support/fixtures';
import { seedHallEvent } from './support/hall-event';
import { attachScreenshot, expectCleanLayout } from './support/layout';

closeContextsAfterEach();

/** Today in Tokyo, as the console's date inputs take it. */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(Date.now());
/** This fiscal year (the hall event's, tomorrow's) and last year's (the two earlier events'). */
const NOW = fiscalYearOf(today());
const PREV = NOW - 1;
/** 令和N年度, as the console and the council name a fiscal year. */
const reiwa = (fy: number) => `令和${fy - 2018}年度`;

const HALL = '第3回 苫小牧イノベーション・マッチング';
const SPRING = '第1回 苫小牧イノベーション・マッチング';
const AUTUMN = '第2回 苫小牧イノベーション・マッチング';
const KPI = {
  pocs: '地域課題の解決に向けた実証事業の件数',
  companies: 'イノベーションマッチングイベント参加社数',
  founded: '本事業をきっかけとした域内創業事業・企業数',
  student: '管内学生の管内事業所就職割合',
};

interface Seeded {
  hall: EventLinks;
  /** Every person's name at the three events: none may be published. */
  personNames: string[];
  /** Every organization's name at the three events (the consenting firm's is published, no other). */
  orgNames: string[];
  /** Companies of last year's two events with someone checked in, each once. */
  prevCompanies: number;
  /** Hall firms and ventures checked in by the seed; the console checks one more in. */
  hallSeededIn: number;
  /** The hall firm checked in at the console's door, its person, and the firms the console records. */
  doorFirm: { org: string; person: string };
  relocating: string;
  consenting: string;
  /** The hall's held meeting the console records a PoC start on. */
  meeting: { guest: string; venture: string };
}

function checkIn(store: Store, eventId: string, personIds: string[], at: number): void {
  store.mutate(eventId, 'seed', at, () => {
    for (const id of personIds) store.insertCheckin(eventId, id, { at, station: 'A', method: 'qr' });
    return { result: null, changes: [] };
  });
}

/** A meeting marked held at `date` 15:00 in Tokyo, with a PoC start date when given. */
function heldMeeting(store: Store, eventId: string, date: string, guestOrg: string, ventureOrg: string, poc?: string) {
  const id = randomUUID();
  const slotStart = Date.parse(`${date}T15:00:00+09:00`);
  const slotEnd = slotStart + 20 * 60_000;
  const now = Date.now();
  store.mutate(eventId, 'seed', now, () => {
    store.insertMeeting({ id, eventId, requestId: null, guestOrg, ventureOrg, slotStart, slotEnd, table: '1', now });
    store.updateMeeting(id, { slotStart, slotEnd, table: '1', status: 'held', nextStep: '', now });
    if (poc)
      store.setMeetingOutcome(id, { outcome: 'poc-started', pocStartedOn: poc, contractOn: null, note: '', now });
    return { result: null, changes: [] };
  });
}

/** The people of an event's organizations of one kind, as listed (each organization's people together). */
function peopleOf(store: Store, eventId: string, role: 'firm' | 'venture' | 'partner') {
  return store.listPeople(eventId).filter((p) => p.role === role && p.org);
}

function seed(store: Store, secret: Buffer, publicUrl: string): Seeded {
  const small = (name: string, date: string) =>
    seedDemoEvent(store, { now: Date.now(), newId: randomUUID, size: 'small', name, date });
  const spring = small(SPRING, `${PREV}-06-10`);
  const autumn = small(AUTUMN, `${PREV}-11-20`);
  const hall = seedHallEvent(store, HALL);
  const programme = programmeOf(store, spring);
  joinProgramme(store, autumn, programme);
  joinProgramme(store, hall, programme);

  // Last year: three firms and two ventures in spring; two of the same firms and a partner in autumn.
  const orgIds = (people: { org: { id: string } | null }[], n: number) =>
    [...new Set(people.map((p) => p.org!.id))].slice(0, n);
  const inOrgs = (people: { id: string; org: { id: string } | null }[], orgs: string[]) =>
    people.filter((p) => orgs.includes(p.org!.id)).map((p) => p.id);
  const springFirms = orgIds(peopleOf(store, spring, 'firm'), 3);
  const springVentures = orgIds(peopleOf(store, spring, 'venture'), 2);
  const at = (date: string) => Date.parse(`${date}T13:00:00+09:00`);
  checkIn(store, spring, inOrgs(peopleOf(store, spring, 'firm'), springFirms), at(`${PREV}-06-10`));
  checkIn(store, spring, inOrgs(peopleOf(store, spring, 'venture'), springVentures), at(`${PREV}-06-10`));
  const autumnFirms = orgIds(peopleOf(store, autumn, 'firm'), 2);
  const autumnPartners = orgIds(peopleOf(store, autumn, 'partner'), 1);
  checkIn(store, autumn, inOrgs(peopleOf(store, autumn, 'firm'), autumnFirms), at(`${PREV}-11-20`));
  checkIn(store, autumn, inOrgs(peopleOf(store, autumn, 'partner'), autumnPartners), at(`${PREV}-11-20`));
  const nameOf = (orgId: string) => store.getOrganization(orgId)!.name;
  const prevCompanies = new Set([...springFirms, ...springVentures, ...autumnFirms, ...autumnPartners].map(nameOf))
    .size;
  // A PoC of last year, and a business founded in the region last year (recorded then).
  heldMeeting(store, spring, `${PREV}-06-10`, springFirms[0]!, springVentures[0]!, `${PREV}-09-01`);
  insertOutcome(store, {
    id: randomUUID(),
    eventId: spring,
    orgId: springVentures[1]!,
    kind: 'founded',
    on: `${PREV}-12-01`,
    note: '',
    meetingId: null,
    recordedAt: Date.now(),
  });

  // This year's hall: forty firms and ten ventures at the door before the console checks one more in.
  const hallFirms = peopleOf(store, hall, 'firm');
  const hallVentures = peopleOf(store, hall, 'venture');
  const firmOrgs = orgIds(hallFirms, 41);
  const ventureOrgs = orgIds(hallVentures, 10);
  const seededIn = [...firmOrgs.slice(0, 40), ...ventureOrgs];
  checkIn(store, hall, [...inOrgs(hallFirms, firmOrgs.slice(0, 40)), ...inOrgs(hallVentures, ventureOrgs)], Date.now());
  heldMeeting(store, hall, today(), firmOrgs[0]!, ventureOrgs[0]!);
  const door = hallFirms.find((p) => p.org!.id === firmOrgs[40])!;

  const events = [spring, autumn, hall];
  return {
    hall: eventLinks(store, secret, hall, publicUrl),
    personNames: events.flatMap((e) => store.listPeople(e).map((p) => p.name)),
    orgNames: [...new Set(events.flatMap((e) => store.organizations(e).map((o) => o.name)))],
    prevCompanies,
    hallSeededIn: seededIn.length,
    doorFirm: { org: nameOf(firmOrgs[40]!), person: door.name },
    relocating: nameOf(firmOrgs[1]!),
    consenting: nameOf(firmOrgs[2]!),
    meeting: { guest: nameOf(firmOrgs[0]!), venture: nameOf(ventureOrgs[0]!) },
  };
}

let server: SeededServer<Seeded>;
test.beforeAll(async () => {
  server = await startSeededServer('pitch-programme-', seed);
});
test.afterAll(async () => {
  await server?.stop();
});

/** A printed or public KPI row's cells (the baseline column first), found by its KPI and item. */
const rowCells = (page: Page, kpiId: string, item: string) =>
  page.locator(`tbody[data-kpi="${kpiId}"]`).getByRole('row').filter({ hasText: item }).getByRole('cell');

test('the council table counts the programme’s events, and the public page publishes it without anyone’s name', async ({
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const s = server.seeded;
  const organizerLink = s.hall.people.find((p) => p.role === 'organizer')!;
  const organizer = await openPage(browser, organizerLink.url, { viewport: { width: 1280, height: 800 } });
  const nav = organizer.getByRole('navigation');

  // At the hall's door, one more firm checks in.
  await nav.getByRole('link', { name: '受付' }).click();
  await organizer.getByRole('searchbox').fill(s.doorFirm.person);
  await organizer.getByRole('button', { name: `${s.doorFirm.person} を受付` }).click();
  await expect(organizer.getByRole('listitem').filter({ hasText: s.doorFirm.person })).toContainText('✓');

  // The held meeting's PoC started today (the results page's follow-up).
  await nav.getByRole('link', { name: '成果' }).click();
  const followUp = organizer.getByRole('form', { name: `${s.meeting.guest} × ${s.meeting.venture} の成果を保存` });
  await followUp.getByRole('combobox', { name: '成果' }).selectOption('poc-started');
  await followUp.getByLabel('PoC開始日').fill(today());
  await followUp.getByRole('button', { name: '成果を保存' }).click();
  await expect(followUp.getByRole('status')).toHaveText('保存しました');

  // A firm agreed to be named on the public page (the People page's consent, off by default).
  await nav.getByRole('link', { name: '参加者' }).click();
  const consent = organizer.getByRole('region', { name: '社名の公開（事業KPIの公開ページ）' });
  await consent.getByText(/組織の一覧（同意あり 0 \/ \d+）/).click();
  const tick = consent.getByRole('checkbox', { name: `${s.consenting}: 社名の公開に同意` });
  await expect(tick).not.toBeChecked();
  await tick.check();
  await expect(consent.getByRole('status')).toHaveText(`${s.consenting}: 同意あり`);

  // 「事業KPI」: a relocation of this year, last year's student hiring share.
  await nav.getByRole('link', { name: '事業KPI' }).click();
  const outcome = organizer.getByRole('region', { name: '域内創業・拠点開設の記録' });
  await outcome.getByRole('combobox', { name: '種類' }).selectOption({ label: '拠点開設' });
  await outcome
    .getByRole('combobox', { name: '組織（このイベントの参加組織）' })
    .selectOption({ label: `${s.relocating}（地元企業）` });
  await outcome.getByLabel('日付').fill(today());
  await outcome.getByLabel('メモ（任意・公開されません）').fill('担当 佐々木さんより連絡');
  await outcome.getByRole('button', { name: '記録する' }).click();
  await expect(outcome.getByRole('status')).toHaveText(`${s.relocating}: 拠点開設（${today()}）を記録しました`);

  const entry = organizer.getByRole('region', { name: '数字の入力（アプリで数えられないもの）' });
  await entry.getByRole('combobox', { name: '入力するKPI' }).selectOption({ label: KPI.student });
  await entry.getByRole('combobox', { name: '年度' }).selectOption({ label: reiwa(PREV) });
  await entry.getByLabel('値（%）').fill('51.32');
  await entry.getByLabel('出典（例：ハローワーク苫小牧）').fill('ハローワーク苫小牧 業務統計');
  await entry.getByLabel('出典の日付').fill(`${NOW}-05-15`);
  await entry.getByRole('button', { name: '入力を保存' }).click();
  await expect(entry.getByRole('status')).toHaveText(`${KPI.student}・${reiwa(PREV)}: 51.32 を保存しました`);

  // The screen's table: this year's companies, counted, and who they are.
  const table = organizer.getByRole('region', { name: '評価表（年度別）' });
  const companiesNow = s.hallSeededIn + 1;
  const companiesRow = table.getByRole('row').filter({ hasText: KPI.companies });
  await expect(companiesRow.getByRole('cell').nth(2)).toContainText(`実績${companiesNow} 集計`);
  await table.getByRole('button', { name: `${KPI.companies}・${reiwa(NOW)}の内訳` }).click();
  const drill = table.getByRole('region', { name: `${KPI.companies}・${reiwa(NOW)}の内訳` });
  await expect(drill).toContainText(`参加企業 ${companiesNow}社`);
  await expect(drill).toContainText(s.doorFirm.org);
  await attachScreenshot(organizer, testInfo, 'programme-console-1280');

  // The printed council table, cell by cell: baseline, last year, this year, next year (not begun).
  const printed = await organizer.context().newPage();
  await printed.goto(new URL('/organizer/programme/report', organizer.url()).href);
  // This year is under way: its figures so far, and no achievement until it ends.
  const IN_PROGRESS = '年度途中 in progress';
  const ach = (increment: number, target: number) => `${((increment / target) * 100).toFixed(1)}%`;
  const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');
  const expected: Record<string, Record<string, string[]>> = {
    pocs: {
      目標値: ['3', '6', '6', '6'],
      実績値: ['3', '1', '1', '—'],
      '増加 実績/目標': ['', '−2 / +3', '−2 / +3', '— / +3'],
      達成率: ['', ach(-2, 3), IN_PROGRESS, '—'],
    },
    companies: {
      目標値: ['34', '50', '60', '80'],
      実績値: ['34', String(s.prevCompanies), String(companiesNow), '—'],
      '増加 実績/目標': ['', `${signed(s.prevCompanies - 34)} / +16`, `${signed(companiesNow - 34)} / +26`, '— / +46'],
      達成率: ['', ach(s.prevCompanies - 34, 16), IN_PROGRESS, '—'],
    },
    founded: {
      目標値: ['0', '1', '3', '6'],
      実績値: ['0', '1', '2', '—'],
      '増加 実績/目標': ['', '+1 / +1', '+2 / +3', '— / +6'],
      達成率: ['', '100.0%', IN_PROGRESS, '—'],
    },
    'student-hiring': {
      目標値: ['50.32', '52.32', '55.32', '60.32'],
      実績値: ['50.32', '51.32', '—', '—'],
      '増加 実績/目標': ['', '+1.00 / +2.00', '— / +5.00', '— / +10.00'],
      達成率: ['', '50.0%', IN_PROGRESS, '—'],
    },
  };
  for (const [kpiId, rows] of Object.entries(expected)) {
    for (const [item, cells] of Object.entries(rows)) {
      await expect(rowCells(printed, kpiId, item), `${kpiId} ${item}`).toHaveText(cells);
    }
  }
  // Where each figure came from: counted, entered with its source and date, none for a year not begun.
  await expect(rowCells(printed, 'companies', '出典').nth(1)).toContainText('集計');
  await expect(rowCells(printed, 'student-hiring', '出典').nth(1)).toContainText('入力');
  await expect(rowCells(printed, 'student-hiring', '出典').nth(1)).toContainText(
    `ハローワーク苫小牧 業務統計（${NOW}-05-15）`,
  );
  await expect(rowCells(printed, 'student-hiring', '出典').nth(2)).toContainText('未集計');
  await expect(printed.getByRole('row').filter({ hasText: HALL })).toContainText(reiwa(NOW));

  // Publishing, turned on in the console: every KPI, last year and this, the events, consenting names.
  await organizer.bringToFront();
  const publish = organizer.getByRole('region', { name: '公開（オープンデータ）' });
  for (const name of Object.values(KPI)) await publish.getByRole('checkbox', { name }).check();
  await publish.getByRole('checkbox', { name: reiwa(PREV), exact: true }).check();
  await publish.getByRole('checkbox', { name: reiwa(NOW), exact: true }).check();
  await publish.getByRole('checkbox', { name: 'イベント別の集計を公開する' }).check();
  await publish.getByRole('checkbox', { name: '同意した企業の社名を公開する' }).check();
  await publish.getByRole('checkbox', { name: '公開する', exact: true }).check();
  await publish.getByRole('button', { name: '公開の設定を保存' }).click();
  await expect(publish.getByRole('status').first()).toHaveText('保存しました');
  const address = publish.getByRole('textbox', { name: '公開ページのアドレス' });
  await expect(address).toHaveValue(/\/open\/[A-Za-z0-9_-]+$/);
  const publicUrl = await address.inputValue();

  // The public page in a browser with no cookie: the same aggregates as the council's table.
  const visitor = await browser.newContext({ viewport: { width: 390, height: 844 } });
  expect(await visitor.cookies()).toEqual([]);
  const pub = await visitor.newPage();
  await pub.goto(publicUrl);
  for (const kpiId of Object.keys(expected)) {
    for (const [item, key] of [
      ['目標値', 'target'],
      ['実績値', 'actual'],
      ['増加 実績/目標', 'increment'],
      ['達成率', 'achievement'],
    ] as const) {
      for (const [i, fy] of [PREV, NOW].entries()) {
        await expect(
          pub.locator(`tbody[data-kpi="${kpiId}"] tr[data-row="${key}"] td[data-fy="${fy}"]`),
          `${kpiId} ${key} ${fy}`,
        ).toHaveText(expected[kpiId]![item]![i + 1]!);
      }
    }
  }
  await expect(pub.getByRole('row').filter({ hasText: HALL })).toBeVisible();
  await expect(pub.getByRole('listitem').filter({ hasText: s.consenting })).toBeVisible();

  // Nothing personal, in the page or its files: no person's name, no other firm's name, no note.
  const files = await Promise.all(
    ['', '/kpi.csv', '/kpi.json'].map(async (suffix) => {
      const answer = await visitor.request.get(`${publicUrl}${suffix}`);
      expect(answer.status(), suffix || 'page').toBe(200);
      return { suffix: suffix || 'page', text: await answer.text() };
    }),
  );
  const named = (text: string) => [
    ...s.personNames.filter((n) => text.includes(n)),
    ...s.orgNames.filter((n) => n !== s.consenting && !s.consenting.includes(n) && text.includes(n)),
    ...['佐々木', organizerLink.name].filter((n) => text.includes(n)),
  ];
  for (const { suffix, text } of files) expect(named(text), `names in ${suffix}`).toEqual([]);
  expect(named(await pub.content()), 'names on the page as shown').toEqual([]);
  // The consenting firm is named only where company names are published: the page and its JSON.
  expect(files[0]!.text).toContain(s.consenting);

  // The console page reads at a phone's width too (the table scrolls sideways within its card).
  await organizer.setViewportSize({ width: 390, height: 844 });
  await expectCleanLayout(organizer, ['.card']);
  await attachScreenshot(organizer, testInfo, 'programme-console-390');
});
