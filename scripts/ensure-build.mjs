// `npm start` builds first when dist/ is missing or older than the sources, so a fresh clone runs
// with `npm install && npm start` and a stale build is never served.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const outputs = ['dist/server/index.js', 'dist/client/index.html'];
const sources = [
  'server',
  'client',
  'shared',
  'vite.config.ts',
  'tsconfig.json',
  'tsconfig.server.json',
  'package-lock.json',
];

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of fs.readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const built = Math.min(...outputs.map((p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0)));
if (built === 0 || sources.some((s) => newest(s) > built)) {
  console.log('Building the app (npm run build)…');
  execSync('npm run build', { stdio: 'inherit' });
}
