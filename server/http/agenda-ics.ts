/**
 * A person's meetings as an iCalendar file (RFC 5545), for their phone's calendar. Times in UTC, so
 * any calendar shows them in its own zone; lines folded and text escaped as the format requires.
 *
 * Only agreed meetings: a proposal of 「自動で組む」 that a side has not confirmed is left out, not
 * marked TENTATIVE. The file is imported once (METHOD:PUBLISH, no subscription), so a tentative
 * event would stay in the calendar after the proposal is declined, and Google Calendar shows an
 * imported STATUS:TENTATIVE as an ordinary event anyway. Once both confirm, the next download has it.
 */
import type { MeetingInfo } from '../../shared/model.js';
import { awaitsConfirmation } from '../domain/meeting-rules.js';

const escapeText = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/([,;])/g, '\\$1');

const stamp = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Lines longer than 75 octets continue on the next line after a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line);
  if (bytes.length <= 75) return line;
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

export function agendaIcs(input: {
  eventName: string;
  venue: string;
  myOrgId: string;
  meetings: MeetingInfo[];
  now: number;
  /** The app's public address: each meeting links back to the agenda on the phone. */
  appUrl: string;
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//pitch-match//agenda//JA',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const m of input.meetings.filter((x) => x.status !== 'cancelled' && !awaitsConfirmation(x))) {
    const other = m.guestOrgId === input.myOrgId ? m.ventureOrgName : m.guestOrgName;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.id}@pitch-match`,
      `DTSTAMP:${stamp(input.now)}`,
      `DTSTART:${stamp(m.slotStart)}`,
      `DTEND:${stamp(m.slotEnd)}`,
      `SUMMARY:${escapeText(`面談 / Meeting: ${other}`)}`,
      `LOCATION:${escapeText(`${input.venue} テーブル / table ${m.table}`)}`,
      `DESCRIPTION:${escapeText(input.eventName)}`,
      `URL:${input.appUrl}/`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
