/**
 * Remembered answers: what a command keyed by its sender already answered, so a retry of the same
 * command (a phone that lost the ack) gets the same answer instead of doing the work twice.
 */
import type { Statements } from './statements.js';

export class Answers {
  constructor(private readonly sql: Statements) {}

  /**
   * The answer already given to this actor's command with this key, if any. The key is scoped to
   * the command, so a key reused for another command is a new request, not someone else's answer.
   */
  find<T>(actor: string, command: string, key: string): T | undefined {
    const row = this.sql
      .prepare<[string, string], { answer: string }>('SELECT answer FROM idempotency WHERE actor = ? AND key = ?')
      .get(actor, `${command}:${key}`);
    return row ? (JSON.parse(row.answer) as T) : undefined;
  }

  remember(actor: string, command: string, key: string, answer: unknown, now: number): void {
    this.sql
      .prepare('INSERT INTO idempotency (actor, key, answer, at) VALUES (?, ?, ?, ?)')
      .run(actor, `${command}:${key}`, JSON.stringify(answer), now);
  }
}
