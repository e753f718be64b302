import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { SESSION_COOKIE } from '../../shared/constants.js';
import type { PersonRecord, Store } from '../store/store.js';
import { hashSessionId, newSessionId } from './tokens.js';

/** The session id in a Cookie header, if any. */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  return cookieHeader ? parseCookie(cookieHeader)[SESSION_COOKIE] : undefined;
}

/** How long a sign-in lasts: the event day plus the weeks of follow-up. Enforced here, not only by the cookie. */
export const SESSION_MAX_AGE_SEC = 90 * 24 * 3600;

/** The signed-in person behind a Cookie header, for HTTP requests and socket handshakes alike. */
export function personFromCookie(
  store: Store,
  cookieHeader: string | undefined,
  now: number,
): PersonRecord | undefined {
  const sessionId = sessionIdFrom(cookieHeader);
  return sessionId ? store.personByLogin(hashSessionId(sessionId), now - SESSION_MAX_AGE_SEC * 1000) : undefined;
}

/**
 * Opens a session for a person and returns the Set-Cookie value: only the id's hash is stored, the
 * browser keeps the id in an httpOnly cookie that the socket handshake reuses.
 */
export function openSession(store: Store, person: PersonRecord, now: number, secure: boolean): string {
  const session = newSessionId();
  store.insertLogin(session.hash, person, now);
  return serializeCookie(SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_SEC,
  });
}
