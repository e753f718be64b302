// The phone budget: the JavaScript an attendee's phone loads first (the entry script and every
// chunk index.html preloads) must stay under 120 KB gzipped. The scanner, the organizer console
// and the board are separate chunks and do not count. Prints the sizes; fails the build past it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET = 120 * 1024;
const dir = 'dist/client';
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let total = 0;
for (const file of initial) {
  const size = gz(file);
  total += size;
  console.log(`initial  ${kb(size).padStart(9)}  ${file}`);
}
for (const file of fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'))) {
  if (!initial.includes(`assets/${file}`))
    console.log(`lazy     ${kb(gz(`assets/${file}`)).padStart(9)}  assets/${file}`);
}
console.log(`Attendee page initial JavaScript: ${kb(total)} gzipped (budget ${kb(BUDGET)}).`);
if (initial.length === 0) {
  console.error('No script found in dist/client/index.html: the budget check cannot run.');
  process.exit(1);
}
if (total > BUDGET) {
  console.error(`Over the phone budget by ${kb(total - BUDGET)}: split or trim the attendee page's code.`);
  process.exit(1);
}
