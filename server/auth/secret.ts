import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * The instance secret that signs badge and board links: from PITCH_SECRET (hex, 32+ bytes) when set,
 * otherwise a key file beside the database, created on first start and readable only by its owner.
 * Kept out of the database so that a copy of the data alone cannot sign anyone in.
 */
export function loadSecret(dbFile: string, fromEnv: string | undefined): Buffer {
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64,}$/.test(fromEnv))
      throw new Error('PITCH_SECRET must be at least 64 hex characters (32 bytes).');
    return Buffer.from(fromEnv, 'hex');
  }
  const keyFile = `${path.resolve(dbFile)}.key`;
  if (!fs.existsSync(keyFile)) {
    fs.mkdirSync(path.dirname(keyFile), { recursive: true });
    fs.writeFileSync(keyFile, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const hex = fs.readFileSync(keyFile, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64,}$/.test(hex))
    throw new Error(`The key file ${keyFile} is damaged: it must hold 64+ hex characters.`);
  return Buffer.from(hex, 'hex');
}
