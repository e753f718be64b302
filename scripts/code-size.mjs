/**
 * `npm run size [-- ROOT]`: how big the code is, as evidence anyone can rerun (issue 17's closing
 * note). Prints the largest source files by lines, production and tests apart, the longest named
 * functions, read with the TypeScript compiler's parser, and the blocks repeated across files, for
 * server/, client/src/, shared/, bench/ and e2e/. ROOT defaults to this checkout; point it at
 * another worktree to measure an older commit with the same ruler.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const AREAS = ['server', 'client/src', 'shared', 'bench', 'e2e'];
const TOP = 15;
const SKIP_DIRS = new Set(['node_modules', 'dist']);
/** A repeated block is at least this many significant lines, the same in two files or more. */
const BLOCK = 5;

/** Test side: what vitest or Playwright runs, and all of e2e/ (its support is only for the specs). */
const isTest = (file) => /\.(test|spec)\.tsx?$/.test(file) || file.startsWith('e2e/');

/** Every .ts/.tsx file (declarations aside) under the areas, as paths relative to root, sorted. */
function sourceFiles(root) {
  const found = [];
  const walk = (rel) => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return;
    for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(child);
      else if (entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(child);
    }
  };
  for (const area of AREAS) walk(area);
  return found.sort();
}

/** Lines as `wc -l` would count them, plus one for a last line without a newline. */
function lineCount(text) {
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') || text === '' ? newlines : newlines + 1;
}

/** The name a reader would search for: `Class.method`, `name` of a const arrow, or null when anonymous. */
function nameOf(node) {
  const text = (name) => (name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : null);
  if (ts.isFunctionDeclaration(node)) return text(node.name);
  if (ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) {
    const owner = ts.isClassLike(node.parent) ? text(node.parent.name) : null;
    const own = text(node.name) ?? '[computed]';
    return owner ? `${owner}.${own}` : own;
  }
  if (ts.isConstructorDeclaration(node)) return `${text(node.parent.name) ?? 'class'}.constructor`;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))
      return text(parent.name);
    if (ts.isFunctionExpression(node)) return text(node.name);
  }
  return null;
}

/** The named functions of one file, each with its first line and its length in lines. */
function functionsOf(file, text) {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found = [];
  const visit = (node, outer) => {
    let inside = outer;
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const name = nameOf(node);
      if (name) {
        const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        const last = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
        // A nested function is named by its outer one, so the long closures of a register function show where they live.
        const qualified = outer ? `${outer} › ${name}` : name;
        found.push({ file, line: first, name: qualified, lines: last - first + 1 });
        inside = qualified;
      }
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(source, null);
  return found;
}

/**
 * The lines that carry code, whitespace collapsed, with their line numbers: blank lines, comments,
 * imports and lone brackets are left out, so formatting and import lists cannot make two files alike.
 */
function significantLines(text) {
  const kept = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim().replace(/\s+/g, ' ');
    if (!line || /^(\/\/|\/\*|\*|import |export \{|\} from )/.test(line) || /^[\][(){}<>;,/ ]*$/.test(line)) return;
    kept.push({ line: index + 1, text: line });
  });
  return kept;
}

/**
 * Runs of BLOCK or more significant lines that also appear, in the same order, in another file.
 * Each file's covered lines are merged into runs; a run is reported with one other file it repeats.
 */
function repeatedBlocks(files) {
  const windows = new Map();
  const lines = new Map(files.map((f) => [f.file, significantLines(f.text)]));
  for (const [file, kept] of lines)
    for (let i = 0; i + BLOCK <= kept.length; i++) {
      const key = kept
        .slice(i, i + BLOCK)
        .map((l) => l.text)
        .join('\n');
      const seen = windows.get(key) ?? [];
      seen.push({ file, index: i });
      windows.set(key, seen);
    }
  const covered = new Map();
  for (const seen of windows.values()) {
    if (new Set(seen.map((s) => s.file)).size < 2) continue;
    for (const { file, index } of seen) {
      const marks = covered.get(file) ?? new Map();
      for (let k = index; k < index + BLOCK; k++)
        if (!marks.has(k)) marks.set(k, seen.find((other) => other.file !== file).file);
      covered.set(file, marks);
    }
  }
  const runs = [];
  for (const [file, marks] of covered) {
    const kept = lines.get(file);
    const indexes = [...marks.keys()].sort((a, b) => a - b);
    let start = 0;
    for (let i = 1; i <= indexes.length; i++) {
      if (i < indexes.length && indexes[i] === indexes[i - 1] + 1) continue;
      const first = indexes[start];
      const last = indexes[i - 1];
      runs.push({
        file,
        line: kept[first].line,
        end: kept[last].line,
        lines: last - first + 1,
        other: marks.get(first),
      });
      start = i;
    }
  }
  return runs;
}

/** Largest first; equal sizes by path, so two runs on one tree print the same thing. */
const bySize = (a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);

function printFiles(title, files) {
  const total = files.reduce((sum, f) => sum + f.lines, 0);
  console.log(`\n## ${title}: ${files.length} files, ${total} lines; the ${TOP} largest`);
  for (const f of [...files].sort(bySize).slice(0, TOP)) console.log(`${String(f.lines).padStart(6)}  ${f.file}`);
}

function printFunctions(title, functions) {
  console.log(`\n## ${title}: ${functions.length} named functions; the ${TOP} longest`);
  for (const f of [...functions].sort(bySize).slice(0, TOP))
    console.log(`${String(f.lines).padStart(6)}  ${f.file}:${f.line}  ${f.name}`);
}

function printRepeats(runs) {
  const total = runs.reduce((sum, r) => sum + r.lines, 0);
  const files = new Set(runs.map((r) => r.file)).size;
  console.log(
    `\n## Repeated blocks: ${runs.length} runs of ${BLOCK}+ significant lines found in another file too, ` +
      `${total} significant lines in ${files} files; the ${TOP} longest`,
  );
  for (const r of [...runs].sort(bySize).slice(0, TOP))
    console.log(`${String(r.lines).padStart(6)}  ${r.file}:${r.line}-${r.end}  (also in ${r.other})`);
}

function main() {
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const root = path.resolve(process.argv[2] ?? here);
  const files = sourceFiles(root).map((file) => {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    return { file, text, lines: lineCount(text), functions: functionsOf(file, text) };
  });
  console.log(`# Code size of ${root}`);
  console.log(`Areas: ${AREAS.map((a) => `${a}/`).join(', ')}; .ts and .tsx; tests: *.test.*, *.spec.*, e2e/`);
  const production = files.filter((f) => !isTest(f.file));
  const tests = files.filter((f) => isTest(f.file));
  printFiles('Production files', production);
  printFiles('Test files', tests);
  printFunctions(
    'Production functions',
    production.flatMap((f) => f.functions),
  );
  printFunctions(
    'Test functions',
    tests.flatMap((f) => f.functions),
  );
  printRepeats(repeatedBlocks(files));
}

main();
