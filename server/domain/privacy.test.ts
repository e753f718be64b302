/** The purge day and the notice's version, on fixed dates. */
import { describe, expect, it } from 'vitest';
import { mustAcknowledge, nextNotice, purgeDue, purgeOn } from './privacy.js';

describe('the retention purge day', () => {
  it('is N days after the event date, across months and years', () => {
    expect(purgeOn('2026-12-01', 1)).toBe('2026-12-02');
    expect(purgeOn('2026-12-01', 31)).toBe('2027-01-01');
    expect(purgeOn('2027-02-20', 365)).toBe('2028-02-20');
    expect(purgeOn('2028-02-20', 365)).toBe('2029-02-19'); // 2028 is a leap year
  });

  it('falls due at midnight of that day in the event’s time zone', () => {
    // 2026-12-02 00:00 in Tokyo is 2026-12-01 15:00 UTC.
    expect(purgeDue('2026-12-01', 1, 'Asia/Tokyo', Date.UTC(2026, 11, 1, 14, 59))).toBe(false);
    expect(purgeDue('2026-12-01', 1, 'Asia/Tokyo', Date.UTC(2026, 11, 1, 15, 0))).toBe(true);
    expect(purgeDue('2026-12-01', 1, 'Europe/London', Date.UTC(2026, 11, 1, 15, 0))).toBe(false);
  });
});

describe('the notice’s version', () => {
  const current = { version: 3, ja: null, en: null, contact: '市 産業振興課', retentionDays: 365 };

  it('stays when the same notice is saved again', () => {
    expect(nextNotice(current, { ja: '', en: '', contact: '市 産業振興課', retentionDays: 365 })).toEqual(current);
  });

  it('grows with any change of what it says: text, contact or retention', () => {
    expect(nextNotice(current, { ja: '新しい文面', en: '', contact: '市 産業振興課', retentionDays: 365 })).toEqual({
      ...current,
      ja: '新しい文面',
      version: 4,
    });
    expect(nextNotice(current, { ja: '', en: '', contact: '別の窓口', retentionDays: 365 }).version).toBe(4);
    expect(nextNotice(current, { ja: '', en: '', contact: '市 産業振興課', retentionDays: 180 }).version).toBe(4);
  });

  it('is shown to someone who never acknowledged it, or acknowledged an older one', () => {
    expect(mustAcknowledge(current, null)).toBe(true);
    expect(mustAcknowledge(current, 2)).toBe(true);
    expect(mustAcknowledge(current, 3)).toBe(false);
  });
});
