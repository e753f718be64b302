/**
 * The service worker, built from Workbox's modules by vite-plugin-pwa (vite.config.ts), which also
 * fills in the list of files to precache. It makes the app open with no network after one visit:
 *
 * - Every built script, style, icon and the page shell are precached, each new version replacing
 *   the last as soon as it is installed (no "close every tab" step, nothing to clear by hand).
 * - A page is always asked of the server first. Only when the network fails, or does not answer
 *   within a few seconds, does the precached shell stand in. So an online device runs the
 *   server's version, except after a page answer slower than that: then the installed shell runs,
 *   and the new version arrives with the next page load (a shell speaking another protocol hears
 *   "outdated" from the server and says so at once).
 * - Nothing else is cached: no API answer, no socket traffic. The page keeps its own last view
 *   (stores/offline-copy.ts).
 */
import { clientsClaim } from 'workbox-core';
import { enable as enableNavigationPreload } from 'workbox-navigation-preload';
import {
  cleanupOutdatedCaches,
  precacheAndRoute,
  PrecacheFallbackPlugin,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';

/** The little of ServiceWorkerGlobalScope used here (the DOM typings the client compiles with lack it). */
interface WorkerScope {
  /** Replaced at build time by the precache list. */
  __WB_MANIFEST: (string | PrecacheEntry)[];
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install', listener: () => void): void;
}
declare const self: WorkerScope;

/** Venue Wi-Fi that is joined but leads nowhere hangs rather than fails: stop waiting after this. */
const PAGE_TIMEOUT_SECONDS = 4;

/**
 * Pages the server answers itself: sign-in and board links, the API, the socket, the health check,
 * the printable report and badge sheet. Offline, these get the browser's own "no connection" page
 * rather than an app shell pretending to be them.
 */
const SERVER_PAGES = /^\/(t\/|api\/|socket\.io\/|healthz|organizer\/report|organizer\/badges\/)/;

self.addEventListener('install', () => void self.skipWaiting());
clientsClaim();
cleanupOutdatedCaches();

// No directory index and no clean URLs: "/" must reach the page route below, not the precached shell.
precacheAndRoute(self.__WB_MANIFEST, { directoryIndex: '', cleanURLs: false });

// The page request starts while the worker wakes up, so the network-first page costs no wait for it.
enableNavigationPreload();
registerRoute(
  new NavigationRoute(
    new NetworkOnly({
      networkTimeoutSeconds: PAGE_TIMEOUT_SECONDS,
      plugins: [new PrecacheFallbackPlugin({ fallbackURL: '/index.html' })],
    }),
    { denylist: [SERVER_PAGES] },
  ),
);
