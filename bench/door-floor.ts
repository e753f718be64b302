/**
 * The door's floor: what one check-in must do, step by step, timed in this process (no sockets) on
 * a bench-sized event, beside the bare stack's whole write. It answers issue 18's open question:
 * how close to the bare stack can the app's door running flat out get, whatever is optimized?
 *
 * Both run as the door flat out runs them: 100 scans to a transaction (two stations × 50 in flight
 * are one group commit), `BEGIN IMMEDIATE` … `COMMIT` with the app's durability, on the same file.
 *
 * - The bare stack's write: `INSERT … ON CONFLICT DO NOTHING` into a table of one key, as
 *   bench/baseline/server.ts does.
 * - The app's command: the protocol's schema parses the scan, then `checkinScan` runs as the group
 *   commit runs it (its own savepoint): the badge's signature, the person by badge, the retry key
 *   looked up and remembered, the check-in with its indexes and foreign keys, the change log, and
 *   the person's summary for the answer (the one the stations are sent as well).
 * - Each of those steps alone, so the difference has names.
 *
 * With the bare stack's CPU per check-in and rate from the newest `npm run bench` result (or the
 * flags), it prints the best rate the app's door could reach if everything but these steps
 * (socket.io, the ack, the fact to the stations) cost the app no more than the bare stack.
 *
 *   npx tsx bench/door-floor.ts [--people=5000] [--bare-cpu-us=48 --bare-rate=17000]
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMMANDS, type CommandInput } from '../shared/protocol.js';
import { openToken } from '../server/auth/tokens.js';
import { badgeChecker, checkinScan } from '../server/commands/door.js';
import { contextOf, type CommandContext, type Facts } from '../server/commands/context.js';
import { openDb } from '../server/store/db.js';
import { GroupCommit } from '../server/store/group-commit.js';
import { Store } from '../server/store/store.js';
import { tokenFromScan } from '../server/domain/checkin.js';
import { prepareDb } from './server.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const people = Number(arg('people') ?? 5_000);
const GROUP = 100;
const REPEATS = 3;

const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitch-door-floor-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));

/** The door flat out in the newest `npm run bench` result: the bare stack's CPU per check-in and rate, the app's rate. */
interface BenchDoor {
  bareCpuUs: number;
  bareRate: number;
  appRate: number | null;
  from: string;
}

interface BenchRun {
  costs?: { what: string; bare: number | null }[];
  scenarios?: { rows?: { key: string; ratePerSec?: number }[] }[];
  bare?: { scenarios?: { rows?: { key: string; ratePerSec?: number }[] }[] };
}

const doorRate = (scenarios: BenchRun['scenarios']) =>
  scenarios?.flatMap((s) => s.rows ?? []).find((r) => r.key === 'door max')?.ratePerSec ?? null;

function benchDoor(): BenchDoor | null {
  const given = arg('bare-cpu-us');
  const rate = arg('bare-rate');
  if (given && rate) return { bareCpuUs: Number(given), bareRate: Number(rate), appRate: null, from: 'the flags' };
  const results = path.join(root, 'bench-results');
  const files = fs.existsSync(results)
    ? fs
        .readdirSync(results)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .reverse()
    : [];
  for (const file of files) {
    const run = JSON.parse(fs.readFileSync(path.join(results, file), 'utf8')) as BenchRun;
    const cpu = run.costs?.find((c) => c.what === 'check-in (door flat out)')?.bare;
    const bareRate = doorRate(run.bare?.scenarios);
    if (cpu && bareRate) {
      return { bareCpuUs: cpu * 1000, bareRate, appRate: doorRate(run.scenarios), from: `bench-results/${file}` };
    }
  }
  return null;
}

/** µs per check-in of the pass `make(p)` makes, over `n` items: the best of REPEATS passes (each on fresh items). */
function best(make: (p: number) => (i: number) => void, n: number): number {
  let min = Infinity;
  for (let p = 0; p < REPEATS; p++) {
    const work = make(p);
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) work(i);
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1000 / n);
  }
  return min;
}

const secret = randomBytes(32);
const file = path.join(dir, 'floor.db');
// Enough firms for every pass to check in people nobody checked in before: the whole command's
// passes take the first REPEATS × people, the steps alone the next.
const ev = prepareDb(file, secret, 'http://127.0.0.1', people * REPEATS * 2, 0);
const store = new Store(openDb(file));
store.checkBadgesWith(badgeChecker(secret));
// As in the server, where the stations' snapshots made every badge's check once before the door opened.
store.peopleSummaries(ev.eventId);
const db = store.db;
const organizer = store.getPerson(ev.organizer.id)!;
const noFacts: Facts = {
  programChanged: () => {},
  interestChanged: () => {},
  doorChanged: () => {},
  personChanged: () => {},
  leadsChanged: () => {},
  meetingsChanged: () => {},
  gridChanged: () => {},
  challengesChanged: () => {},
  disconnectPeople: () => {},
};
const ctx: CommandContext = contextOf(
  { kind: 'person', eventId: ev.eventId, person: organizer },
  {
    store,
    publisher: noFacts,
    now: Date.now,
    newId: randomUUID,
    secret,
    publicAddress: () => ({ origin: 'http://127.0.0.1' }),
    log: () => {},
  },
);
db.exec(
  'CREATE TABLE bare_checkins (person_id TEXT PRIMARY KEY, station TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL)',
);
const bareInsert = db.prepare(
  'INSERT INTO bare_checkins (person_id, station, key, at) VALUES (?, ?, ?, ?) ON CONFLICT(person_id) DO NOTHING',
);
const schema = COMMANDS['checkin:scan'].schema;

/** Pass `p` of a step takes the firms [p·people, (p+1)·people): nobody is checked in twice. */
const firmsOf = (p: number) => ev.firms.slice(p * people, (p + 1) * people);

type Firm = (typeof ev.firms)[number];

/** The scan of a firm's badge, as the protocol's schema parses it. */
const scanOf = (firm: Firm, key: string) =>
  schema.parse({ text: firm.url, station: 'A', key }) as CommandInput<'checkin:scan'>;

/** A scan's outcome must be a check-in: the floor is of check-ins that happened. */
function mustCheckIn(firm: Firm, outcome: ReturnType<typeof checkinScan> | undefined): void {
  if (!outcome?.answer.ok || outcome.answer.data.outcome !== 'checked-in') {
    throw new Error(`the scan of ${firm.name} was not checked in: ${JSON.stringify(outcome?.answer)}`);
  }
}

/**
 * Runs `each` for every firm of `firms` in transactions of GROUP, ended by `end`: COMMIT as the
 * door's group commit does, or ROLLBACK for a step timed alone, which leaves nothing behind.
 */
function inTransactions(firms: Firm[], end: 'COMMIT' | 'ROLLBACK', each: (firm: Firm, i: number) => void) {
  return (g: number) => {
    if (g % GROUP !== 0) return;
    db.exec('BEGIN IMMEDIATE');
    for (let i = g; i < Math.min(g + GROUP, firms.length); i++) each(firms[i]!, i);
    db.exec(end);
  };
}

/** The app's whole command, as the group commit runs it: parsed, then each scan in its savepoint. */
function appCommand(p: number): (i: number) => void {
  const firms = firmsOf(p);
  const group = new GroupCommit(db, true);
  return (i) => {
    const input = scanOf(firms[i]!, `floor${p}x${i}`);
    let outcome: ReturnType<typeof checkinScan> | undefined;
    group.run({
      inside: () => void (outcome = checkinScan(ctx, input)),
      committed: () => mustCheckIn(firms[i]!, outcome),
      lost: (error) => {
        throw error;
      },
    });
    if ((i + 1) % GROUP === 0 || i === firms.length - 1) group.flush();
  };
}

/** A step alone, on the firms the whole command's passes do not use, rolled back. */
const alone = (p: number, each: (firm: Firm, i: number) => void) =>
  inTransactions(firmsOf(p + REPEATS), 'ROLLBACK', each);
const nonceOf = (url: string) => openToken(secret, 'person', tokenFromScan(url))!;
const savepoint = db.prepare('SAVEPOINT floor');
const release = db.prepare('RELEASE floor');
const remembered = { outcome: 'checked-in', person: store.peopleSummaries(ev.eventId, [ev.firms[0]!.id])[0] };

const rows: { step: string; us: number }[] = [];
const measure = (step: string, make: (p: number) => (i: number) => void) => {
  const us = best(make, people);
  rows.push({ step, us });
  return us;
};

// Both whole paths write, so each repeat checks in other people: pass p uses firmsOf(p).
const bare = measure('bare stack: its write, committed', (p) =>
  inTransactions(firmsOf(p), 'COMMIT', (firm, i) => bareInsert.run(firm.id, 'A', `floor${p}x${i}`, Date.now())),
);
const app = measure('app: checkin:scan parsed and run, committed', appCommand);
measure('  the same, rolled back: everything but the commit', (p) =>
  alone(p, (firm, i) => {
    const input = scanOf(firm, `floorrb${p}x${i}`);
    savepoint.run();
    const outcome = checkinScan(ctx, input);
    release.run();
    mustCheckIn(firm, outcome);
  }),
);
measure('  the scan parsed by the protocol schema', (p) => {
  const firms = firmsOf(p);
  return (i) => void scanOf(firms[i]!, `floorparse${i}`);
});
measure('  the badge signature checked', (p) => {
  const firms = firmsOf(p);
  return (i) => void nonceOf(firms[i]!.url);
});
measure('  the person found by badge', (p) => {
  const nonces = firmsOf(p + REPEATS).map((f) => nonceOf(f.url));
  return alone(p, (_, i) => void store.personByBadgeNonce(nonces[i]!));
});
measure('  the savepoint of the command', (p) =>
  alone(p, () => {
    savepoint.run();
    release.run();
  }),
);
measure('  the retry key looked up and remembered', (p) =>
  alone(p, (_, i) => {
    store.idempotentAnswer(organizer.id, 'checkin', `floorkey${p}x${i}`);
    store.rememberAnswer(organizer.id, 'checkin', `floorkey${p}x${i}`, remembered, Date.now());
  }),
);
measure('  the check-in row (indexes, foreign keys)', (p) =>
  alone(p, (firm) => store.insertCheckin(ev.eventId, firm.id, { at: Date.now(), station: 'A', method: 'qr' })),
);
measure('  the change-log row (seq bumped)', (p) =>
  alone(p, (firm) =>
    store.mutate(ev.eventId, organizer.id, Date.now(), () => ({
      result: null,
      changes: [{ kind: 'checkin:added', data: { personId: firm.id, at: Date.now(), station: 'A', method: 'qr' } }],
    })),
  ),
);
measure('  the summary for the answer (badge checks)', (p) =>
  alone(p, (firm) => void store.peopleSummaries(ev.eventId, [firm.id])),
);

const checkedIn = db.prepare('SELECT COUNT(*) FROM checkins').pluck().get() as number;
if (checkedIn !== people * REPEATS) throw new Error(`${checkedIn} check-ins written, expected ${people * REPEATS}`);

console.log(
  `door floor: ${people} check-ins a pass, ${GROUP} to a commit, best of ${REPEATS}; node ${process.version}`,
);
for (const { step, us } of rows) console.log(`${step.padEnd(48)} ${us.toFixed(1).padStart(7)} µs`);
console.log(`${'the app’s command over the bare write'.padEnd(48)} ${(app / bare).toFixed(1).padStart(7)} ×`);
const door = benchDoor();
if (door) {
  // The rest of a check-in (socket.io's parse, the ack, the write to the socket) as the bare stack
  // pays it; the app pays at least as much (and the fact to the stations besides). The server's
  // one thread then takes at least `rest + app` µs a check-in: its rate is at most a second of that.
  const rest = Math.max(0, door.bareCpuUs - bare);
  const bestRate = 1e6 / (rest + app);
  console.log(
    `bare stack at the door flat out: ${door.bareCpuUs.toFixed(0)} µs of server CPU a check-in, ${rest.toFixed(0)} of them besides its write; ${door.bareRate}/s (${door.from})`,
  );
  console.log(
    `best the app's door can reach: 1 s / (${rest.toFixed(0)} + ${app.toFixed(0)} µs) = ${bestRate.toFixed(0)}/s, ${(bestRate / door.bareRate).toFixed(2)}× the bare stack's` +
      (door.appRate ? ` (the app measured ${door.appRate}/s, ${(door.appRate / door.bareRate).toFixed(2)}×)` : ''),
  );
} else {
  console.log('no bench result with the door flat out: run npm run bench, or pass --bare-cpu-us=N --bare-rate=N');
}
