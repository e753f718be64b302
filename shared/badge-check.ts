/**
 * A badge's check: a short fingerprint of the token printed on a badge, so a door station can tell
 * offline whose badge it holds (and whether it was reissued away) without holding anything that
 * could make a badge. The server computes it from the token it prints; a station from the token it
 * scanned. Knowing a check cannot forge a token: it is a one-way hash of the whole signed token.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Domain prefix, so the check of a badge is never the hash of the same text used elsewhere. */
export const BADGE_CHECK_PREFIX = 'pitchmatch-badge:';
/** 22 base64url characters = 132 bits: collisions among an event's badges are out of reach. */
export const BADGE_CHECK_LENGTH = 22;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * base64url without padding. Written out because the browser's btoa works on binary strings and
 * node's Buffer is not there; @noble/hashes's sha256 is used for the same reason (crypto.subtle is
 * missing in a plain-HTTP page at the venue's address).
 */
function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1] ?? 0;
    const b2 = bytes[i + 2] ?? 0;
    const word = (b0 << 16) | (b1 << 8) | b2;
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += ALPHABET[(word >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The check of a badge token: base64url(SHA-256("pitchmatch-badge:" + token)), first 22 characters. */
export function badgeCheck(token: string): string {
  return base64url(sha256(utf8ToBytes(BADGE_CHECK_PREFIX + token))).slice(0, BADGE_CHECK_LENGTH);
}
