import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { badgeCheck } from './badge-check.js';

/** The same value by another road: node's own SHA-256 and base64url. */
function nodeCheck(token: string): string {
  return createHash('sha256').update(`pitchmatch-badge:${token}`, 'utf8').digest('base64url').slice(0, 22);
}

describe('badgeCheck', () => {
  it('is the same value node:crypto computes, for tokens of every length and for non-ASCII text', () => {
    const tokens = ['', 'a', 'ab', 'abc', 'p.Zx9_-kq.3f', 'x'.repeat(511), '佐藤 花子', '𠮷'];
    for (let n = 0; n < 40; n++) tokens.push('t'.repeat(n) + String(n));
    for (const token of tokens) expect(badgeCheck(token), token).toBe(nodeCheck(token));
  });

  it('is 22 base64url characters', () => {
    expect(badgeCheck('p.abc.def')).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('differs when one character of the token changes', () => {
    const token = 'p.0123456789abcdef.SIGNATUREsignature';
    const seen = new Set([badgeCheck(token)]);
    for (let i = 0; i < token.length; i++) {
      const changed = token.slice(0, i) + (token[i] === 'x' ? 'y' : 'x') + token.slice(i + 1);
      seen.add(badgeCheck(changed));
    }
    expect(seen.size).toBe(token.length + 1);
  });
});
