// The phone budget: the JavaScript an attendee's phone loads first (the entry script and every
// chunk index.html preloads) must stay under 120 KB gzipped. The scanner, the organizer console
// and the board are separate chunks and do not count. Prints the sizes; fails the build past it.
// The service worker (sw.js) and what it precaches are not counted against the budget: it is
// installed after the page has loaded. Their sizes are printed beside it.
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
reportServiceWorker();
if (total > BUDGET) {
  console.error(`Over the phone budget by ${kb(total - BUDGET)}: split or trim the attendee page's code.`);
  process.exit(1);
}

/** The worker's own size, and what it downloads in the background once per version (every page's code). */
function reportServiceWorker() {
  if (!fs.existsSync(path.join(dir, 'sw.js'))) {
    console.error('No service worker in dist/client (vite-plugin-pwa): the app would not open offline.');
    process.exit(1);
  }
  const source = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
  const precached = [...new Set([...source.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]))];
  const bytes = precached.reduce((sum, file) => sum + gz(file), 0);
  console.log(
    `Service worker: ${kb(gz('sw.js'))} gzipped; it precaches ${precached.length} files, ${kb(bytes)} gzipped.`,
  );
}
