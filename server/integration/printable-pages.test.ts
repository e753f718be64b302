import { beforeEach, describe, expect, it } from 'vitest';
import { startWithOrganizer, type Harness } from '../testing/harness.js';

let h: Harness;
let cookie: string;
// The cleanup a beforeEach returns runs after each test.
beforeEach(async () => {
  ({ h, cookie } = await startWithOrganizer());
  return () => h.stop();
});

async function get(path: string): Promise<Response> {
  return fetch(`${h.baseUrl}${path}`, { headers: { cookie } });
}

describe('the printable pages under the app’s CSP', () => {
  const pages = [
    '/organizer/report',
    '/organizer/report?lang=en',
    '/organizer/report?scope=series',
    '/organizer/badges/print',
  ];

  it.each(pages)('%s has no inline script: its print button is wired by /print.js', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    // The policy the browser enforces on this page: inline handlers and inline scripts do not run.
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    const html = await res.text();
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html.match(/<script\b[^>]*>/gi)).toEqual(['<script src="/print.js" defer>']);
    expect(html).toMatch(/<button [^>]*type="button"[^>]* data-print>/);
  });

  it('/print.js is a cacheable same-origin script that calls window.print()', async () => {
    const res = await fetch(`${h.baseUrl}/print.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    const script = await res.text();
    expect(script).toContain("querySelectorAll('[data-print]')");
    expect(script).toContain('window.print()');
  });
});
