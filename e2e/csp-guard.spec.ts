import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './support/browser';
import { closeContextsAfterEach } from './support/contexts';
import { expect, guardBrowser, pendingCspViolations, takeCspViolations, test } from './support/fixtures';
import { e2eState } from './support/state';

closeContextsAfterEach();

/**
 * The guard of the suite (support/fixtures.ts) fails any test whose pages see a CSP violation. Here
 * it is shown to see one: a page on the app's origin, under the policy the app sends, with the inline
 * handler the KPI report once had. The test claims what the guard saw, so it passes only if the
 * guard saw it, in each way a spec opens a page.
 */
const PROBE_PATH = '/csp-guard-probe';
const PROBE = `<!doctype html><html lang="ja"><title>probe</title>
<button type="button" onclick="window.print()">印刷 / Print</button></html>`;

async function openProbe(page: Page, baseUrl: string, policy: string): Promise<void> {
  await page.route(`${baseUrl}${PROBE_PATH}`, (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': policy }, body: PROBE }),
  );
  await page.goto(`${baseUrl}${PROBE_PATH}`);
}

test('the CSP guard sees an inline handler blocked by the app’s policy, in every kind of page', async ({
  page,
  browser,
}) => {
  const { baseUrl } = e2eState();
  const policy = (await page.request.get(`${baseUrl}/`)).headers()['content-security-policy'];
  expect(policy).toContain("script-src-attr 'none'");

  const launched = guardBrowser(await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS }));
  try {
    const pages: [string, Page][] = [
      ['the page fixture', page],
      ['browser.newContext()', await (await browser.newContext()).newPage()],
      ['a browser the spec launched', await launched.newPage()],
    ];
    for (const [how, probe] of pages) {
      await openProbe(probe, baseUrl, policy!);
      await expect
        .poll(() => pendingCspViolations(), { message: `the guard sees the violation in ${how}` })
        .toContainEqual(
          expect.objectContaining({ directive: 'script-src-attr', blocked: 'inline', page: `${baseUrl}${PROBE_PATH}` }),
        );
      expect(takeCspViolations()).toHaveLength(1);
    }
  } finally {
    await launched.close();
  }
});
