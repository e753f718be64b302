import { test } from '@playwright/test';

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
