import { describe, expect, it } from 'vitest';
import { decideCheckIn, decideUndo, tokenFromScan } from './checkin.js';

const T1302 = Date.UTC(2026, 10, 25, 4, 2); // 13:02 in Tokyo
const token = 'A'.repeat(22) + 'b_-9'.repeat(5) + 'zz';

describe('check-in', () => {
  it('checks a person in once; a second scan answers with the first time and door', () => {
    const first = decideCheckIn(undefined, 'A', 'qr', T1302);
    expect(first).toEqual({ kind: 'new', checkin: { at: T1302, station: 'A', method: 'qr' } });
    const second = decideCheckIn(first.checkin, 'B', 'qr', T1302 + 60_000);
    expect(second).toEqual({ kind: 'already', checkin: { at: T1302, station: 'A', method: 'qr' } });
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
