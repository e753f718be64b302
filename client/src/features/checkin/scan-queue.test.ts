/**
 * The station offline, against the app's real stores: each badge is answered at once from the people
 * copy, kept to be sent with its age and what was shown, and a badge shown twice reads as already in
 * at this station. (No socket runs here: nothing is answered, everything waits, as offline.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { badgeCheck } from '../../../../shared/badge-check';
import type { PersonSummary } from '../../../../shared/model';
import { EMPTY_REPLICA } from '../../../../shared/replica';
import { useConnection } from '../../stores/connection-store';
import { useEventStore } from '../../stores/event-store';
import { checkInPerson, offlineFields, ownCheckins, scanBadge, useDoorQueue, type QueuedAction } from './scan-queue';

const token = (c: string) => c.repeat(44);
const badgeUrl = (c: string) => `http://pitch.lan/t/${token(c)}`;

function person(id: string, name: string, badge: string, extra: Partial<PersonSummary> = {}): PersonSummary {
  return {
    id,
    name,
    nameKana: '',
    role: 'firm',
    orgId: 'o1',
    orgName: '苫小牧精機',
    title: '',
    checkin: null,
    badge: badgeCheck(token(badge)),
    ...extra,
  };
}

const people = [
  person('p1', '佐藤 花子', 'b', { revokedBadges: [badgeCheck(token('a'))] }),
  person('p2', '鈴木 一郎', 'c'),
  person('p3', '田中 次郎', 'd'),
];

beforeEach(() => {
  useConnection.setState({ status: 'offline' });
  useEventStore.setState({ loaded: true, ...EMPTY_REPLICA, people });
  useDoorQueue.setState({ queue: [], last: null, log: [], corrections: [] });
});

describe('a station offline', () => {
  it('answers a badge at once, and keeps it with when it was made and what it showed', () => {
    scanBadge(badgeUrl('b'), 'A');
    const last = useDoorQueue.getState().last;
    expect(last).toMatchObject({
      kind: 'local',
      offline: true,
      judgement: { outcome: 'checked-in', person: { id: 'p1' } },
    });
    const [item] = useDoorQueue.getState().queue;
    expect(item).toMatchObject({
      kind: 'scan',
      text: badgeUrl('b'),
      station: 'A',
      judged: 'checked-in',
      personId: 'p1',
    });
    expect(item?.key).toBe(last?.key);
    expect(typeof item?.scannedAt).toBe('number');
  });

  it('reads a badge shown again as already in at this station, before anything was sent', () => {
    scanBadge(badgeUrl('c'), 'A');
    scanBadge(badgeUrl('c'), 'A');
    expect(useDoorQueue.getState().last).toMatchObject({
      kind: 'local',
      judgement: { outcome: 'already', waiting: true, person: { id: 'p2' }, checkin: { station: 'A' } },
    });
    // Both go to the server; only the first told it that it let the person in.
    expect(useDoorQueue.getState().queue.map((i) => i.judged)).toEqual(['checked-in', 'already']);
    expect(ownCheckins(useDoorQueue.getState().queue).map((o) => o.personId)).toEqual(['p2']);
  });

  it('names the owner of a reissued badge, and refuses a stranger’s code', () => {
    scanBadge(badgeUrl('a'), 'B');
    expect(useDoorQueue.getState().last).toMatchObject({ judgement: { outcome: 'revoked', person: { id: 'p1' } } });
    scanBadge('https://example.com/not-a-badge', 'B');
    expect(useDoorQueue.getState().last).toMatchObject({ judgement: { outcome: 'unknown' } });
  });

  it('counts a check-in by name as this station’s, and shows it saved as before', () => {
    checkInPerson(people[2]!, 'A');
    expect(useDoorQueue.getState().last).toMatchObject({ kind: 'queued' });
    scanBadge(token('d'), 'A');
    expect(useDoorQueue.getState().last).toMatchObject({
      judgement: { outcome: 'already', waiting: true, checkin: { station: 'A', method: 'search' } },
    });
  });

  it('leaves the answer to the server when its copy has no badge checks', () => {
    useEventStore.setState({ people: people.map(({ badge: _badge, ...p }) => p) });
    scanBadge(badgeUrl('b'), 'A');
    expect(useDoorQueue.getState().last).toMatchObject({ kind: 'queued' });
    expect(useDoorQueue.getState().queue[0]?.judged).toBe('unjudged');
  });
});

describe('what the server is told', () => {
  const at = Date.UTC(2026, 11, 2, 5, 2);
  const item = (extra: Partial<QueuedAction>): QueuedAction =>
    ({ key: 'k1', kind: 'scan', text: token('b'), station: 'A', ...extra }) as QueuedAction;

  it('the age on the station’s clock and what it showed', () => {
    expect(offlineFields(item({ scannedAt: at, judged: 'checked-in' }), at + 90_500.4)).toEqual({
      ageMs: 90_500,
      local: 'checked-in',
    });
    expect(offlineFields(item({ scannedAt: at, judged: 'already' }), at)).toEqual({ ageMs: 0, local: 'already' });
  });

  it('nothing it did not show, and an age the server accepts even after a clock jump', () => {
    expect(offlineFields(item({ scannedAt: at, judged: 'revoked' }), at + 5)).toEqual({ ageMs: 5 });
    expect(offlineFields(item({ scannedAt: at, judged: 'unjudged' }), at - 60_000)).toEqual({ ageMs: 0 });
    expect(offlineFields(item({ scannedAt: at }), at + 3 * 86_400_000)).toEqual({ ageMs: 86_400_000 });
    // Left by an older version of the app: the server dates it on arrival.
    expect(offlineFields(item({}), at)).toEqual({});
  });
});
