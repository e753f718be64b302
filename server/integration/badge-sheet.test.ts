/**
 * The badge sheet over real HTTP and SQLite: which badges a sheet prints (everyone, one kind, chosen
 * people, the ones not marked printed), where (the stock's positions from a start position), and
 * the print record: 「印刷しました」 marks exactly the badges on the sheet, a badge reissued since
 * is not marked (and is new again), and only organizers keep the record.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/errors.js';
import type { DoorLinkInfo } from '../../shared/protocol.js';
import { call, signIn, type Harness, startWithOrganizer } from '../testing/harness.js';

let h: Harness;
let cookie: string;
beforeEach(async () => {
  ({ h, cookie } = await startWithOrganizer());
});
afterEach(() => h.stop());

const guests = () => h.links.people.filter((p) => p.role !== 'organizer');

async function sheet(query = ''): Promise<string> {
  const res = await fetch(`${h.baseUrl}/organizer/badges/print${query}`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return res.text();
}

/** Each badge on a sheet: its person, version and place, in print order. */
function badgesOf(html: string) {
  return [
    ...html.matchAll(
      /<article class="badge" data-person="([^"]+)" data-version="([^"]+)" style="left:([\d.]+)mm;top:([\d.]+)mm;width:([\d.]+)mm;height:([\d.]+)mm/g,
    ),
  ].map(([, personId, version, left, top, width, height]) => ({
    personId: personId!,
    version: version!,
    box: [left, top, width, height].map(Number),
  }));
}

const pages = (html: string) => html.match(/<section class="page"/g)?.length ?? 0;

async function mark(badges: { personId: string; version: string }[], as = cookie) {
  const res = await fetch(`${h.baseUrl}/api/badges/printed`, {
    method: 'POST',
    headers: { cookie: as, 'content-type': 'application/json', origin: h.baseUrl },
    body: JSON.stringify({ badges }),
  });
  return {
    status: res.status,
    body: (await res.json()) as Ack<{ marked: string[]; stale: string[]; unknown: number }>,
  };
}

async function printedIds(): Promise<string[]> {
  const res = await fetch(`${h.baseUrl}/api/badges/status`, { headers: { cookie } });
  const body = (await res.json()) as Ack<{ printed: { personId: string }[] }>;
  if (!body.ok) throw new Error(body.error.message);
  return body.data.printed.map((p) => p.personId);
}

describe('the badge sheet', () => {
  it('places badges at the stock’s positions, from the start position of a part-used sheet', async () => {
    h.addFirms(12);
    const count = guests().length + 12;
    const html = await sheet('?stock=card-10&start=7');
    const badges = badgesOf(html);
    expect(badges).toHaveLength(count);
    // Position 7 of the 10-up card stock: the left card of the fourth row, 14 mm and 11 + 3·55 mm in.
    expect(badges[0]!.box).toEqual([14, 176, 91, 55]);
    expect(badges[4]!.box).toEqual([14, 11, 91, 55]);
    expect(pages(html)).toBe(1 + Math.ceil((count - 4) / 10));
    expect(html).toContain(`${count} 枚・${pages(html)} ページ`);
    expect(html).toContain('size: 210mm 297mm; margin: 0;');
  });

  it('prints one kind, or chosen people, on the stock asked for, with cut lines on plain paper', async () => {
    const firms = h.links.people.filter((p) => p.role === 'firm').length;
    const firmSheet = await sheet('?kind=firm&stock=label-8');
    expect(badgesOf(firmSheet)).toHaveLength(firms);
    expect(badgesOf(firmSheet)[0]!.box).toEqual([0, 0, 105, 74.25]);
    expect(firmSheet).not.toContain('class="sheets cut"');

    const all = badgesOf(await sheet());
    const chosen = [all[2]!.personId, all[0]!.personId];
    const holder = await sheet(`?people=${chosen.join(',')}&stock=holder-90x60`);
    expect(badgesOf(holder).map((b) => b.personId)).toEqual([all[0]!.personId, all[2]!.personId]);
    expect(badgesOf(holder)[1]!.box).toEqual([105, 28.5, 90, 60]);
    expect(holder).toContain('class="sheets cut"');
    expect(await sheet('?people=&stock=holder-90x60&cut=0')).not.toContain('class="sheets cut"');
    // A stock or start it does not have: the 10-up card stock from position 1.
    expect(badgesOf(await sheet('?stock=nonsense&start=40'))[0]!.box).toEqual([14, 11, 91, 55]);
  });

  it('「印刷しました」 marks the sheet’s badges; a badge reissued since stays new', async () => {
    const all = badgesOf(await sheet());
    expect(await sheet()).toContain('data-mark-printed');
    expect(badgesOf(await sheet('?only=new'))).toHaveLength(all.length);

    // The sheet was printed; one badge is reissued before 「印刷しました」 is pressed.
    const organizer = await h.connectAs(h.person('organizer').url);
    const lost = all[1]!.personId;
    const reissued = await call(organizer, 'badge:reissue', { personId: lost, key: randomUUID().replaceAll('-', '') });
    expect(reissued.ok).toBe(true);
    const answer = await mark(all.map(({ personId, version }) => ({ personId, version })));
    expect(answer.body).toEqual({
      ok: true,
      data: { marked: all.map((b) => b.personId).filter((id) => id !== lost), stale: [lost], unknown: 0 },
    });
    expect(new Set(await printedIds())).toEqual(new Set(all.map((b) => b.personId).filter((id) => id !== lost)));
    expect(badgesOf(await sheet('?only=new')).map((b) => b.personId)).toEqual([lost]);

    // A later reissue makes a printed badge new again.
    const again = all[0]!.personId;
    await call(organizer, 'badge:reissue', { personId: again, key: randomUUID().replaceAll('-', '') });
    expect(badgesOf(await sheet('?only=new')).map((b) => b.personId)).toEqual([all[0]!.personId, lost]);
    organizer.disconnect();
  });

  it('refuses a mark that is not a list of badges, and a mark from a participant', async () => {
    const bad = await fetch(`${h.baseUrl}/api/badges/printed`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: h.baseUrl },
      body: JSON.stringify({ badges: [{ personId: 'x' }] }),
    });
    expect(bad.status).toBe(400);
    const firmCookie = await h.signIn(h.person('firm').url);
    const all = badgesOf(await sheet());
    expect((await mark(all, firmCookie)).status).toBe(403);
    expect(await printedIds()).toEqual([]);
  });
  it('a reception station prints its walk-in’s badge as before, with no print record to keep', async () => {
    const made = await fetch(`${h.baseUrl}/api/door-links`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: h.baseUrl },
      body: JSON.stringify({ station: '受付A' }),
    });
    const link = ((await made.json()) as { data: DoorLinkInfo }).data;
    const doorCookie = await signIn(link.url);
    const station = await h.connectAs(link.url);
    const walkIn = await call(station, 'person:register', {
      name: '当日 花子',
      company: '当日参加株式会社',
      kind: 'firm',
      checkIn: true,
      station: '受付A',
      key: randomUUID(),
    });
    if (!walkIn.ok) throw new Error(walkIn.error.message);
    const res = await fetch(`${h.baseUrl}/organizer/badges/print?person=${walkIn.data.person.id}`, {
      headers: { cookie: doorCookie },
    });
    const html = await res.text();
    expect(badgesOf(html).map((b) => b.personId)).toEqual([walkIn.data.person.id]);
    expect(html).toContain('当日 花子');
    expect(html).not.toContain('data-mark-printed');
    expect((await mark(badgesOf(html), doorCookie)).status).toBe(403);
    station.disconnect();
  });
});
