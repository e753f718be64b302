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
  };
}
