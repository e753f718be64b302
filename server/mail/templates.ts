/**
 * The mails' words: invitation, meeting confirmation and the day-before reminder, each with the
 * Japanese first and the English below in one mail (a person reads whichever they read), as plain
 * text and as HTML. Server-rendered like the printed report, so the text lives here, not in the
 * client's message table. Pure: the caller passes the event, the person, the link and the times.
 */
import { escapeHtml as escape } from '../http/pages.js';

/** The cid of the inline QR image in an invitation. */
export const QR_CID = 'badge-qr@pitch-match';

export interface MailEvent {
  name: string;
  date: string;
  venue: string;
  timeZone: string;
}

export interface MailMeeting {
  slotStart: number;
  slotEnd: number;
  table: string;
  /** The other side's organization. */
  other: string;
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

const time = (ms: number, timeZone: string) =>
  new Intl.DateTimeFormat('ja-JP', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

/** 2026年12月2日(水) / Wed, 2 December 2026 */
function dayOf(date: string, lang: 'ja' | 'en'): string {
  const d = new Date(`${date}T12:00:00Z`);
  return lang === 'ja'
    ? new Intl.DateTimeFormat('ja-JP', { dateStyle: 'full', timeZone: 'UTC' }).format(d)
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(d);
}

/** Both languages, Japanese first, in one body. */
function both(ja: string[], en: string[]): { text: string; html: string } {
  const text = `${ja.join('\n')}\n\n---------- English ----------\n\n${en.join('\n')}\n`;
  const para = (lines: string[]) => lines.map((l) => (l === '' ? '' : `<p>${l}</p>`)).join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.6">
<div lang="ja">${para(ja.map(linkify))}</div>
<hr>
<div lang="en">${para(en.map(linkify))}</div>
</body></html>`;
  return { text, html };
}

/** Escapes a line for HTML and makes its http(s) addresses links. */
function linkify(line: string): string {
  return escape(line).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}

const meetingLine = (m: MailMeeting, tz: string, lang: 'ja' | 'en') =>
  lang === 'ja'
    ? `・${time(m.slotStart, tz)}–${time(m.slotEnd, tz)} テーブル ${m.table} ${m.other}`
    : `- ${time(m.slotStart, tz)}–${time(m.slotEnd, tz)}, table ${m.table}, ${m.other}`;

export function invitationMail(event: MailEvent, person: { name: string }, link: string): Rendered {
  const venueJa = event.venue ? [`会場: ${event.venue}`] : [];
  const venueEn = event.venue ? [`Venue: ${event.venue}`] : [];
  const body = both(
    [
      `${person.name} 様`,
      '',
      `「${event.name}」にご参加いただきありがとうございます。`,
      `日時: ${dayOf(event.date, 'ja')}`,
      ...venueJa,
      '',
      '当日は受付で、このメールのQRコード（または名札）をお見せください。',
      'このリンクを開くと、スマートフォンでアプリにログインできます（インストール不要）:',
      link,
      'ログイン後は、メニューの「自分の名札」でもQRコードを表示できます。',
      'このリンクはあなた専用です。他の方に転送しないでください。',
    ],
    [
      `Dear ${person.name},`,
      '',
      `Thank you for joining "${event.name}".`,
      `Date: ${dayOf(event.date, 'en')}`,
      ...venueEn,
      '',
      'On the day, show this QR code (or your badge) at reception.',
      'Open this link to sign in to the app on your phone (nothing to install):',
      link,
      'Once signed in, "My badge" (自分の名札) in the menu shows the QR code too.',
      'This link is yours alone: please do not forward it.',
    ],
  );
  const qr = `<p style="text-align:center"><img src="cid:${QR_CID}" alt="QR" width="240" height="240"></p>`;
  return {
    subject: `「${event.name}」のご案内 / Invitation: ${event.name}`,
    text: body.text,
    html: body.html.replace('<hr>', `${qr}\n<hr>`),
  };
}

export function confirmationMail(
  event: MailEvent,
  person: { name: string },
  meeting: MailMeeting,
  links: { signIn: string; ics: string },
): Rendered {
  const tz = event.timeZone;
  const when = `${time(meeting.slotStart, tz)}–${time(meeting.slotEnd, tz)}`;
  const body = both(
    [
      `${person.name} 様`,
      '',
      `「${event.name}」での面談が決まりました。`,
      `日時: ${dayOf(event.date, 'ja')} ${when}`,
      `テーブル: ${meeting.table}`,
      `お相手: ${meeting.other}`,
      '',
      `カレンダー用ファイル（.ics、下のリンクでログインした端末で開けます）: ${links.ics}`,
      `アプリ: ${links.signIn}`,
    ],
    [
      `Dear ${person.name},`,
      '',
      `Your meeting at "${event.name}" is confirmed.`,
      `When: ${dayOf(event.date, 'en')}, ${when}`,
      `Table: ${meeting.table}`,
      `With: ${meeting.other}`,
      '',
      `Calendar file (.ics; opens on a device signed in with the link below): ${links.ics}`,
      `The app: ${links.signIn}`,
    ],
  );
  return {
    subject: `面談確定 ${when} ${meeting.other} / Meeting confirmed: ${when}, ${meeting.other}`,
    ...body,
  };
}

export function reminderMail(
  event: MailEvent,
  person: { name: string },
  meetings: readonly MailMeeting[],
  link: string,
): Rendered {
  const tz = event.timeZone;
  const sorted = [...meetings].sort((a, b) => a.slotStart - b.slotStart);
  const venueJa = event.venue ? [`会場: ${event.venue}`] : [];
  const venueEn = event.venue ? [`Venue: ${event.venue}`] : [];
  const body = both(
    [
      `${person.name} 様`,
      '',
      `明日は「${event.name}」です（${dayOf(event.date, 'ja')}）。`,
      ...venueJa,
      '',
      sorted.length ? 'あなたの面談:' : '面談の予定はまだありません。',
      ...sorted.map((m) => meetingLine(m, tz, 'ja')),
      '',
      `受付では名札か「自分の名札」のQRコードをお見せください。アプリ: ${link}`,
    ],
    [
      `Dear ${person.name},`,
      '',
      `"${event.name}" is tomorrow (${dayOf(event.date, 'en')}).`,
      ...venueEn,
      '',
      sorted.length ? 'Your meetings:' : 'No meetings are booked for you yet.',
      ...sorted.map((m) => meetingLine(m, tz, 'en')),
      '',
      `At reception, show your badge or the QR code of "My badge". The app: ${link}`,
    ],
  );
  return { subject: `明日は「${event.name}」です / Tomorrow: ${event.name}`, ...body };
}

/** The console's test mail: the server works, and from which address mails go. */
export function testMail(event: MailEvent, from: string): Rendered {
  const body = both(
    [`「${event.name}」のメール設定のテストです。このメールが届いていれば、送信できます。`, `差出人: ${from}`],
    [`This is a test of the mail settings of "${event.name}". If it arrived, the app can send mail.`, `From: ${from}`],
  );
  return { subject: `テストメール / Test mail: ${event.name}`, ...body };
}
