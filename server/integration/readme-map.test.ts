/**
 * The README stays true to the tree (house style, rule 10). Its folder map names every folder that
 * holds a file and nothing that is gone, so a new folder cannot go unexplained; the file list in
 * docs/file-map.md names only files that exist; every relative link of the README and the docs
 * opens something; every `npm run X` the README tells people to type is a script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** Names .gitignore leaves out (plain names and folders; wildcard patterns name files, not folders). */
function ignoredNames(): Set<string> {
  const names = new Set(['node_modules', '.git']);
  for (const line of read('.gitignore').split('\n')) {
    const pattern = line.trim();
    if (!pattern || pattern.startsWith('#') || pattern.startsWith('!') || pattern.includes('*')) continue;
    names.add(pattern.replace(/^\/|\/$/g, ''));
  }
  return names;
}

/** Every folder below the root that directly holds a file, as `a/b/`; hidden and ignored ones are skipped. */
function foldersHoldingFiles(): string[] {
  const ignored = ignoredNames();
  const found: string[] = [];
  const walk = (rel: string) => {
    const entries = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    if (rel && entries.some((e) => e.isFile())) found.push(`${rel}/`);
    for (const entry of entries) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !entry.name.startsWith('.') && !ignored.has(entry.name) && !ignored.has(child))
        walk(child);
    }
  };
  walk('');
  return found.sort();
}

/** The README's folder map: `- \`folder/\` — what it holds` items under "### Folder map". */
function folderMap(): Map<string, string> {
  const readme = read('README.md');
  const start = readme.indexOf('\n### Folder map\n');
  expect(start, 'the README has a "### Folder map" section').toBeGreaterThan(-1);
  const body = readme.slice(start + '\n### Folder map\n'.length);
  const end = body.search(/^#{1,3} /m);
  const section = end === -1 ? body : body.slice(0, end);
  const map = new Map<string, string>();
  for (const match of section.matchAll(/^- `([^`]+)` — (.*)$/gm)) {
    expect(map.has(match[1]!), `${match[1]} is mapped once`).toBe(false);
    map.set(match[1]!, match[2]!.trim());
  }
  return map;
}

/** Relative link targets in a markdown file ([text](target) and images), without #fragments. */
function relativeLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.replace(/#.*$/, ''));
}

describe('the README', () => {
  it('maps every folder that holds a file, and only folders that exist', () => {
    const map = folderMap();
    const unmapped = foldersHoldingFiles().filter((folder) => !map.has(folder));
    expect(unmapped, 'folders missing from the README folder map').toEqual([]);
    const gone = [...map.keys()].filter((folder) => {
      const full = path.join(root, folder);
      return !folder.endsWith('/') || !fs.existsSync(full) || !fs.statSync(full).isDirectory();
    });
    expect(gone, 'mapped folders that are not folders of the tree').toEqual([]);
    const undescribed = [...map].filter(([, what]) => what.length < 10).map(([folder]) => folder);
    expect(undescribed, 'mapped folders without a description').toEqual([]);
  });

  it('names in docs/file-map.md only files that exist', () => {
    const named = [...read('docs/file-map.md').matchAll(/^- (.*?) — /gm)].flatMap((m) =>
      [...m[1]!.matchAll(/`([^`]+)`/g)].map((p) => p[1]!),
    );
    expect(named.length).toBeGreaterThan(50);
    const missing = named.filter((file) => !fs.existsSync(path.join(root, file)));
    expect(missing, 'files named in docs/file-map.md that do not exist').toEqual([]);
  });

  it('links only to files that exist, from the README, the bench history and the docs', () => {
    const pages = ['README.md', 'bench/README.md', ...fs.readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)]
      .filter((page) => page.endsWith('.md'))
      .filter((page) => fs.existsSync(path.join(root, page)));
    const broken = pages.flatMap((page) =>
      relativeLinks(read(page))
        .filter((target) => !fs.existsSync(path.join(root, path.dirname(page), decodeURI(target))))
        .map((target) => `${page} → ${target}`),
    );
    expect(broken, 'relative links to nothing').toEqual([]);
  });

  it('tells people to run only scripts that package.json has, and names every one', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const readme = read('README.md');
    const named = [...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(named).toContain('setup:e2e');
    expect(
      named.filter((name) => !scripts.includes(name)),
      'npm run X in the README without a script',
    ).toEqual([]);
    expect(
      scripts.filter((name) => !readme.includes(`\`${name}\``)),
      'scripts the README does not name',
    ).toEqual([]);
  });

  it('opens with the two commands: run the app with a demo event, pass every gate and test', () => {
    const [, firstBlock] = /^# .*\n\n```sh\n([\s\S]*?)```/.exec(read('README.md')) ?? [];
    expect(
      firstBlock
        ?.split('\n')
        .filter(Boolean)
        .map((line) => line.split('#')[0]!.trim()),
    ).toEqual(['npm install && npm start', 'npm install && npm run setup:e2e && npm test']);
  });

  it('gives the test command CI runs: .ci/run installs, sets up the e2e tools, then runs it', () => {
    const commands = read('.ci/run')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(commands.slice(-3)).toEqual(['npm ci --no-audit --no-fund', 'npm run setup:e2e', 'npm test']);
  });
});
