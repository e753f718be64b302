import { describe, expect, it } from 'vitest';
import { addressVerdict, clockLevel, clockOffsetMs, median, offsetOf, offsetSeconds, rttLevel } from './verdicts';

const venue = { url: 'http://192.168.10.5:3000', https: false, configured: true, local: false };

describe('the connection check’s verdicts', () => {
  it('takes the median round trip, so one slow answer among five does not colour the row', () => {
    expect(median([40, 38, 900, 41, 39])).toBe(40);
    expect(median([10, 30])).toBe(20);
    expect(rttLevel(40)).toBe('good');
    expect(rttLevel(300)).toBe('good');
    expect(rttLevel(800)).toBe('warn');
    expect(rttLevel(2000)).toBe('bad');
  });

  it('reads the clock from the fastest round trip, and flags more than 2 s either way', () => {
    // Sent at 1000 (device clock), answered in 40 ms, stamped 5020 by the server: 4 s ahead.
    expect(offsetOf(1000, 40, 5020)).toBe(4000);
    expect(
      clockOffsetMs([
        { rttMs: 600, offsetMs: 4300 },
        { rttMs: 40, offsetMs: 4000 },
        { rttMs: 90, offsetMs: 3950 },
      ]),
    ).toBe(4000);
    expect(clockLevel(4000)).toBe('warn');
    expect(clockLevel(-2500)).toBe('warn');
    expect(clockLevel(1999)).toBe('good');
    expect(offsetSeconds(-2460)).toBe('2.5');
    expect(offsetSeconds(30)).toBe('0.0');
  });

  it('marks a loopback public address whoever looks, and a page opened elsewhere', () => {
    expect(addressVerdict(venue, 'http://192.168.10.5:3000')).toBe('here');
    expect(addressVerdict(venue, 'http://localhost:3000')).toBe('elsewhere');
    expect(addressVerdict({ ...venue, url: 'http://localhost:3000', local: true }, 'http://localhost:3000')).toBe(
      'local',
    );
  });
});
