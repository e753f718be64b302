/**
 * What sign-out asks of the outboxes: how many items wait (in a running outbox, or left on the
 * device by a page not open now), and dropping them once the person has confirmed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../shared/errors';
import { useConnection } from '../stores/connection-store';
import { createOutbox, discardWaiting, waitingIn, type Outbox } from './outbox';
import { heldServer, MemoryStorage, settle } from '../testing/outbox';

interface Item {
  key: string;
}

const KEY = 'sign_out_test_queue';
const isItem = (v: unknown): v is Item => typeof (v as Item | null)?.key === 'string';
let opened: Outbox<Item, string, object> | null = null;

function open(storage: Storage) {
  const server = heldServer<Item, string>();
  opened = createOutbox<Item, string, object>({
    storageKey: KEY,
    storage,
    isItem,
    extra: {},
    transmit: server.transmit,
    isFinal: (error) => error.code === ErrorCode.Forbidden,
  });
  return { box: opened, server };
}

beforeEach(() => useConnection.setState({ status: 'offline' }));
afterEach(() => {
  opened?.stop();
  opened = null;
});

describe('unsent items at sign-out', () => {
  it('counts what a page that is not open left on the device', () => {
    const storage = new MemoryStorage();
    expect(waitingIn(KEY, storage)).toBe(0);
    storage.setItem(KEY, JSON.stringify([{ key: 'a' }, { key: 'b' }]));
    expect(waitingIn(KEY, storage)).toBe(2);
    storage.setItem(KEY, '{broken');
    expect(waitingIn(KEY, storage)).toBe(0);
  });

  it('counts a running outbox’s queue, and drops it with its stored copy when told to', async () => {
    const storage = new MemoryStorage();
    const { box } = open(storage);
    const answers = [box.enqueue({ key: 'a' }), box.enqueue({ key: 'b' })];
    expect(waitingIn(KEY, new MemoryStorage())).toBe(2);
    discardWaiting(KEY, storage);
    expect(waitingIn(KEY, storage)).toBe(0);
    expect(storage.getItem(KEY)).toBeNull();
    // Whoever waited on them hears they will not be answered.
    expect(await Promise.all(answers)).toEqual([null, null]);
    // Nothing is sent when the connection comes back.
    useConnection.setState({ status: 'online' });
    await settle();
    expect(box.store.getState().queue).toEqual([]);
  });

  it('forgets a stopped outbox, and reads the device again', () => {
    const storage = new MemoryStorage();
    const { box } = open(storage);
    void box.enqueue({ key: 'a' });
    box.stop();
    opened = null;
    storage.setItem(KEY, JSON.stringify([{ key: 'x' }, { key: 'y' }, { key: 'z' }]));
    expect(waitingIn(KEY, storage)).toBe(3);
  });
});
