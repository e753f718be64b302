import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, type Ack } from '../../../shared/errors';
import { useConnection } from '../stores/connection-store';
import { createOutbox, type Outbox } from './outbox';
import { heldServer, MemoryStorage, settle } from '../testing/outbox';

interface Item {
  key: string;
  target: string;
  value: number;
  by?: string;
}

const isItem = (v: unknown): v is Item =>
  typeof (v as Item | null)?.key === 'string' && typeof (v as Item).value === 'number';

const opened: Outbox<Item, string, object>[] = [];

function outbox(options: {
  storage?: Storage;
  transmit: (item: Item) => Promise<Ack<string>>;
  mayGo?: (item: Item) => boolean;
  settled?: Array<[string, Ack<string>]>;
  waited?: string[];
  retryMs?: number;
}) {
  const box = createOutbox<Item, string, object>({
    storageKey: 'test_queue',
    storage: options.storage ?? new MemoryStorage(),
    isItem,
    extra: {},
    transmit: options.transmit,
    isFinal: (error) => error.code === ErrorCode.Forbidden,
    ...(options.mayGo ? { mayGo: options.mayGo } : {}),
    onSettled: (item, answer) => options.settled?.push([item.key, answer]),
    onWaiting: (item) => options.waited?.push(item.key),
    retryMs: options.retryMs ?? 20,
  });
  opened.push(box);
  return box;
}

const online = () => useConnection.setState({ status: 'online' });
const offline = () => useConnection.setState({ status: 'offline' });
const item = (key: string, target = 't', value = 1): Item => ({ key, target, value });

beforeEach(offline);
afterEach(() => opened.splice(0).forEach((b) => b.stop()));

describe('the outbox', () => {
  it('keeps what is made offline and sends it in order, one at a time, when back online', async () => {
    const server = heldServer<Item, string>();
    const settled: Array<[string, Ack<string>]> = [];
    const waited: string[] = [];
    const box = outbox({ transmit: server.transmit, settled, waited });
    const answers = ['a', 'b', 'c'].map((k) => box.enqueue(item(k, k)));
    await settle();
    expect(server.calls).toHaveLength(0);
    expect(waited).toEqual(['a', 'b', 'c']);
    expect(box.store.getState().queue.map((i) => i.key)).toEqual(['a', 'b', 'c']);

    online();
    await settle();
    // The second waits for the first's answer: the server sees them in the order they were made.
    expect(server.calls.map((c) => c.item.key)).toEqual(['a']);
    expect(box.store.getState().sending).toBe('a');
    server.calls[0]!.answer({ ok: true, data: 'A' });
    await settle();
    expect(server.calls.map((c) => c.item.key)).toEqual(['a', 'b']);
    server.calls[1]!.answer({ ok: true, data: 'B' });
    await settle();
    server.calls[2]!.answer({ ok: true, data: 'C' });
    expect(await Promise.all(answers)).toEqual([
      { ok: true, data: 'A' },
      { ok: true, data: 'B' },
      { ok: true, data: 'C' },
    ]);
    expect(settled.map(([k]) => k)).toEqual(['a', 'b', 'c']);
    expect(box.store.getState()).toMatchObject({ queue: [], sending: null });
  });

  it('lets a later item replace a waiting one, but never the one on the wire', async () => {
    const server = heldServer<Item, string>();
    const box = outbox({ transmit: server.transmit });
    const sameTarget = (target: string) => (queued: Item) => queued.target === target;
    const first = box.enqueue(item('x1', 'x', 1), sameTarget('x'));
    const y1 = box.enqueue(item('y1', 'y', 1), sameTarget('y'));
    const last = box.enqueue(item('x2', 'x', 2), sameTarget('x'));
    expect(await first).toBeNull();
    expect(box.store.getState().queue.map((i) => i.key)).toEqual(['y1', 'x2']);

    online();
    await settle();
    expect(server.calls.map((c) => c.item.key)).toEqual(['y1']);
    // y1 is on the wire: a new y goes after it rather than replacing it.
    const y2 = box.enqueue(item('y2', 'y', 2), sameTarget('y'));
    expect(box.store.getState().queue.map((i) => i.key)).toEqual(['y1', 'x2', 'y2']);
    server.calls[0]!.answer({ ok: true, data: 'y=1' });
    await settle();
    server.calls[1]!.answer({ ok: true, data: 'x=2' });
    await settle();
    server.calls[2]!.answer({ ok: true, data: 'y=2' });
    await settle();
    expect(server.calls.map((c) => [c.item.key, c.item.value])).toEqual([
      ['y1', 1],
      ['x2', 2],
      ['y2', 2],
    ]);
    expect(await last).toEqual({ ok: true, data: 'x=2' });
    expect(await y1).toEqual({ ok: true, data: 'y=1' });
    expect(await y2).toEqual({ ok: true, data: 'y=2' });
  });

  it('survives a closed tab: a new page on the same storage sends what the old one kept, with the same keys', async () => {
    const storage = new MemoryStorage();
    const closed = outbox({ storage, transmit: () => new Promise(() => {}) });
    void closed.enqueue(item('kept-1', 'a', 1));
    void closed.enqueue(item('kept-2', 'b', 2));
    closed.stop();

    const server = heldServer<Item, string>();
    const reopened = outbox({ storage, transmit: server.transmit });
    expect(reopened.store.getState().queue).toEqual([item('kept-1', 'a', 1), item('kept-2', 'b', 2)]);
    online();
    await settle();
    server.calls[0]!.answer({ ok: true, data: '1' });
    await settle();
    server.calls[1]!.answer({ ok: true, data: '2' });
    await settle();
    expect(server.calls.map((c) => c.item.key)).toEqual(['kept-1', 'kept-2']);
    expect(JSON.parse(storage.getItem('test_queue')!)).toEqual([]);
  });

  it('drops stored entries that are not items, and starts empty from unreadable storage', () => {
    const storage = new MemoryStorage();
    storage.setItem('test_queue', JSON.stringify([item('good'), { key: 'no-value' }, 'junk', null]));
    expect(outbox({ storage, transmit: () => new Promise(() => {}) }).store.getState().queue).toEqual([item('good')]);
    storage.setItem('test_queue', '{not json');
    expect(outbox({ storage, transmit: () => new Promise(() => {}) }).store.getState().queue).toEqual([]);
  });

  it('takes a final refusal out of the queue and reports it, then sends the next', async () => {
    const settled: Array<[string, Ack<string>]> = [];
    const refusal = { code: ErrorCode.Forbidden, message: 'Only local firms and partners can tag interest.' };
    const box = outbox({
      settled,
      transmit: async (i) => (i.key === 'bad' ? { ok: false, error: refusal } : { ok: true, data: i.key }),
    });
    const bad = box.enqueue(item('bad'));
    const good = box.enqueue(item('good'));
    online();
    expect(await bad).toEqual({ ok: false, error: refusal });
    expect(await good).toEqual({ ok: true, data: 'good' });
    expect(settled).toEqual([
      ['bad', { ok: false, error: refusal }],
      ['good', { ok: true, data: 'good' }],
    ]);
    expect(box.store.getState().queue).toEqual([]);
  });

  it('keeps an item that got no answer and sends it again with the same key, after a pause', async () => {
    let tries = 0;
    const sent: string[] = [];
    const waited: string[] = [];
    online();
    const box = outbox({
      waited,
      retryMs: 30,
      transmit: async (i) => {
        sent.push(i.key);
        return ++tries < 3
          ? { ok: false, error: { code: ErrorCode.Internal, message: 'No answer from the server (timed out).' } }
          : { ok: true, data: 'done' };
      },
    });
    const started = Date.now();
    expect(await box.enqueue(item('slow'))).toEqual({ ok: true, data: 'done' });
    expect(sent).toEqual(['slow', 'slow', 'slow']);
    expect(waited).toEqual(['slow', 'slow']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('asks again at once when the connection came back while an answer was awaited', async () => {
    online();
    const server = heldServer<Item, string>();
    const box = outbox({ transmit: server.transmit, retryMs: 60_000 });
    const answer = box.enqueue(item('lost'));
    offline();
    online();
    // The first send's answer never comes (the socket it went out on is gone).
    server.calls[0]!.answer({ ok: false, error: { code: ErrorCode.Internal, message: 'timed out' } });
    await settle();
    expect(server.calls.map((c) => c.item.key)).toEqual(['lost', 'lost']);
    server.calls[1]!.answer({ ok: true, data: 'replayed' });
    expect(await answer).toEqual({ ok: true, data: 'replayed' });
  });

  it('holds items that may not go yet (another person’s) and sends the others in order', async () => {
    online();
    const server = heldServer<Item, string>();
    const box = outbox({ transmit: server.transmit, mayGo: (i) => i.by === 'me' });
    void box.enqueue({ ...item('theirs'), by: 'them' });
    void box.enqueue({ ...item('mine'), by: 'me' });
    await settle();
    expect(server.calls.map((c) => c.item.key)).toEqual(['mine']);
    server.calls[0]!.answer({ ok: true, data: '' });
    await settle();
    expect(box.store.getState().queue.map((i) => i.key)).toEqual(['theirs']);
    expect(server.calls).toHaveLength(1);
  });
});
