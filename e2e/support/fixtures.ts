/**
 * The suite's `test` and `expect`. Every browser context a spec opens (the `page` fixture,
 * `browser.newContext()`, `openPage()`, a browser the spec launches itself through `guardBrowser`)
 * reports Content-Security-Policy violations, and a test during which any page saw one fails,
 * naming what was blocked where. A blocked script or style is a feature that silently does nothing.
 */
import { test as base, chromium, expect, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './browser';

export { expect };

export interface CspViolation {
  page: string;
  directive: string;
  /** `inline`, `eval`, or the address that was refused. */
  blocked: string;
  source: string;
}

const BINDING = '__pitchCspViolation';
/** Violations seen in this worker and not yet claimed: a test's fixture claims them when it ends. */
let pending: CspViolation[] = [];
const guarded = new WeakSet<Browser>();

async function guardContext(context: BrowserContext): Promise<void> {
  await context.exposeBinding(BINDING, (_source, violation: CspViolation) => {
    pending.push(violation);
  });
  await context.addInitScript((binding) => {
    // Captured on the window: violations fire at the element at fault and bubble up from there.
    addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as Record<string, (v: CspViolation) => void>)[binding];
        report?.({
          page: e.documentURI,
          directive: e.effectiveDirective,
          blocked: e.blockedURI,
          source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '',
        });
      },
      true,
    );
  }, BINDING);
}

/**
 * Every context this browser opens from now on reports CSP violations before the caller can open a
 * page in it. Playwright has no hook that runs before `newContext` returns (the `context` event's
 * listener races the first page), so the method itself is wrapped; `newPage()` goes through it too.
 */
export function guardBrowser(browser: Browser): Browser {
  if (guarded.has(browser)) return browser;
  guarded.add(browser);
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await guardContext(context);
    return context;
  };
  return browser;
}

/**
 * A Chromium of the spec's own, for what the shared one cannot be given (a camera playing a file, a
 * venue's name resolved here): launched with EXTRA_ARGS, its pages under the CSP guard.
 */
export async function launchGuardedChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return guardBrowser(
    await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, ...extraArgs] }),
  );
}

/** The violations seen so far and not yet claimed (for a test about the guard itself). */
export function pendingCspViolations(): readonly CspViolation[] {
  return [...pending];
}

/** Claims the violations seen so far: they no longer fail the test. Only for a test about the guard. */
export function takeCspViolations(): CspViolation[] {
  const taken = pending;
  pending = [];
  return taken;
}

export function describeViolations(violations: readonly CspViolation[]): string {
  return violations
    .map((v) => `  ${v.directive} blocked ${v.blocked} on ${v.page}${v.source ? ` (${v.source})` : ''}`)
    .join('\n');
}

export const test = base.extend<{ cspGuard: void }>({
  browser: [async ({ browser }, use) => use(guardBrowser(browser)), { scope: 'worker' }],
  cspGuard: [
    // Playwright reads what a fixture needs from its first parameter's pattern; this one needs nothing.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use();
      // Not cleared before the test: a violation that reached the worker late fails the next test
      // rather than none.
      const seen = takeCspViolations();
      if (seen.length > 0) {
        throw new Error(`The page's Content-Security-Policy blocked something:\n${describeViolations(seen)}`);
      }
    },
    { auto: true },
  ],
});
