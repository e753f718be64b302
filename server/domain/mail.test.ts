/** The mail rules on fixed dates: when the day-before reminder is due, which meetings are owed a confirmation, and the reason keys. */
import { describe, expect, it } from 'vitest';
import type { MeetingInfo } from '../../shared/model.js';
import {
  confirmable,
  confirmationReason,
  dayBefore,
  mailKindOf,
  meetingIdOf,
  reminderDue,
  reminderReason,
} from './mail.js';
import { zonedTime } from './slots.js';

const TZ = 'Asia/Tokyo';

describe('reminderDue', () => {
  it('from 09:00 the day before until the day begins, in the event’s time zone', () => {
    expect(dayBefore('2027-03-01')).toBe('2027-02-28');
    expect(reminderDue('2027-03-01', TZ, zonedTime('2027-02-28', '08:59', TZ))).toBe(false);
    expect(reminderDue('2027-03-01', TZ, zonedTime('2027-02-28', '09:00', TZ))).toBe(true);
    expect(reminderDue('2027-03-01', TZ, zonedTime('2027-02-28', '23:59', TZ))).toBe(true);
    expect(reminderDue('2027-03-01', TZ, zonedTime('2027-03-01', '00:00', TZ))).toBe(false);
  });
});

describe('confirmations', () => {
  const base: MeetingInfo = {
    id: 'm1',
    requestId: null,
    guestOrgId: 'g',
    guestOrgName: 'G',
    ventureOrgId: 'v',
    ventureOrgName: 'V',
    slotStart: 1000,
    slotEnd: 2000,
    table: 'A:1',
    status: 'scheduled',
    nextStep: '',
    outcome: 'none',
    pocStartedOn: null,
    contractOn: null,
    outcomeNote: '',
  };

  it('owed for agreed meetings not yet over; not for proposals, cancelled or past ones', () => {
    const proposal = { ...base, id: 'p', proposal: { guestConfirmed: true, ventureConfirmed: false } };
    const cancelled = { ...base, id: 'c', status: 'cancelled' as const };
    expect(confirmable([base, proposal, cancelled], 1500).map((m) => m.id)).toEqual(['m1']);
    expect(confirmable([base], 2000)).toEqual([]);
  });

  it('a meeting moved (a new sequence) is a new reason; its id reads back', () => {
    const reason = confirmationReason('m1', 2);
    expect(reason).toBe('meeting:m1:2');
    expect(confirmationReason('m1', 3)).not.toBe(reason);
    expect(meetingIdOf(reason)).toBe('m1');
    expect(mailKindOf(reason)).toBe('confirmation');
    expect(mailKindOf(reminderReason('2027-03-01'))).toBe('reminder');
    expect(mailKindOf('invitation:abc12345')).toBe('invitation');
  });
});
