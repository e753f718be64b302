/**
 * What deploy/Dockerfile's runtime stage runs: its ENV, CMD, HEALTHCHECK, WORKDIR, USER and VOLUME,
 * read from the file, so the e2e tests start the server exactly as the image would and cannot
 * drift from it. A strict reader of the forms that file uses: anything else (quotes or variables in
 * ENV, a shell-form CMD) is refused with the line, rather than read wrong.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface RuntimeImage {
  env: Record<string, string>;
  /** Exec form, e.g. ["node", "dist/server/index.js"]. */
  cmd: string[];
  /** The HEALTHCHECK's command, exec form; empty when there is none. */
  healthcheck: string[];
  workdir: string;
  user: string;
  volumes: string[];
}

export const DOCKERFILE = path.resolve(import.meta.dirname, '../../deploy/Dockerfile');

export function readRuntimeImage(file = DOCKERFILE): RuntimeImage {
  return parseRuntimeImage(fs.readFileSync(file, 'utf8'));
}

/** The instructions of the last stage (the image that runs), continuation lines joined. */
export function parseRuntimeImage(text: string): RuntimeImage {
  const instructions: { keyword: string; rest: string }[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line)) continue; // comments, also between continued lines (as Docker does)
    const continued = /\\\s*$/.test(line);
    pending += (pending ? ' ' : '') + line.replace(/\\\s*$/, '').trim();
    if (continued) continue;
    const match = /^(\S+)\s*(.*)$/.exec(pending);
    if (match) instructions.push({ keyword: match[1]!.toUpperCase(), rest: match[2]! });
    pending = '';
  }
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  if (lastFrom < 0) throw new Error('The Dockerfile has no FROM.');

  const image: RuntimeImage = { env: {}, cmd: [], healthcheck: [], workdir: '/', user: 'root', volumes: [] };
  for (const { keyword, rest } of instructions.slice(lastFrom + 1)) {
    switch (keyword) {
      case 'ENV':
        for (const pair of rest.split(/\s+/)) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=([^"'$\\\s]*)$/.exec(pair);
          if (!m) throw new Error(`ENV ${rest}: only KEY=value pairs without quotes or variables are read.`);
          image.env[m[1]!] = m[2]!;
        }
        break;
      case 'CMD':
        image.cmd = execForm(keyword, rest);
        break;
      case 'HEALTHCHECK': {
        const command = rest.replace(/^(--[a-z-]+=\S+\s+)*/, '');
        if (!command.startsWith('CMD ')) throw new Error(`HEALTHCHECK ${rest}: expected options, then CMD [...]`);
        image.healthcheck = execForm(keyword, command.slice(4));
        break;
      }
      case 'WORKDIR':
        image.workdir = path.posix.resolve(image.workdir, rest);
        break;
      case 'USER':
        image.user = rest;
        break;
      case 'VOLUME':
        image.volumes.push(...(rest.startsWith('[') ? execForm(keyword, rest) : rest.split(/\s+/)));
        break;
    }
  }
  if (image.cmd.length === 0) throw new Error('The runtime stage has no CMD.');
  return image;
}

function execForm(keyword: string, json: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error(`${keyword} ${json}: only the exec form (a JSON array) is read.`);
  }
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string'))
    throw new Error(`${keyword} ${json}: expected a JSON array of strings.`);
  return parsed;
}

/**
 * The image's environment on this machine: every ENV value inside a volume (/data/pitch.db) moved
 * into `dataDir`, then the test's own settings on top. Nothing else of the test's environment
 * leaks in but PATH, as in a container.
 */
export function imageEnvironment(
  image: RuntimeImage,
  dataDir: string,
  overrides: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  for (const [key, value] of Object.entries(image.env)) {
    const volume = image.volumes.find((v) => value === v || value.startsWith(`${v}/`));
    env[key] = volume ? path.join(dataDir, value.slice(volume.length)) : value;
  }
  return { ...env, ...overrides };
}
