/**
 * The board at a real hall's size: 30 ventures with long Japanese names, 150 firms signed in over
 * real sockets tapping interest, check-ins at the door and meetings booked, on both projector sizes.
 * Checked on the page's boxes: nothing off the screen or scrollable, no text cut or overlapping, no
 * line broken inside a word, names and counts large enough for the back of the hall, the ranking
 * exactly what the taps made, every venture shown as the pages turn, and the organizer's pause,
 * stop and end of the program unmistakable.
 */
import { randomUUID } from 'node:crypto';
import type { Page, TestInfo } from '@playwright/test';
import { call, openSocket, signIn, snapshotOf, type ClientSocket } from '../server/testing/harness';
import type { Snapshot } from '../shared/model';
import type { ProgramControl } from '../shared/protocol';
import { closeContextsAfterEach, openPage } from './support/contexts';
import { expect, test } from './support/fixtures';
import { HALL_FIRMS, HALL_VENTURES, startHallServer, ventureName, type HallServer } from './support/hall-event';

closeContextsAfterEach();

const EVENT_NAME = 'とまこまい イノベーション・マッチングデイ 2026 ― 地域の課題×ベンチャーの技術';
const CHECKED_IN = 120;
const MEETINGS = 10;
/** The board turns a page every 8 s; six pages at most with 30 ventures. */
const PAGE_MS = 8000;

/** Interest per venture in program order: all different, one tie on totals broken by want-to-meet. */
const PLAN = HALL_VENTURES.map((venture, i) => {
  const total = (i * 7) % 30;
  return { name: ventureName(venture), total, wantToMeet: Math.floor(total / 3) };
});
const tie = PLAN.find((p) => p.total === 27)!;
Object.assign(tie, { total: 28, wantToMeet: 14 });
const EXPECTED = [...PLAN]
  .sort((a, b) => b.total - a.total || b.wantToMeet - a.wantToMeet)
  .map((p, i) => ({ ...p, place: p.total > 0 ? String(i + 1) : '–' }));

/** Where a venture's name may break onto a new line: between its words, nowhere else. */
const BREAKS: Record<string, number[]> = Object.fromEntries(
  HALL_VENTURES.map((venture) => {
    const at: number[] = [];
    let length = 0;
    for (const word of venture.words) {
      if (length > 0) at.push(length);
      length += word.length;
    }
    return [ventureName(venture), at];
  }),
);

let hall: HallServer;
let organizer: ClientSocket;
let snapshot: Snapshot;
const sockets: ClientSocket[] = [];

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = Date.now();
  hall = await startHallServer(EVENT_NAME);
  const link = (role: string, org: string | null) => {
    const found = hall.links.people.find((p) => p.role === role && p.org === org);
    if (!found) throw new Error(`no ${role} of ${org}`);
    return found.url;
  };
  const connect = async (url: string) => openSocket(hall.baseUrl, { cookie: await signIn(url) }, sockets);
  organizer = await connect(link('organizer', null));
  snapshot = await snapshotOf(organizer);
  const ventureId = (name: string) => snapshot.ventures.find((v) => v.name === name)!.id;

  // 150 firms, each on its own socket, as 150 phones would be.
  const firms: ClientSocket[] = [];
  for (let i = 0; i < HALL_FIRMS.length; i += 25) {
    firms.push(...(await Promise.all(HALL_FIRMS.slice(i, i + 25).map((firm) => connect(link('firm', firm))))));
  }

  // Venture i is tapped by `total` firms starting at firm 5i; the first `wantToMeet` of them ask to meet.
  const taps: { ventureId: string; level: 'interested' | 'want-to-meet' }[][] = firms.map(() => []);
  PLAN.forEach((plan, i) => {
    for (let k = 0; k < plan.total; k++) {
      taps[(i * 5 + k) % firms.length]!.push({
        ventureId: ventureId(plan.name),
        level: k < plan.wantToMeet ? 'want-to-meet' : 'interested',
      });
    }
  });
  await Promise.all(
    firms.map(async (socket, f) => {
      for (const tap of taps[f]!) {
        const answer = await call(socket, 'interest:set', tap);
        expect(answer, `${HALL_FIRMS[f]} taps`).toMatchObject({ ok: true });
      }
    }),
  );

  // The door checks in the first 120 firms' people.
  const firmPeople = snapshot.people.filter((p) => p.role === 'firm');
  for (const person of firmPeople.slice(0, CHECKED_IN)) {
    const answer = await call(organizer, 'checkin:person', { personId: person.id, station: 'A', key: randomUUID() });
    expect(answer).toMatchObject({ ok: true });
  }

  // Ten firms ask ten ventures for a meeting; each venture accepts the earliest free place.
  for (let i = 0; i < MEETINGS; i++) {
    const venture = PLAN[i]!.name;
    const asked = await call(firms[100 + i]!, 'meeting:request', {
      toOrgId: ventureId(venture),
      message: '',
      key: randomUUID(),
    });
    if (!asked.ok) throw new Error(asked.error.message);
    const presenter = await connect(link('venture', venture));
    const accepted = await call(presenter, 'meeting:respond', { requestId: asked.data.id, accept: true });
    expect(accepted).toMatchObject({ ok: true });
  }
  console.log(`hall set up in ${Date.now() - started} ms`);
});

test.afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await hall?.stop();
});

const control = async (command: ProgramControl) => {
  const answer = await call(organizer, 'program:control', command);
  if (!answer.ok) throw new Error(answer.error.message);
};
const pitchOf = (name: string) => {
  const id = snapshot.ventures.find((v) => v.name === name)!.id;
  return snapshot.program.pitches.find((p) => p.ventureId === id)!.id;
};

interface Row {
  name: string;
  place: string;
  total: number;
  wantToMeet: number;
}

/** The ranking rows on screen now, read from what assistive technology reads. */
function rowsOnScreen(page: Page): Promise<Row[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.board__ranking li')].map((li) => ({
      name: li.getAttribute('aria-label') ?? '',
      place: li.querySelector('.rank__pos')?.textContent ?? '',
      total: Number(/\d+$/.exec(li.querySelector('.rank__count')?.getAttribute('aria-label') ?? '')?.[0]),
      wantToMeet: Number(/\d+$/.exec(li.querySelector('.rank__meet')?.textContent ?? '')?.[0]),
    })),
  );
}

interface Measured {
  problems: string[];
  sizes: Record<string, number>;
  /** Names under minNamePx because a word of theirs is wider than the row at that size. */
  smallNames: string[];
}

/**
 * Everything a person at the back would see as broken, read from the page's boxes: the page
 * scrolls; a box leaves the screen; text is wider or taller than its box or broken inside a word;
 * two rows or two parts of a panel drawn over each other; type smaller than `minNamePx`.
 */
function measure(page: Page, breaks: Record<string, number[]>, minNamePx: number): Promise<Measured> {
  return page.evaluate(
    ({ breaks, minNamePx }) => {
      const problems: string[] = [];
      const smallNames: string[] = [];
      const vw = innerWidth;
      const vh = innerHeight;
      const scroller = document.scrollingElement!;
      if (scroller.scrollHeight > vh) problems.push(`the page scrolls: ${scroller.scrollHeight}px tall on ${vh}px`);
      if (scroller.scrollWidth > vw) problems.push(`the page scrolls sideways: ${scroller.scrollWidth}px on ${vw}px`);
      const label = (el: Element) => `${el.className || el.tagName} "${(el.textContent ?? '').slice(0, 24)}"`;
      // A count that just changed pops (scales up) for half a second: judged once it has settled.
      const moving = (el: Element) =>
        [el, ...(el.parentElement ? [el.parentElement] : [])].some((e) =>
          e.getAnimations().some((a) => a.playState === 'running' && (a as CSSAnimation).animationName === 'pop'),
        );
      const board = document.querySelector('.board');
      if (!board) return { problems: ['no board'], sizes: {}, smallNames: [] };
      for (const el of board.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if ((r.width === 0 && r.height === 0) || moving(el)) continue;
        if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5)
          problems.push(
            `${label(el)} leaves the screen (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`,
          );
      }
      const texts = board.querySelectorAll<HTMLElement>(
        'h1, h2, p, dt, dd, .rank__name, .rank__count, .rank__meet, .rank__pos, .board__topics li, .board__pager > span',
      );
      for (const el of texts) {
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
          problems.push(
            `${label(el)} is cut: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
          );
        if (el.classList.contains('fit--anywhere')) problems.push(`${label(el)} had to break inside a word`);
      }
      // Lines start only where a word starts.
      for (const el of board.querySelectorAll<HTMLElement>('.rank__name, .board__venture')) {
        const allowed = breaks[el.textContent ?? ''];
        if (!allowed) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let lineTop: number | null = null;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.textContent!.length; i++, offset++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const top = range.getClientRects()[0]?.top;
            if (top === undefined) continue;
            if (lineTop !== null && top > lineTop + 2 && !allowed.includes(offset)) {
              const text = el.textContent!;
              problems.push(
                `${label(el)} breaks inside a word: …${text.slice(Math.max(0, offset - 4), offset)}／${text.slice(offset, offset + 4)}…`,
              );
            }
            lineTop = top;
          }
        }
      }
      const overlapping = (selector: string) => {
        const boxes = [...board.querySelectorAll(selector)]
          .filter((el) => !moving(el))
          .map((el) => [el, el.getBoundingClientRect()] as const);
        boxes.forEach(([a, ra], i) => {
          for (const [b, rb] of boxes.slice(i + 1)) {
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 0.5 && h > 0.5) problems.push(`${label(a)} overlaps ${label(b)}`);
          }
        });
      };
      overlapping('.board > *');
      overlapping('.board__ranking li');
      overlapping('.board__now > *');
      overlapping('.board__stats > div');
      for (const panel of board.querySelectorAll('.board__now, .board__stats > div, .board__ranking, .board__topics')) {
        const outer = panel.getBoundingClientRect();
        for (const part of panel.children) {
          const p = part.getBoundingClientRect();
          if (
            p.top < outer.top - 0.5 ||
            p.bottom > outer.bottom + 0.5 ||
            p.left < outer.left - 0.5 ||
            p.right > outer.right + 0.5
          )
            problems.push(`${label(part)} sticks out of ${label(panel)}`);
        }
      }
      // A name smaller than minNamePx only when it could not fit its row at that size.
      for (const el of board.querySelectorAll<HTMLElement>('.rank__name')) {
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size >= minNamePx - 0.01) continue;
        const fitted = el.style.fontSize;
        el.style.fontSize = `${minNamePx}px`;
        const fitsAtMin = el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1;
        el.style.fontSize = fitted;
        if (fitsAtMin || size < minNamePx * 0.75)
          problems.push(
            `${label(el)} is ${size}px, under ${minNamePx}px${fitsAtMin ? ', though it fits at that size' : ''}`,
          );
        else smallNames.push(`${el.textContent} ${size}px`);
      }
      const list = board.querySelector('.board__ranking ol')!.getBoundingClientRect();
      for (const li of board.querySelectorAll('.board__ranking li')) {
        const r = li.getBoundingClientRect();
        if (r.top < list.top - 0.5 || r.bottom > list.bottom + 0.5) problems.push(`${label(li)} is outside the list`);
        for (const part of li.querySelectorAll('.rank__pos, .rank__name, .rank__count, .rank__meet')) {
          if (moving(part)) continue;
          const p = part.getBoundingClientRect();
          if (p.top < r.top - 0.5 || p.bottom > r.bottom + 0.5 || p.left < r.left - 0.5 || p.right > r.right + 0.5)
            problems.push(`${label(part)} sticks out of its row`);
        }
      }
      const px = (selector: string, pick: (sizes: number[]) => number) => {
        const sizes = [...board.querySelectorAll(selector)].map((el) => parseFloat(getComputedStyle(el).fontSize));
        return sizes.length ? pick(sizes) : 0;
      };
      const sizes = {
        rankNameMin: px('.rank__name', (s) => Math.min(...s)),
        rankNameMax: px('.rank__name', (s) => Math.max(...s)),
        rankCount: px('.rank__count', (s) => Math.min(...s)),
        rankWantToMeet: px('.rank__meet', (s) => Math.min(...s)),
        rankPlace: px('.rank__pos', (s) => Math.min(...s)),
        liveName: px('.board__venture', (s) => s[0]!),
        liveSummary: px('.board__summary', (s) => s[0]!),
        state: px('.board__state, .board__message', (s) => s[0]!),
        stat: px('.board__stats dd', (s) => Math.min(...s)),
        rowHeight: [...board.querySelectorAll('.board__ranking li')][0]?.getBoundingClientRect().height ?? 0,
        rows: board.querySelectorAll('.board__ranking li').length,
      };
      if (sizes.rankCount && sizes.rankCount <= sizes.rankNameMax)
        problems.push(`counts (${sizes.rankCount}px) are not larger than names (${sizes.rankNameMax}px)`);
      return { problems, sizes, smallNames };
    },
    { breaks, minNamePx },
  );
}

/** Waits until the board's layout has no problem (a turning page's rows fade in first). */
async function expectClean(page: Page, minNamePx: number): Promise<Measured> {
  let last: Measured = { problems: [], sizes: {}, smallNames: [] };
  await expect
    .poll(async () => {
      last = await measure(page, BREAKS, minNamePx);
      return last.problems;
    })
    .toEqual([]);
  return last;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Written to the test's output folder too, to look at after a run without the HTML report.
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
]) {
  const tag = `${size.width}x${size.height}`;
  // 40 px at 1080p; the smaller projector shows the same screen scaled.
  const minNamePx = (40 * size.height) / 1080;

  test(`the board at ${tag}: 30 ventures on one screen, exact and readable, in every state`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(180_000);
    const board = await openPage(browser, hall.links.board, { viewport: size });
    const ranking = board.getByRole('region', { name: '関心ランキング' });
    const now = board.locator('.board__now');

    // The longest name goes on stage; with 14 taps it sits mid-ranking, off the top three.
    const live = ventureName(HALL_VENTURES[2]!);
    await control({ action: 'start', pitchId: pitchOf(live) });
    await expect(board.getByRole('heading', { name: live, exact: true })).toBeVisible();
    await expect(board.getByRole('region', { name: '発表中', exact: true })).toBeVisible();
    await expect(now).toContainText(HALL_VENTURES[2]!.summary);
    await expect(now.getByRole('list', { name: 'テーマ' }).getByRole('listitem')).toHaveText(HALL_VENTURES[2]!.tags);

    // The door's figures, counted by the server.
    await expect(board.getByLabel('来場者')).toHaveText(String(CHECKED_IN));
    await expect(board.getByLabel('参加企業')).toHaveText(String(CHECKED_IN));
    await expect(board.getByLabel('面談成立')).toHaveText(String(MEETINGS));
    await expect(ranking.getByRole('listitem').first()).toHaveAccessibleName(EXPECTED[0]!.name);

    const first = await expectClean(board, minNamePx);
    await screenshot(board, testInfo, `board-${tag}-live`);
    console.log(`${tag} sizes`, JSON.stringify(first.sizes));
    await testInfo.attach(`sizes-${tag}.json`, {
      body: JSON.stringify(first.sizes, null, 2),
      contentType: 'application/json',
    });

    // The pages turn until every venture has been on screen, each page clean, the top three and
    // the venture on stage always there, every row's place and counts exactly what the taps made.
    const seen = new Map<string, Row>();
    const pagesSeen = new Set<string>();
    const problems = new Set<string>();
    const smallNames = new Set<string>();
    const pager = ranking.getByLabel(/^ページ \d+ \/ \d+$/);
    await expect(pager).toBeVisible();
    const cycleStarted = Date.now();
    await expect
      .poll(
        async () => {
          const label = await pager.getAttribute('aria-label');
          const rows = await rowsOnScreen(board);
          if (label) pagesSeen.add(label);
          for (const row of rows) seen.set(row.name, row);
          const names = rows.map((r) => r.name);
          if (
            names.slice(0, 3).join() !==
            EXPECTED.slice(0, 3)
              .map((e) => e.name)
              .join()
          )
            problems.add(`the top three are not first: ${names.slice(0, 3).join(', ')}`);
          if (!names.includes(live)) problems.add(`the venture on stage is off the ranking on ${label}`);
          const order = rows.map((r) => EXPECTED.findIndex((e) => e.name === r.name));
          if (order.some((o, i) => i > 0 && o < order[i - 1]!))
            problems.add(`rows out of order on ${label}: ${names.join(', ')}`);
          const measured = await measure(board, BREAKS, minNamePx);
          for (const p of measured.problems) problems.add(`${label}: ${p}`);
          for (const name of measured.smallNames) smallNames.add(name);
          return seen.size;
        },
        { timeout: 7 * PAGE_MS, intervals: [PAGE_MS / 4] },
      )
      .toBe(EXPECTED.length);
    console.log(`${tag}: all 30 shown in ${Date.now() - cycleStarted} ms over ${[...pagesSeen].join(', ')}`);
    expect(
      [...seen.values()].sort(
        (a, b) => EXPECTED.findIndex((e) => e.name === a.name) - EXPECTED.findIndex((e) => e.name === b.name),
      ),
    ).toEqual(EXPECTED.map((e) => ({ name: e.name, place: e.place, total: e.total, wantToMeet: e.wantToMeet })));
    expect(pagesSeen.size).toBeGreaterThan(1);
    console.log(`${tag}: names under ${minNamePx.toFixed(1)}px (a word wider than the row):`, [...smallNames]);
    expect([...problems]).toEqual([]);

    // Paused: the state replaces 発表中 in large type; the venture stays on stage.
    await control({ action: 'pause' });
    await expect(board.getByRole('region', { name: '一時停止中', exact: true })).toBeVisible();
    await expect(now.getByText('発表中', { exact: true })).toHaveCount(0);
    const paused = await expectClean(board, minNamePx);
    expect(paused.sizes.state).toBeGreaterThanOrEqual((55 * size.height) / 1080);
    await screenshot(board, testInfo, `board-${tag}-paused`);

    // Between pitches: no venture on stage, the wait said in large type.
    await control({ action: 'stop' });
    await expect(board.getByRole('heading', { name: '次の発表をお待ちください' })).toBeVisible();
    await expect(board.getByRole('heading', { name: live, exact: true })).toHaveCount(0);
    await expect(board.getByText(/発表中|一時停止中/)).toHaveCount(0);
    await expectClean(board, minNamePx);
    await screenshot(board, testInfo, `board-${tag}-between`);

    // The end: after the last pitch, the program is over, with nothing live left above it.
    await control({ action: 'start', pitchId: pitchOf(ventureName(HALL_VENTURES.at(-1)!)) });
    await expect(board.getByRole('region', { name: '発表中', exact: true })).toBeVisible();
    await control({ action: 'next' });
    await expect(board.getByRole('heading', { name: 'すべての発表が終了しました' })).toBeVisible();
    await expect(board.getByText(/発表中|一時停止中|次の発表/)).toHaveCount(0);
    await expect(board.getByRole('timer')).toHaveCount(0);
    const ended = await expectClean(board, minNamePx);
    expect(ended.sizes.state).toBeGreaterThanOrEqual((55 * size.height) / 1080);
    await screenshot(board, testInfo, `board-${tag}-ended`);

    // The venue's Wi-Fi drops: the board says so over its top edge, in large type, and does not scroll.
    await board.context().setOffline(true);
    const banner = board.getByRole('status').filter({ hasText: 'オフライン' });
    await expect(banner).toBeVisible();
    await expect.poll(async () => (await banner.boundingBox())?.y).toBe(0);
    await expectClean(board, minNamePx);
    await screenshot(board, testInfo, `board-${tag}-offline`);
    await board.context().setOffline(false);
    await expect(banner).toHaveCount(0);

    // Counts and ventures' profiles only: no firm is ever named.
    await expect(board.locator('body')).not.toContainText(new RegExp(HALL_FIRMS.join('|')));
  });
}
