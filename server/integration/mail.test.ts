/**
 * E-mail end to end against a real SMTP server started here (server/testing/smtp.ts) and the real
 * app: the organizer's settings (the password never comes back), invitations read as they arrived
 * (subject, both languages, the badge's own link, the inline QR), a server that refuses (logged as
 * failed, retried, then sent), a reason never sent twice, confirmations when a meeting is booked and
 * again when it moves (and back), the day-before reminder once, a console that answers while SMTP hangs,
 * a stop mid-send that neither loses the outcome nor sends twice after a restart, the people CSV's
 * links, and the phone's 「自分の名札」.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import QRCode from 'qrcode';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/errors.js';
import type { MailView, MyBadgeView, SmtpSettingsInput } from '../../shared/mail.js';
import type { GridSettings, OrgKind } from '../../shared/model.js';
import { makeToken, newNonce } from '../auth/tokens.js';
import { dayBefore } from '../domain/mail.js';
import { slotsOf, zonedTime } from '../domain/slots.js';
import { openDb } from '../store/db.js';
import { MailRecords } from '../store/mail.js';
import { Store } from '../store/store.js';
import { startHarness, type Harness } from '../testing/harness.js';
import { call, type ClientSocket } from '../testing/socket-client.js';
import { startTestSmtp, type ReceivedMail, type TestSmtp } from '../testing/smtp.js';

const GRID: GridSettings = {
  windows: [{ start: '10:00', end: '12:00' }],
  slotMinutes: 20,
  bufferMinutes: 0,
  tables: ['1', '2', '3'],
  capPerOrg: null,
  breaks: [],
};

let h: Harness;
let smtp: TestSmtp;
let cookie: string;
let clock: number;
let date: string;
let timeZone: string;

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  const event = h.store.getEvent(h.eventId)!;
  ({ date, timeZone } = event);
  // Two days before the event: nothing is due but what the test sends.
  clock = zonedTime(dayBefore(dayBefore(date)), '10:00', timeZone);
  h.store.setGrid(h.eventId, GRID);
  smtp = await startTestSmtp({ user: 'city-office', pass: 's3cret-pass' });
  cookie = await h.signIn(h.person('organizer').url);
});

afterAll(async () => {
  await h.stop();
  await smtp.close();
});

afterEach(() => {
  smtp.refuse = false;
});

async function api<T>(
  path: string,
  body?: unknown,
  as = cookie,
): Promise<{ status: number; ack: Ack<T>; text: string }> {
  const res = await fetch(`${h.baseUrl}${path}`, {
    ...(body === undefined
      ? { headers: { cookie: as } }
      : {
          method: 'POST',
          headers: { cookie: as, 'content-type': 'application/json', origin: h.baseUrl },
          body: JSON.stringify(body),
        }),
  });
  const text = await res.text();
  return { status: res.status, ack: JSON.parse(text) as Ack<T>, text };
}

const settings = (over: Partial<SmtpSettingsInput> = {}): SmtpSettingsInput => ({
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  username: 'city-office',
  password: 's3cret-pass',
  fromAddress: 'office@city.example.jp',
  fromName: '市役所 産業振興課',
  ...over,
});

let n = 0;
/** A company of one person with an address, and that person's sign-in link (the badge's). */
function member(kind: OrgKind): { orgId: string; personId: string; email: string; company: string; url: string } {
  const i = ++n;
  const orgId = randomUUID();
  const personId = randomUUID();
  const nonce = newNonce();
  const email = `${kind}${i}.${orgId.slice(0, 6)}@example.jp`;
  const company = `メール${kind}会社${i}`;
  h.store.insertOrganization({ id: orgId, eventId: h.eventId, kind, name: company });
  h.store.insertPerson({
    id: personId,
    eventId: h.eventId,
    organizationId: orgId,
    name: `宛先 ${kind}${i}`,
    email,
    badgeNonce: nonce,
    createdAt: clock,
  });
  return { orgId, personId, email, company, url: `${h.baseUrl}/t/${makeToken(h.secret, 'person', nonce)}` };
}

const logOf = async () => (await api<MailView>('/api/mail')).ack as { ok: true; data: MailView };
const arrived = async (address: string, count = 1): Promise<ReceivedMail[]> => {
  await vi.waitFor(() => expect(smtp.to(address)).toHaveLength(count), { timeout: 15_000, interval: 50 });
  return smtp.to(address);
};
const key = () => randomUUID().replaceAll('-', '');

/** The organizer books the pair by hand at the grid's `slot`-th slot and `table`; the meeting's id. */
async function bookByHand(
  organizer: ClientSocket,
  guestOrgId: string,
  ventureOrgId: string,
  slot: number,
  table: string,
): Promise<string> {
  const booked = await call(organizer, 'meeting:book', {
    guestOrgId,
    ventureOrgId,
    slotStart: slotsOf(GRID, date, timeZone)[slot]!.start,
    table,
    key: key(),
  });
  expect(booked.ok).toBe(true);
  return booked.ok ? booked.data.id : '';
}

describe('settings', () => {
  it('stores the server; the password is write-only and kept when left out', async () => {
    const saved = await api('/api/mail/settings', settings());
    expect(saved.ack.ok).toBe(true);
    expect(saved.text).not.toContain('s3cret-pass');
    const { password: _omitted, ...withoutPassword } = settings({ fromName: '産業振興課' });
    expect((await api('/api/mail/settings', withoutPassword)).ack.ok).toBe(true);
    const view = await api<MailView>('/api/mail');
    expect(view.text).not.toContain('s3cret-pass');
    const data = (view.ack as { ok: true; data: MailView }).data;
    expect(data.settings).toMatchObject({ host: '127.0.0.1', passwordSet: true, fromName: '産業振興課' });
    // The kept password still signs in to the server: the test mail arrives.
    const test = await api<{ to: string }>('/api/mail/test', { to: 'me@city.example.jp' });
    expect(test.ack).toEqual({ ok: true, data: { to: 'me@city.example.jp' } });
    const [mail] = await arrived('me@city.example.jp');
    expect(mail!.subject).toContain('テストメール / Test mail');
  });

  it('a wrong password is the server’s refusal, said to the organizer', async () => {
    await api('/api/mail/settings', settings({ password: 'wrong' }));
    const test = await api('/api/mail/test', { to: 'me2@city.example.jp' });
    expect(test.status).toBe(409);
    expect(test.ack).toMatchObject({ ok: false, error: { reason: 'mail-test-failed' } });
    await api('/api/mail/settings', settings());
  });
});

describe('invitations', () => {
  it('arrive in Japanese then English, with the badge’s link and its QR inline; never twice for one click', async () => {
    await api('/api/mail/settings', settings());
    const firm = member('firm');
    const batch = key();
    const sent = await api<{ queued: number }>('/api/mail/invitations', { to: 'all', key: batch });
    expect(sent.status).toBe(202);
    expect((sent.ack as { ok: true; data: { queued: number } }).data.queued).toBeGreaterThan(0);
    const [mail] = await arrived(firm.email);
    const event = h.store.getEvent(h.eventId)!;
    expect(mail!.subject).toBe(`「${event.name}」のご案内 / Invitation: ${event.name}`);
    expect(mail!.text).toContain('宛先 firm');
    expect(mail!.text.indexOf('当日は受付で')).toBeLessThan(mail!.text.indexOf('On the day, show this QR code'));
    expect(mail!.text).toContain(firm.url);
    expect(mail!.text).toContain('自分の名札');
    expect(mail!.html).toContain(`href="${firm.url}"`);
    const qr = mail!.attachments.find((a) => a.contentType === 'image/png')!;
    expect(mail!.html).toContain(`src="cid:${qr.cid}"`);
    expect(
      qr.content.equals(await QRCode.toBuffer(firm.url, { errorCorrectionLevel: 'M', margin: 2, width: 480 })),
    ).toBe(true);
    // The same click again, then "those not yet invited": nothing more goes.
    expect((await api<{ queued: number }>('/api/mail/invitations', { to: 'all', key: batch })).ack).toMatchObject({
      data: { queued: 0 },
    });
    expect((await api('/api/mail/invitations', { to: 'uninvited', key: key() })).ack).toMatchObject({
      data: { queued: 0 },
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(firm.email)).toHaveLength(1);
    const view = (await logOf()).data;
    expect(view.log.find((l) => l.personId === firm.personId)).toMatchObject({
      kind: 'invitation',
      status: 'sent',
      attempts: 1,
    });
    expect(view.people.find((p) => p.personId === firm.personId)).toMatchObject({ invited: true, hasAddress: true });
  });

  it('a refusing server: logged as failed with its reply, retried, then sent once', async () => {
    const firm = member('firm');
    smtp.refuse = true;
    await api('/api/mail/invitations', { to: 'person', personId: firm.personId, key: key() });
    await vi.waitFor(
      async () => {
        const row = (await logOf()).data.log.find((l) => l.personId === firm.personId);
        expect(row).toMatchObject({ status: 'failed', attempts: 1 });
        expect(row!.error).toMatch(/550/);
      },
      { timeout: 15_000, interval: 100 },
    );
    // Not yet invited: a failed invitation is none.
    expect((await logOf()).data.people.find((p) => p.personId === firm.personId)?.invited).toBe(false);
    smtp.refuse = false;
    const row = (await logOf()).data.log.find((l) => l.personId === firm.personId)!;
    expect((await api(`/api/mail/log/${row.id}/retry`, {})).status).toBe(202);
    await arrived(firm.email);
    await vi.waitFor(async () =>
      expect((await logOf()).data.log.find((l) => l.id === row.id)).toMatchObject({ status: 'sent', attempts: 2 }),
    );
    // A sent mail is never sent again.
    expect((await api(`/api/mail/log/${row.id}/retry`, {})).ack).toMatchObject({
      ok: false,
      error: { reason: 'mail-not-failed' },
    });
    expect(smtp.to(firm.email)).toHaveLength(1);
  });

  it('queues and answers at once while the SMTP server hangs', async () => {
    // A server that accepts the connection and never greets.
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    await api('/api/mail/settings', settings({ port }));
    const firm = member('firm');
    const started = performance.now();
    const sent = await api('/api/mail/invitations', { to: 'person', personId: firm.personId, key: key() });
    expect(sent.status).toBe(202);
    expect(performance.now() - started).toBeLessThan(1000);
    // In the log at once: queued, or already with the (silent) server.
    expect(['queued', 'sending']).toContain((await logOf()).data.log.find((l) => l.personId === firm.personId)?.status);
    // A command on the day answers as fast: booking queues its confirmations, nothing waits for them.
    const venture = member('venture');
    const organizer = await h.connectAs(h.person('organizer').url);
    const booking = performance.now();
    await bookByHand(organizer, firm.orgId, venture.orgId, 0, '1');
    expect(performance.now() - booking).toBeLessThan(1000);
    // The server goes away: the mail fails with the connection's end, and the queue moves on.
    silent.close();
    for (const socket of sockets) socket.destroy();
    await vi.waitFor(
      async () => expect((await logOf()).data.log.find((l) => l.personId === firm.personId)?.status).toBe('failed'),
      { timeout: 15_000, interval: 100 },
    );
    await api('/api/mail/settings', settings());
  });

  it('refuses without a server and for another event’s person', async () => {
    const stranger = randomUUID();
    expect((await api('/api/mail/invitations', { to: 'person', personId: stranger, key: key() })).ack).toMatchObject({
      ok: false,
      error: { reason: 'person-unknown' },
    });
  });
});

describe('confirmations and reminders', () => {
  it('a booked meeting is confirmed to both sides once, and again when it moves', async () => {
    await api('/api/mail/settings', settings());
    const firm = member('firm');
    const venture = member('venture');
    const organizer = await h.connectAs(h.person('organizer').url);
    const slots = slotsOf(GRID, date, timeZone);
    const meetingId = await bookByHand(organizer, firm.orgId, venture.orgId, 1, '2');
    const [toFirm] = await arrived(firm.email);
    const [toVenture] = await arrived(venture.email);
    expect(toFirm!.subject).toContain('面談確定');
    expect(toFirm!.text).toContain('テーブル: 2');
    expect(toFirm!.text).toContain(`お相手: ${venture.company}`);
    expect(toFirm!.text).toContain(`With: ${venture.company}`);
    expect(toFirm!.text).toContain('/api/agenda.ics');
    expect(toVenture!.text).toContain(`お相手: ${firm.company}`);
    // The timer looks again: nothing new.
    await new Promise((r) => setTimeout(r, 2500));
    expect(smtp.to(firm.email)).toHaveLength(1);
    expect((await call(organizer, 'meeting:move', { meetingId, slotStart: slots[3]!.start, table: '3' })).ok).toBe(
      true,
    );
    const moved = await arrived(firm.email, 2);
    expect(moved[1]!.text).toContain('テーブル: 3');
  });

  it('a meeting moved away and back (A→B→A) is confirmed each time, the last one too', async () => {
    await api('/api/mail/settings', settings());
    const firm = member('firm');
    const venture = member('venture');
    const organizer = await h.connectAs(h.person('organizer').url);
    const slots = slotsOf(GRID, date, timeZone);
    const meetingId = await bookByHand(organizer, firm.orgId, venture.orgId, 4, '1');
    await arrived(firm.email, 1);
    expect((await call(organizer, 'meeting:move', { meetingId, slotStart: slots[5]!.start, table: '2' })).ok).toBe(
      true,
    );
    expect((await arrived(firm.email, 2))[1]!.text).toContain('テーブル: 2');
    expect((await call(organizer, 'meeting:move', { meetingId, slotStart: slots[4]!.start, table: '1' })).ok).toBe(
      true,
    );
    expect((await arrived(firm.email, 3))[2]!.text).toContain('テーブル: 1');
  });

  it('the day before, each person gets their meetings once', async () => {
    const firm = member('firm');
    clock = zonedTime(dayBefore(date), '09:30', timeZone);
    const reminders = () => smtp.to(firm.email).filter((m) => m.subject.startsWith('明日は'));
    await vi.waitFor(() => expect(reminders()).toHaveLength(1), { timeout: 15_000, interval: 100 });
    const [mail] = reminders();
    expect(mail!.text).toContain('面談の予定はまだありません。');
    expect(mail!.text).toContain('No meetings are booked for you yet.');
    await new Promise((r) => setTimeout(r, 2500));
    expect(reminders()).toHaveLength(1);
    clock = zonedTime(dayBefore(dayBefore(date)), '10:00', timeZone);
  });
});

describe('superseded', () => {
  it('a failed invitation overtaken by a later one is superseded: no retry, no failure counted', async () => {
    await api('/api/mail/settings', settings());
    const firm = member('firm');
    smtp.refuse = true;
    await api('/api/mail/invitations', { to: 'person', personId: firm.personId, key: key() });
    const rowOf = async () => (await logOf()).data.log.filter((l) => l.personId === firm.personId);
    await vi.waitFor(async () => expect((await rowOf())[0]?.status).toBe('failed'), { timeout: 15_000, interval: 100 });
    const failed = (await rowOf())[0]!;
    smtp.refuse = false;
    await api('/api/mail/invitations', { to: 'person', personId: firm.personId, key: key() });
    await arrived(firm.email);
    await vi.waitFor(async () => expect((await rowOf()).map((l) => l.status).sort()).toEqual(['sent', 'superseded']));
    expect((await api(`/api/mail/log/${failed.id}/retry`, {})).ack).toMatchObject({
      ok: false,
      error: { reason: 'mail-not-failed' },
    });
    expect((await logOf()).data.log.filter((l) => l.status === 'failed' && l.personId === firm.personId)).toEqual([]);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.to(firm.email)).toHaveLength(1);
  });

  it('a failed confirmation overtaken by a move is superseded, not a failure', async () => {
    const firm = member('firm');
    const venture = member('venture');
    const organizer = await h.connectAs(h.person('organizer').url);
    const slots = slotsOf(GRID, date, timeZone);
    smtp.refuse = true;
    const meetingId = await bookByHand(organizer, firm.orgId, venture.orgId, 2, '3');
    const rowsOf = async (personId = firm.personId) =>
      (await logOf()).data.log.filter((l) => l.personId === personId && l.kind === 'confirmation');
    await vi.waitFor(
      async () => {
        expect((await rowsOf())[0]?.status).toBe('failed');
        expect((await rowsOf(venture.personId))[0]?.status).toBe('failed');
      },
      { timeout: 15_000, interval: 100 },
    );
    const failedBefore = (await logOf()).data.counts.failed;
    smtp.refuse = false;
    expect((await call(organizer, 'meeting:move', { meetingId, slotStart: slots[2]!.start, table: '1' })).ok).toBe(
      true,
    );
    await arrived(firm.email);
    await vi.waitFor(async () => expect((await rowsOf()).map((l) => l.status).sort()).toEqual(['sent', 'superseded']));
    // Both sides' first confirmations left the failures.
    expect((await logOf()).data.counts.failed).toBe(failedBefore - 2);
  });
});

describe('a stop mid-send', () => {
  it('settles the send in flight as sent; a restart sends nothing more, and one cut off fails as interrupted', async () => {
    // An SMTP server that takes its time to accept each mail: the stop comes while it holds one.
    const accepted: string[] = [];
    let holding = false;
    const slow = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, session, callback) {
        holding = true;
        stream.resume();
        stream.on('end', () =>
          setTimeout(() => {
            accepted.push(...session.envelope.rcptTo.map((r) => r.address));
            callback();
          }, 1500),
        );
      },
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const port = (slow.server.address() as net.AddressInfo).port;
    const first = await startHarness({ now: () => clock });
    const records = new MailRecords(first.store.sql);
    records.saveSettings(
      first.eventId,
      {
        host: '127.0.0.1',
        port,
        security: 'none',
        username: '',
        password: '',
        fromAddress: 'office@city.example.jp',
        fromName: '',
        confirmations: false,
        reminders: false,
      },
      clock,
    );
    const person = first.store.records.people.list(first.eventId).find((p) => p.role === 'firm')!;
    first.store.sql.prepare('UPDATE people SET email = ? WHERE id = ?').run('slow@example.jp', person.id);
    const mailId = randomUUID();
    records.enqueue({ id: mailId, eventId: first.eventId, personId: person.id, reason: `invitation:${key()}` }, clock);
    await vi.waitFor(() => expect(holding).toBe(true), { timeout: 15_000, interval: 20 });
    expect(records.get(mailId)?.status).toBe('sending');
    await first.stop();
    expect(accepted).toEqual(['slow@example.jp']);
    // Read back from the file: the outcome was kept before the database closed.
    const reopened = new Store(openDb(first.dbFile));
    const row = new MailRecords(reopened.sql).get(mailId);
    expect(row?.status).toBe('sent');
    // A mail left `sending` by a process that died mid-send (no stop at all).
    const cutId = randomUUID();
    const cut = new MailRecords(reopened.sql);
    cut.enqueue({ id: cutId, eventId: first.eventId, personId: person.id, reason: `invitation:${key()}` }, clock);
    expect(cut.claim(cutId, clock)).toBe(true);
    reopened.db.close();
    const second = await startHarness({ dbFile: first.dbFile, now: () => clock });
    try {
      const again = new MailRecords(second.store.sql);
      expect(again.get(cutId)?.status).toBe('failed');
      expect(again.log(second.eventId, 10).find((l) => l.id === cutId)?.error).toBe('interrupted');
      await new Promise((r) => setTimeout(r, 2500));
      expect(accepted).toEqual(['slow@example.jp']);
      expect(again.get(mailId)?.status).toBe('sent');
    } finally {
      await second.stop();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });
});

describe('links', () => {
  it('the people CSV carries the badge’s sign-in link and a QR image only organizers open', async () => {
    const firm = member('firm');
    const csv = await (await fetch(`${h.baseUrl}/api/export/people.csv`, { headers: { cookie } })).text();
    const line = csv.split('\r\n').find((l) => l.includes(firm.email))!;
    const qrUrl = `${h.baseUrl}/organizer/badges/qr.svg?person=${firm.personId}`;
    expect(line.endsWith(`,${firm.url},${qrUrl}`)).toBe(true);
    expect((await fetch(qrUrl, { headers: { cookie } })).headers.get('content-type')).toContain('image/svg+xml');
    expect((await fetch(qrUrl)).status).toBe(401);
    const firmCookie = await h.signIn(firm.url);
    expect((await fetch(qrUrl, { headers: { cookie: firmCookie } })).status).toBe(403);
  });

  it('「自分の名札」 is the signed-in person’s own badge QR, and nobody else’s', async () => {
    const firm = member('firm');
    const badge = await api<MyBadgeView>('/api/me/badge', undefined, await h.signIn(firm.url));
    expect(badge.ack.ok).toBe(true);
    const view = (badge.ack as { ok: true; data: MyBadgeView }).data;
    expect(view).toMatchObject({ url: firm.url, orgName: firm.company });
    const printed = await (
      await fetch(`${h.baseUrl}/organizer/badges/qr.svg?person=${firm.personId}`, { headers: { cookie } })
    ).text();
    expect(view.qrSvg).toBe(printed);
    expect((await api('/api/me/badge')).status).toBe(403);
  });
});
