/**
 * Organizations: the companies of an event (firms, ventures, partners). Interest and meetings are
 * between organizations, and a company is one organization however its name is spelled. A firm's or
 * partner's challenges (課題) are kept on it as JSON: they are the company's, whoever of it states them.
 */
import { addressedBy, fitWith, type Challenges } from '../../shared/challenges.js';
import type { OrgInfo, OrgKind, VentureInfo } from '../../shared/model.js';
import { findCompany } from '../domain/company.js';
import type { Statements } from './statements.js';

type VentureRow = Omit<VentureInfo, 'tags'> & { tags: string };

function toVenture(row: VentureRow): VentureInfo {
  return { ...row, tags: JSON.parse(row.tags) as string[] };
}

export interface NewOrganization {
  id: string;
  eventId: string;
  kind: OrgKind;
  name: string;
  nameKana?: string;
  summary?: string;
  tags?: string[];
}

export class Organizations {
  constructor(private readonly sql: Statements) {}

  insert(o: NewOrganization): void {
    this.sql
      .prepare(
        'INSERT INTO organizations (id, event_id, kind, name, name_kana, summary, tags) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(o.id, o.eventId, o.kind, o.name, o.nameKana ?? '', o.summary ?? '', JSON.stringify(o.tags ?? []));
  }

  get(orgId: string): (OrgInfo & { eventId: string }) | undefined {
    return this.sql
      .prepare<[string], OrgInfo & { eventId: string }>(
        'SELECT id, kind, name, event_id AS eventId FROM organizations WHERE id = ?',
      )
      .get(orgId);
  }

  /** Sets an organization's profile (reading, summary, topics) and returns it as the directory shows it. */
  updateProfile(orgId: string, p: { nameKana: string; summary: string; tags: string[] }): VentureInfo | undefined {
    const row = this.sql
      .prepare<[string, string, string, string], VentureRow>(
        `UPDATE organizations SET name_kana = ?, summary = ?, tags = ? WHERE id = ?
         RETURNING id, name, name_kana AS nameKana, summary, tags`,
      )
      .get(p.nameKana, p.summary, JSON.stringify(p.tags), orgId);
    return row && toVenture(row);
  }

  /** The event's ventures, in the directory's order (by reading, then name). */
  ventures(eventId: string): VentureInfo[] {
    return this.sql
      .prepare<[string], VentureRow>(
        `SELECT id, name, name_kana AS nameKana, summary, tags FROM organizations
         WHERE event_id = ? AND kind = 'venture' ORDER BY name_kana, name`,
      )
      .all(eventId)
      .map(toVenture);
  }

  /** The event's organizations, oldest first (the first spelling of a company is the one kept). */
  list(eventId: string): OrgInfo[] {
    return this.sql
      .prepare<[string], OrgInfo>('SELECT id, kind, name FROM organizations WHERE event_id = ? ORDER BY rowid')
      .all(eventId);
  }

  /**
   * The organization a company name means, however it is spelled (ＡＢＣ商事, (株)ABC商事…): one
   * organization per company is kept here, in code, since SQLite cannot fold names as companyKey does.
   */
  byName(eventId: string, name: string): (OrgInfo & { eventId: string }) | undefined {
    const org = findCompany(this.list(eventId), name);
    return org && { ...org, eventId };
  }

  /** An organization's challenges, or null when none were stated. */
  challenges(orgId: string): Challenges | null {
    const json = this.sql
      .pluck<[string], string | null>('SELECT challenges FROM organizations WHERE id = ?')
      .get(orgId);
    return json ? (JSON.parse(json) as Challenges) : null;
  }

  /** States (or, with null, clears) an organization's challenges. */
  setChallenges(orgId: string, challenges: Challenges | null): void {
    this.sql
      .prepare('UPDATE organizations SET challenges = ? WHERE id = ?')
      .run(challenges ? JSON.stringify(challenges) : null, orgId);
  }

  /** Every organization of the event that stated challenges, by id (the organizers' People page). */
  challengesOfEvent(eventId: string): Record<string, Challenges> {
    const rows = this.sql
      .prepare<[string], { id: string; challenges: string }>(
        'SELECT id, challenges FROM organizations WHERE event_id = ? AND challenges IS NOT NULL',
      )
      .all(eventId);
    return Object.fromEntries(rows.map((r) => [r.id, JSON.parse(r.challenges) as Challenges]));
  }

  /**
   * For each venture, how many firms and partners in the room (someone of theirs checked in) have a
   * challenge it addresses: a count only, the board shows no names. Every venture is listed, 0 included,
   * so a count that drops to 0 replaces the one before.
   */
  fitInRoom(eventId: string): Record<string, number> {
    const guests = this.sql
      .pluck<[string], string>(
        `SELECT o.challenges FROM organizations o
         WHERE o.event_id = ? AND o.kind IN ('firm', 'partner') AND o.challenges IS NOT NULL
           AND EXISTS (SELECT 1 FROM people p JOIN checkins c ON c.person_id = p.id WHERE p.organization_id = o.id)`,
      )
      .all(eventId)
      .map((json) => JSON.parse(json) as Challenges);
    return Object.fromEntries(
      this.ventures(eventId).map((v) => {
        const addressed = addressedBy(v.tags);
        return [v.id, guests.filter((g) => fitWith(g, addressed).score > 0).length];
      }),
    );
  }

  /** The ventures someone of this organization asked to meet: their lists of firms show its challenges. */
  leadVenturesOf(orgId: string): string[] {
    return this.sql
      .pluck<[string], string>(
        `SELECT DISTINCT i.venture_id FROM interests i JOIN people p ON p.id = i.person_id
         WHERE p.organization_id = ? AND i.level = 'want-to-meet'`,
      )
      .all(orgId);
  }

  /** Leads with each firm's challenges beside them (one read per firm, not per person). */
  withChallenges<T extends { orgId: string }>(leads: T[]): (T & { challenges?: Challenges })[] {
    const byOrg = new Map<string, Challenges | null>();
    return leads.map((lead) => {
      if (!byOrg.has(lead.orgId)) byOrg.set(lead.orgId, this.challenges(lead.orgId));
      const challenges = byOrg.get(lead.orgId);
      return challenges ? { ...lead, challenges } : lead;
    });
  }
}
