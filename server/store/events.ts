/**
 * Events: one row per event of the series, holding its settings (name, venue, date, topics, KPI
 * targets), the live state of its program, the board's secret and the head of its change log.
 */
import type { EventUpdate, KpiTargets } from '../../shared/console.js';
import type { EventInfo, GridSettings, LiveState } from '../../shared/model.js';
import type { Statements } from './statements.js';

export interface EventRecord extends EventInfo {
  topics: string[];
  boardNonce: string;
  live: LiveState;
  seq: number;
}

interface EventRow {
  id: string;
  name: string;
  venue: string;
  date: string;
  time_zone: string;
  topics: string;
  board_nonce: string;
  live: string;
  seq: number;
  booking_opens_on?: string | null;
}

/**
 * The columns an `EventRecord` is made of, not `*`: the row also holds the privacy notices (kilobytes
 * of text, on overflow pages) and the grid, and a booking reads the event several times. With a 6 KB
 * notice a read took 55 µs with `*`, 9 µs with these.
 */
const EVENT_COLUMNS =
  'SELECT id, name, venue, date, time_zone, topics, board_nonce, live, seq, booking_opens_on FROM events';

function toEvent(row: EventRow | undefined): EventRecord | undefined {
  if (!row) return undefined;
  return {
    id: row.id,
    name: row.name,
    venue: row.venue,
    date: row.date,
    timeZone: row.time_zone,
    topics: JSON.parse(row.topics) as string[],
    boardNonce: row.board_nonce,
    live: JSON.parse(row.live) as LiveState,
    seq: row.seq,
    // Only when set: an event without a booking window reads as it always has.
    ...(row.booking_opens_on ? { bookingOpensOn: row.booking_opens_on } : {}),
  };
}

export interface NewEvent {
  id: string;
  name: string;
  venue: string;
  date: string;
  timeZone: string;
  topics: string[];
  boardNonce: string;
  live: LiveState;
  createdAt: number;
}

export class Events {
  constructor(private readonly sql: Statements) {}

  insert(e: NewEvent): void {
    this.sql
      .prepare(
        'INSERT INTO events (id, name, venue, date, time_zone, topics, board_nonce, live, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        e.id,
        e.name,
        e.venue,
        e.date,
        e.timeZone,
        JSON.stringify(e.topics),
        e.boardNonce,
        JSON.stringify(e.live),
        e.createdAt,
      );
  }

  get(eventId: string): EventRecord | undefined {
    return toEvent(this.sql.prepare<[string], EventRow>(`${EVENT_COLUMNS} WHERE id = ?`).get(eventId));
  }

  byBoardNonce(nonce: string): EventRecord | undefined {
    return toEvent(this.sql.prepare<[string], EventRow>(`${EVENT_COLUMNS} WHERE board_nonce = ?`).get(nonce));
  }

  /** Every event in the store, by date and then creation. */
  list(): EventRecord[] {
    return this.sql
      .prepare<[], EventRow>(`${EVENT_COLUMNS} ORDER BY date, created_at`)
      .all()
      .map((row) => toEvent(row)!);
  }

  /** The events an organizer account organizes, by date and then creation. */
  ofAccount(account: string): EventRecord[] {
    return this.sql
      .prepare<[string], EventRow>(
        `SELECT e.* FROM events e WHERE EXISTS (SELECT 1 FROM people p WHERE p.event_id = e.id AND p.account = ?)
         ORDER BY e.date, e.created_at`,
      )
      .all(account)
      .map((row) => toEvent(row)!);
  }

  setLive(eventId: string, live: LiveState): void {
    this.sql.prepare('UPDATE events SET live = ? WHERE id = ?').run(JSON.stringify(live), eventId);
  }

  targets(eventId: string): KpiTargets {
    const raw = this.sql.pluck<[string], string>('SELECT targets FROM events WHERE id = ?').get(eventId);
    return raw ? (JSON.parse(raw) as KpiTargets) : {};
  }

  /** Name, venue, date, topics and targets, as the console edits them. */
  update(eventId: string, update: EventUpdate): void {
    this.sql
      .prepare('UPDATE events SET name = ?, venue = ?, date = ?, topics = ?, targets = ? WHERE id = ?')
      .run(
        update.name,
        update.venue,
        update.date,
        JSON.stringify(update.topics),
        JSON.stringify(update.targets),
        eventId,
      );
  }

  /** The settings a new event took from an earlier one, and which one that was. */
  setCopiedFrom(
    eventId: string,
    copied: { grid: GridSettings | null; targets: KpiTargets; createdFrom: string },
  ): void {
    this.sql
      .prepare('UPDATE events SET grid = ?, targets = ?, created_from = ? WHERE id = ?')
      .run(
        copied.grid ? JSON.stringify(copied.grid) : null,
        JSON.stringify(copied.targets),
        copied.createdFrom,
        eventId,
      );
  }
}
