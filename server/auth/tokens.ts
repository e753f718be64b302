/**
 * Badge, board, reception-link and calendar-subscription tokens. A token is a random nonce (stored) followed by an HMAC of it under the
 * instance secret (not stored), so the database alone cannot sign anyone in, a badge can be
 * reprinted from the nonce, and reissuing the nonce revokes the old badge.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const NONCE_BYTES = 16;
const MAC_BYTES = 16;
const NONCE_CHARS = 22; // base64url of 16 bytes
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{44}$/;

/**
 * The purpose is signed in: a badge's token does not open a board, a reception station or anyone's
 * calendar feed (auth/feed-token.ts), nor the other way round.
 */
export type TokenPurpose = 'person' | 'board' | 'door' | 'calendar';

export function newNonce(): string {
  return randomBytes(NONCE_BYTES).toString('base64url');
}

function mac(secret: Buffer, purpose: TokenPurpose, nonce: string): Buffer {
  return createHmac('sha256', secret).update(`${purpose}:${nonce}`).digest().subarray(0, MAC_BYTES);
}

export function makeToken(secret: Buffer, purpose: TokenPurpose, nonce: string): string {
  return nonce + mac(secret, purpose, nonce).toString('base64url');
}

/** The nonce inside a well-formed, authentic token; null for anything else. */
export function openToken(secret: Buffer, purpose: TokenPurpose, token: unknown): string | null {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return null;
  const nonce = token.slice(0, NONCE_CHARS);
  // Compare the text, not decoded bytes: base64url's last character has spare bits, and a token with
  // other spare bits must not count as the same badge.
  const given = Buffer.from(token.slice(NONCE_CHARS));
  const expected = Buffer.from(mac(secret, purpose, nonce).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}

/** A new session id for the cookie, and the hash we keep of it. */
export function newSessionId(): { id: string; hash: string } {
  const id = randomBytes(32).toString('base64url');
  return { id, hash: hashSessionId(id) };
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}
