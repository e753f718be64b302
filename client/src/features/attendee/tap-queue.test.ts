import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../../shared/errors';
import type { MyInterest } from '../../../../shared/model';
import { heldServer, MemoryStorage, settle } from '../../testing/outbox';
import { useConnection } from '../../stores/connection-store';
import { useEventStore } from '../../stores/event-store';
import { createTapOutbox, pendingTap, withPending, type QueuedTap, type TapOutbox } from './tap-queue';

const opened: TapOutbox[] = [];
function tapOutbox(storage: Storage = new MemoryStorage()) {
  const server = heldServer<QueuedTap, MyInterest | null>();
  const box = createTapOutbox({ transmit: server.transmit, storage });
  opened.push(box);
  return { box, server, storage };
}

const signIn = (personId: string) =>
  useEventStore.setState({
    viewer: {
      kind: 'person',
      personId,
      name: personId,
      role: 'firm',
      org: { id: `org-${personId}`, kind: 'firm', name: 'X' },
    },
    myInterests: {},
  });
const details = (level: QueuedTap['level']) => ({ level, tags: [], note: '', shareNote: false });
const interest = (ventureId: string, level: MyInterest['level']): MyInterest => ({
  ventureId,
  ...details(level),
  level,
  updatedAt: 1,
});

beforeEach(() => {
  useConnection.setState({ status: 'offline' });
  signIn('firm-a');
});
afterEach(() => opened.splice(0).forEach((b) => b.stop()));

describe('a firm’s taps while offline', () => {
  it('collapse to the last tap per venture, show at once, and go in the order of the last taps', async () => {
    const { box, server } = tapOutbox();
    void box.tap('v1', details('interested'));
    void box.tap('v2', details('interested'));
    void box.tap('v1', details('want-to-meet')); // changed their mind
    const { queue } = box.store.getState();
    expect(queue.map((t) => [t.ventureId, t.level])).toEqual([
      ['v2', 'interested'],
      ['v1', 'want-to-meet'],
    ]);
    // What the phone shows before anything is sent: the taps, over what the server had.
    const shown = withPending({ v3: interest('v3', 'interested') }, queue, 'firm-a');
    expect(Object.values(shown).map((i) => [i.ventureId, i.level])).toEqual([
      ['v3', 'interested'],
      ['v2', 'interested'],
      ['v1', 'want-to-meet'],
    ]);

    useConnection.setState({ status: 'online' });
    await settle();
    server.calls[0]!.answer({ ok: true, data: interest('v2', 'interested') });
    await settle();
    server.calls[1]!.answer({ ok: true, data: interest('v1', 'want-to-meet') });
    await settle();
    expect(server.calls.map((c) => [c.item.ventureId, c.item.level, c.item.by])).toEqual([
      ['v2', 'interested', 'firm-a'],
      ['v1', 'want-to-meet', 'firm-a'],
    ]);
    expect(server.calls.every((c) => /^[0-9a-f]{32}$/.test(c.item.key))).toBe(true);
    // Answered: the server's values are now the phone's, and nothing is pending.
    expect(box.store.getState().queue).toEqual([]);
    expect(useEventStore.getState().myInterests.v1?.level).toBe('want-to-meet');
    expect(pendingTap(box.store.getState().queue, 'firm-a', 'v1')).toBeUndefined();
  });

  it('a take-back made offline is sent as the level null, and shown as no interest meanwhile', () => {
    const { box } = tapOutbox();
    void box.tap('v1', details(null));
    const shown = withPending({ v1: interest('v1', 'interested') }, box.store.getState().queue, 'firm-a');
    expect(shown).toEqual({});
  });

  it('are kept on the phone when the tab closes, and sent once from the next page with the same key', async () => {
    const storage = new MemoryStorage();
    const first = tapOutbox(storage);
    void first.box.tap('v1', details('want-to-meet'));
    const key = first.box.store.getState().queue[0]!.key;
    first.box.stop();

    const reopened = tapOutbox(storage);
    expect(reopened.box.store.getState().queue.map((t) => t.key)).toEqual([key]);
    useConnection.setState({ status: 'online' });
    await settle();
    expect(reopened.server.calls.map((c) => c.item.key)).toEqual([key]);
    reopened.server.calls[0]!.answer({ ok: true, data: interest('v1', 'want-to-meet') });
    await settle();
    expect(JSON.parse(storage.getItem('pm_tap_queue')!)).toEqual([]);
  });

  it('are rolled back with the reason when the server refuses them', async () => {
    const { box, server } = tapOutbox();
    useEventStore.setState({ myInterests: { v1: interest('v1', 'interested') } });
    const answer = box.tap('v1', details('want-to-meet'));
    useConnection.setState({ status: 'online' });
    await settle();
    const error = { code: ErrorCode.NotFound, message: 'That venture is not part of this event.' };
    server.calls[0]!.answer({ ok: false, error });
    expect(await answer).toEqual({ ok: false, error });
    const state = box.store.getState();
    expect(state.refused).toEqual([expect.objectContaining({ ventureId: 'v1', level: 'want-to-meet', error })]);
    // Back to what the server holds.
    expect(withPending(useEventStore.getState().myInterests, state.queue, 'firm-a').v1?.level).toBe('interested');
    // A new tap on that venture clears its refusal.
    void box.tap('v1', details(null));
    expect(box.store.getState().refused).toEqual([]);
  });

  it('wait while the server is busy (rate limit), then go', async () => {
    const { box, server } = tapOutbox();
    useConnection.setState({ status: 'online' });
    const answer = box.tap('v1', details('interested'));
    await settle();
    server.calls[0]!.answer({ ok: false, error: { code: ErrorCode.RateLimited, message: 'Too many requests.' } });
    await settle();
    expect(box.store.getState().queue).toHaveLength(1);
    expect(box.store.getState().refused).toEqual([]);
    void box.flush(); // as the retry timer would, a few seconds later
    await settle();
    server.calls[1]!.answer({ ok: true, data: interest('v1', 'interested') });
    expect(await answer).toEqual({ ok: true, data: interest('v1', 'interested') });
  });

  it('made by one person are never sent after someone else signs in on the phone', async () => {
    const { box, server } = tapOutbox();
    void box.tap('v1', details('want-to-meet'));
    signIn('firm-b');
    useConnection.setState({ status: 'online' });
    await settle();
    expect(server.calls).toEqual([]);
    // The new person sees their own interests, not the first person's pending tap.
    expect(withPending({}, box.store.getState().queue, 'firm-b')).toEqual({});
    expect(box.store.getState().queue.map((t) => t.by)).toEqual(['firm-a']);
  });
});
