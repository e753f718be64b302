import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  dbFile: string;
  /** The address people reach the app at, used in badge and board links. */
  publicUrl: string | undefined;
  secretHex: string | undefined;
  staticDir: string;
  seedDemo: boolean;
  metrics: boolean;
  /** Per-address limits on sign-in links and POSTs (PITCH_RATE_LIMIT=0 turns them off). */
  rateLimit: boolean;
  /** Periodic online backups, when PITCH_BACKUP_DIR is set. */
  backup: { dir: string; everyMinutes: number; keep: number } | undefined;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
    publicUrl: env.PUBLIC_URL,
    secretHex: env.PITCH_SECRET,
    staticDir: path.resolve(env.PITCH_STATIC_DIR ?? path.join(root, 'dist', 'client')),
    seedDemo: env.PITCH_SEED_DEMO !== '0',
    metrics: env.PITCH_METRICS === '1',
    rateLimit: env.PITCH_RATE_LIMIT !== '0',
    backup: env.PITCH_BACKUP_DIR
      ? {
          dir: path.resolve(env.PITCH_BACKUP_DIR),
          everyMinutes: positive(env, 'PITCH_BACKUP_MINUTES', 5),
          keep: positive(env, 'PITCH_BACKUP_KEEP', 24, { integer: true }),
        }
      : undefined,
  };
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
