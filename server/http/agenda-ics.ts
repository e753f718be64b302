/**
 * A person's meetings as an iCalendar file (RFC 5545), for their phone's calendar: the one-time
 * download and the subscribed feed (`/cal/SECRET.ics`) are the same file. Times in UTC, so any
 * calendar shows them in its own zone; lines folded and text escaped as the format requires.
 *
 * A calendar that imported the file updates it from the next one by the event's UID and SEQUENCE:
 * the UID is the meeting's own (`meeting-<id>@<public host>`, the same across moves), the SEQUENCE
 * its version (meetings.sequence, raised on each move or cancel), and a cancelled meeting stays in
 * the file as STATUS:CANCELLED for `CANCELLED_KEPT_MS` after it was cancelled, so a subscribed or
 * re-imported calendar removes it rather than keeping a meeting that is not going to happen.
 *
 * Only agreed meetings: a proposal of 「自動で組む」 that a side has not confirmed is left out, not
 * marked TENTATIVE (Google Calendar shows an imported STATUS:TENTATIVE as an ordinary event), and a
 * proposal cancelled before both agreed never reached a calendar, so it is not sent as CANCELLED.
 */
import type { MeetingInfo } from '../../shared/model.js';
import { awaitsConfirmation } from '../domain/meeting-rules.js';

/** How long a cancelled meeting stays in the file: a subscribed calendar refreshes within hours to a day. */
export const CANCELLED_KEPT_MS = 30 * 24 * 3600_000;
/** The alarm before each meeting (Brella and Swapcard remind 5 minutes ahead). */
export const ALARM_MINUTES = 5;

/** What the calendar needs of one meeting beyond MeetingInfo (store/calendar-feeds.ts). */
export interface CalendarMeeting extends MeetingInfo {
  sequence: number;
  updatedAt: number;
  everAgreed: boolean;
}

/** TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newlines escaped; other controls dropped. */
export const escapeText = (text: string): string =>
  text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/([,;])/g, '\\$1');

const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/**
 * Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), split between
 * characters, never inside a UTF-8 sequence: a continuation's leading space is one of its 75 octets.
 */
export function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (Buffer.byteLength(current + ch) > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The meetings the file carries: agreed ones, and cancelled ones a calendar may hold, for a while. */
export function calendarMeetings(meetings: readonly CalendarMeeting[], now: number): CalendarMeeting[] {
  return meetings.filter((m) =>
    m.status === 'cancelled' ? m.everAgreed && now - m.updatedAt <= CANCELLED_KEPT_MS : !awaitsConfirmation(m),
  );
}

export function agendaIcs(input: {
  eventName: string;
  venue: string;
  myOrgId: string;
  meetings: readonly CalendarMeeting[];
  now: number;
  /** The app's public address: UIDs carry its host; each meeting links back to the agenda on the phone. */
  appUrl: string;
}): string {
  const host = new URL(input.appUrl).host;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//pitch-match//agenda//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${input.eventName} 面談 / Meetings`)}`,
    // A subscribed calendar asks again within the hour (Apple and Outlook read these; Google keeps its own pace).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
  ];
  const shown = calendarMeetings(input.meetings, input.now).sort((a, b) => a.slotStart - b.slotStart);
  for (const m of shown) {
    const other = m.guestOrgId === input.myOrgId ? m.ventureOrgName : m.guestOrgName;
    const cancelled = m.status === 'cancelled';
    lines.push(
      'BEGIN:VEVENT',
      `UID:meeting-${m.id}@${host}`,
      `SEQUENCE:${m.sequence}`,
      `DTSTAMP:${stamp(input.now)}`,
      `LAST-MODIFIED:${stamp(m.updatedAt)}`,
      `DTSTART:${stamp(m.slotStart)}`,
      `DTEND:${stamp(m.slotEnd)}`,
      `SUMMARY:${escapeText(`${cancelled ? '【中止 / Cancelled】' : ''}面談 / Meeting: ${other}`)}`,
      `LOCATION:${escapeText(`${input.venue} テーブル / table ${m.table}`)}`,
      `DESCRIPTION:${escapeText(input.eventName)}`,
      `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      `URL:${input.appUrl}/`,
    );
    if (!cancelled) {
      lines.push(
        'BEGIN:VALARM',
        'ACTION:DISPLAY',
        `TRIGGER:-PT${ALARM_MINUTES}M`,
        `DESCRIPTION:${escapeText(`${ALARM_MINUTES}分後に面談: ${other}（テーブル ${m.table}） / Meeting in ${ALARM_MINUTES} minutes: ${other} (table ${m.table})`)}`,
        'END:VALARM',
      );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
