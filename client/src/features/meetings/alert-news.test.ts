import { describe, expect, it } from 'vitest';
import type { MeetingInfo, MeetingRequestInfo, RequestStatus } from '../../../../shared/model';
import { alertNews, type Seen } from './alert-news';

const ME = 'org-me';

function request(id: string, from: string, to: string, status: RequestStatus = 'pending'): MeetingRequestInfo {
  return {
    id,
    fromOrgId: from,
    fromOrgName: from,
    fromPersonName: 'x',
    toOrgId: to,
    toOrgName: to,
    message: '',
    status,
    reason: '',
    createdAt: 0,
    updatedAt: 0,
  };
}

function meeting(id: string, requestId: string | null): MeetingInfo {
  return {
    id,
    requestId,
    guestOrgId: 'org-firm',
    guestOrgName: 'firm',
    ventureOrgId: ME,
    ventureOrgName: 'me',
    slotStart: 0,
    slotEnd: 1,
    table: 'A',
    status: 'scheduled',
    nextStep: '',
    outcome: 'none',
    pocStartedOn: null,
    contractOn: null,
    outcomeNote: '',
  };
}

/** Feeds the states in turn, as the component's effect does, and says after which ones it buzzed. */
function buzzes(states: [MeetingRequestInfo[], MeetingInfo[]][]): boolean[] {
  let seen: Seen | null = null;
  return states.map(([requests, meetings]) => {
    const news = alertNews(seen, ME, requests, meetings);
    seen = news.seen;
    return news.buzz;
  });
}

describe('alertNews', () => {
  it('does not buzz for what was there when the page opened', () => {
    expect(buzzes([[[request('r1', 'a', ME)], [meeting('m1', null)]]])).toEqual([false]);
  });

  it('buzzes when one request is answered as another arrives (the waiting count stays the same)', () => {
    expect(
      buzzes([
        [[request('r1', 'a', ME)], []],
        [[request('r1', 'a', ME, 'declined'), request('r2', 'b', ME)], []],
      ]),
    ).toEqual([false, true]);
  });

  it('does not buzz for the meeting my org made by accepting a request sent to it', () => {
    expect(
      buzzes([
        [[request('r1', 'a', ME)], []],
        [[request('r1', 'a', ME, 'accepted')], [meeting('m1', 'r1')]],
      ]),
    ).toEqual([false, false]);
  });

  it('buzzes when the other side accepts my request, or the organizer books a meeting', () => {
    expect(
      buzzes([
        [[request('r1', ME, 'b')], []],
        [[request('r1', ME, 'b', 'accepted')], [meeting('m1', 'r1')]],
        [[request('r1', ME, 'b', 'accepted')], [meeting('m1', 'r1'), meeting('m2', null)]],
      ]),
    ).toEqual([false, true, true]);
  });

  it('does not buzz for a request sent by my org, or a request seen before that comes back', () => {
    expect(
      buzzes([
        [[request('r1', 'a', ME)], []],
        [[], []],
        [[request('r1', 'a', ME), request('r2', ME, 'b')], []],
      ]),
    ).toEqual([false, false, false]);
  });

  it('waits for the viewer to be known before taking what is there as already seen', () => {
    const before = alertNews(null, undefined, [], []);
    expect(before).toEqual({ buzz: false, seen: null });
  });
});
