/**
 * Writes a whole event from a plan (the event, its organizer, sessions, organizations with their
 * people and pitches, the meeting grid) with the store's own calls, in one transaction ending with
 * the `event:seeded` log row. The demo and the e2e hall event are both plans; this is the one writer.
 */
import type { GridSettings } from '../../shared/model.js';
import { newNonce } from '../auth/tokens.js';
import { IDLE } from '../domain/program.js';
import type { Store } from '../store/store.js';
import type { CatalogOrg, CatalogPerson } from './catalog.js';

export interface PlannedOrg extends CatalogOrg {
  /** Its pitch: which session (index into `sessions`), title and length. */
  pitch?: { session: number; title: string; minutes: number };
}

export interface EventPlan {
  name: string;
  venue: string;
  /** YYYY-MM-DD in the event's zone (Asia/Tokyo). */
  date: string;
  topics: string[];
  organizer: Omit<CatalogPerson, 'title'>;
  sessions: string[];
  /** In this order; pitches take their session's next position. */
  orgs: PlannedOrg[];
  grid: GridSettings;
  /** What the `event:seeded` log row says. */
  seededAs: unknown;
}

export function seedEvent(store: Store, plan: EventPlan, ids: { now: number; newId: () => string }): string {
  const { now, newId } = ids;
  const eventId = newId();
  store.db.transaction(() => {
    store.insertEvent({
      id: eventId,
      name: plan.name,
      venue: plan.venue,
      date: plan.date,
      timeZone: 'Asia/Tokyo',
      topics: plan.topics,
      boardNonce: newNonce(),
      live: IDLE,
      createdAt: now,
    });
    const person = (organizationId: string | null, p: Omit<CatalogPerson, 'title'> & { title?: string }) =>
      store.insertPerson({
        id: newId(),
        eventId,
        organizationId,
        name: p.name,
        nameKana: p.kana,
        ...(p.title === undefined ? {} : { title: p.title }),
        badgeNonce: newNonce(),
        createdAt: now,
      });
    person(null, plan.organizer);
    const sessionIds = plan.sessions.map((title, position) => {
      const id = newId();
      store.saveProgramSession(eventId, { id, title, position });
      return id;
    });
    const positions = plan.sessions.map(() => 0);
    for (const org of plan.orgs) {
      const orgId = newId();
      store.insertOrganization({
        id: orgId,
        eventId,
        kind: org.kind,
        name: org.name,
        nameKana: org.kana,
        summary: org.summary,
        tags: org.tags,
      });
      for (const p of org.people) person(orgId, p);
      if (org.pitch) {
        const session = org.pitch.session;
        store.savePitch(eventId, {
          id: newId(),
          sessionId: sessionIds[session]!,
          ventureId: orgId,
          title: org.pitch.title,
          durationSec: org.pitch.minutes * 60,
          position: positions[session]!++,
        });
      }
    }
    store.setGrid(eventId, plan.grid);
    store.mutate(eventId, 'seed', now, () => ({
      result: null,
      changes: [{ kind: 'event:seeded', data: plan.seededAs }],
    }));
  })();
  return eventId;
}
