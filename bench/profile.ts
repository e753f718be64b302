/** Reads the server's V8 CPU profile (--cpu-prof) and prints where its time went, by self time. */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  /** Microseconds on the monotonic clock that process.hrtime reads. */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A stretch of the run (one scenario), in microseconds of the monotonic clock. */
export interface ProfileWindow {
  name: string;
  fromUs: number;
  toUs: number;
}

/** The whole run, then each window: top functions by self time, and our server's functions by total time. */
export function printProfile(dir: string, windows: readonly ProfileWindow[] = [], top = 25): void {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : [];
  if (!files.length) {
    console.log(`\nno CPU profile in ${dir}`);
    return;
  }
  const file = path.join(dir, files[0]!);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const keyOf = (id: number) => {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|dist)\//, '$1/')}:${frame.lineNumber + 1}` : '';
    return `${frame.functionName || '(anonymous)'} ${where}`.trim();
  };

  // Sample i covers the time since sample i - 1; its time stamp decides which window it falls in.
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) stamps.push((t += d));

  const report = (title: string, inWindow: (us: number) => boolean) => {
    const selfUs = new Map<number, number>();
    profile.samples.forEach((id, i) => {
      if (inWindow(stamps[i]!)) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
    });
    const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
    if (total === 0) {
      console.log(`\n${title}: no samples`);
      return;
    }
    const bySelf = new Map<string, number>();
    // Total time: a function's own samples and those of everything it called (counted once per stack).
    const byTotal = new Map<string, number>();
    for (const [id, us] of selfUs) {
      const key = keyOf(id);
      bySelf.set(key, (bySelf.get(key) ?? 0) + us);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const k = keyOf(at);
        if (seen.has(k)) continue;
        seen.add(k);
        byTotal.set(k, (byTotal.get(k) ?? 0) + us);
      }
    }
    const idle = [...bySelf].filter(([k]) => k.startsWith('(idle)')).reduce((a, [, v]) => a + v, 0);
    const busy = total - idle;
    const line = (us: number, key: string) =>
      `  ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`;
    console.log(
      `\n${title}: ${(total / 1e6).toFixed(1)} s sampled, ${((idle / total) * 100).toFixed(0)}% idle; top self time:`,
    );
    for (const [key, us] of [...bySelf]
      .filter(([k]) => !k.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)) {
      console.log(line(us, key));
    }
    console.log('  our server code by total time (with what it calls):');
    for (const [key, us] of [...byTotal]
      .filter(([k]) => k.includes('dist/server/'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)) {
      console.log(line(us, key));
    }
  };

  report(`Server CPU profile ${path.relative(process.cwd(), file)}`, () => true);
  for (const w of windows) report(`During ${w.name}`, (us) => us >= w.fromUs && us <= w.toUs);
}
