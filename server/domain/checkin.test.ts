import { describe, expect, it } from 'vitest';
import { decideCheckIn, decideUndo, tokenFromScan } from './checkin.js';

const T1302 = Date.UTC(2026, 10, 25, 4, 2); // 13:02 in Tokyo
const token = 'A'.repeat(22) + 'b_-9'.repeat(5) + 'zz';

describe('check-in', () => {
  it('checks a person in once; a second scan answers with the first time and door', () => {
    const first = decideCheckIn(undefined, { station: 'A', method: 'qr', at: T1302 });
    expect(first).toEqual({ kind: 'new', checkin: { at: T1302, station: 'A', method: 'qr' } });
    const second = decideCheckIn(first.checkin, { station: 'B', method: 'qr', at: T1302 + 60_000 });
    expect(second).toEqual({ kind: 'already', checkin: { at: T1302, station: 'A', method: 'qr' }, double: null });
  });

  it('moves a check-in earlier when a station let the person in on its own earlier, and lists the double', () => {
    const later = { at: T1302, station: 'A', method: 'search' } as const;
    const decision = decideCheckIn(later, { station: 'B', method: 'qr', at: T1302 - 90_000, local: 'checked-in' });
    expect(decision).toEqual({
      kind: 'earlier',
      checkin: { at: T1302 - 90_000, station: 'B', method: 'qr' },
      was: later,
      double: { station: 'A', at: T1302 },
    });
  });

  it('never re-dates an arrival for a request that let no one in itself, whatever age it claims', () => {
    const existing = { at: T1302, station: 'A', method: 'search' } as const;
    expect(decideCheckIn(existing, { station: 'B', method: 'search', at: T1302 - 86_400_000 })).toEqual({
      kind: 'already',
      checkin: existing,
      double: null,
    });
  });

  it('moves nothing for a station that showed "already": it let no one in', () => {
    const existing = { at: T1302, station: 'A', method: 'qr' } as const;
    expect(decideCheckIn(existing, { station: 'B', method: 'qr', at: T1302 - 60_000, local: 'already' })).toEqual({
      kind: 'already',
      checkin: existing,
      double: null,
    });
  });

  it('keeps the existing check-in on a tie', () => {
    const existing = { at: T1302, station: 'A', method: 'qr' } as const;
    expect(decideCheckIn(existing, { station: 'B', method: 'qr', at: T1302, local: 'checked-in' })).toEqual({
      kind: 'already',
      checkin: existing,
      double: { station: 'B', at: T1302 },
    });
  });

  it('lists a double when a station let the person in on its own and another station holds the check-in, in either order', () => {
    const atA = { at: T1302, station: 'A', method: 'qr' } as const;
    // B's offline check-in arrives after A's, and was later: A stays, B is the double.
    expect(decideCheckIn(atA, { station: 'B', method: 'qr', at: T1302 + 30_000, local: 'checked-in' })).toEqual({
      kind: 'already',
      checkin: atA,
      double: { station: 'B', at: T1302 + 30_000 },
    });
    // B's was earlier: B's is kept, A's becomes the double.
    expect(decideCheckIn(atA, { station: 'B', method: 'qr', at: T1302 - 30_000, local: 'checked-in' })).toEqual({
      kind: 'earlier',
      checkin: { at: T1302 - 30_000, station: 'B', method: 'qr' },
      was: atA,
      double: { station: 'A', at: T1302 },
    });
  });

  it('lists no double for a rescan at the same station, a station that showed "already", or the server deciding', () => {
    const atA = { at: T1302, station: 'A', method: 'qr' } as const;
    const at = T1302 + 5_000;
    for (const request of [
      { station: 'A', method: 'qr', at, local: 'checked-in' },
      { station: 'A', method: 'qr', at: T1302 - 5_000, local: 'checked-in' },
      { station: 'B', method: 'qr', at, local: 'already' },
      { station: 'B', method: 'qr', at: T1302 - 5_000, local: 'already' },
      { station: 'B', method: 'qr', at },
    ] as const) {
      expect(decideCheckIn(atA, request)).toMatchObject({ double: null });
    }
  });

  it('undoes only an existing check-in', () => {
    expect(decideUndo(undefined)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(decideUndo({ at: T1302, station: 'A', method: 'search' })).toMatchObject({ ok: true });
  });

  it('reads the token from a badge URL of any host, or a bare token', () => {
    expect(token).toHaveLength(44);
    expect(tokenFromScan(`https://pitch.example.jp/t/${token}`)).toBe(token);
    expect(tokenFromScan(`http://192.168.1.20:3000/t/${token}/`)).toBe(token);
    expect(tokenFromScan(`  ${token}\n`)).toBe(token);
    for (const text of [
      '',
      'hello',
      `https://x.jp/board/${token}`,
      `ftp://x.jp/t/${token}`,
      `https://x.jp/t/${token}x`,
      `javascript:alert(1)//t/${token}`,
    ]) {
      expect(tokenFromScan(text)).toBeNull();
    }
  });
});
