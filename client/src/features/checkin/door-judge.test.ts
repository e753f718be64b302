import { describe, expect, it } from 'vitest';
import { badgeCheck } from '../../../../shared/badge-check';
import type { PersonSummary } from '../../../../shared/model';
import { judgePerson, judgeScan, localForServer, type OwnCheckin } from './door-judge';

const T1302 = Date.UTC(2026, 10, 25, 4, 2); // 13:02 in Tokyo
const token = (c: string) => c.repeat(44);
const url = (t: string) => `http://pitch.lan/t/${t}`;

function person(
  id: string,
  name: string,
  badgeToken: string | null,
  extra: Partial<PersonSummary> = {},
): PersonSummary {
  return {
    id,
    name,
    nameKana: '',
    role: 'firm',
    orgId: `org-${id}`,
    orgName: `${name}商事`,
    title: '',
    checkin: null,
    ...(badgeToken ? { badge: badgeCheck(badgeToken) } : {}),
    ...extra,
  };
}

const sato = person('p1', '佐藤 花子', token('b'), { revokedBadges: [badgeCheck(token('a'))] });
const suzuki = person('p2', '鈴木 一郎', token('c'), { checkin: { at: T1302, station: 'B', method: 'qr' } });
const tanaka = person('p3', '田中 次郎', token('d'));
const people = [sato, suzuki, tanaka];

describe('the door judges a scan from its own copy', () => {
  it('lets a new person in, by badge URL or bare token', () => {
    expect(judgeScan(url(token('b')), people, [])).toEqual({ outcome: 'checked-in', person: sato });
    expect(judgeScan(token('d'), people, [])).toEqual({ outcome: 'checked-in', person: tanaka });
  });

  it('says when and where someone already came in', () => {
    expect(judgeScan(url(token('c')), people, [])).toEqual({
      outcome: 'already',
      person: suzuki,
      checkin: { at: T1302, station: 'B', method: 'qr' },
      waiting: false,
    });
  });

  it('counts this station’s own scans still waiting to be sent', () => {
    const own: OwnCheckin[] = [{ personId: 'p3', checkin: { at: T1302 + 60_000, station: 'A', method: 'qr' } }];
    expect(judgeScan(url(token('d')), people, own)).toEqual({
      outcome: 'already',
      person: tanaka,
      checkin: { at: T1302 + 60_000, station: 'A', method: 'qr' },
      waiting: true,
    });
    // The server's check-in, when there is one, is the one that counts.
    const ownSuzuki: OwnCheckin[] = [{ personId: 'p2', checkin: { at: T1302 + 5, station: 'A', method: 'qr' } }];
    expect(judgeScan(token('c'), people, ownSuzuki)).toMatchObject({ checkin: suzuki.checkin, waiting: false });
  });

  it('names whose badge a reissued one was', () => {
    expect(judgeScan(url(token('a')), people, [])).toEqual({ outcome: 'revoked', person: sato });
  });

  it('refuses what is not a badge of this event', () => {
    expect(judgeScan(url(token('z')), people, [])).toEqual({ outcome: 'unknown' });
    expect(judgeScan('hello', people, [])).toEqual({ outcome: 'unknown' });
    expect(judgeScan(`http://pitch.lan/board/${token('b')}`, people, [])).toEqual({ outcome: 'unknown' });
  });

  it('leaves it to the server when the copy holds no badge checks', () => {
    const withoutChecks = people.map((p) => ({ ...p, badge: undefined, revokedBadges: undefined }));
    expect(judgeScan(url(token('b')), withoutChecks, [])).toEqual({ outcome: 'unjudged' });
    expect(judgeScan(url(token('b')), [], [])).toEqual({ outcome: 'unjudged' });
  });

  it('sees a new version of the copy (a reissue while online)', () => {
    const reissued = people.map((p) =>
      p.id === 'p3' ? { ...p, badge: badgeCheck(token('e')), revokedBadges: [badgeCheck(token('d'))] } : p,
    );
    expect(judgeScan(token('d'), people, [])).toMatchObject({ outcome: 'checked-in' });
    expect(judgeScan(token('d'), reissued, [])).toMatchObject({ outcome: 'revoked', person: { id: 'p3' } });
    expect(judgeScan(token('e'), reissued, [])).toMatchObject({ outcome: 'checked-in', person: { id: 'p3' } });
  });

  it('judges a check-in by name the same way', () => {
    expect(judgePerson(tanaka, [])).toEqual({ outcome: 'checked-in', person: tanaka });
    expect(judgePerson(suzuki, [])).toMatchObject({ outcome: 'already', waiting: false });
  });

  it('tells the server only what it let in or called already in', () => {
    expect(localForServer('checked-in')).toBe('checked-in');
    expect(localForServer('already')).toBe('already');
    for (const other of ['revoked', 'unknown', 'unjudged', undefined] as const)
      expect(localForServer(other)).toBeUndefined();
  });
});
