/**
 * The one prepared-statement cache of a connection. Every module in server/store reads and writes
 * through it: a statement is compiled once per SQL text and connection (compiling on every call cost
 * 7–8% of server time under load), and every module over the same connection shares the cache.
 *
 * better-sqlite3 keeps "pluck" and "raw" as switches on the statement itself, so a statement that
 * returns the first column only, or rows as arrays, is cached apart from the one returning objects:
 * two modules that happen to write the same SQL text never change each other's row shape.
 */
import type Database from 'better-sqlite3';
import type { Db } from './db.js';

type Params = unknown[] | object;
type Shape = 'rows' | 'pluck' | 'raw';

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(readonly db: Db) {}

  /** A statement whose rows come back as objects keyed by column. */
  prepare<P extends Params = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return this.compiled<P, R>('rows', sql);
  }

  /** A statement whose rows come back as the value of their first column. */
  pluck<P extends Params = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return this.compiled<P, R>('pluck', sql);
  }

  /** A statement whose rows come back as arrays, in column order (the lean booking reads). */
  raw<P extends Params = unknown[], R = unknown>(sql: string): Database.Statement<P, R> {
    return this.compiled<P, R>('raw', sql);
  }

  /** Statements compiled so far on this connection. */
  get size(): number {
    return this.cache.size;
  }

  private compiled<P extends Params, R>(shape: Shape, sql: string): Database.Statement<P, R> {
    const key = `${shape}\u0000${sql}`;
    let statement = this.cache.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (shape === 'pluck') statement.pluck();
      if (shape === 'raw') statement.raw();
      this.cache.set(key, statement);
    }
    return statement as unknown as Database.Statement<P, R>;
  }
}

/** One cache per connection, however many stores or modules are built over it. */
const byConnection = new WeakMap<Db, Statements>();

export function statementsOf(db: Db): Statements {
  let statements = byConnection.get(db);
  if (!statements) byConnection.set(db, (statements = new Statements(db)));
  return statements;
}
