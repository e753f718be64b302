/**
 * Scheduler bench instances: firms, ventures, a grid and the day's interest, generated from a seed so
 * every run measures the same problems. Interest is skewed the way an event's is: a few ventures
 * draw many firms (popularity falls off like 1/rank^0.8), each firm wants a handful, and a share of
 * the pairs is mutual (the venture wants the firm too). Some meetings are booked already (by hand,
 * earlier in the day), and fit is 0 for firms without stated challenges.
 */
import type { ScheduleProblem, WantedPair } from '../../server/domain/schedule/types.js';

export interface InstanceSpec {
  name: string;
  firms: number;
  ventures: number;
  slots: number;
  tables: number;
  /** Share of all firm × venture pairs that want to meet. */
  density: number;
  /** Share of the wanted pairs that are mutual. */
  mutualShare: number;
  capPerOrg: number | null;
  /** Share of the free places already taken by meetings booked before the run. */
  booked: number;
  seed: number;
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SLOT_MS = 20 * 60_000;

export function generate(spec: InstanceSpec): ScheduleProblem {
  const random = rng(spec.seed);
  const firms = Array.from({ length: spec.firms }, (_, i) => `f${i}`);
  const ventures = Array.from({ length: spec.ventures }, (_, i) => `v${i}`);
  const slots = Array.from({ length: spec.slots }, (_, i) => ({ start: i * SLOT_MS, end: i * SLOT_MS + 15 * 60_000 }));
  const tables = Array.from({ length: spec.tables }, (_, i) => `T${i + 1}`);

  // Popularity by rank, scaled so the mean chance of a firm wanting a venture is the density.
  const weight = ventures.map((_, r) => 1 / (r + 1) ** 0.8);
  const mean = weight.reduce((a, b) => a + b, 0) / weight.length;
  const chance = weight.map((w) => Math.min(0.95, (spec.density * w) / mean));
  const statesChallenges = firms.map(() => random() < 0.7);

  const pairs: WantedPair[] = [];
  firms.forEach((guest, f) => {
    ventures.forEach((venture, v) => {
      if (random() >= chance[v]!) return;
      const strength = random() < spec.mutualShare ? 'mutual' : 'one-sided';
      const fit = statesChallenges[f] ? Math.round(random() * 100) / 100 : 0;
      pairs.push({ guest, venture, strength, fit });
    });
  });
  // The order interest arrived in: the first-come baseline books in this order.
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }

  const existing = bookSome(spec, pairs, slots, tables, random);
  const met = new Set(existing.map((m) => `${m.guest}|${m.venture}`));
  return {
    slots,
    tables,
    capPerOrg: spec.capPerOrg,
    existing,
    pairs: pairs.filter((p) => !met.has(`${p.guest}|${p.venture}`)),
  };
}

/** Meetings booked earlier: random wanted pairs at random free places, without clashes. */
function bookSome(
  spec: InstanceSpec,
  pairs: readonly WantedPair[],
  slots: ScheduleProblem['slots'],
  tables: readonly string[],
  random: () => number,
): ScheduleProblem['existing'] {
  const target = Math.floor(spec.booked * slots.length * tables.length);
  const busy = new Set<string>();
  const load = new Map<string, number>();
  const existing: ScheduleProblem['existing'] = [];
  for (let tries = 0; existing.length < target && tries < target * 20 && pairs.length > 0; tries++) {
    const p = pairs[Math.floor(random() * pairs.length)]!;
    const s = slots[Math.floor(random() * slots.length)]!.start;
    const t = tables[Math.floor(random() * tables.length)]!;
    const keys = [`${p.guest}@${s}`, `${p.venture}@${s}`, `${t}@${s}`, `${p.guest}|${p.venture}`];
    if (keys.some((k) => busy.has(k))) continue;
    if (spec.capPerOrg !== null && [p.guest, p.venture].some((o) => (load.get(o) ?? 0) >= spec.capPerOrg!)) continue;
    keys.forEach((k) => busy.add(k));
    for (const o of [p.guest, p.venture]) load.set(o, (load.get(o) ?? 0) + 1);
    existing.push({ guest: p.guest, venture: p.venture, slotStart: s, table: t });
  }
  return existing;
}

/** The instances `npm run bench:schedule` measures; `smoke` are the ones small enough for CI. */
export const INSTANCES: { smoke: boolean; spec: InstanceSpec }[] = [
  {
    smoke: true,
    spec: {
      name: 'small',
      firms: 50,
      ventures: 10,
      slots: 8,
      tables: 10,
      density: 0.1,
      mutualShare: 0.3,
      capPerOrg: null,
      booked: 0.05,
      seed: 1,
    },
  },
  {
    smoke: true,
    spec: {
      name: 'small-tight',
      firms: 60,
      ventures: 12,
      slots: 8,
      tables: 10,
      density: 0.2,
      mutualShare: 0.25,
      capPerOrg: 4,
      booked: 0.05,
      seed: 2,
    },
  },
  {
    smoke: true,
    spec: {
      name: 'roomy',
      firms: 80,
      ventures: 30,
      slots: 16,
      tables: 40,
      density: 0.05,
      mutualShare: 0.3,
      capPerOrg: null,
      booked: 0.02,
      seed: 3,
    },
  },
  {
    smoke: false,
    spec: {
      name: 'mid',
      firms: 120,
      ventures: 20,
      slots: 10,
      tables: 15,
      density: 0.15,
      mutualShare: 0.2,
      capPerOrg: 6,
      booked: 0.05,
      seed: 4,
    },
  },
  {
    smoke: false,
    spec: {
      name: 'city-day',
      firms: 200,
      ventures: 30,
      slots: 12,
      tables: 20,
      density: 0.1,
      mutualShare: 0.2,
      capPerOrg: 6,
      booked: 0.05,
      seed: 5,
    },
  },
  {
    smoke: false,
    spec: {
      name: 'large',
      firms: 300,
      ventures: 40,
      slots: 14,
      tables: 30,
      density: 0.08,
      mutualShare: 0.15,
      capPerOrg: null,
      booked: 0.03,
      seed: 6,
    },
  },
  {
    smoke: false,
    spec: {
      name: 'max-sparse',
      firms: 500,
      ventures: 60,
      slots: 16,
      tables: 40,
      density: 0.05,
      mutualShare: 0.15,
      capPerOrg: null,
      booked: 0.03,
      seed: 7,
    },
  },
  {
    smoke: false,
    spec: {
      name: 'max-dense',
      firms: 500,
      ventures: 60,
      slots: 16,
      tables: 40,
      density: 0.2,
      mutualShare: 0.1,
      capPerOrg: null,
      booked: 0.03,
      seed: 8,
    },
  },
];
