import { describe, expect, it } from 'vitest';
import { checkinsOverTime, kpiFigures, reportComparisons, seriesTotals, type KpiFacts } from './kpi.js';
import { companyKey } from './company.js';

const T0 = Date.UTC(2026, 10, 26, 4, 0); // 13:00 JST

type MeetingFact = KpiFacts['meetings'][number];
const meeting = (guestOrgId: string, ventureOrgId: string, status: MeetingFact['status']): MeetingFact => ({
  guestOrgId,
  ventureOrgId,
  status,
  outcome: 'none',
  pocStartedOn: null,
  contractOn: null,
});

function facts(): KpiFacts {
  return {
    orgs: [
      { id: 'f1', kind: 'firm' },
      { id: 'f2', kind: 'firm' },
      { id: 'f3', kind: 'firm' }, // registered, never came
      { id: 'v1', kind: 'venture' },
      { id: 'v2', kind: 'venture' },
      { id: 'p1', kind: 'partner' },
    ],
    checkins: [
      { orgId: 'f1', at: T0 },
      { orgId: 'f1', at: T0 + 60_000 }, // a second person of the same firm
      { orgId: 'f2', at: T0 + 120_000 },
      { orgId: 'v1', at: T0 + 180_000 },
      { orgId: 'p1', at: T0 + 240_000 },
    ],
    interests: [{ level: 'interested' }, { level: 'want-to-meet' }, { level: 'want-to-meet' }],
    requests: [
      { status: 'accepted' },
      { status: 'accepted' },
      { status: 'declined' },
      { status: 'pending' },
      { status: 'withdrawn' },
      { status: 'expired' },
    ],
    meetings: [
      { ...meeting('f1', 'v1', 'held'), outcome: 'poc-started', pocStartedOn: '2026-12-10' },
      meeting('f1', 'v2', 'held'),
      { ...meeting('p1', 'v1', 'held'), outcome: 'follow-up' },
      meeting('f2', 'v1', 'no-show'),
      meeting('f2', 'v2', 'scheduled'),
      meeting('f2', 'v1', 'cancelled'),
    ],
  };
}

describe('kpiFigures', () => {
  it('counts participating companies by kind from check-ins, each company once', () => {
    const f = kpiFigures(facts());
    expect(f.companies).toEqual({ firm: 2, venture: 1, partner: 1, total: 4 });
    expect(f.registered).toEqual({ firm: 3, venture: 2, partner: 1, total: 6 });
    expect(f.people).toBe(5);
  });

  it('counts requests by status and the acceptance rate over answered requests', () => {
    const f = kpiFigures(facts());
    expect(f.requests).toEqual({ total: 6, pending: 1, accepted: 2, declined: 1, withdrawn: 1, expired: 1 });
    expect(f.acceptanceRate).toBeCloseTo(2 / 3);
    expect(kpiFigures({ ...facts(), requests: [{ status: 'pending' }] }).acceptanceRate).toBeNull();
  });

  it('counts meetings, follow-ups, PoCs and the share of firms that met a venture', () => {
    const f = kpiFigures(facts());
    expect(f.meetings).toEqual({ booked: 5, scheduled: 1, held: 3, noShow: 1, cancelled: 1 });
    expect(f.followUps).toBe(2);
    expect(f.pocsStarted).toBe(1);
    expect(f.contracts).toBe(0);
    // f1 met (held); f2 only had a no-show: one of two participating firms.
    expect(f.firmsMet).toBe(1);
    expect(f.firmsMetShare).toBe(0.5);
    expect(f.interests).toEqual({ total: 3, wantToMeet: 2 });
  });

  it('counts meetings wanted (pairs where a side asked), how many were booked and held, and the share that met', () => {
    const want: KpiFacts['want'] = {
      orgs: facts().orgs,
      // f1 tapped both ventures; f2 tapped v1; v2 asked p1, which said no.
      taps: [
        { orgId: 'f1', ventureId: 'v1' },
        { orgId: 'f1', ventureId: 'v2' },
        { orgId: 'f2', ventureId: 'v1' },
      ],
      requests: [
        { fromOrgId: 'f2', toOrgId: 'v1', status: 'accepted' },
        { fromOrgId: 'v2', toOrgId: 'p1', status: 'declined' },
      ],
    };
    const meetings = [
      meeting('f1', 'v1', 'held'),
      meeting('f2', 'v1', 'scheduled'),
      meeting('f1', 'v2', 'cancelled'),
      // Booked by hand for a pair nobody asked for: a meeting, not a wanted one.
      meeting('p1', 'v1', 'held'),
    ];
    const f = kpiFigures({ ...facts(), meetings, want });
    expect(f.wanted).toEqual({ pairs: 4, scheduled: 2, held: 1 });
    expect(f.wantedMetShare).toBe(0.25);
    expect(kpiFigures(facts())).toMatchObject({ wanted: { pairs: 0, scheduled: 0, held: 0 }, wantedMetShare: null });
    // Over a series the pairs add up and the share is of the sums.
    const both = seriesTotals([
      { figures: f, companyNames: [] },
      { figures: kpiFigures({ ...facts(), meetings: [], want }), companyNames: [] },
    ]).figures;
    expect(both.wanted).toEqual({ pairs: 8, scheduled: 2, held: 1 });
    expect(both.wantedMetShare).toBe(1 / 8);
  });

  it('counts a proposal of 「自動で組む」 nowhere until both sides confirm it, as the board does', () => {
    const want: KpiFacts['want'] = {
      orgs: facts().orgs,
      taps: [
        { orgId: 'f1', ventureId: 'v1' },
        { orgId: 'f2', ventureId: 'v2' },
      ],
      requests: [],
    };
    const proposed = (guest: string, venture: string, guestConfirmed: boolean, ventureConfirmed: boolean) => ({
      ...meeting(guest, venture, 'scheduled'),
      proposal: { guestConfirmed, ventureConfirmed },
    });
    const waiting = kpiFigures({
      ...facts(),
      meetings: [proposed('f1', 'v1', false, false), proposed('f2', 'v2', true, false)],
      want,
    });
    expect(waiting.meetings).toEqual({ booked: 0, scheduled: 0, held: 0, noShow: 0, cancelled: 0 });
    expect(waiting.wanted).toEqual({ pairs: 2, scheduled: 0, held: 0 });
    // Both confirmed: the store reads an ordinary meeting (no `proposal`), booked and a wanted pair met.
    // Declined: cancelled like any other.
    const settled = kpiFigures({
      ...facts(),
      meetings: [meeting('f1', 'v1', 'scheduled'), { ...proposed('f2', 'v2', true, false), status: 'cancelled' }],
      want,
    });
    expect(settled.meetings).toEqual({ booked: 1, scheduled: 1, held: 0, noShow: 0, cancelled: 1 });
    expect(settled.wanted).toEqual({ pairs: 2, scheduled: 1, held: 0 });
  });

  it('compares against the previous event and the targets', () => {
    const now = kpiFigures(facts());
    const before = kpiFigures({ ...facts(), checkins: facts().checkins.slice(0, 1) });
    const c = reportComparisons(now, before, { firm: 4, meetingsHeld: 6 });
    expect(c.firm).toEqual({ value: 2, previous: 1, target: 4, ofTarget: 0.5 });
    expect(c.companies.target).toBe(4);
    expect(c.meetingsHeld.ofTarget).toBe(0.5);
    expect(c.pocs).toEqual({ value: 1, previous: 1, target: null, ofTarget: null });
    expect(reportComparisons(now, null, {}).venture.previous).toBeNull();
  });
});

describe('checkinsOverTime', () => {
  it('is cumulative per bucket up to now', () => {
    const { bucketMinutes, points } = checkinsOverTime([T0, T0 + 60_000, T0 + 6 * 60_000], T0 + 12 * 60_000);
    expect(bucketMinutes).toBe(5);
    expect(points.map((p) => p.total)).toEqual([2, 3, 3]);
    expect(points[0]!.at).toBe(T0 + 5 * 60_000);
  });

  it('widens buckets on a long day and is empty before anyone came', () => {
    expect(checkinsOverTime([], T0).points).toEqual([]);
    const long = checkinsOverTime([T0], T0 + 10 * 3_600_000);
    expect(long.bucketMinutes).toBe(15);
    expect(long.points.length).toBeLessThanOrEqual(48);
    expect(long.points.at(-1)!.total).toBe(1);
  });
});

describe('the series', () => {
  it('sums events and counts a company once across events', () => {
    const one = kpiFigures(facts());
    const totals = seriesTotals([
      { figures: one, companyNames: ['株式会社トマコマイ', 'Aベンチャー'] },
      { figures: one, companyNames: ['(株)トマコマイ', 'ａベンチャー'] },
    ]);
    expect(totals.figures.companies.total).toBe(8);
    expect(totals.figures.meetings.held).toBe(6);
    expect(totals.distinctCompanies).toBe(2);
    expect(companyKey('㈱ トマコマイ')).toBe(companyKey('株式会社トマコマイ'));
  });
});
