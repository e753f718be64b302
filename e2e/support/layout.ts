import { expect, type Page, type TestInfo } from '@playwright/test';

/**
 * Checks what a person would see as broken layout: a page wider than the screen, an element that
 * sticks out of it, text cut off inside its box, or two elements drawn over each other.
 * `groups` are CSS selectors; elements matched by one selector must not overlap one another.
 */
export async function expectCleanLayout(page: Page, groups: string[]): Promise<void> {
  const problems = await page.evaluate((selectors) => {
    const found: string[] = [];
    const vw = window.innerWidth;
    if (document.documentElement.scrollWidth > vw) {
      found.push(`the page is ${document.documentElement.scrollWidth}px wide on a ${vw}px screen`);
    }
    const label = (el: Element) =>
      `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    for (const selector of selectors) {
      const elements = [...document.querySelectorAll(selector)].filter(
        (el) => (el as HTMLElement).offsetParent !== null,
      );
      if (elements.length === 0) found.push(`nothing matches ${selector}`);
      const rects = elements.map((el) => el.getBoundingClientRect());
      elements.forEach((el, i) => {
        const r = rects[i]!;
        // Inside a sideways-scrolling strip (the topic filter), being off-screen is the design.
        let scroller: Element | null = el.parentElement;
        while (scroller && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowX))
          scroller = scroller.parentElement;
        if (!scroller && (r.left < -1 || r.right > vw + 1))
          found.push(`${label(el)} sticks out of the screen (${Math.round(r.left)}–${Math.round(r.right)})`);
        const box = el as HTMLElement;
        if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== 'auto') {
          found.push(`${label(el)} is cut off (${box.scrollWidth}px of text in ${box.clientWidth}px)`);
        }
        for (let j = i + 1; j < elements.length; j++) {
          const o = rects[j]!;
          const w = Math.min(r.right, o.right) - Math.max(r.left, o.left);
          const h = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
          if (w > 1 && h > 1) found.push(`${label(el)} overlaps ${label(elements[j]!)}`);
        }
      });
    }
    return found;
  }, groups);
  expect(problems, 'layout problems').toEqual([]);
}

/** Attaches a screenshot to the report, so a reviewer can look at it. */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: false }), contentType: 'image/png' });
}
