/**
 * `/print.js`, the print button of the printable pages (the KPI report, the badge sheet). The app's
 * CSP (helmet: `script-src 'self'`, `script-src-attr 'none'`) blocks inline handlers such as
 * `onclick="window.print()"`, so the pages load this same-origin file instead. It wires every
 * `[data-print]` button to `window.print()`, and the badge sheet's 「印刷しました」 button.
 */
import { Router } from 'express';

export const PRINT_SCRIPT_PATH = '/print.js';

/** The tag a printable page puts in its head; `defer` runs it once the buttons are parsed. */
export const PRINT_SCRIPT_TAG = `<script src="${PRINT_SCRIPT_PATH}" defer></script>`;

/**
 * The badge sheet's 「印刷しました」: sends the sheet's badges (each article's person and badge
 * version) to POST /api/badges/printed and shows the answer with the sentences the page carries.
 */
const MARK_PRINTED = `const mark = document.querySelector('[data-mark-printed]');
const shown = (selector, text) => {
  const element = document.querySelector(selector);
  if (text !== undefined) element.querySelector('span').textContent = text;
  element.hidden = false;
};
mark?.addEventListener('click', async () => {
  mark.disabled = true;
  document.querySelector('[data-mark-failed]').hidden = true;
  const badges = [...document.querySelectorAll('article.badge[data-person]')].map((badge) => ({
    personId: badge.dataset.person,
    version: badge.dataset.version,
  }));
  try {
    const res = await fetch('/api/badges/printed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ badges }),
    });
    const answer = await res.json();
    if (!answer.ok) throw new Error(answer.error?.reason);
    mark.hidden = true;
    shown('[data-marked]', String(answer.data.marked.length));
    if (answer.data.stale.length > 0) shown('[data-marked-stale]', String(answer.data.stale.length));
  } catch {
    mark.disabled = false;
    shown('[data-mark-failed]');
  }
});
`;

const SCRIPT = `for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}
${MARK_PRINTED}`;

export function createPrintScriptRoutes(): Router {
  const router = Router();
  router.get(PRINT_SCRIPT_PATH, (_req, res) => {
    // The same for everyone and small: cached for an hour like the built assets, revalidated by ETag.
    res.set('Cache-Control', 'public, max-age=3600').type('application/javascript').send(SCRIPT);
  });
  return router;
}
