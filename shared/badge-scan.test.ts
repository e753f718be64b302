import { describe, expect, it } from 'vitest';
import { tokenFromScan } from './badge-scan.js';

const token = 'A'.repeat(22) + 'b_-9'.repeat(5) + 'zz';

describe('a badge in what a scanner read', () => {
  it('reads the token from a badge URL of any host, or a bare token', () => {
    expect(token).toHaveLength(44);
    expect(tokenFromScan(`https://pitch.example.jp/t/${token}`)).toBe(token);
    expect(tokenFromScan(`http://192.168.1.20:3000/t/${token}/`)).toBe(token);
    expect(tokenFromScan(`  ${token}\n`)).toBe(token);
  });

  it('reads nothing else as a badge', () => {
    for (const text of [
      '',
      'hello',
      token.slice(1),
      `https://x.jp/board/${token}`,
      `ftp://x.jp/t/${token}`,
      `https://x.jp/t/${token}x`,
      `javascript:alert(1)//t/${token}`,
    ]) {
      expect(tokenFromScan(text)).toBeNull();
    }
  });
});
