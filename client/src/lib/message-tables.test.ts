/**
 * The two message tables hold what their pages say: the first download's table (messages.ts) only
 * sentences a file of the first download uses or a key built at run time, the later table
 * (messages-later.ts) only sentences of files a phone loads later. A later sentence in a first-download
 * file would show as its key; a first-download sentence only later pages use weighs on the phone budget.
 * "First download" = the files reachable by static imports from the entry (client/src/main.tsx).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ja } from './messages';
import { jaLater } from './messages-later';

const SRC = path.resolve(import.meta.dirname, '..');
const TABLES = /lib\/messages(-en|-later|-later-en)?\.ts$/;
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`].find((f) => fs.existsSync(f) && fs.statSync(f).isFile()) ?? null;
}

/** Every file the entry reaches by static imports (type-only imports and import() do not count). */
function firstDownload(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file) || !/\.tsx?$/.test(file)) continue;
    seen.add(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const target = resolveImport(file, m[1]!);
      if (target) stack.push(target);
    }
  }
  return seen;
}

const files = sourceFiles(SRC).filter((f) => !TABLES.test(f));
const first = firstDownload(path.join(SRC, 'main.tsx'));
const text = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
const usersOf = (key: string) => files.filter((f) => text.get(f)!.includes(`'${key}'`));
const rel = (f: string) => path.relative(SRC, f);

describe('the message tables', () => {
  it('finds the first download as the build does: the phone home in, the console out', () => {
    expect(first.has(path.join(SRC, 'features/attendee/attendee-home.tsx'))).toBe(true);
    expect(first.has(path.join(SRC, 'features/organizer/organizer-home.tsx'))).toBe(false);
    expect(first.has(path.join(SRC, 'lib/messages-later.ts'))).toBe(false);
  });

  it('a later sentence is used by later-loaded files only', () => {
    const misplaced = Object.keys(jaLater).flatMap((key) =>
      usersOf(key)
        .filter((f) => first.has(f))
        .map((f) => `${key} in ${rel(f)}: move it to messages.ts`),
    );
    expect(misplaced).toEqual([]);
  });

  it('a first-download sentence is used by a first-download file (or built at run time)', () => {
    const heavy = Object.keys(ja).flatMap((key) => {
      const users = usersOf(key);
      return users.length > 0 && users.every((f) => !first.has(f))
        ? [`${key} (only ${users.map(rel).join(', ')}): move it to messages-later.ts`]
        : [];
    });
    expect(heavy).toEqual([]);
  });

  it('every component loaded later comes with the later sentences (lazyPage, not lazy)', () => {
    const bare = files.filter((f) => /\blazy\(/.test(text.get(f)!) && !f.endsWith('lazy-page.ts')).map(rel);
    expect(bare).toEqual([]);
  });
});
