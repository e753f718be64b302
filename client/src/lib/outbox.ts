/**
 * An outbox for commands that must survive a dropped connection: kept in localStorage (a closed
 * tab or a dead battery loses nothing), sent one at a time and in order while the app is online,
 * each with an idempotency key, so one whose answer was lost is answered again, never done twice.
 * The check-in station's scans and a firm's taps each have one.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import { ErrorCode, type Ack, type AppError } from '../../../shared/errors';
import { useConnection } from '../stores/connection-store';

export interface Keyed {
  key: string;
}

export interface OutboxState<T> {
  queue: T[];
  /** The key on the wire now: never replaced by a later item, and the next one waits for its answer. */
  sending: string | null;
}

export interface OutboxOptions<T extends Keyed, A, X extends object> {
  /** The localStorage key the queue is kept under. */
  storageKey: string;
  /** Where the queue is kept; null keeps it in memory only. Defaults to localStorage when there is one. */
  storage?: Storage | null;
  /** What was stored is outside input (another version of the app, a hand edit): items that fail are dropped. */
  isItem: (value: unknown) => value is T;
  /** More state kept beside the queue in the same store (the last result, a log). */
  extra: X;
  transmit: (item: T) => Promise<Ack<A>>;
  /** Refusals that another try would not change: the item leaves the queue. Anything else waits and is retried. */
  isFinal: (error: AppError) => boolean;
  /** Whether this item may go now (e.g. it was made by whoever is signed in). Others wait in the queue. */
  mayGo?: (item: T) => boolean;
  /** An answer (or a final refusal) for an item, after it has left the queue. */
  onSettled?: (item: T, answer: Ack<A>) => void;
  /** An item that got no answer and stays queued. */
  onWaiting?: (item: T) => void;
  retryMs?: number;
}

export interface Outbox<T extends Keyed, A, X extends object> {
  store: UseBoundStore<StoreApi<OutboxState<T> & X>>;
  /**
   * Queues an item and sends what is queued if online. Queued items that `replaces` matches (and that
   * are not on the wire) are dropped, so the newest item stands for them. Resolves with the item's
   * answer, or null when a later item replaced it; a reload forgets the promise, never the item.
   */
  enqueue(item: T, replaces?: (queued: T) => boolean): Promise<Ack<A> | null>;
  /** Sends what is queued, in order, while online. Safe to call at any time. */
  flush(): Promise<void>;
  /** Stops listening for the connection (for tests that make many outboxes). */
  stop(): void;
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked by the browser's settings
  }
}

function load<T>(storage: Storage | null, key: string, isItem: (value: unknown) => value is T): T[] {
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

const isOnline = () => useConnection.getState().status === 'online';

/** The door's outbox key: the station (features/checkin) owns the queue, sign-out asks about it. */
export const DOOR_QUEUE_KEY = 'pm_door_queue';

/** Outboxes running in this page, by storage key: a queue's page may not be loaded (a lazy chunk). */
const running = new Map<string, { count(): number; discard(): void }>();

/**
 * How many items wait under this key: in the running outbox, or as a page that is not open now left
 * them on the device. Sign-out says how many before anything is dropped.
 */
export function waitingIn(storageKey: string, storage: Storage | null = defaultStorage()): number {
  const open = running.get(storageKey);
  if (open) return open.count();
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.length : 0;
  } catch {
    return 0;
  }
}

/** Drops what waits under this key, in memory and on the device (a sign-out the person confirmed). */
export function discardWaiting(storageKey: string, storage: Storage | null = defaultStorage()): void {
  running.get(storageKey)?.discard();
  try {
    storage?.removeItem(storageKey);
  } catch {
    // blocked storage holds nothing to drop
  }
}

export function createOutbox<T extends Keyed, A, X extends object>(options: OutboxOptions<T, A, X>): Outbox<T, A, X> {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const mayGo = options.mayGo ?? (() => true);
  const retryMs = options.retryMs ?? 3000;
  const store = create<OutboxState<T> & X>()(() => ({
    ...options.extra,
    queue: load(storage, options.storageKey, options.isItem),
    sending: null,
  }));
  const patch = (change: Partial<OutboxState<T>> | ((s: OutboxState<T>) => Partial<OutboxState<T>>)) =>
    store.setState(change as Partial<OutboxState<T> & X>);
  // In memory only: whoever waits on an item in this tab.
  const waiting = new Map<string, (answer: Ack<A> | null) => void>();

  const unsubscribeStore = store.subscribe((state, previous) => {
    if (state.queue === previous.queue) return;
    try {
      storage?.setItem(options.storageKey, JSON.stringify(state.queue));
    } catch {
      // storage full or blocked: the queue still lives in memory
    }
  });

  function settle(key: string, answer: Ack<A> | null): void {
    waiting.get(key)?.(answer);
    waiting.delete(key);
  }

  let flushing = false;
  /** The connection came back while an answer was awaited: a missing answer is then worth asking again now. */
  let cameBack = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function retryLater(): void {
    retryTimer ??= setTimeout(() => {
      retryTimer = null;
      void flush();
    }, retryMs);
  }

  async function transmit(item: T): Promise<Ack<A>> {
    try {
      return await options.transmit(item);
    } catch (error) {
      // Not an answer from the server: keep the item and try again.
      return { ok: false, error: { code: ErrorCode.Internal, message: String(error) } };
    }
  }

  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      for (;;) {
        const next = store.getState().queue.find(mayGo);
        if (!next || !isOnline()) return;
        patch({ sending: next.key });
        cameBack = false;
        const answer = await transmit(next);
        if (!answer.ok && !options.isFinal(answer.error)) {
          patch({ sending: null });
          if (cameBack && isOnline()) continue;
          options.onWaiting?.(next);
          retryLater();
          return;
        }
        patch((s) => ({ sending: null, queue: s.queue.filter((q) => q.key !== next.key) }));
        settle(next.key, answer);
        options.onSettled?.(next, answer);
      }
    } finally {
      flushing = false;
    }
  }

  function enqueue(item: T, replaces?: (queued: T) => boolean): Promise<Ack<A> | null> {
    const answer = new Promise<Ack<A> | null>((resolve) => waiting.set(item.key, resolve));
    const { queue, sending } = store.getState();
    const replaced = replaces ? queue.filter((q) => q.key !== sending && replaces(q)) : [];
    patch({ queue: [...queue.filter((q) => !replaced.includes(q)), item] });
    for (const old of replaced) settle(old.key, null);
    if (!isOnline()) options.onWaiting?.(item);
    void flush();
    return answer;
  }

  // Back online: send what waited, in order. Also at load: the page may open with a queue left by a
  // tab that closed offline, on a socket that is already online.
  const unsubscribeConnection = useConnection.subscribe((state, previous) => {
    if (state.status !== 'online' || previous.status === 'online') return;
    cameBack = true;
    void flush();
  });
  void flush();

  const entry = {
    count: () => store.getState().queue.length,
    discard: () => {
      const dropped = store.getState().queue;
      patch({ queue: [] });
      for (const item of dropped) settle(item.key, null);
    },
  };
  running.set(options.storageKey, entry);

  return {
    store,
    enqueue,
    flush,
    stop() {
      unsubscribeStore();
      unsubscribeConnection();
      if (retryTimer) clearTimeout(retryTimer);
      if (running.get(options.storageKey) === entry) running.delete(options.storageKey);
    },
  };
}
