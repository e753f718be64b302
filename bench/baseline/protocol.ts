/**
 * The bare stack's wire format (bench/baseline/server.ts and its bench client): the same commands
 * as the app's door, tap and booking, in the app's ack shape, with nothing the app checks around them.
 */

export type BareAnswer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

type Command<P, T> = (payload: P, ack: (answer: BareAnswer<T>) => void) => void;

export interface BareMeeting {
  slot: number;
  table: string;
}

export interface BareClientEvents {
  /** The booking grid: slots 0 … slots-1 × these tables (not timed). */
  grid: Command<{ slots: number; tables: string[] }, null>;
  checkin: Command<{ personId: string; station: string; key: string }, { outcome: 'checked-in' | 'already' }>;
  tap: Command<{ personId: string; ventureId: string }, null>;
  request: Command<{ from: string; to: string }, { id: number }>;
  accept: Command<{ requestId: number }, { meeting: BareMeeting }>;
  book: Command<{ guest: string; venture: string; slot: number; table: string }, { meeting: BareMeeting }>;
}

export interface BareServerEvents {
  /** To the board, after every tap's commit: the venture's interest count. */
  count: (fact: { ventureId: string; total: number }) => void;
}
