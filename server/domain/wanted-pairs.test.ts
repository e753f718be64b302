/**
 * Which pairs want to meet: taps and requests either way, mutual when both sides asked, never a
 * pair that said no or meets already; and the report's wanted-and-met figures.
 */
import { describe, expect, it } from 'vitest';
import { expressedPairs, wantedMet, wantedPairs, type WantFacts } from './wanted-pairs.js';

const orgs: WantFacts['orgs'] = [
  { id: 'f1', kind: 'firm' },
  { id: 'f2', kind: 'firm' },
  { id: 'p1', kind: 'partner' },
  { id: 'v1', kind: 'venture' },
  { id: 'v2', kind: 'venture' },
];
const none: Omit<WantFacts, 'orgs'> = { taps: [], requests: [], meetings: [] };
const noFit = () => 0;

describe('wantedPairs', () => {
  it('a tap is one-sided; a tap and a request back from the venture is mutual', () => {
    const pairs = wantedPairs(
      {
        ...none,
        orgs,
        taps: [
          { orgId: 'f1', ventureId: 'v1' },
          { orgId: 'f2', ventureId: 'v1' },
        ],
        requests: [{ fromOrgId: 'v1', toOrgId: 'f2', status: 'pending' }],
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
          { fromOrgId: 'p1', toOrgId: 'v2', status: 'pending' },
          { fromOrgId: 'v2', toOrgId: 'f1', status: 'expired' },
          { fromOrgId: 'f2', toOrgId: 'v2', status: 'withdrawn' },
          { fromOrgId: 'f2', toOrgId: 'v1', status: 'accepted' },
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
          { orgId: 'f1', ventureId: 'v1' },
          { orgId: 'f1', ventureId: 'v2' },
          { orgId: 'f2', ventureId: 'v1' },
          { orgId: 'f2', ventureId: 'v2' },
          { orgId: 'p1', ventureId: 'v1' },
        ],
        requests: [
          { fromOrgId: 'v1', toOrgId: 'f1', status: 'declined' }, // the firm said no to the venture
          { fromOrgId: 'f2', toOrgId: 'v1', status: 'declined' }, // the venture said no to the firm
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
        taps: [{ orgId: 'f1', ventureId: 'v1' }],
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
          { orgId: 'v1', ventureId: 'v2' },
          { orgId: 'f2', ventureId: 'f1' },
          { orgId: 'f2', ventureId: 'v2' },
          { orgId: 'f1', ventureId: 'v2' },
          { orgId: 'f1', ventureId: 'v1' },
        ],
        requests: [{ fromOrgId: 'v1', toOrgId: 'f1', status: 'pending' }],
      },
      fit,
    );
    expect(pairs.map((p) => [p.guest, p.venture, p.strength, p.fit])).toEqual([
      ['f1', 'v1', 'mutual', 1],
      ['f1', 'v2', 'one-sided', 1],
      ['f2', 'v2', 'one-sided', 0.8],
    ]);
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
    expect(expressedPairs(facts, false)).toHaveLength(4);
    expect(wantedMet(facts)).toEqual({ pairs: 4, scheduled: 2, held: 1 });
  });
});
