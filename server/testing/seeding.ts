/**
 * Stores for tests and tools, written once: the small demo event dated tomorrow in Tokyo (so every
 * meeting slot is ahead whenever it runs) and extra organizations of one person each, added in one
 * transaction. The integration harness, the crash drill, the bench and the e2e servers seed with it.
 */
import { randomUUID } from 'node:crypto';
import type { OrgKind } from '../../shared/model.js';
import { newNonce } from '../auth/tokens.js';
import { seedDemoEvent } from '../seed/demo.js';
import { markNoticeRead } from '../store/privacy.js';
import type { Store } from '../store/store.js';

/** Tomorrow in Tokyo, as YYYY-MM-DD. */
export function tomorrowInTokyo(): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(Date.now() + 24 * 3600_000);
}

/** The small demo event (the tests' fixture: its five ventures, its firms' people, the notice read) dated tomorrow. */
export function seedSmallDemo(store: Store, name: string): string {
  const eventId = seedDemoEvent(store, {
    now: Date.now(),
    newId: randomUUID,
    size: 'small',
    name,
    date: tomorrowInTokyo(),
  });
  // Its people have read the privacy notice: a phone opens on what the test is about.
  markNoticeRead(store, eventId);
  return eventId;
}

/**
 * Adds `count` organizations of one kind with one person each, in one transaction, named by
 * `names` (the index counts from 0); returns the people's badge nonces in order.
 */
export function addOrganizations(
  store: Store,
  eventId: string,
  kind: OrgKind,
  count: number,
  names: (index: number, orgId: string) => { org: string; person: string },
): string[] {
  const createdAt = Date.now();
  const nonces: string[] = [];
  store.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const orgId = randomUUID();
      const name = names(i, orgId);
      const badgeNonce = newNonce();
      store.insertOrganization({ id: orgId, eventId, kind, name: name.org });
      store.insertPerson({
        id: randomUUID(),
        eventId,
        organizationId: orgId,
        name: name.person,
        badgeNonce,
        createdAt,
      });
      nonces.push(badgeNonce);
    }
  })();
  return nonces;
}

/** A meeting written straight to the store, as data already there: 15 minutes at `slotStart`, no request. Its id. */
export function insertMeetingAt(
  store: Store,
  eventId: string,
  at: { guestOrg: string; ventureOrg: string; slotStart: number; table: string; now: number },
): string {
  const id = randomUUID();
  store.insertMeeting({ id, eventId, requestId: null, ...at, slotEnd: at.slotStart + 900_000 });
  return id;
}
