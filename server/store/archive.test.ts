/**
 * The event export leaves no table behind: every table of the schema is exported or named in
 * NOT_ARCHIVED with its reason. A table added by a migration without a decision fails here, before a
 * restore silently drops its rows (revoked badges and doubles were nearly lost that way).
 */
import { describe, expect, it } from 'vitest';
import { NOT_ARCHIVED, TABLES } from './archive.js';
import { openDb } from './db.js';

describe('the event export', () => {
  it('exports every table of the schema or says why not', () => {
    const store = { db: openDb(':memory:') };
    try {
      const schema = store.db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .all()
        .map((t) => t.name)
        .sort();
      const decided = [...TABLES, ...Object.keys(NOT_ARCHIVED)].sort();
      expect(schema).toEqual(decided);
    } finally {
      store.db.close();
    }
  });

  it('exports every table that holds an event id', () => {
    const store = { db: openDb(':memory:') };
    try {
      const withEvent = store.db
        .prepare<[], { name: string }>(
          "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table' AND c.name = 'event_id'",
        )
        .all()
        .map((t) => t.name);
      expect(withEvent.filter((t) => !(TABLES as readonly string[]).includes(t))).toEqual([]);
    } finally {
      store.db.close();
    }
  });
});
