/**
 * Helpers for outbox tests, which run in Node: a Web Storage kept in a Map (what a tab's
 * localStorage is, minus the disk), and a server whose answers the test gives one at a time.
 * client/src/testing/ holds what only tests import: no page does, so the build never bundles it.
 */
import type { Ack } from '../../../shared/errors';

export class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
}

export interface Call<T, A> {
  item: T;
  answer: (answer: Ack<A>) => void;
}

/** A transport that holds each item until the test answers it, so order and overlap can be seen. */
export function heldServer<T, A>() {
  const calls: Call<T, A>[] = [];
  return {
    calls,
    transmit: (item: T) => new Promise<Ack<A>>((answer) => calls.push({ item, answer })),
  };
}

/** Lets queued promise callbacks run (an answer's effects, the next send). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
