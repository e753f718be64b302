/**
 * Group commit on a real SQLite file: commands queued in one turn share one COMMIT, each in its own
 * savepoint; answers come only after the commit (a second connection already sees the rows), in
 * arrival order; a refused command rolls back alone; a group that cannot commit is answered as lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './db.js';
import { GROUP_LIMIT, GroupCommit, type GroupStep } from './group-commit.js';

let dir: string;
let db: Db;
let reader: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
  const file = path.join(dir, 'g.db');
  db = openDb(file);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE);
           CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER NOT NULL REFERENCES t(id))`);
  reader = new Database(file, { readonly: true });
});

afterEach(() => {
  reader.close();
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** What another connection (the crash drill, a backup) sees committed. */
const committedValues = () => reader.prepare<[], string>('SELECT v FROM t ORDER BY id').pluck().all();

/** A step as command.ts makes one: its write in a nested transaction, a refusal caught as its answer. */
function writing(value: string, log: string[]): GroupStep {
  let answer = '';
  return {
    inside: () => {
      try {
        db.transaction(() => db.prepare('INSERT INTO t (v) VALUES (?)').run(value)).immediate();
        answer = `ok ${value}`;
      } catch {
        answer = `refused ${value}`;
      }
    },
    committed: () => log.push(`${answer}; visible: ${committedValues().join(',')}`),
    lost: () => log.push(`lost ${value}`),
  };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('commits the commands of one turn together and answers each after the commit, in order', async () => {
    const group = new GroupCommit(db, true);
    const log: string[] = [];
    for (const v of ['a', 'b', 'c']) group.run(writing(v, log));
    expect(log).toEqual([]); // nothing answered before the group has run
    expect(committedValues()).toEqual([]);
    await nextTurn();
    expect(log).toEqual(['ok a; visible: a,b,c', 'ok b; visible: a,b,c', 'ok c; visible: a,b,c']);
    expect(group.stats()).toEqual({ commits: 1, commands: 3, largest: 3 });
    expect(db.inTransaction).toBe(false);
  });

  it('rolls a refused command back alone: the others of its group are kept', async () => {
    const group = new GroupCommit(db, true);
    const log: string[] = [];
    group.run(writing('a', log));
    group.run(writing('a', log)); // the unique index refuses the second 'a'
    group.run(writing('b', log));
    await nextTurn();
    expect(log).toEqual(['ok a; visible: a,b', 'refused a; visible: a,b', 'ok b; visible: a,b']);
    expect(committedValues()).toEqual(['a', 'b']);
  });

  it('answers every command of a group that cannot commit as lost, and keeps nothing of it', async () => {
    const group = new GroupCommit(db, true);
    const log: string[] = [];
    group.run(writing('a', log));
    // A deferred foreign key is checked at COMMIT: the whole group's commit fails.
    group.run({
      inside: () => {
        db.pragma('defer_foreign_keys = ON');
        db.prepare('INSERT INTO child (parent) VALUES (999)').run();
      },
      committed: () => log.push('ok orphan'),
      lost: () => log.push('lost orphan'),
    });
    await nextTurn();
    expect(log).toEqual(['lost a', 'lost orphan']);
    expect(committedValues()).toEqual([]);
    expect(group.stats().commits).toBe(0);
    // The next group commits as usual.
    group.run(writing('b', log));
    await nextTurn();
    expect(committedValues()).toEqual(['b']);
  });

  it('when the database rolls the whole transaction back mid-group, the commands before go with it; the rest commit', async () => {
    const group = new GroupCommit(db, true);
    const log: string[] = [];
    group.run(writing('a', log));
    // What SQLite does on SQLITE_FULL or SQLITE_IOERR: the transaction is gone, not just the savepoint.
    group.run({ inside: () => db.exec('ROLLBACK'), committed: () => log.push('ok x'), lost: () => log.push('lost x') });
    group.run(writing('c', log));
    await nextTurn();
    expect(log).toEqual(['lost a', 'lost x', 'ok c; visible: c']);
    expect(committedValues()).toEqual(['c']);
  });

  it(`holds at most ${GROUP_LIMIT} commands in one transaction; the rest commit in the next turn`, async () => {
    const group = new GroupCommit(db, true);
    const log: string[] = [];
    for (let i = 0; i < GROUP_LIMIT + 10; i++) group.run(writing(`v${i}`, log));
    await nextTurn();
    expect(log).toHaveLength(GROUP_LIMIT);
    await nextTurn();
    expect(log).toHaveLength(GROUP_LIMIT + 10);
    expect(group.stats()).toEqual({ commits: 2, commands: GROUP_LIMIT + 10, largest: GROUP_LIMIT });
  });

  it('off, runs and answers each command at once in its own transaction', () => {
    const group = new GroupCommit(db, false);
    const log: string[] = [];
    group.run(writing('a', log));
    expect(log).toEqual(['ok a; visible: a']);
    group.run(writing('b', log));
    expect(log).toEqual(['ok a; visible: a', 'ok b; visible: a,b']);
  });

  it('flush() answers what is queued now (shutdown), and the timer then finds nothing to do', async () => {
    const group = new GroupCommit(db, true);
    const log: string[] = [];
    group.run(writing('a', log));
    group.flush();
    expect(log).toEqual(['ok a; visible: a']);
    await nextTurn();
    expect(group.stats()).toEqual({ commits: 1, commands: 1, largest: 1 });
  });
});
