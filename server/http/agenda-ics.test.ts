/**
 * The agenda file as a calendar reads it (RFC 5545): folded lines, escaped text, one VEVENT per
 * meeting with a UID that survives a move, a SEQUENCE that grows, cancellations kept for a while,
 * and a 5-minute alarm.
 */
import { describe, expect, it } from 'vitest';
import { agendaIcs, CANCELLED_KEPT_MS, escapeText, fold, type CalendarMeeting } from './agenda-ics.js';

const NOW = Date.UTC(2026, 10, 30, 0, 0);
const START = Date.UTC(2026, 11, 10, 6, 0); // 15:00 in Tokyo

const meeting = (over: Partial<CalendarMeeting> = {}): CalendarMeeting => ({
  id: 'm1',
  requestId: null,
  guestOrgId: 'firm',
  guestOrgName: '株式会社ABC, 製作所; 本社',
  ventureOrgId: 'venture',
  ventureOrgName: 'ドローン測量',
  slotStart: START,
  slotEnd: START + 15 * 60_000,
  table: '7',
  status: 'scheduled',
  nextStep: '',
  outcome: 'none',
  pocStartedOn: null,
  contractOn: null,
  outcomeNote: '',
  sequence: 0,
  updatedAt: NOW - 3600_000,
  everAgreed: true,
  ...over,
});

const file = (meetings: CalendarMeeting[], now = NOW, myOrgId = 'venture') =>
  agendaIcs({
    eventName: '第3回 ピッチ\\イベント',
    venue: '市民ホール',
    myOrgId,
    meetings,
    now,
    appUrl: 'https://pitch.example.jp',
  });

/** Unfolded content lines (a CRLF followed by a space continues the line before). */
const lines = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');
const events = (ics: string) =>
  lines(ics)
    .join('\n')
    .split('BEGIN:VEVENT')
    .slice(1)
    .map((e) => e.split('END:VEVENT')[0]!.trim().split('\n'));
const field = (event: string[], name: string) => event.find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1);

describe('the agenda file', () => {
  it('folds every line at 75 octets without splitting a character, and ends lines with CRLF', () => {
    const ics = file([meeting({ guestOrgName: 'とても長い会社名の株式会社'.repeat(6) })]);
    const raw = ics.split('\r\n');
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(raw.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(raw.some((l) => l.startsWith(' '))).toBe(true);
    // Unfolding gives the summary back whole, each Japanese character intact.
    expect(field(events(ics)[0]!, 'SUMMARY')).toBe(`面談 / Meeting: ${'とても長い会社名の株式会社'.repeat(6)}`);
    expect(fold('a'.repeat(75))).toBe('a'.repeat(75));
    expect(fold('a'.repeat(76)).split('\r\n ')).toEqual(['a'.repeat(75), 'a']);
    expect(
      fold('あ'.repeat(30))
        .split('\r\n ')
        .map((p) => Buffer.byteLength(p)),
    ).toEqual([75, 15]);
  });

  it('escapes backslashes, commas, semicolons and newlines in text, and drops other control characters', () => {
    expect(escapeText('a\\b, c; d\r\ne\nf\u0007')).toBe('a\\\\b\\, c\\; d\\ne\\nf');
    const ics = file([meeting()], NOW, 'venture');
    expect(field(events(ics)[0]!, 'SUMMARY')).toBe('面談 / Meeting: 株式会社ABC\\, 製作所\\; 本社');
    expect(field(events(ics)[0]!, 'DESCRIPTION')).toBe('第3回 ピッチ\\\\イベント');
  });

  it('publishes a calendar whose event has a stable UID on the public host, its SEQUENCE, times in UTC and a 5-minute alarm', () => {
    const ics = file([meeting({ sequence: 0 })]);
    expect(lines(ics).slice(0, 5)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//pitch-match//agenda//JA',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
    ]);
    const [event] = events(ics);
    expect(field(event!, 'UID')).toBe('meeting-m1@pitch.example.jp');
    expect(field(event!, 'SEQUENCE')).toBe('0');
    expect(field(event!, 'DTSTAMP')).toBe('20261130T000000Z');
    expect(field(event!, 'DTSTART')).toBe('20261210T060000Z');
    expect(field(event!, 'DTEND')).toBe('20261210T061500Z');
    expect(field(event!, 'STATUS')).toBe('CONFIRMED');
    const alarm = event!.slice(event!.indexOf('BEGIN:VALARM'), event!.indexOf('END:VALARM') + 1);
    expect(alarm).toEqual([
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'TRIGGER:-PT5M',
      'DESCRIPTION:5分後に面談: 株式会社ABC\\, 製作所\\; 本社（テーブル 7） / Meeting in 5 minutes: 株式会社ABC\\, 製作所\\; 本社 (table 7)',
      'END:VALARM',
    ]);
  });

  it('keeps the UID across a move and carries the higher SEQUENCE, so the calendar replaces its copy', () => {
    const before = events(file([meeting({ sequence: 0 })]))[0]!;
    const moved = events(
      file([meeting({ sequence: 1, slotStart: START + 3600_000, slotEnd: START + 4500_000, table: '3' })]),
    )[0]!;
    expect(field(moved, 'UID')).toBe(field(before, 'UID'));
    expect(Number(field(moved, 'SEQUENCE'))).toBeGreaterThan(Number(field(before, 'SEQUENCE')));
    expect(field(moved, 'DTSTART')).toBe('20261210T070000Z');
    expect(field(moved, 'LOCATION')).toBe('市民ホール テーブル / table 3');
  });

  it('sends a cancelled meeting as STATUS:CANCELLED with no alarm, for 30 days after it was cancelled', () => {
    const cancelled = meeting({ status: 'cancelled', sequence: 2, updatedAt: NOW });
    const [event] = events(file([cancelled]));
    expect(field(event!, 'UID')).toBe('meeting-m1@pitch.example.jp');
    expect(field(event!, 'STATUS')).toBe('CANCELLED');
    expect(field(event!, 'SEQUENCE')).toBe('2');
    expect(event).not.toContain('BEGIN:VALARM');
    expect(events(file([cancelled], NOW + CANCELLED_KEPT_MS))).toHaveLength(1);
    expect(events(file([cancelled], NOW + CANCELLED_KEPT_MS + 1))).toHaveLength(0);
  });

  it('leaves out a proposal awaiting a side, and one cancelled before both agreed (no calendar had it)', () => {
    const awaiting = meeting({ id: 'p1', proposal: { guestConfirmed: true, ventureConfirmed: false } });
    const declined = meeting({ id: 'p2', status: 'cancelled', everAgreed: false, updatedAt: NOW });
    const agreed = meeting({ id: 'm3' });
    expect(events(file([awaiting, declined, agreed])).map((e) => field(e, 'UID'))).toEqual([
      'meeting-m3@pitch.example.jp',
    ]);
  });

  it('names the other side: a venture sees the firm, the firm sees the venture', () => {
    expect(field(events(file([meeting()], NOW, 'firm'))[0]!, 'SUMMARY')).toBe('面談 / Meeting: ドローン測量');
  });
});
