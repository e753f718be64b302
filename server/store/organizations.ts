/**
 * Organizations: the companies of an event (firms, ventures, partners). Interest and meetings are
 * between organizations, and a company is one organization however its name is spelled.
 */
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
}
