/**
 * `/print.js`, the print button of the printable pages (the KPI report, the badge sheet). The app's
 * CSP (helmet: `script-src 'self'`, `script-src-attr 'none'`) blocks inline handlers such as
 * `onclick="window.print()"`, so the pages load this same-origin file instead. It wires every
 * `[data-print]` button to `window.print()`.
 */
import { Router } from 'express';

export const PRINT_SCRIPT_PATH = '/print.js';

/** The tag a printable page puts in its head; `defer` runs it once the buttons are parsed. */
export const PRINT_SCRIPT_TAG = `<script src="${PRINT_SCRIPT_PATH}" defer></script>`;

const SCRIPT = `for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}
`;

export function createPrintScriptRoutes(): Router {
  const router = Router();
  router.get(PRINT_SCRIPT_PATH, (_req, res) => {
    // The same for everyone and small: cached for an hour like the built assets, revalidated by ETag.
    res.set('Cache-Control', 'public, max-age=3600').type('application/javascript').send(SCRIPT);
  });
  return router;
}
