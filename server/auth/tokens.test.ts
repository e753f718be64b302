import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeToken, newNonce, openToken } from './tokens.js';

const secret = randomBytes(32);

describe('badge tokens', () => {
  it('opens its own tokens and nothing else', () => {
    const nonce = newNonce();
    const token = makeToken(secret, 'person', nonce);
    expect(token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(openToken(secret, 'person', token)).toBe(nonce);
    expect(openToken(secret, 'board', token)).toBeNull(); // a badge is not a board link
    expect(openToken(secret, 'door', token)).toBeNull(); // nor a reception link
    expect(openToken(secret, 'person', makeToken(secret, 'door', nonce))).toBeNull(); // and a reception link no badge
    expect(openToken(randomBytes(32), 'person', token)).toBeNull(); // another instance's secret
    for (const bad of [undefined, 42, '', token.slice(1), `${token}A`, token.replace(/^./, '!')]) {
      expect(openToken(secret, 'person', bad)).toBeNull();
    }
  });

  it('rejects every single-character change, the spare bits of the last character included', () => {
    const token = makeToken(secret, 'person', newNonce());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 0; i < token.length; i++) {
      for (const c of alphabet) {
        if (c === token[i]) continue;
        expect(openToken(secret, 'person', token.slice(0, i) + c + token.slice(i + 1))).toBeNull();
      }
    }
  });
});
