/**
 * Group commit: commands that arrive together commit together, with one fsync.
 *
 * Every socket command is queued as it arrives; once the event loop has taken in everything the
 * network handed it this turn, `setImmediate` runs the queue inside one `BEGIN IMMEDIATE` … `COMMIT`.
 * Each command's own transaction (`change()` → `store.mutate`) becomes a SAVEPOINT inside it
 * (better-sqlite3 nests transactions so), so a refused command rolls back alone and the others stay.
 * Only after the COMMIT has returned (with `synchronous=FULL`, once the WAL is on disk) is any
 * command of the group answered or its facts published: an acknowledged change is never lost.
 *
 * Why it pays: a single commit's fsync blocks the one thread for 0.5–5 ms, so with one transaction
 * per command, twenty phones booking at once queue behind twenty fsyncs. Grouped, whatever arrived
 * during one commit shares the next. On a quiet day a group is one command and nothing changes.
 *
 * When the group cannot commit (the disk is full, the file is gone), nothing of it is kept and every
 * command in it is answered as failed; when SQLite rolls the whole transaction back in the middle of
 * one command (SQLITE_FULL, SQLITE_IOERR…), the commands run before it in the group are lost with
 * it and answered so, and the rest go on in a new transaction.
 */
import type { Db } from './db.js';

/** One queued command: its work inside the group's transaction, then its answer after the commit. */
export interface GroupStep {
  /** Runs inside the transaction: decides, writes (in its own savepoint), keeps its outcome. Must not throw. */
  inside(): void;
  /** After the COMMIT: answer and publish. */
  committed(): void;
  /** Its writes were rolled back with the group: answer it as failed, publish nothing. */
  lost(error: unknown): void;
}

export interface GroupCommitStats {
  /** Transactions committed by the groups. */
  commits: number;
  /** Commands run in them. */
  commands: number;
  /** The most commands in one commit. */
  largest: number;
}

/** The most commands in one transaction: a longer queue waits for the next turn, so no group holds the loop too long. */
export const GROUP_LIMIT = 256;

export class GroupCommit {
  private queue: GroupStep[] = [];
  private scheduled = false;
  private readonly figures: GroupCommitStats = { commits: 0, commands: 0, largest: 0 };

  constructor(
    private readonly db: Db,
    /** false: each command runs and is answered at once, in its own transaction (as before group commit). */
    readonly enabled: boolean,
    private readonly log: (message: string, detail?: unknown) => void = () => {},
  ) {}

  /** Queues a command for the next group (or runs it at once when grouping is off). */
  run(step: GroupStep): void {
    if (!this.enabled) {
      step.inside();
      step.committed();
      return;
    }
    this.queue.push(step);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Commits and answers what is queued now; called by the timer, and by tests and shutdown. */
  flush(): void {
    this.scheduled = false;
    const steps = this.queue.splice(0, GROUP_LIMIT);
    if (this.queue.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (steps.length === 0) return;
    // A caller that left a transaction open (it never should) would make our BEGIN fail: every
    // step would be lost. Better to say so loudly and run each on its own.
    if (this.db.inTransaction) {
      this.log('group commit: a transaction was already open; running the group one by one');
      for (const step of steps) this.runAlone(step);
      return;
    }
    let open: GroupStep[] = [];
    const done = new Set<GroupStep>();
    const lost: { step: GroupStep; error: unknown }[] = [];
    const commit = () => {
      if (open.length === 0) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        return;
      }
      try {
        this.db.exec('COMMIT');
        this.count(open.length);
        for (const step of open) done.add(step);
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.log('group commit: the commit failed; the group is answered as failed', error);
        for (const step of open) lost.push({ step, error });
      }
      open = [];
    };
    for (const step of steps) {
      if (!this.db.inTransaction) {
        try {
          this.db.exec('BEGIN IMMEDIATE');
        } catch (error) {
          lost.push({ step, error });
          continue;
        }
      }
      step.inside();
      if (this.db.inTransaction) {
        open.push(step);
      } else {
        // SQLite rolled the whole transaction back under this step: what ran before it is gone too.
        const error = new Error('the transaction was rolled back by the database');
        this.log('group commit: the transaction was rolled back mid-group', error);
        for (const s of [...open, step]) lost.push({ step: s, error });
        open = [];
      }
    }
    commit();
    // Answers in arrival order: a socket that sent two commands hears them in that order.
    const lostSet = new Map(lost.map((l) => [l.step, l.error]));
    for (const step of steps) {
      if (lostSet.has(step)) this.settle(() => step.lost(lostSet.get(step)));
      else if (done.has(step)) this.settle(() => step.committed());
    }
  }

  /** Commits so far: how many commands shared each fsync (the bench prints it). */
  stats(): GroupCommitStats {
    return { ...this.figures };
  }

  private runAlone(step: GroupStep): void {
    step.inside();
    this.settle(() => step.committed());
  }

  private count(commands: number): void {
    this.figures.commits++;
    this.figures.commands += commands;
    this.figures.largest = Math.max(this.figures.largest, commands);
  }

  /** One step's answer failing (a closed socket's callback) must not keep the others unanswered. */
  private settle(answer: () => void): void {
    try {
      answer();
    } catch (error) {
      this.log('group commit: answering a command failed', error);
    }
  }
}
