/**
 * People and their sign-in sessions. A person belongs to one event and to one organization, or is
 * one of the event's organizers (with an account shared across the series). A session lives only
 * as long as the badge it was opened with: a new badge ends every session of the old one.
 */
import type { OrgInfo, OrgKind, Role } from '../../shared/model.js';
import type { RegisteredPerson } from '../domain/registration-match.js';
import type { Statements } from './statements.js';

export interface PersonRecord {
  id: string;
  eventId: string;
  name: string;
  role: Role;
  org: OrgInfo | null;
  badgeNonce: string;
}

interface PersonRow {
  id: string;
  event_id: string;
  name: string;
  is_organizer: number;
  badge_nonce: string;
  org_id: string | null;
  org_kind: OrgKind | null;
  org_name: string | null;
}

const PERSON_SELECT = `
  SELECT p.id, p.event_id, p.name, p.is_organizer, p.badge_nonce,
         o.id AS org_id, o.kind AS org_kind, o.name AS org_name
  FROM people p LEFT JOIN organizations o ON o.id = p.organization_id`;

function toPerson(row: PersonRow | undefined): PersonRecord | undefined {
  if (!row) return undefined;
  const org = row.org_id ? { id: row.org_id, kind: row.org_kind!, name: row.org_name! } : null;
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    role: row.is_organizer ? 'organizer' : org!.kind,
    org,
    badgeNonce: row.badge_nonce,
  };
}

export interface NewPerson {
  id: string;
  eventId: string;
  organizationId: string | null;
  name: string;
  nameKana?: string;
  email?: string | null;
  title?: string;
  badgeNonce: string;
  createdAt: number;
  registrationKey?: string | null;
  tags?: string[];
  /** An organizer's account across the series; a new organizer is an account of their own. */
  account?: string;
}

/** What a registration import may change about a person. */
export interface PersonUpdate {
  organizationId: string;
  name: string;
  nameKana: string;
  email: string | null;
  title: string;
  tags: string[];
  registrationKey: string | null;
}

export class People {
  constructor(private readonly sql: Statements) {}

  insert(p: NewPerson): void {
    const organizer = p.organizationId === null;
    this.sql
      .prepare(
        `INSERT INTO people (id, event_id, organization_id, is_organizer, name, name_kana, email, title, badge_nonce,
           created_at, registration_key, tags, account)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.id,
        p.eventId,
        p.organizationId,
        organizer ? 1 : 0,
        p.name,
        p.nameKana ?? '',
        p.email ?? null,
        p.title ?? '',
        p.badgeNonce,
        p.createdAt,
        p.registrationKey ?? null,
        JSON.stringify(p.tags ?? []),
        organizer ? (p.account ?? p.id) : null,
      );
  }

  get(personId: string): PersonRecord | undefined {
    return toPerson(this.sql.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.id = ?`).get(personId));
  }

  byBadgeNonce(nonce: string): PersonRecord | undefined {
    return toPerson(this.sql.prepare<[string], PersonRow>(`${PERSON_SELECT} WHERE p.badge_nonce = ?`).get(nonce));
  }

  /** The person whose badge this was before a reissue. */
  byRevokedBadgeNonce(nonce: string): PersonRecord | undefined {
    return toPerson(
      this.sql
        .prepare<[string], PersonRow>(`${PERSON_SELECT} JOIN revoked_badges r ON r.person_id = p.id WHERE r.nonce = ?`)
        .get(nonce),
    );
  }

  /** The event's people: organizers first, then by kind of organization and reading. */
  list(eventId: string): PersonRecord[] {
    return this.sql
      .prepare<[string], PersonRow>(
        `${PERSON_SELECT} WHERE p.event_id = ? ORDER BY p.is_organizer DESC, o.kind, p.name_kana, p.name`,
      )
      .all(eventId)
      .map((row) => toPerson(row)!);
  }

  /** Everyone registered for the event (organizers aside), as an import or a registration matches them. */
  registered(eventId: string): RegisteredPerson[] {
    type Row = Omit<RegisteredPerson, 'tags'> & { tags: string };
    return this.sql
      .prepare<[string], Row>(
        `SELECT p.id, p.name, p.name_kana AS kana, p.email, p.title, p.tags, p.registration_key AS registrationKey,
           o.id AS orgId, o.name AS orgName, o.kind
         FROM people p JOIN organizations o ON o.id = p.organization_id WHERE p.event_id = ? ORDER BY p.rowid`,
      )
      .all(eventId)
      .map((row) => ({ ...row, tags: JSON.parse(row.tags) as string[] }));
  }

  byRegistrationKey(eventId: string, key: string): PersonRecord | undefined {
    return toPerson(
      this.sql
        .prepare<[string, string], PersonRow>(`${PERSON_SELECT} WHERE p.event_id = ? AND p.registration_key = ?`)
        .get(eventId, key),
    );
  }

  update(personId: string, p: PersonUpdate): void {
    this.sql
      .prepare(
        `UPDATE people SET organization_id = ?, name = ?, name_kana = ?, email = ?, title = ?, tags = ?, registration_key = ?
         WHERE id = ?`,
      )
      .run(p.organizationId, p.name, p.nameKana, p.email, p.title, JSON.stringify(p.tags), p.registrationKey, personId);
  }

  tags(personId: string): string[] {
    const raw = this.sql.pluck<[string], string>('SELECT tags FROM people WHERE id = ?').get(personId);
    return raw ? (JSON.parse(raw) as string[]) : [];
  }

  setRegistrationKey(personId: string, key: string | null, tags: string[]): void {
    this.sql
      .prepare('UPDATE people SET registration_key = ?, tags = ? WHERE id = ?')
      .run(key, JSON.stringify(tags), personId);
  }

  /**
   * A new badge: the old token and every session opened with it stop working. The old badge is
   * remembered as revoked, so the door (offline too) can say whose old badge it is. The person's
   * calendar feed goes too: its address is a credential like the badge (a lost phone or a leaked
   * link is why a badge is reissued), so the person subscribes anew. The same update as
   * calendar-feeds.ts revokeFeed, here because this store sits below the Store that one takes.
   */
  setBadgeNonce(personId: string, nonce: string, now: number): void {
    this.sql
      .prepare(
        `INSERT INTO revoked_badges (nonce, event_id, person_id, revoked_at)
         SELECT badge_nonce, event_id, id, ? FROM people WHERE id = ?`,
      )
      .run(now, personId);
    this.sql.prepare('UPDATE people SET badge_nonce = ? WHERE id = ?').run(nonce, personId);
    this.sql.prepare('DELETE FROM logins WHERE person_id = ?').run(personId);
    this.sql
      .prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL')
      .run(now, personId);
  }

  /** Requests a person sent (they name the person), and ventures the person asked to meet (their leads do). */
  namesOf(personId: string): { requestIds: string[]; leadVentureIds: string[] } {
    return {
      requestIds: this.sql
        .pluck<[string], string>('SELECT id FROM meeting_requests WHERE from_person = ?')
        .all(personId),
      leadVentureIds: this.sql
        .pluck<[string], string>("SELECT venture_id FROM interests WHERE person_id = ? AND level = 'want-to-meet'")
        .all(personId),
    };
  }

  // ---- organizers across the series ----

  /** The series account of an organizer; null for anyone else. */
  accountOf(personId: string): string | null {
    return (
      this.sql
        .pluck<[string], string | null>('SELECT account FROM people WHERE id = ? AND is_organizer = 1')
        .get(personId) ?? null
    );
  }

  /** The account's organizer row in an event, if the account organizes it. */
  organizerIn(account: string, eventId: string): PersonRecord | undefined {
    return toPerson(
      this.sql
        .prepare<[string, string], PersonRow>(
          `${PERSON_SELECT} WHERE p.account = ? AND p.event_id = ? AND p.is_organizer = 1`,
        )
        .get(account, eventId),
    );
  }

  // ---- sign-in sessions ----

  insertLogin(idHash: string, person: PersonRecord, now: number): void {
    this.sql
      .prepare('INSERT INTO logins (id_hash, person_id, badge_nonce, created_at) VALUES (?, ?, ?, ?)')
      .run(idHash, person.id, person.badgeNonce, now);
  }

  deleteLogin(idHash: string): void {
    this.sql.prepare('DELETE FROM logins WHERE id_hash = ?').run(idHash);
  }

  /** The person a session belongs to, unless their badge was reissued since it was opened. */
  byLogin(idHash: string, openedAfter: number): PersonRecord | undefined {
    return toPerson(
      this.sql
        .prepare<[string, number], PersonRow>(
          `${PERSON_SELECT} JOIN logins l ON l.person_id = p.id AND l.badge_nonce = p.badge_nonce
           WHERE l.id_hash = ? AND l.created_at > ?`,
        )
        .get(idHash, openedAfter),
    );
  }
}
