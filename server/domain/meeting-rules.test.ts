import { describe, expect, it } from 'vitest';
import type { MeetingStatus } from '../../shared/model.js';
import {
  awaitsConfirmation,
  keepsCap,
  keepsMeetings,
  mayRequest,
  meetingMarkable,
  meetingScheduled,
  pairFree,
  requestOpen,
} from './meeting-rules.js';
import type { Booking } from './slots.js';

const T15 = Date.UTC(2026, 10, 25, 6, 0); // 15:00 in Tokyo
const T1520 = T15 + 20 * 60_000;
const TZ = 'Asia/Tokyo';
const reasonOf = (r: { ok: boolean; error?: { reason?: string; params?: unknown } }) =>
  r.ok ? null : { reason: r.error!.reason, params: r.error!.params };

const meeting = (status: MeetingStatus, slotStart = T15, table = '1') => ({
  status,
  slotStart,
  slotEnd: slotStart + 20 * 60_000,
  table,
  guestOrgId: 'firm',
  ventureOrgId: 'venture',
  guestOrgName: 'ABC商事',
  ventureOrgName: 'ミライロボ',
});

describe('status transitions', () => {
  it('answers a request only while it is pending, naming what it became', () => {
    expect(requestOpen('pending').ok).toBe(true);
    expect(reasonOf(requestOpen('withdrawn'))).toEqual({ reason: 'request-settled', params: { status: 'withdrawn' } });
  });

  it('moves or cancels only a scheduled meeting', () => {
    expect(meetingScheduled('scheduled', 'move').ok).toBe(true);
    expect(reasonOf(meetingScheduled('held', 'cancel'))).toEqual({
      reason: 'meeting-not-scheduled',
      params: { status: 'held' },
    });
  });

  it('marks a meeting held or missed once it has started, never a cancelled one', () => {
    expect(reasonOf(meetingMarkable(meeting('scheduled'), T15 - 1))?.reason).toBe('meeting-not-started');
    expect(meetingMarkable(meeting('scheduled'), T15).ok).toBe(true);
    expect(reasonOf(meetingMarkable(meeting('cancelled'), T1520))?.reason).toBe('meeting-cancelled');
  });

  it('does not mark a proposal of 「自動で組む」 until both sides have confirmed it', () => {
    const proposed = (guestConfirmed: boolean, ventureConfirmed: boolean) => ({
      ...meeting('scheduled'),
      proposal: { guestConfirmed, ventureConfirmed },
    });
    expect(reasonOf(meetingMarkable(proposed(false, false), T1520))?.reason).toBe('meeting-unconfirmed');
    expect(reasonOf(meetingMarkable(proposed(true, false), T1520))?.reason).toBe('meeting-unconfirmed');
    // Confirmed by both, the store reads it without `proposal`: an ordinary meeting.
    expect(meetingMarkable(meeting('scheduled'), T1520).ok).toBe(true);
  });

  it('tells an unconfirmed proposal from an agreed meeting, and a declined one from both', () => {
    const proposal = { guestConfirmed: true, ventureConfirmed: false };
    expect(awaitsConfirmation({ status: 'scheduled', proposal })).toBe(true);
    expect(awaitsConfirmation({ status: 'scheduled' })).toBe(false);
    // Declined: cancelled, its place free; it is no longer waiting for anyone.
    expect(awaitsConfirmation({ status: 'cancelled', proposal })).toBe(false);
  });
});

describe('duplicates', () => {
  const other = { id: 'venture', name: 'ミライロボ' };

  it('refuses a second open request of a pair, either way round', () => {
    const theirs = [{ fromOrgId: 'venture', toOrgId: 'firm' }];
    expect(reasonOf(mayRequest(theirs, [], other))).toEqual({ reason: 'request-open', params: { org: 'ミライロボ' } });
  });

  it('refuses a request of a pair that meets, unless that meeting was cancelled', () => {
    expect(reasonOf(mayRequest([], [meeting('scheduled')], other))?.reason).toBe('pair-met');
    expect(mayRequest([], [meeting('cancelled')], other).ok).toBe(true);
    expect(mayRequest([{ fromOrgId: 'firm', toOrgId: 'other' }], [], other).ok).toBe(true);
  });

  it('refuses to book a pair twice, naming the meeting it has', () => {
    expect(pairFree(undefined, { guest: 'ABC商事', venture: 'ミライロボ' }, TZ).ok).toBe(true);
    const refused = pairFree({ slotStart: T15, table: '3' }, { guest: 'ABC商事', venture: 'ミライロボ' }, TZ);
    expect(reasonOf(refused)).toEqual({
      reason: 'pair-booked',
      params: { guest: 'ABC商事', venture: 'ミライロボ', slotAt: T15, table: '3' },
    });
    expect(refused.ok ? '' : refused.error.message).toContain('15:00, table 3');
  });
});

describe('a new grid', () => {
  const slots = [{ start: T15, end: T15 + 20 * 60_000 }];

  it('keeps every booked meeting’s slot and table, or names the first it would strand', () => {
    expect(keepsMeetings([meeting('scheduled')], slots, ['1'], TZ).ok).toBe(true);
    expect(reasonOf(keepsMeetings([meeting('scheduled', T15, '2')], slots, ['1'], TZ))).toEqual({
      reason: 'grid-strands-meeting',
      params: { guest: 'ABC商事', venture: 'ミライロボ', slotAt: T15, table: '2' },
    });
    // A slot that starts the same but ends otherwise is another slot.
    expect(keepsMeetings([meeting('scheduled', T1520)], slots, ['1'], TZ).ok).toBe(false);
    expect(keepsMeetings([meeting('cancelled', T1520, '9')], slots, ['1'], TZ).ok).toBe(true);
  });

  it('refuses a cap below what an organization already has', () => {
    const taken: Booking[] = [
      { slotStart: T15, table: '1', orgs: ['firm', 'v1'] },
      { slotStart: T1520, table: '1', orgs: ['firm', 'v2'] },
    ];
    const names = (id: string) => (id === 'firm' ? 'ABC商事' : id);
    expect(keepsCap(taken, null, names).ok).toBe(true);
    expect(keepsCap(taken, 2, names).ok).toBe(true);
    expect(reasonOf(keepsCap(taken, 1, names))).toEqual({
      reason: 'grid-cap-below',
      params: { org: 'ABC商事', count: 2 },
    });
  });
});
