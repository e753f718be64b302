/**
 * A badge reissue revokes the person's calendar feed: the feed's address is a credential like the
 * badge, so the old link stops answering and the person subscribes anew. Another person's feed stays.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoEvent } from '../seed/demo.js';
import { feedBySecret, liveFeed, renewFeed } from './calendar-feeds.js';
import { openDb } from './db.js';
import type { PersonRecord } from './people.js';
import { Store } from './store.js';

let store: Store;
let eventId: string;
let firm: PersonRecord;
let venture: PersonRecord;

beforeEach(() => {
  store = new Store(openDb(':memory:'));
  eventId = seedDemoEvent(store, { now: 1_000, newId: randomUUID, size: 'small' });
  const people = store.records.people.list(eventId);
  firm = people.find((p) => p.role === 'firm')!;
  venture = people.find((p) => p.role === 'venture')!;
});

afterEach(() => {
  store.db.close();
});

const subscribe = (person: PersonRecord, secret: string) =>
  renewFeed(store, { id: randomUUID(), eventId, personId: person.id, secret, createdAt: 2_000 });

describe('badge reissue', () => {
  it('revokes the person’s calendar feed, and only theirs', () => {
    subscribe(firm, 'firm-feed');
    subscribe(venture, 'venture-feed');
    expect(feedBySecret(store, 'firm-feed')?.personId).toBe(firm.id);
    store.records.people.setBadgeNonce(firm.id, 'new-badge', 3_000);
    expect(feedBySecret(store, 'firm-feed')).toBeUndefined();
    expect(liveFeed(store, firm.id)).toBeUndefined();
    expect(feedBySecret(store, 'venture-feed')?.personId).toBe(venture.id);
  });
});
