/**
 * Which pairs want to meet: taps and requests either way, mutual when both sides asked, never a
 * pair that said no or meets already; and the report's wanted-and-met figures.
 */
import { describe, expect, it } from 'vitest';
import { expressedPairs, wantedMet, wantedPairs, type TimedWantFacts, type WantFacts } from './wanted-pairs.js';

const orgs: TimedWantFacts['orgs'] = [
  { id: 'f1', kind: 'firm' },
  { id: 'f2', kind: 'firm' },
  { id: 'p1', kind: 'partner' },
  { id: 'v1', kind: 'venture' },
  { id: 'v2', kind: 'venture' },
];
const none: Omit<TimedWantFacts, 'orgs'> = { taps: [], requests: [], meetings: [] };
const noFit = () => 0;

describe('wantedPairs', () => {
  it('a tap is one-sided; a tap and a request back from the venture is mutual', () => {
    const pairs = wantedPairs(
      {
        ...none,
        orgs,
        taps: [
          { orgId: 'f1', ventureId: 'v1', at: 1 },
          { orgId: 'f2', ventureId: 'v1', at: 1 },
        ],
        requests: [{ fromOrgId: 'v1', toOrgId: 'f2', status: 'pending', at: 1 }],
      },
      noFit,
    );
    expect(pairs).toEqual([
      { guest: 'f2', venture: 'v1', strength: 'mutual', fit: 0 },
      { guest: 'f1', venture: 'v1', strength: 'one-sided', fit: 0 },
    ]);
  });

  it('a pending request either way counts; a partner counts as a guest; withdrawn and accepted ones do not', () => {
    const pairs = wantedPairs(
      {
        ...none,
        orgs,
        requests: [
          { fromOrgId: 'p1', toOrgId: 'v2', status: 'pending', at: 1 },
          { fromOrgId: 'v2', toOrgId: 'f1', status: 'expired', at: 1 },
          { fromOrgId: 'f2', toOrgId: 'v2', status: 'withdrawn', at: 1 },
          { fromOrgId: 'f2', toOrgId: 'v1', status: 'accepted', at: 1 },
        ],
      },
      noFit,
    );
    expect(pairs.map((p) => `${p.guest}-${p.venture}-${p.strength}`).sort()).toEqual([
      'f1-v2-one-sided',
      'p1-v2-one-sided',
    ]);
  });

  it('never a pair declined either way, or whose proposal a side declined, or that meets already', () => {
    const pairs = wantedPairs(
      {
        orgs,
        taps: [
          { orgId: 'f1', ventureId: 'v1', at: 1 },
          { orgId: 'f1', ventureId: 'v2', at: 1 },
          { orgId: 'f2', ventureId: 'v1', at: 1 },
          { orgId: 'f2', ventureId: 'v2', at: 1 },
          { orgId: 'p1', ventureId: 'v1', at: 1 },
        ],
        requests: [
          { fromOrgId: 'v1', toOrgId: 'f1', status: 'declined', at: 1 }, // the firm said no to the venture
          { fromOrgId: 'f2', toOrgId: 'v1', status: 'declined', at: 1 }, // the venture said no to the firm
        ],
        meetings: [
          { guestOrgId: 'f1', ventureOrgId: 'v2', status: 'cancelled', declinedBy: 'venture' },
          { guestOrgId: 'f2', ventureOrgId: 'v2', status: 'scheduled', declinedBy: null },
        ],
      },
      noFit,
    );
    expect(pairs).toEqual([{ guest: 'p1', venture: 'v1', strength: 'one-sided', fit: 0 }]);
  });

  it('a pair whose meeting was cancelled (not declined) is wanted again', () => {
    const pairs = wantedPairs(
      {
        ...none,
        orgs,
        taps: [{ orgId: 'f1', ventureId: 'v1', at: 1 }],
        meetings: [{ guestOrgId: 'f1', ventureOrgId: 'v1', status: 'cancelled', declinedBy: null }],
      },
      noFit,
    );
    expect(pairs).toHaveLength(1);
  });

  it('ignores taps and requests that do not join a guest and a venture; orders mutual, then fit, then ids', () => {
    const fit = (guest: string, venture: string) => (guest === 'f2' && venture === 'v2' ? 0.8 : 1.7);
    const pairs = wantedPairs(
      {
        ...none,
        orgs,
        taps: [
          { orgId: 'v1', ventureId: 'v2', at: 1 },
          { orgId: 'f2', ventureId: 'f1', at: 1 },
          { orgId: 'f2', ventureId: 'v2', at: 1 },
          { orgId: 'f1', ventureId: 'v2', at: 1 },
          { orgId: 'f1', ventureId: 'v1', at: 1 },
        ],
        requests: [{ fromOrgId: 'v1', toOrgId: 'f1', status: 'pending', at: 1 }],
      },
      fit,
    );
    expect(pairs.map((p) => [p.guest, p.venture, p.strength, p.fit])).toEqual([
      ['f1', 'v1', 'mutual', 1],
      ['f1', 'v2', 'one-sided', 1],
      ['f2', 'v2', 'one-sided', 0.8],
    ]);
  });

  describe("a withdrawn request is its side's no until that side asks again", () => {
    const tap = (at: number) => ({ orgId: 'f1', ventureId: 'v1', at });
    const withdrawn = (at: number) => ({ fromOrgId: 'f1', toOrgId: 'v1', status: 'withdrawn' as const, at });
    const pairsOf = (facts: Omit<TimedWantFacts, 'orgs' | 'meetings'>) =>
      wantedPairs({ ...none, orgs, ...facts }, noFit).map((p) => `${p.guest}-${p.venture}-${p.strength}`);

    it('a tap before the withdrawal, and nothing since: not wanted', () => {
      expect(pairsOf({ taps: [tap(10)], requests: [withdrawn(20)] })).toEqual([]);
      // The same moment is not after it.
      expect(pairsOf({ taps: [tap(20)], requests: [withdrawn(20)] })).toEqual([]);
    });

    it('a tap after the withdrawal, or a new request: wanted again', () => {
      expect(pairsOf({ taps: [tap(30)], requests: [withdrawn(20)] })).toEqual(['f1-v1-one-sided']);
      const again = { fromOrgId: 'f1', toOrgId: 'v1', status: 'pending' as const, at: 30 };
      expect(pairsOf({ taps: [tap(10)], requests: [withdrawn(20), again] })).toEqual(['f1-v1-one-sided']);
      // The latest withdrawal counts: asked again, then withdrew that too.
      expect(pairsOf({ taps: [tap(25)], requests: [withdrawn(20), withdrawn(30)] })).toEqual([]);
    });

    it("the other side's own want still stands, one-sided; a venture's withdrawal is its own no", () => {
      const fromVenture = { fromOrgId: 'v1', toOrgId: 'f1', status: 'expired' as const, at: 5 };
      expect(pairsOf({ taps: [tap(10)], requests: [fromVenture, withdrawn(20)] })).toEqual(['f1-v1-one-sided']);
      const ventureWithdrew = { fromOrgId: 'v1', toOrgId: 'f1', status: 'withdrawn' as const, at: 20 };
      expect(pairsOf({ taps: [tap(10)], requests: [ventureWithdrew] })).toEqual(['f1-v1-one-sided']);
      // Another firm's withdrawal says nothing of this pair.
      const otherFirm = { fromOrgId: 'f2', toOrgId: 'v1', status: 'withdrawn' as const, at: 20 };
      expect(pairsOf({ taps: [tap(10)], requests: [otherFirm] })).toEqual(['f1-v1-one-sided']);
    });

    it('the report still counts the pair as one that asked', () => {
      expect(wantedMet({ ...none, orgs, taps: [tap(10)], requests: [withdrawn(20)] }).pairs).toBe(1);
    });
  });
});

describe('wantedMet', () => {
  it('counts every pair that asked, whatever became of the request, and which of them met', () => {
    const facts: WantFacts = {
      orgs,
      taps: [
        { orgId: 'f1', ventureId: 'v1' },
        { orgId: 'f2', ventureId: 'v1' },
      ],
      requests: [
        { fromOrgId: 'v2', toOrgId: 'f1', status: 'accepted' },
        { fromOrgId: 'p1', toOrgId: 'v2', status: 'declined' },
      ],
      meetings: [
        { guestOrgId: 'f1', ventureOrgId: 'v1', status: 'held', declinedBy: null },
        { guestOrgId: 'f1', ventureOrgId: 'v2', status: 'scheduled', declinedBy: null },
        { guestOrgId: 'f2', ventureOrgId: 'v1', status: 'cancelled', declinedBy: 'guest' },
        // Booked by hand, nobody asked: not a wanted pair.
        { guestOrgId: 'f2', ventureOrgId: 'v2', status: 'held', declinedBy: null },
      ],
    };
    expect(expressedPairs(facts)).toHaveLength(4);
    expect(wantedMet(facts)).toEqual({ pairs: 4, scheduled: 2, held: 1 });
  });
});
