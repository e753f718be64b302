import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPlacement,
  findPlacement,
  freePlacements,
  gridProblems,
  placeChecker,
  slotsOf,
  zonedTime,
  type Booking,
  type GridSettings,
  type Placement,
  type Slot,
} from './slots.js';

const DATE = '2026-11-25';
const TZ = 'Asia/Tokyo';
const MIN = 60_000;
/** Wall time in Tokyo on the event date, as epoch ms (Tokyo is UTC+9 all year). */
const tokyo = (h: number, m = 0) => Date.UTC(2026, 10, 25, h - 9, m);

const grid = (over: Partial<GridSettings> = {}): GridSettings => ({
  windows: [{ start: '15:00', end: '16:00' }],
  slotMinutes: 15,
  bufferMinutes: 5,
  tables: ['A', 'B'],
  capPerOrg: null,
  breaks: [],
  ...over,
});

const starts = (slots: Slot[]) => slots.map((s) => s.start);
const open = { notBefore: 0, capPerOrg: null };

describe('zonedTime', () => {
  it('reads Tokyo wall time', () => {
    expect(zonedTime(DATE, '15:00', TZ)).toBe(Date.UTC(2026, 10, 25, 6, 0));
    expect(zonedTime(DATE, '00:00', TZ)).toBe(Date.UTC(2026, 10, 24, 15, 0));
    expect(zonedTime(DATE, '23:59', TZ)).toBe(Date.UTC(2026, 10, 25, 14, 59));
  });

  it('follows New York across the spring-forward change (2026-03-08)', () => {
    const ny = 'America/New_York';
    expect(zonedTime('2026-03-07', '15:00', ny)).toBe(Date.UTC(2026, 2, 7, 20, 0)); // EST
    expect(zonedTime('2026-03-08', '01:30', ny)).toBe(Date.UTC(2026, 2, 8, 6, 30)); // EST
    expect(zonedTime('2026-03-08', '03:00', ny)).toBe(Date.UTC(2026, 2, 8, 7, 0)); // EDT
    expect(zonedTime('2026-03-08', '15:00', ny)).toBe(Date.UTC(2026, 2, 8, 19, 0)); // EDT
    // 02:30 does not exist that night; it reads as 03:30 EDT, like Temporal's "compatible".
    expect(zonedTime('2026-03-08', '02:30', ny)).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it('follows New York across the fall-back change (2026-11-01)', () => {
    const ny = 'America/New_York';
    expect(zonedTime('2026-10-31', '15:00', ny)).toBe(Date.UTC(2026, 9, 31, 19, 0)); // EDT
    expect(zonedTime('2026-11-01', '00:30', ny)).toBe(Date.UTC(2026, 10, 1, 4, 30)); // EDT
    // 01:30 happens twice; the first (EDT) one is meant.
    expect(zonedTime('2026-11-01', '01:30', ny)).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(zonedTime('2026-11-01', '02:00', ny)).toBe(Date.UTC(2026, 10, 1, 7, 0)); // EST
    expect(zonedTime('2026-11-01', '15:00', ny)).toBe(Date.UTC(2026, 10, 1, 20, 0)); // EST
  });

  it('rejects things that are not a date or time', () => {
    expect(() => zonedTime('2026-02-30', '10:00', TZ)).toThrow(RangeError);
    expect(() => zonedTime('2026-11-25', '24:00', TZ)).toThrow(RangeError);
    expect(() => zonedTime('2026-11-25', '9:00', TZ)).toThrow(RangeError);
    expect(() => zonedTime(DATE, '10:00', 'Not/AZone')).toThrow(RangeError);
  });

  it('matches a fixed +9h in Tokyo for any date and time', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (d, h, m) => {
          const date = d.toISOString().slice(0, 10);
          const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
          const midnight = Date.parse(`${date}T00:00:00Z`);
          expect(zonedTime(date, time, TZ)).toBe(midnight + (h - 9) * 60 * MIN + m * MIN);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('slotsOf', () => {
  it('cuts a window into slots with a buffer between them', () => {
    const slots = slotsOf(grid(), DATE, TZ);
    // 15:00, 15:20, 15:40 fit; 16:00 would end after the window.
    expect(starts(slots)).toEqual([tokyo(15), tokyo(15, 20), tokyo(15, 40)]);
    expect(slots.every((s) => s.end - s.start === 15 * MIN)).toBe(true);
  });

  it('keeps a last slot that ends exactly at the window end, drops one that would run over', () => {
    expect(starts(slotsOf(grid({ bufferMinutes: 0 }), DATE, TZ))).toEqual([
      tokyo(15),
      tokyo(15, 15),
      tokyo(15, 30),
      tokyo(15, 45),
    ]);
    expect(starts(slotsOf(grid({ windows: [{ start: '15:00', end: '15:50' }] }), DATE, TZ))).toEqual([
      tokyo(15),
      tokyo(15, 20),
    ]);
  });

  it('drops slots overlapping a break and leaves the others where they were', () => {
    const slots = slotsOf(grid({ breaks: [{ start: '15:25', end: '15:35' }] }), DATE, TZ);
    expect(starts(slots)).toEqual([tokyo(15), tokyo(15, 40)]);
    // A break touching a slot's edge does not overlap it.
    const touching = slotsOf(grid({ breaks: [{ start: '15:15', end: '15:20' }] }), DATE, TZ);
    expect(starts(touching)).toEqual([tokyo(15), tokyo(15, 20), tokyo(15, 40)]);
  });

  it('joins several windows in time order, whatever order they were given in', () => {
    const slots = slotsOf(
      grid({
        windows: [
          { start: '17:00', end: '17:30' },
          { start: '15:00', end: '15:40' },
        ],
      }),
      DATE,
      TZ,
    );
    expect(starts(slots)).toEqual([tokyo(15), tokyo(15, 20), tokyo(17)]);
  });

  it('refuses to cut an invalid grid', () => {
    expect(() => slotsOf(grid({ windows: [{ start: '15:00', end: '15:10' }] }), DATE, TZ)).toThrow(/shorter/);
    expect(() => slotsOf(grid({ slotMinutes: 0 }), DATE, TZ)).toThrow(RangeError);
  });

  it('uses real minutes across a DST change', () => {
    const slots = slotsOf(
      grid({ windows: [{ start: '01:00', end: '03:30' }], slotMinutes: 30, bufferMinutes: 0 }),
      '2026-03-08',
      'America/New_York',
    );
    // 01:00 EST to 03:30 EDT is 1h30 of real time.
    expect(starts(slots)).toEqual([
      Date.UTC(2026, 2, 8, 6, 0),
      Date.UTC(2026, 2, 8, 6, 30),
      Date.UTC(2026, 2, 8, 7, 0),
    ]);
  });
});

describe('gridProblems', () => {
  it('finds nothing wrong with a sound grid', () => {
    expect(gridProblems(grid())).toEqual([]);
    expect(gridProblems(grid({ capPerOrg: 3, breaks: [{ start: '15:20', end: '15:30' }] }))).toEqual([]);
  });

  it('names bad times and backwards ranges', () => {
    const problems = gridProblems(
      grid({
        windows: [
          { start: '3pm', end: '16:00' },
          { start: '18:00', end: '17:00' },
        ],
        breaks: [{ start: '15:30', end: '25:00' }],
      }),
    );
    expect(problems).toContain('Meeting window 1 (3pm–16:00): the start "3pm" is not a time like 15:00.');
    expect(problems).toContain('Meeting window 2 (18:00–17:00): the end must be after the start.');
    expect(problems).toContain('Break 1 (15:30–25:00): the end "25:00" is not a time like 17:30.');
  });

  it('finds overlapping windows and a window too short for a slot', () => {
    const problems = gridProblems(
      grid({
        windows: [
          { start: '15:00', end: '16:00' },
          { start: '15:30', end: '17:00' },
          { start: '18:00', end: '18:10' },
        ],
      }),
    );
    expect(problems).toEqual([
      'Meeting window 3 (18:00–18:10) is shorter than one 15-minute slot.',
      'Meeting window 1 (15:00–16:00) and Meeting window 2 (15:30–17:00) overlap.',
    ]);
    // Touching windows are fine.
    expect(
      gridProblems(
        grid({
          windows: [
            { start: '15:00', end: '16:00' },
            { start: '16:00', end: '17:00' },
          ],
        }),
      ),
    ).toEqual([]);
  });

  it('checks tables, slot length, buffer and cap', () => {
    expect(gridProblems(grid({ tables: ['A', ' ', 'B', 'A'] }))).toEqual([
      'Every table needs a name.',
      'The table name "A" is used more than once.',
    ]);
    expect(gridProblems(grid({ tables: [] }))).toEqual(['Add at least one table.']);
    expect(gridProblems(grid({ tables: Array.from({ length: 201 }, (_, i) => `T${i}`) }))).toEqual([
      'There can be at most 200 tables.',
    ]);
    expect(gridProblems(grid({ slotMinutes: 4 }))).toEqual([
      'The slot length must be a whole number of minutes from 5 to 120.',
    ]);
    expect(gridProblems(grid({ slotMinutes: 121 }))).toHaveLength(1);
    expect(gridProblems(grid({ bufferMinutes: 61 }))).toEqual([
      'The buffer between slots must be a whole number of minutes from 0 to 60.',
    ]);
    expect(gridProblems(grid({ bufferMinutes: -1 }))).toHaveLength(1);
    expect(gridProblems(grid({ capPerOrg: 0 }))).toHaveLength(1);
    expect(gridProblems(grid({ windows: [] }))).toEqual(['Add at least one meeting window.']);
  });
});

describe('placing a meeting', () => {
  const slots = slotsOf(grid(), DATE, TZ); // 15:00, 15:20, 15:40
  const tables = ['A', 'B'];
  const [s1, s2, s3] = starts(slots) as [number, number, number];

  it('takes the earliest slot and the first table', () => {
    expect(findPlacement(slots, tables, [], ['firm1', 'v1'], open)).toEqual({ slotStart: s1, table: 'A' });
  });

  it('gives a second pair for the same venture the next slot', () => {
    const bookings: Booking[] = [{ slotStart: s1, table: 'A', orgs: ['firm1', 'v1'] }];
    expect(findPlacement(slots, tables, bookings, ['firm2', 'v1'], open)).toEqual({ slotStart: s2, table: 'A' });
    // An unrelated pair shares the first slot, at the next table.
    expect(findPlacement(slots, tables, bookings, ['firm2', 'v2'], open)).toEqual({ slotStart: s1, table: 'B' });
  });

  it('tries tables in the grid order', () => {
    const bookings: Booking[] = [{ slotStart: s1, table: 'B', orgs: ['x', 'y'] }];
    expect(findPlacement(slots, ['C', 'B', 'A'], bookings, ['f', 'v'], open)).toEqual({ slotStart: s1, table: 'C' });
    expect(findPlacement(slots, ['B', 'A'], bookings, ['f', 'v'], open)).toEqual({ slotStart: s1, table: 'A' });
    const full: Booking[] = [...bookings, { slotStart: s1, table: 'A', orgs: ['p', 'q'] }];
    expect(findPlacement(slots, ['B', 'A'], full, ['f', 'v'], open)).toEqual({ slotStart: s2, table: 'B' });
  });

  it('respects the cap per organization', () => {
    const bookings: Booking[] = [
      { slotStart: s1, table: 'A', orgs: ['f1', 'v'] },
      { slotStart: s2, table: 'A', orgs: ['f2', 'v'] },
    ];
    expect(findPlacement(slots, tables, bookings, ['f3', 'v'], { notBefore: 0, capPerOrg: 2 })).toBeNull();
    expect(freePlacements(slots, tables, bookings, ['f3', 'v'], { notBefore: 0, capPerOrg: 2 })).toEqual([]);
    expect(findPlacement(slots, tables, bookings, ['f3', 'v'], { notBefore: 0, capPerOrg: 3 })).toEqual({
      slotStart: s3,
      table: 'A',
    });
  });

  it('respects notBefore', () => {
    expect(findPlacement(slots, tables, [], ['f', 'v'], { notBefore: s1 + 1, capPerOrg: null })).toEqual({
      slotStart: s2,
      table: 'A',
    });
    expect(findPlacement(slots, tables, [], ['f', 'v'], { notBefore: s3, capPerOrg: null })).toEqual({
      slotStart: s3,
      table: 'A',
    });
    expect(findPlacement(slots, tables, [], ['f', 'v'], { notBefore: s3 + 1, capPerOrg: null })).toBeNull();
  });

  it('lists every free slot with its free tables', () => {
    const bookings: Booking[] = [
      { slotStart: s1, table: 'A', orgs: ['f', 'x'] },
      { slotStart: s2, table: 'A', orgs: ['p', 'q'] },
    ];
    expect(freePlacements(slots, tables, bookings, ['f', 'v'], open)).toEqual([
      { slotStart: s2, tables: ['B'] },
      { slotStart: s3, tables: ['A', 'B'] },
    ]);
  });

  it('tells which pairs still have a place, asked of many pairs against one set of bookings', () => {
    // 15:00 is full; 15:20 has table B left; 15:40 is free but has begun for notBefore = s3 + 1.
    const bookings: Booking[] = [
      { slotStart: s1, table: 'A', orgs: ['f1', 'v1'] },
      { slotStart: s1, table: 'B', orgs: ['f2', 'v2'] },
      { slotStart: s2, table: 'A', orgs: ['f3', 'v3'] },
    ];
    const hasPlace = placeChecker(slots, tables, bookings, { notBefore: s1, capPerOrg: null });
    expect(hasPlace(['f1', 'v2'])).toBe(true); // 15:20 at B, or 15:40
    expect(hasPlace(['f3', 'v1'])).toBe(true); // v1 is busy at 15:00, f3 at 15:20: 15:40 is left
    const f3Later: Booking[] = [...bookings, { slotStart: s3, table: 'B', orgs: ['f3', 'v4'] }];
    expect(placeChecker(slots, tables, f3Later, { notBefore: s1, capPerOrg: null })(['f3', 'v1'])).toBe(false);
    expect(placeChecker(slots, tables, f3Later, { notBefore: s1, capPerOrg: null })(['f1', 'v2'])).toBe(true);
    // Nothing is left once the last slot has begun.
    expect(placeChecker(slots, tables, bookings, { notBefore: s3, capPerOrg: null })(['f9', 'v9'])).toBe(true);
    expect(placeChecker(slots, tables, bookings, { notBefore: s3 + 1, capPerOrg: null })(['f9', 'v9'])).toBe(false);
    // f1 has one meeting: a cap of 1 leaves it no place, a cap of 2 does.
    expect(placeChecker(slots, tables, bookings, { notBefore: 0, capPerOrg: 1 })(['f1', 'v9'])).toBe(false);
    expect(placeChecker(slots, tables, bookings, { notBefore: 0, capPerOrg: 2 })(['f1', 'v9'])).toBe(true);
    expect(placeChecker(slots, [], [], open)(['f', 'v'])).toBe(false);
    expect(() => hasPlace(['v', 'v'])).toThrow();
  });

  it('throws for a pair of one organization', () => {
    expect(() => findPlacement(slots, tables, [], ['v', 'v'], open)).toThrow();
    expect(() => freePlacements(slots, tables, [], ['v', 'v'], open)).toThrow();
    expect(() => checkPlacement(slots, tables, [], ['v', 'v'], { slotStart: s1, table: 'A' }, open)).toThrow();
  });
});

describe('checkPlacement', () => {
  const slots = slotsOf(grid(), DATE, TZ);
  const tables = ['A', 'B'];
  const [s1, s2] = starts(slots) as [number, number, number];
  const bookings: Booking[] = [
    { slotStart: s1, table: 'A', orgs: ['f1', 'v1'] },
    { slotStart: s1, table: 'B', orgs: ['f2', 'v2'] },
  ];
  const check = (pair: [string, string], placement: Placement, options: Parameters<typeof checkPlacement>[5] = open) =>
    checkPlacement(slots, tables, bookings, pair, placement, options);

  it('accepts a free placement', () => {
    expect(check(['f3', 'v3'], { slotStart: s2, table: 'B' })).toEqual({
      ok: true,
      value: { slotStart: s2, table: 'B' },
    });
  });

  it('says which organizations are busy', () => {
    expect(check(['f1', 'v3'], { slotStart: s1, table: 'A' })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'org-busy',
        params: { both: 0 },
        message: 'One of the organizations already has a meeting in that slot.',
      },
    });
    expect(check(['f1', 'v2'], { slotStart: s1, table: 'A' })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'org-busy',
        params: { both: 1 },
        message: 'Both organizations already have a meeting in that slot.',
      },
    });
  });

  it('names a taken table', () => {
    const withFreeOrgs = checkPlacement(
      slots,
      tables,
      bookings.slice(0, 1),
      ['f3', 'v3'],
      {
        slotStart: s1,
        table: 'A',
      },
      open,
    );
    expect(withFreeOrgs).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'table-taken',
        params: { table: 'A' },
        message: 'Table "A" is already taken in that slot.',
      },
    });
  });

  it('refuses unknown tables and slots', () => {
    expect(check(['f3', 'v3'], { slotStart: s2, table: 'Z' })).toEqual({
      ok: false,
      error: {
        code: 'NOT_FOUND',
        reason: 'table-unknown',
        params: { table: 'Z' },
        message: 'There is no table named "Z".',
      },
    });
    expect(check(['f3', 'v3'], { slotStart: s2 + MIN, table: 'A' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', reason: 'slot-unknown' },
    });
  });

  it('refuses a slot that has begun', () => {
    expect(check(['f3', 'v3'], { slotStart: s1, table: 'A' }, { notBefore: s1 + MIN, capPerOrg: null })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'slot-too-soon',
        message: 'That slot has already started or is too soon. Choose a later slot.',
      },
    });
  });

  it('refuses past the cap', () => {
    expect(check(['f1', 'v3'], { slotStart: s2, table: 'A' }, { notBefore: 0, capPerOrg: 1 })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'cap-reached',
        params: { cap: 1, both: 0 },
        message: 'One of the organizations already has the most meetings allowed (1).',
      },
    });
  });

  it('lets a meeting move without tripping over its own booking', () => {
    const own = { slotStart: s1, table: 'A' };
    // Its own booking neither makes its orgs busy nor counts toward the cap of 1.
    expect(check(['f1', 'v1'], { slotStart: s2, table: 'A' }, { notBefore: 0, capPerOrg: 1, ignore: own })).toEqual({
      ok: true,
      value: { slotStart: s2, table: 'A' },
    });
    expect(check(['f1', 'v1'], own, { notBefore: 0, capPerOrg: null, ignore: own })).toMatchObject({ ok: true });
    expect(check(['f1', 'v1'], { slotStart: s1, table: 'B' }, { ...open, ignore: own })).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        reason: 'table-taken',
        params: { table: 'B' },
        message: 'Table "B" is already taken in that slot.',
      },
    });
    // Without ignore, its own booking counts against it.
    expect(check(['f1', 'v1'], { slotStart: s2, table: 'A' }, { notBefore: 0, capPerOrg: 1 })).toMatchObject({
      ok: false,
    });
  });
});

describe('placement properties', () => {
  const ORGS = ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'];
  const hhmm = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

  // Windows laid end to start from 09:00 with gaps, each at least as long as the longest slot.
  const gridArb = fc
    .record({
      windows: fc.array(
        fc.record({ gap: fc.integer({ min: 0, max: 90 }), length: fc.integer({ min: 30, max: 150 }) }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      slotMinutes: fc.integer({ min: 10, max: 30 }),
      bufferMinutes: fc.integer({ min: 0, max: 10 }),
      tableCount: fc.integer({ min: 1, max: 4 }),
      capPerOrg: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
      breaks: fc.array(
        fc.record({ at: fc.integer({ min: 540, max: 1200 }), length: fc.integer({ min: 5, max: 40 }) }),
        {
          maxLength: 2,
        },
      ),
    })
    .map((g): GridSettings => {
      let at = 9 * 60;
      const windows = g.windows.map((w) => {
        const start = at + w.gap;
        at = start + w.length;
        return { start: hhmm(start), end: hhmm(at) };
      });
      return {
        windows,
        slotMinutes: g.slotMinutes,
        bufferMinutes: g.bufferMinutes,
        tables: Array.from({ length: g.tableCount }, (_, i) => `T${i + 1}`),
        capPerOrg: g.capPerOrg,
        breaks: g.breaks.map((b) => ({ start: hhmm(b.at), end: hhmm(b.at + b.length) })),
      };
    });

  const requestArb = fc.record({
    a: fc.integer({ min: 0, max: ORGS.length - 1 }),
    shift: fc.integer({ min: 1, max: ORGS.length - 1 }),
    // Which slot "now" falls at (or before all / after all), and whether just after its start.
    now: fc.integer({ min: -1, max: 30 }),
    late: fc.boolean(),
  });

  const pairOf = (r: { a: number; shift: number }): [string, string] => [
    ORGS[r.a] as string,
    ORGS[(r.a + r.shift) % ORGS.length] as string,
  ];

  const notBeforeOf = (slots: Slot[], r: { now: number; late: boolean }) => {
    const base = r.now < 0 ? 0 : (slots[r.now]?.start ?? Number.MAX_SAFE_INTEGER);
    return base + (r.late ? 1 : 0);
  };

  const involves = (b: Booking, org: string) => b.orgs[0] === org || b.orgs[1] === org;

  /** The rules spelled out plainly, to check the fast version against. */
  const allowed = (
    bookings: readonly Booking[],
    pair: readonly [string, string],
    slotStart: number,
    table: string,
    notBefore: number,
    cap: number | null,
  ) =>
    slotStart >= notBefore &&
    pair.every((org) => cap === null || bookings.filter((b) => involves(b, org)).length < cap) &&
    !bookings.some((b) => b.slotStart === slotStart && (involves(b, pair[0]) || involves(b, pair[1]))) &&
    !bookings.some((b) => b.slotStart === slotStart && b.table === table);

  const bruteFirst = (
    slots: Slot[],
    tables: string[],
    bookings: readonly Booking[],
    pair: readonly [string, string],
    notBefore: number,
    cap: number | null,
  ): Placement | null => {
    for (const s of slots) {
      for (const t of tables)
        if (allowed(bookings, pair, s.start, t, notBefore, cap)) return { slotStart: s.start, table: t };
    }
    return null;
  };

  it('keeps the grid invariants and always picks the earliest valid placement', () => {
    fc.assert(
      fc.property(gridArb, fc.array(requestArb, { minLength: 1, maxLength: 30 }), (g, requests) => {
        expect(gridProblems(g)).toEqual([]);
        const slots = slotsOf(g, DATE, TZ);
        const bookings: Booking[] = [];
        for (const r of requests) {
          const pair = pairOf(r);
          const options = { notBefore: notBeforeOf(slots, r), capPerOrg: g.capPerOrg };
          const p = findPlacement(slots, g.tables, bookings, pair, options);
          const expected = bruteFirst(slots, g.tables, bookings, pair, options.notBefore, options.capPerOrg);
          // (5) and (6): the earliest valid placement by brute force, or none when brute force finds none.
          expect(p).toEqual(expected);
          // (7) the first free slot and its first table are what findPlacement picks.
          const free = freePlacements(slots, g.tables, bookings, pair, options);
          expect(free[0] ? { slotStart: free[0].slotStart, table: free[0].tables[0] } : null).toEqual(p);
          // Every free entry is valid, and none is missing.
          const bruteFree = slots
            .map((s) => ({
              slotStart: s.start,
              tables: g.tables.filter((t) => allowed(bookings, pair, s.start, t, options.notBefore, g.capPerOrg)),
            }))
            .filter((e) => e.tables.length > 0);
          expect(free).toEqual(bruteFree);
          if (p) {
            expect(checkPlacement(slots, g.tables, bookings, pair, p, options)).toEqual({ ok: true, value: p });
            bookings.push({ ...p, orgs: pair });
          }
        }

        // (1) no org in two bookings at once; (2) no table twice at once.
        for (const [i, b] of bookings.entries()) {
          for (const c of bookings.slice(i + 1)) {
            if (b.slotStart !== c.slotStart) continue;
            expect(b.orgs.some((o) => involves(c, o))).toBe(false);
            expect(b.table).not.toBe(c.table);
          }
        }
        // (3) every placement is a real slot and table.
        for (const b of bookings) {
          expect(slots.some((s) => s.start === b.slotStart)).toBe(true);
          expect(g.tables).toContain(b.table);
        }
        // (4) caps respected.
        if (g.capPerOrg !== null) {
          for (const org of ORGS)
            expect(bookings.filter((b) => involves(b, org)).length).toBeLessThanOrEqual(g.capPerOrg);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('placeChecker answers like freePlacements for every pair, whatever the bookings', () => {
    // Bookings at random, not through the allocator: clashes, tables off the grid and unknown slots too.
    const bookingArb = fc.record({
      slot: fc.integer({ min: 0, max: 40 }),
      table: fc.integer({ min: 0, max: 4 }),
      pair: requestArb,
    });
    fc.assert(
      fc.property(
        gridArb,
        fc.array(bookingArb, { maxLength: 40 }),
        requestArb,
        fc.array(requestArb, { minLength: 1, maxLength: 10 }),
        (g, drawn, when, probes) => {
          const slots = slotsOf(g, DATE, TZ);
          const bookings: Booking[] = drawn.map((b) => ({
            slotStart: slots[b.slot]?.start ?? -1,
            table: g.tables[b.table] ?? 'off the grid',
            orgs: pairOf(b.pair),
          }));
          const options = { notBefore: notBeforeOf(slots, when), capPerOrg: g.capPerOrg };
          const hasPlace = placeChecker(slots, g.tables, bookings, options);
          for (const probe of probes) {
            const pair = pairOf(probe);
            expect(hasPlace(pair)).toBe(freePlacements(slots, g.tables, bookings, pair, options).length > 0);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('checkPlacement agrees with the plain rules for any placement', () => {
    fc.assert(
      fc.property(
        gridArb,
        fc.array(requestArb, { maxLength: 20 }),
        requestArb,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 4 }),
        (g, requests, probe, slotIndex, tableIndex) => {
          const slots = slotsOf(g, DATE, TZ);
          const bookings: Booking[] = [];
          for (const r of requests) {
            const pair = pairOf(r);
            const p = findPlacement(slots, g.tables, bookings, pair, { notBefore: 0, capPerOrg: g.capPerOrg });
            if (p) bookings.push({ ...p, orgs: pair });
          }
          const pair = pairOf(probe);
          const notBefore = notBeforeOf(slots, probe);
          const slotStart = slots[slotIndex]?.start ?? -1;
          const table = g.tables[tableIndex] ?? 'nowhere';
          const result = checkPlacement(
            slots,
            g.tables,
            bookings,
            pair,
            { slotStart, table },
            {
              notBefore,
              capPerOrg: g.capPerOrg,
            },
          );
          const real = slotStart !== -1 && table !== 'nowhere';
          expect(result.ok).toBe(real && allowed(bookings, pair, slotStart, table, notBefore, g.capPerOrg));
          if (!result.ok) expect(result.error.code).toBe(real ? 'CONFLICT' : 'NOT_FOUND');
        },
      ),
      { numRuns: 300 },
    );
  });
});
