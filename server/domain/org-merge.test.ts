import { describe, expect, it } from 'vitest';
import type { MergeClash } from '../../shared/errors.js';
import {
  decideMerge,
  keptInterest,
  mergeClashes,
  type MergeInput,
  type MergeMeeting,
  type MergeRequest,
} from './org-merge.js';

const T15 = Date.UTC(2026, 10, 25, 6, 0); // 15:00 in Tokyo
const T1520 = T15 + 20 * 60_000;
const TZ = 'Asia/Tokyo';

const A = { id: 'a', name: 'ABC商事', kind: 'firm' as const };
const B = { id: 'b', name: 'ＡＢＣ商事', kind: 'firm' as const };
const NAMES: Record<string, string> = { v1: 'ミライロボ', v2: 'スキルブリッジ', v3: 'スペースシェア' };

let n = 0;
const meeting = (guest: string, venture: string, slotStart: number, table: string, status = 'scheduled') =>
  ({
    id: `m${++n}`,
    requestId: null,
    guestOrgId: guest,
    ventureOrgId: venture,
    slotStart,
    table,
    status,
  }) as MergeMeeting;
const request = (from: string, to: string, status = 'pending') =>
  ({ id: `r${++n}`, fromOrgId: from, toOrgId: to, status }) as MergeRequest;

const input = (over: Partial<MergeInput> = {}): MergeInput => ({
  into: A,
  from: B,
  meetings: [],
  requests: [],
  interests: [],
  capPerOrg: null,
  nameOf: (id) => NAMES[id] ?? id,
  ...over,
});

describe('merging two organizations', () => {
  it('goes ahead when the two meet different ventures at different times and ask different ones', () => {
    const decided = decideMerge(
      input({
        meetings: [meeting('a', 'v1', T15, '1'), meeting('b', 'v2', T1520, '1')],
        requests: [request('a', 'v3'), request('v2', 'b', 'declined'), request('b', 'v1', 'expired')],
        capPerOrg: 2,
      }),
      TZ,
    );
    expect(decided).toEqual({ ok: true, value: { answered: [], interests: [] } });
  });

  it('names each clash: the same slot, the same venture met, the same venture asked, over the cap', () => {
    const clashes = mergeClashes(
      input({
        meetings: [
          meeting('a', 'v1', T15, '1'),
          meeting('b', 'v2', T15, '2'),
          meeting('a', 'v3', T1520, '1'),
          meeting('b', 'v3', T1520 + 20 * 60_000, '1'),
        ],
        requests: [request('a', 'v2'), request('v2', 'b', 'pending')],
        capPerOrg: 3,
      }),
    );
    expect(clashes).toEqual<MergeClash[]>([
      { clash: 'slot', slotStart: T15, intoTable: '1', fromTable: '2' },
      { clash: 'pair', other: 'スペースシェア' },
      { clash: 'request', other: 'スキルブリッジ' },
      { clash: 'cap', count: 4, cap: 3 },
    ]);
  });

  it('does not count cancelled meetings or closed requests as clashes', () => {
    expect(
      mergeClashes(
        input({
          meetings: [meeting('a', 'v1', T15, '1'), meeting('b', 'v1', T15, '2', 'cancelled')],
          requests: [request('a', 'v2', 'declined'), request('b', 'v2'), request('v3', 'a', 'withdrawn')],
          capPerOrg: 1,
        }),
      ),
    ).toEqual([]);
  });

  it('counts held meetings: they took their places and count toward the cap', () => {
    expect(
      mergeClashes(
        input({ meetings: [meeting('a', 'v1', T15, '1', 'held'), meeting('b', 'v1', T1520, '1', 'no-show')] }),
      ),
    ).toEqual([{ clash: 'pair', other: 'ミライロボ' }]);
  });

  it('refuses an organization into itself, and two of different kinds, before anything else', () => {
    expect(mergeClashes(input({ from: A }))).toEqual([{ clash: 'same' }]);
    expect(mergeClashes(input({ from: { id: 'v9', name: 'ABCベンチャー', kind: 'venture' }, meetings: [] }))).toEqual([
      { clash: 'kind', intoKind: 'firm', fromKind: 'venture' },
    ]);
  });

  it('refuses two joined by a request or a meeting', () => {
    expect(mergeClashes(input({ requests: [request('b', 'a', 'declined')] }))).toEqual([{ clash: 'between' }]);
  });

  it('answers in English with every clash named, and carries them for the client to word', () => {
    const decided = decideMerge(
      input({ meetings: [meeting('a', 'v1', T15, '1'), meeting('b', 'v1', T1520, '2')] }),
      TZ,
    );
    expect(decided).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'org-merge',
        message:
          'ＡＢＣ商事 and ABC商事 both have a meeting with ミライロボ, and a pair meets once: cancel one of them first.',
        refusal: {
          reason: 'org-merge',
          into: 'ABC商事',
          from: 'ＡＢＣ商事',
          clashes: [{ clash: 'pair', other: 'ミライロボ' }],
        },
      },
    });
    const slot = decideMerge(input({ meetings: [meeting('a', 'v1', T15, '1'), meeting('b', 'v2', T15, '2')] }), TZ);
    expect(!slot.ok && slot.error.message).toBe(
      'ＡＢＣ商事 meets at 15:00, table 2 and ABC商事 at 15:00, table 1, and one organization sits in one meeting at a time: move one of them first.',
    );
  });

  it('answers an open request with the meeting the other side of the merge has with the same counterpart', () => {
    const met = meeting('b', 'v1', T15, '1');
    const open = request('v1', 'a');
    const decided = decideMerge(input({ meetings: [met], requests: [open, request('a', 'v2')] }), TZ);
    expect(decided).toEqual({
      ok: true,
      value: { answered: [{ requestId: open.id, meetingId: met.id }], interests: [] },
    });
  });

  it('keeps, of a person’s two interests in the merged ventures, the stronger, then the newer', () => {
    const at = (level: 'interested' | 'want-to-meet', updatedAt: number, ventureId = 'va') => ({
      personId: 'p',
      ventureId,
      level,
      updatedAt,
    });
    expect(keptInterest(at('interested', 5), at('want-to-meet', 1, 'vb'))).toBe('from');
    expect(keptInterest(at('want-to-meet', 1), at('interested', 5, 'vb'))).toBe('into');
    expect(keptInterest(at('interested', 1), at('interested', 5, 'vb'))).toBe('from');
    expect(keptInterest(at('interested', 5), at('interested', 5, 'vb'))).toBe('into');

    const va = { id: 'va', name: 'ベンチャーA', kind: 'venture' as const };
    const vb = { id: 'vb', name: 'ベンチャーＡ', kind: 'venture' as const };
    const decided = decideMerge(
      input({
        into: va,
        from: vb,
        interests: [
          { personId: 'p1', ventureId: 'va', level: 'interested', updatedAt: 1 },
          { personId: 'p1', ventureId: 'vb', level: 'want-to-meet', updatedAt: 0 },
          { personId: 'p2', ventureId: 'vb', level: 'interested', updatedAt: 0 },
          { personId: 'p3', ventureId: 'va', level: 'want-to-meet', updatedAt: 0 },
          { personId: 'p3', ventureId: 'vb', level: 'want-to-meet', updatedAt: 0 },
        ],
      }),
      TZ,
    );
    expect(decided).toEqual({
      ok: true,
      value: {
        answered: [],
        interests: [
          { personId: 'p1', kept: 'from' },
          { personId: 'p2', kept: 'from' },
          { personId: 'p3', kept: 'into' },
        ],
      },
    });
  });
});
