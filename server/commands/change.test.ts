/**
 * The one path of a change, against a real SQLite store: a key answered once is answered again
 * from memory with nothing written; a refusal inside rolls everything back and is not remembered;
 * nothing logged means nothing published; a constraint the database refuses is answered as the
 * command says.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusalError } from '../../shared/errors.js';
import { seedDemoEvent } from '../seed/demo.js';
import { openDb } from '../store/db.js';
import { Store } from '../store/store.js';
import { change, reject } from './change.js';

let store: Store;
let eventId: string;
let personId: string;
let actor: string;

beforeEach(() => {
  store = new Store(openDb(':memory:'));
  eventId = seedDemoEvent(store, { now: 1_000, newId: randomUUID, size: 'small' });
  const people = store.listPeople(eventId);
  actor = people.find((p) => p.role === 'organizer')!.id;
  personId = people.find((p) => p.role !== 'organizer' && !store.getCheckin(p.id))!.id;
});

afterEach(() => {
  store.db.close();
});

const logLength = () => store.eventSeq(eventId);

/** Checks the person in at `at`, counting how often the work ran and the facts were published. */
function checkInOnce(key: string | undefined, at: number, seen: { work: number; published: number[] }) {
  return change({ store, eventId, actor, at, keyed: { command: 'test-checkin', key } }, () => {
    seen.work++;
    store.insertCheckin(eventId, personId, { at, station: 'A', method: 'search' });
    return {
      result: { at },
      changes: [{ kind: 'checkin:added', data: { personId } }],
      publish: (seq) => seen.published.push(seq),
    };
  });
}

describe('change', () => {
  it('answers a key sent again with the first answer, writing nothing and publishing nothing', () => {
    const seen = { work: 0, published: [] as number[] };
    const before = logLength();
    const first = checkInOnce('key-00001', 5_000, seen);
    expect(first.answer).toEqual({ ok: true, data: { at: 5_000 } });
    first.publish?.();
    expect(seen.published).toEqual([before + 1]);

    const again = checkInOnce('key-00001', 9_000, seen);
    expect(again.answer).toEqual({ ok: true, data: { at: 5_000 } });
    expect(again.publish).toBeUndefined();
    expect(seen.work).toBe(1);
    expect(logLength()).toBe(before + 1);
    expect(store.getCheckin(personId)?.at).toBe(5_000);
  });

  it('rolls a refusal back whole and does not remember it: a corrected resend with the key is done', () => {
    const before = logLength();
    // The same command and key as the resend below: a remembered refusal would be replayed to it.
    const refused = change(
      { store, eventId, actor, at: 5_000, keyed: { command: 'test-checkin', key: 'key-00002' } },
      () => {
        store.insertCheckin(eventId, personId, { at: 5_000, station: 'A', method: 'search' });
        return reject('not-checked-in', 'Refused after a write.');
      },
    );
    expect(refused.answer).toMatchObject({ ok: false, error: { reason: 'not-checked-in' } });
    expect(store.getCheckin(personId)).toBeUndefined();
    expect(logLength()).toBe(before);
    expect(store.idempotentAnswer(actor, 'test-checkin', 'key-00002')).toBeUndefined();

    const seen = { work: 0, published: [] as number[] };
    expect(checkInOnce('key-00002', 6_000, seen).answer).toEqual({ ok: true, data: { at: 6_000 } });
    expect(seen.work).toBe(1);
  });

  it('publishes nothing when nothing was logged, and remembers the answer all the same', () => {
    const before = logLength();
    let published = false;
    const outcome = change({ store, eventId, actor, at: 5_000, keyed: { command: 'test', key: 'key-00003' } }, () => ({
      result: 'unchanged',
      changes: [],
      publish: () => (published = true),
    }));
    expect(outcome).toEqual({ answer: { ok: true, data: 'unchanged' } });
    expect(published).toBe(false);
    expect(logLength()).toBe(before);
    expect(store.idempotentAnswer(actor, 'test', 'key-00003')).toBe('unchanged');
  });

  it('answers a constraint the database refuses as the command says, or lets it fail as a fault', () => {
    store.insertCheckin(eventId, personId, { at: 1_000, station: 'A', method: 'search' });
    const twice = () => {
      store.insertCheckin(eventId, personId, { at: 2_000, station: 'B', method: 'qr' });
      return { result: null, changes: [{ kind: 'checkin:added', data: { personId } }] };
    };
    const taken = refusalError('slot-taken', 'Taken a moment ago.');
    expect(change({ store, eventId, actor, at: 2_000, onConstraint: () => taken }, twice).answer).toEqual({
      ok: false,
      error: taken,
    });
    expect(() => change({ store, eventId, actor, at: 2_000 }, twice)).toThrow(/UNIQUE/);
  });
});
