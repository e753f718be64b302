/**
 * Registers the service worker that the build generates (vite-plugin-pwa / Workbox, vite.config.ts),
 * which lets the app open with no network after one visit. The worker itself does all the caching;
 * this only asks the browser to install it, once the page has loaded.
 */

/**
 * Browsers allow a service worker only in a secure context (https, or localhost). At a plain-HTTP
 * venue address there is none: the app works as it always has, it just cannot open offline.
 */
function canInstallOffline(): boolean {
  return window.isSecureContext && 'serviceWorker' in navigator;
}

export function registerServiceWorker(): void {
  // The development server builds no worker (and one left over from a build would serve stale files).
  if (import.meta.env.DEV || !canInstallOffline()) return;
  const register = () => {
    // updateViaCache 'none': the worker's own files are always checked with the server, so a new
    // version is found on the next load whatever the HTTP cache holds.
    navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch((error: unknown) => {
      // Still the app as before, only not offline; nothing the person can do about it.
      console.warn('service worker not registered', error);
    });
  };
  // After load: the worker's first download (every page's code) never competes with the first paint.
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
