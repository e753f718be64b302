/**
 * Calendar subscription tokens (`/cal/TOKEN.ics`): badge tokens (auth/tokens.ts) under their own
 * purpose, 'calendar', so a feed's token is no badge and a badge opens no feed. The nonce is stored
 * (store/calendar-feeds.ts), the MAC is not, so the database alone opens no one's calendar. Kept as
 * names for the calendar routes; the making and checking live in tokens.ts alone.
 */
import { makeToken, newNonce, openToken } from './tokens.js';

export const newFeedNonce = (): string => newNonce();

export const feedToken = (secret: Buffer, nonce: string): string => makeToken(secret, 'calendar', nonce);

/** The nonce of an authentic token, or null. */
export const openFeedToken = (secret: Buffer, token: string): string | null => openToken(secret, 'calendar', token);
