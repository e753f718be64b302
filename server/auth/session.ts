import { parse as parseCookie, serialize as serializeCookie } from 'cookie';
import { SESSION_COOKIE } from '../../shared/constants.js';
import type { PersonRecord, Store } from '../store/store.js';
import type { DoorLinkRecord } from '../store/door-links.js';
import { stationActor } from './door.js';
import { hashSessionId, newSessionId } from './tokens.js';

/**
 * Over HTTPS the cookie is `__Host-` prefixed: the browser then keeps it only if it is Secure, for
 * this host alone and the whole path, so no sibling subdomain or plain-HTTP page can plant one.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The session id in a Cookie header, if any (the HTTPS name first). */
export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  const cookies = parseCookie(cookieHeader);
  return cookies[SECURE_SESSION_COOKIE] ?? cookies[SESSION_COOKIE];
}

/** Set-Cookie values that end the session under either name. */
export function clearedSessionCookies(): string[] {
  return [
    serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 0 }),
    serializeCookie(SECURE_SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: true, path: '/', maxAge: 0 }),
  ];
}

/**
 * How long a sign-in lasts: the event day plus the weeks of follow-up. Enforced here, not only by the
 * cookie. A reception station's ends sooner, with its link at the end of the day after the event
 * (store/door-links.ts `stationsEndAt`): door staff have no follow-up.
 */
export const SESSION_MAX_AGE_SEC = 90 * 24 * 3600;

/**
 * The signed-in person behind a Cookie header, for HTTP requests and socket handshakes alike: a
 * person signed in by their badge, or a reception station signed in by its link (acting as its
 * station, auth/door.ts), while that link is in force (not revoked, its event's day not over).
 */
export function personFromCookie(
  store: Store,
  cookieHeader: string | undefined,
  now: number,
): PersonRecord | undefined {
  const sessionId = sessionIdFrom(cookieHeader);
  if (!sessionId) return undefined;
  const hash = hashSessionId(sessionId);
  const openedAfter = now - SESSION_MAX_AGE_SEC * 1000;
  const person = store.personByLogin(hash, openedAfter);
  if (person) return person;
  const link = store.records.doorLinks.byLogin(hash, openedAfter, now);
  return link ? stationActor(link) : undefined;
}

/** Ends the session a cookie names, whichever kind it is. */
export function endSession(store: Store, sessionId: string): void {
  const hash = hashSessionId(sessionId);
  store.deleteLogin(hash);
  store.records.doorLinks.deleteLogin(hash);
}

/**
 * Opens a session for a person and returns the Set-Cookie value: only the id's hash is stored, the
 * browser keeps the id in an httpOnly cookie that the socket handshake reuses. `secure`: the page
 * was reached over HTTPS (directly, or through a trusted proxy), or the public address is https.
 */
export function openSession(store: Store, person: PersonRecord, now: number, secure: boolean): string {
  const session = newSessionId();
  store.insertLogin(session.hash, person, now);
  return sessionCookie(session.id, secure);
}

/** Opens a reception station's session from its link; the same cookie as a person's. */
export function openDoorSession(store: Store, link: DoorLinkRecord, now: number, secure: boolean): string {
  const session = newSessionId();
  store.records.doorLinks.insertLogin(session.hash, link.id, now);
  return sessionCookie(session.id, secure);
}

function sessionCookie(id: string, secure: boolean): string {
  return serializeCookie(secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: SESSION_MAX_AGE_SEC,
  });
}
