/**
 * A few paths, no library: the app has a handful of screens and no nested routes. Links push
 * history; the back button works; every path is also served by the server (SPA fallback).
 */
import { useSyncExternalStore } from 'react';

/** Where a reception station (door staff link) lands, and the one page it has. */
export const DOOR_HOME = '/checkin';

/** 「自分の名札」: a firm's, partner's or venture's own badge QR on their phone. */
export const MY_BADGE = '/me/badge';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => location.pathname);
}
