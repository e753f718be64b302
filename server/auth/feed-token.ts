/**
 * Calendar subscription tokens (`/cal/TOKEN.ics`). Made as badge tokens are (auth/tokens.ts): a
 * random nonce, which is stored, and an HMAC of it under the instance secret, which is not, so the
 * database alone opens no one's calendar. Its own purpose in the HMAC: a feed's token is no badge.
 * 22 + 22 base64url characters: 128 random bits, and 128 bits of MAC.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_CHARS = 22;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{44}$/;

export const newFeedNonce = (): string => randomBytes(16).toString('base64url');

const macOf = (secret: Buffer, nonce: string): string =>
  createHmac('sha256', secret).update(`calendar:${nonce}`).digest().subarray(0, 16).toString('base64url');

export const feedToken = (secret: Buffer, nonce: string): string => nonce + macOf(secret, nonce);

/** The nonce of an authentic token, or null. */
export function openFeedToken(secret: Buffer, token: string): string | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const nonce = token.slice(0, NONCE_CHARS);
  const given = Buffer.from(token.slice(NONCE_CHARS));
  const expected = Buffer.from(macOf(secret, nonce));
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}
