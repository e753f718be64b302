/**
 * A whole event as one JSON document: every row of every table that belongs to it, change log
 * included, so importing it into a fresh store restores the event exactly (the same ids, badges,
 * meetings, outcomes and report). Sign-in sessions and retry answers are not part of it.
 *
 * Rows are exported column by column from the live schema, and an import is checked against the
 * same schema, then written in one transaction: the database's own constraints (kinds, statuses,
 * the no-double-booking indexes, foreign keys) reject a tampered file before anything is stored.
 */
import { z } from 'zod';
import { kpiTargetsSchema } from '../../shared/console.js';
import { kpiPlanSchema, publishSettingsSchema } from '../../shared/programme.js';
import type { RefusalParams } from '../../shared/errors.js';
import type { Store } from './store.js';

export const ARCHIVE_FORMAT = 'pitch-match-event' as const;

/** In the order they must be inserted (foreign keys point backwards). */
export const TABLES = [
  'events',
  'smtp_settings',
  'organizations',
  'people',
  'calendar_feeds',
  'mail_log',
  'revoked_badges',
  'door_links',
  'program_sessions',
  'pitches',
  'interests',
  'checkins',
  'checkin_doubles',
  'meeting_requests',
  'meetings',
  'regional_outcomes',
  'changes',
] as const;
type Table = (typeof TABLES)[number];

/**
 * The tables an export leaves out, and why. Every table of the schema is either exported or named
 * here (archive.test.ts checks it), so a new table cannot be forgotten by the restore.
 */
export const NOT_ARCHIVED: Record<string, string> = {
  meta: 'the instance, not an event (schema version, the secret’s presence)',
  logins: 'sign-in sessions: a restored event is signed in to again',
  door_logins: 'reception sessions: a restored station opens its link again',
  idempotency: 'retry answers: a retry after a restore is a new command',
  meetings_version: 'a number the booking path checks its taken places against, changed by every write to meetings',
  // Not per-event rows: an export carries its programme beside them (EventArchive.programme).
  programmes: 'the event’s programme travels in the export’s programme section (unpublished: no slug)',
  kpi_entries: 'the programme’s entered figures travel in the export’s programme section',
  kpi_reviews: 'the council’s reviews travel in the export’s programme section',
};

type Cell = string | number | null;
export type Row = Record<string, Cell>;

export interface EventArchive {
  format: typeof ARCHIVE_FORMAT;
  /** The schema version (migrations applied) the rows follow. */
  schema: number;
  exportedAt: number;
  eventId: string;
  tables: Record<Table, Row[]>;
  /**
   * The event's programme (issue 20): its row (plan and publish settings), entered figures and the
   * council's reviews, so a restore gives the same council's table. Without its slug and with
   * publishing off: a restored programme is unpublished until an organizer publishes it again (a
   * file handed around must not reopen a public address). Absent in exports made before.
   */
  programme?: ProgrammeArchive;
}

export interface ProgrammeArchive {
  programmes: Row;
  kpi_entries: Row[];
  kpi_reviews: Row[];
}

const cell = z.union([z.string().max(1_000_000), z.number(), z.null()]);
const archiveSchema = z.strictObject({
  format: z.literal(ARCHIVE_FORMAT, 'this is not an event export of this app'),
  schema: z.number().int().positive(),
  exportedAt: z.number(),
  eventId: z.string().min(1).max(64),
  programme: z
    .strictObject({
      programmes: z.record(z.string(), cell),
      kpi_entries: z.array(z.record(z.string(), cell)).max(1_000_000),
      kpi_reviews: z.array(z.record(z.string(), cell)).max(10_000),
    })
    .optional(),
  tables: z.strictObject(
    Object.fromEntries(TABLES.map((t) => [t, z.array(z.record(z.string(), cell)).max(1_000_000)])) as Record<
      Table,
      z.ZodArray<z.ZodRecord<z.ZodString, typeof cell>>
    >,
  ),
});

function columns(store: Store, table: Table): string[] {
  return store.sql
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);
}

/**
 * Cells an export never carries: the SMTP password is kept to send with and leaves the server in no
 * answer, and an export is a file handed around. A restored event's server is there, its password
 * typed again.
 */
const WITHHELD: Partial<Record<Table, Row>> = { smtp_settings: { password: '' } };

function schemaVersion(store: Store): number {
  return store.db.pragma('user_version', { simple: true }) as number;
}

export function exportEvent(store: Store, eventId: string, now: number): EventArchive {
  // One read transaction: the tables agree with each other even while the event goes on.
  return store.db.transaction(() => {
    const tables = {} as Record<Table, Row[]>;
    for (const table of TABLES) {
      const where = table === 'events' ? 'id = ?' : 'event_id = ?';
      // The change log has no rowid; everything else comes out in the order it went in.
      const order = table === 'changes' ? 'seq' : 'rowid';
      tables[table] = store.sql
        .prepare<[string], Row>(`SELECT * FROM ${table} WHERE ${where} ORDER BY ${order}`)
        .all(eventId)
        .map((row) => ({ ...row, ...WITHHELD[table] }));
    }
    const programme = exportProgramme(store, eventId);
    return { format: ARCHIVE_FORMAT, schema: schemaVersion(store), exportedAt: now, eventId, tables, programme };
  })();
}

/** The event's programme, unpublished: no slug, publishing off (the rest of its settings kept). */
function exportProgramme(store: Store, eventId: string): ProgrammeArchive | undefined {
  const id = store.sql.pluck<[string], string | null>('SELECT programme_id FROM events WHERE id = ?').get(eventId);
  const row = id ? store.sql.prepare<[string], Row>('SELECT * FROM programmes WHERE id = ?').get(id) : undefined;
  if (!id || !row) return undefined;
  const publish =
    typeof row.publish === 'string' ? JSON.stringify({ ...JSON.parse(row.publish), enabled: false }) : null;
  const rows = (table: string, order: string) =>
    store.sql.prepare<[string], Row>(`SELECT * FROM ${table} WHERE programme_id = ? ORDER BY ${order}`).all(id);
  return {
    programmes: { ...row, slug: null, publish },
    kpi_entries: rows('kpi_entries', 'rowid'),
    kpi_reviews: rows('kpi_reviews', 'fiscal_year'),
  };
}

/**
 * Checks the programme section against the event it came with: its rows name the event's
 * programme, and its plan and publish settings parse (the store parses them on every read).
 */
function checkProgramme(programme: ProgrammeArchive, programmeId: unknown): void {
  const { programmes: row } = programme;
  if (row.id !== programmeId) throw new ArchiveError('The export’s programme is not its event’s.');
  for (const [table, rows] of [
    ['kpi_entries', programme.kpi_entries],
    ['kpi_reviews', programme.kpi_reviews],
  ] as const) {
    rows.forEach((r, index) => {
      if (r.programme_id !== programmeId)
        throw new ArchiveError(`${table} row ${index + 1} belongs to another programme.`);
    });
  }
  const parses = (schema: z.ZodType, value: Cell | undefined) => {
    if (value === null || value === undefined) return true;
    try {
      return schema.safeParse(JSON.parse(String(value))).success;
    } catch {
      return false;
    }
  };
  if (!parses(kpiPlanSchema, row.plan) || !parses(publishSettingsSchema, row.publish)) {
    throw new ArchiveError('The programme’s plan or publish settings are not valid.');
  }
}

/**
 * Inserts rows the store may hold already (OR IGNORE): a programme another of its events brought
 * keeps what this store has; only what it lacks is added.
 */
function insertOrIgnore(store: Store, table: 'programmes' | 'kpi_entries' | 'kpi_reviews', rows: Row[]): number {
  const cols = store.sql
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);
  const insert = store.sql.prepare(
    `INSERT OR IGNORE INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
  );
  for (const [index, row] of rows.entries()) {
    const extra = Object.keys(row).filter((k) => !cols.includes(k));
    if (extra.length > 0) throw new ArchiveError(`${table} row ${index + 1} has unknown columns: ${extra.join(', ')}.`);
    insert.run(cols.map((c) => row[c] ?? null));
  }
  return rows.length;
}

/** A restore refused: the reason and params travel to the console (shared/errors.ts), the message to logs. */
export class ArchiveError extends Error {
  constructor(
    message: string,
    readonly reason: 'archive-invalid' | 'archive-version' | 'archive-exists' = 'archive-invalid',
    readonly params?: RefusalParams,
  ) {
    super(message);
  }
}

/** Columns that hold JSON: the store parses them on every read, so a broken one must not get in. */
const JSON_COLUMNS: Partial<Record<Table, readonly string[]>> = {
  events: ['topics', 'live', 'grid', 'targets'],
  organizations: ['tags', 'challenges'],
  people: ['tags'],
  interests: ['tags'],
  changes: ['data'],
};

function checkJson(table: Table, index: number, row: Row): void {
  for (const column of JSON_COLUMNS[table] ?? []) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    try {
      JSON.parse(String(value));
    } catch {
      throw new ArchiveError(`${table} row ${index + 1}: ${column} is not valid JSON.`);
    }
  }
  if (
    table === 'events' &&
    typeof row.targets === 'string' &&
    !kpiTargetsSchema.safeParse(JSON.parse(row.targets)).success
  ) {
    throw new ArchiveError('The event’s KPI targets are not valid.');
  }
}

/**
 * Restores an exported event. Refuses — and stores nothing — when the file is not an export, comes
 * from another schema version, names another event in its rows, or the event (or any of its ids or
 * badges) is already in this store.
 */
export function importEvent(store: Store, input: unknown): { eventId: string; name: string; rows: number } {
  const parsed = archiveSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ArchiveError(`Not a valid event export: ${issue.path.join('.') || 'file'}: ${issue.message}.`);
  }
  const archive = parsed.data;
  if (archive.schema !== schemaVersion(store)) {
    throw new ArchiveError(
      `The export is from schema version ${archive.schema}; this app is at ${schemaVersion(store)}. Import it with the same version of the app.`,
      'archive-version',
      { version: archive.schema, current: schemaVersion(store) },
    );
  }
  const events = archive.tables.events;
  if (events.length !== 1 || events[0]!.id !== archive.eventId) {
    throw new ArchiveError('The export must hold exactly the one event it names.');
  }
  if (store.getEvent(archive.eventId)) {
    throw new ArchiveError(
      `This event (“${String(events[0]!.name)}”) is already in this store. Import into a fresh store.`,
      'archive-exists',
      { name: String(events[0]!.name) },
    );
  }
  let rows = 0;
  try {
    store.db.transaction(() => {
      // The programme first: the events trigger then finds its row (and makes none of its own).
      const { programme } = archive;
      if (programme) {
        checkProgramme(programme, events[0]!.programme_id);
        rows += insertOrIgnore(store, 'programmes', [programme.programmes]);
      }
      for (const table of TABLES) {
        const cols = columns(store, table);
        const insert = store.sql.prepare(
          `INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
        );
        for (const [index, row] of archive.tables[table].entries()) {
          const extra = Object.keys(row).filter((k) => !cols.includes(k));
          if (extra.length > 0)
            throw new ArchiveError(`${table} row ${index + 1} has unknown columns: ${extra.join(', ')}.`);
          if (table !== 'events' && row.event_id !== archive.eventId) {
            throw new ArchiveError(`${table} row ${index + 1} belongs to another event.`);
          }
          checkJson(table, index, row);
          insert.run(cols.map((c) => row[c] ?? null));
          rows += 1;
        }
      }
      if (programme) {
        rows += insertOrIgnore(store, 'kpi_entries', programme.kpi_entries);
        rows += insertOrIgnore(store, 'kpi_reviews', programme.kpi_reviews);
      }
      const problems = store.db.pragma('foreign_key_check') as unknown[];
      if (problems.length > 0) throw new ArchiveError('The export refers to rows it does not contain.');
    })();
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/FOREIGN KEY/.test(message)) throw new ArchiveError('The export refers to rows it does not contain.');
    if (/UNIQUE/.test(message)) {
      throw new ArchiveError(
        'Some of its people, companies or badges are already in this store (imported before?). Import into a fresh store.',
      );
    }
    throw new ArchiveError(`The export does not fit the store: ${message}.`);
  }
  return { eventId: archive.eventId, name: String(events[0]!.name), rows };
}
