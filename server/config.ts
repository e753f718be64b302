import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proxyaddr from 'proxy-addr';
import { fallbackAddress, parsePublicUrl, type PublicAddress } from './public-address.js';

export interface Config {
  port: number;
  host: string;
  dbFile: string;
  /** The address people reach the app at (PUBLIC_URL), used in every link and QR code. */
  publicAddress: PublicAddress | undefined;
  /** Which peers' forwarded headers count (TRUST_PROXY): hops, or addresses; false, none. */
  trustProxy: TrustProxy;
  secretHex: string | undefined;
  staticDir: string;
  seedDemo: boolean;
  /** PITCH_DEMO_ACTIVITY: the seed of a day of activity recorded into a newly seeded demo, or none. */
  demoActivity: { seed: number } | undefined;
  metrics: boolean;
  /** Per-address limits on sign-in links and POSTs (PITCH_RATE_LIMIT=0 turns them off). */
  rateLimit: boolean;
  /** Socket commands that arrive together share one commit (PITCH_GROUP_COMMIT=0: one commit each, for the bench's comparison). */
  groupCommit: boolean;
  /** Periodic online backups, when PITCH_BACKUP_DIR is set. */
  backup: { dir: string; everyMinutes: number; keep: number } | undefined;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * For the entry points: a setting that cannot be used is said in one line, with what to write
 * instead, and the process ends, rather than a stack trace a person at a venue has to read.
 */
export function readConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return readConfig(env);
  } catch (error) {
    console.error(`設定エラー / Settings error: ${(error as Error).message}`);
    process.exit(2);
  }
}

/** Reads the environment once, at start-up; the rest of the server takes its settings as arguments. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  const host = env.HOST ?? '0.0.0.0';
  return {
    port,
    host,
    dbFile: path.resolve(env.PITCH_DB ?? path.join(root, 'data', 'pitch.db')),
    publicAddress: env.PUBLIC_URL ? parsePublicUrl(env.PUBLIC_URL) : undefined,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    secretHex: env.PITCH_SECRET,
    staticDir: path.resolve(env.PITCH_STATIC_DIR ?? path.join(root, 'dist', 'client')),
    seedDemo: env.PITCH_SEED_DEMO !== '0',
    demoActivity: parseDemoActivity(env),
    metrics: env.PITCH_METRICS === '1',
    rateLimit: env.PITCH_RATE_LIMIT !== '0',
    groupCommit: env.PITCH_GROUP_COMMIT !== '0',
    backup: env.PITCH_BACKUP_DIR
      ? {
          dir: path.resolve(env.PITCH_BACKUP_DIR),
          everyMinutes: positive(env, 'PITCH_BACKUP_MINUTES', 5),
          keep: positive(env, 'PITCH_BACKUP_KEEP', 24, { integer: true }),
        }
      : undefined,
  };
}

/** The address links are printed with: PUBLIC_URL, or this machine's own when it is unset. */
export function addressOf(config: Pick<Config, 'publicAddress' | 'port' | 'host'>): PublicAddress {
  return config.publicAddress ?? fallbackAddress(config.port, config.host);
}

/** As Express's `trust proxy`: a number of hops, or addresses and subnets; never "trust everyone". */
export type TrustProxy = false | number | string[];

/**
 * TRUST_PROXY: unset or 0 trusts no one (X-Forwarded-* from a phone change nothing); a number is
 * the count of proxies in front (1: Caddy or nginx); otherwise the proxies' addresses, subnets or
 * Express's names for them (loopback, linklocal, uniquelocal), comma-separated.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value.toLowerCase() === 'true' || value === '*')
    throw new Error(
      'TRUST_PROXY=true would believe any client that sends X-Forwarded-For. Give the number of proxies in front (TRUST_PROXY=1) or their addresses (TRUST_PROXY=loopback, TRUST_PROXY=10.0.0.0/8).',
    );
  const list = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY="${value}" is not a number of hops or a list of addresses (${(error as Error).message}); e.g. TRUST_PROXY=1 or TRUST_PROXY=loopback,172.16.0.0/12.`,
    );
  }
  return list;
}

/**
 * PITCH_DEMO_ACTIVITY: unset or 0, none; a whole number, the seed of the recorded day (1 is the
 * usual one; another number, another day with other figures). It needs the demo to record into.
 */
function parseDemoActivity(env: NodeJS.ProcessEnv): { seed: number } | undefined {
  const raw = env.PITCH_DEMO_ACTIVITY?.trim() ?? '';
  if (raw === '' || raw === '0') return undefined;
  if (!/^\d{1,9}$/.test(raw))
    throw new Error(
      `PITCH_DEMO_ACTIVITY must be 1 (or another whole number, the seed of the demo's day), not "${raw}".`,
    );
  if (env.PITCH_SEED_DEMO === '0')
    throw new Error('PITCH_DEMO_ACTIVITY records activity into the demo, but PITCH_SEED_DEMO=0 turns the demo off.');
  return { seed: Number(raw) };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number, opts = { integer: false }): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (opts.integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${opts.integer ? 'whole number' : 'number'}, not "${raw}".`);
  }
  return value;
}
