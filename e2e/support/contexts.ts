import type { Browser, Page } from '@playwright/test';
import { test } from './fixtures';

/**
 * Browser contexts a test opens by hand stay open until the worker ends, with their sockets and
 * timers running. Closed after each passing test, so a finished test's phones do not slow the next
 * one's timing; after a failure they stay for the screenshots and the trace.
 */
export function closeContextsAfterEach(): void {
  test.afterEach(async ({ browser }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) return;
    await Promise.all(browser.contexts().map((c) => c.close()));
  });
}

/** A new browser context (a phone, a laptop, the big screen) with one page open at a link. */
export async function openPage(
  browser: Browser,
  url: string,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto(url);
  return page;
}
