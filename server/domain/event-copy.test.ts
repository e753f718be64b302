import { describe, expect, it } from 'vitest';
import type { GridSettings } from '../../shared/model.js';
import { type CopySource, planNewEvent } from './event-copy.js';

const grid: GridSettings = {
  windows: [{ start: '15:00', end: '17:00' }],
  slotMinutes: 20,
  bufferMinutes: 5,
  tables: ['1', '2'],
  capPerOrg: 3,
  breaks: [],
};

const spring: CopySource = {
  id: 'e-spring',
  venue: '苫小牧市民会館',
  timeZone: 'Asia/Sapporo',
  topics: ['DX', '脱炭素'],
  grid,
  targets: { firm: 40, meetingsHeld: 25 },
  sessions: [
    { title: '第1部', position: 0 },
    { title: '第2部', position: 1 },
  ],
  organizers: [
    { account: 'acc-yamada', name: '事務局 山田' },
    { account: 'acc-sato', name: '事務局 佐藤' },
  ],
};

/** Ids and badges as numbered strings, so a test can see the order they were drawn in. */
function counters() {
  let id = 0;
  let nonce = 0;
  return { newId: () => `id${++id}`, newNonce: () => `nonce${++nonce}` };
}

describe('a new event of the series', () => {
  it('from nothing: the given venue, Tokyo time, no topics, only its creator as organizer', () => {
    const plan = planNewEvent({ venue: '', creator: { account: 'acc-new', name: '新任' }, from: null }, counters());
    expect(plan).toEqual({
      venue: '',
      timeZone: 'Asia/Tokyo',
      topics: [],
      copied: null,
      sessions: [],
      organizers: [{ id: 'id1', account: 'acc-new', name: '新任', badgeNonce: 'nonce1' }],
    });
  });

  it('from an earlier one: its venue, time zone, topics, grid, targets and session titles, each session new', () => {
    const plan = planNewEvent(
      { venue: '', creator: { account: 'acc-yamada', name: '事務局 山田' }, from: spring },
      counters(),
    );
    expect(plan.venue).toBe('苫小牧市民会館');
    expect(plan.timeZone).toBe('Asia/Sapporo');
    expect(plan.topics).toEqual(['DX', '脱炭素']);
    expect(plan.copied).toEqual({ grid, targets: { firm: 40, meetingsHeld: 25 }, createdFrom: 'e-spring' });
    expect(plan.sessions).toEqual([
      { id: 'id1', title: '第1部', position: 0 },
      { id: 'id2', title: '第2部', position: 1 },
    ]);
  });

  it('a venue given for the new event wins over the earlier one’s', () => {
    const plan = planNewEvent(
      { venue: '白老町民会館', creator: { account: 'a', name: 'A' }, from: spring },
      counters(),
    );
    expect(plan.venue).toBe('白老町民会館');
  });

  it('keeps the earlier organizers, each once and with a new badge, after the creator', () => {
    const plan = planNewEvent(
      { venue: '', creator: { account: 'acc-sato', name: '佐藤 (new name)' }, from: spring },
      counters(),
    );
    expect(plan.organizers).toEqual([
      { id: 'id3', account: 'acc-sato', name: '佐藤 (new name)', badgeNonce: 'nonce1' },
      { id: 'id4', account: 'acc-yamada', name: '事務局 山田', badgeNonce: 'nonce2' },
    ]);
  });

  it('copies values, so editing the new event’s topics leaves the earlier one’s alone', () => {
    const topics = ['DX'];
    const plan = planNewEvent(
      { venue: '', creator: { account: 'a', name: 'A' }, from: { ...spring, topics } },
      counters(),
    );
    plan.topics.push('観光');
    expect(topics).toEqual(['DX']);
  });
});
