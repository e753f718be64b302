/**
 * Calendar feed tokens are badge tokens under the 'calendar' purpose: a feed opens with its own
 * token only, a badge's token opens no feed (and a feed's no badge), and the URLs handed out before
 * the copy in feed-token.ts was folded into tokens.ts still open (same HMAC input and length).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feedToken, newFeedNonce, openFeedToken } from './feed-token.js';
import { makeToken, openToken } from './tokens.js';

const secret = randomBytes(32);

describe('calendar feed tokens', () => {
  it('open their own feed only, and are no badge', () => {
    const nonce = newFeedNonce();
    const token = feedToken(secret, nonce);
    expect(token).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(openFeedToken(secret, token)).toBe(nonce);
    expect(openToken(secret, 'person', token)).toBeNull();
    expect(openFeedToken(secret, makeToken(secret, 'person', nonce))).toBeNull();
    expect(openFeedToken(randomBytes(32), token)).toBeNull();
    expect(openFeedToken(secret, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
  });

  it('keep the subscription URLs already handed out working', () => {
    const nonce = newFeedNonce();
    const before = createHmac('sha256', secret).update(`calendar:${nonce}`).digest().subarray(0, 16);
    expect(feedToken(secret, nonce)).toBe(nonce + before.toString('base64url'));
  });
});
