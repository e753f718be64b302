/**
 * The last view this device received, kept so a page opened with no connection (the service worker
 * serves the app itself) shows the last known program, directory, agenda and counts instead of an
 * empty screen, marked with the time it was last current.
 *
 * One copy per device, of the person signed in here (keyed by event and person): it is what the
 * page already held in memory, nothing more, and it is dropped when the session ends (sign-out, a
 * reissued badge) or another badge signs in. Only the app's own snapshot is kept; the service worker
 * caches no API or socket answer.
 */
import { create } from 'zustand';
import { PROTOCOL_VERSION } from '../../../shared/constants';
import { EMPTY_REPLICA, type Replica } from '../../../shared/replica';
import { serverNow, useConnection } from './connection-store';
import { useEventStore } from './event-store';

export const OFFLINE_COPY_KEY = 'pm_last_view';
/** Writes are gathered: at the door, check-ins change the view several times a second. */
const SAVE_DELAY_MS = 1000;
/**
 * A copy older than this is dropped, not shown: a door tablet or a phone handed back after the event
 * does not keep showing (or keep) the event's people for weeks. A day covers any event day.
 */
export const MAX_AGE_MS = 24 * 3600_000;

interface StoredView {
  /** A copy written by an app that spoke another protocol may not fit this one's screens. */
  protocol: number;
  /** `eventId:personId`: whose view this is. */
  owner: string;
  savedAt: number;
  replica: Replica;
}

interface OfflineCopyState {
  /**
   * While not live: when the view on screen was last known to be current (the moment the connection
   * was lost, or when the stored copy was saved). Null while live, or with nothing on screen.
   */
  updatedAt: number | null;
}

export const useOfflineCopy = create<OfflineCopyState>(() => ({ updatedAt: null }));

function ownerOf(replica: Replica): string | null {
  if (replica.viewer?.kind !== 'person' || !replica.event) return null;
  return `${replica.event.id}:${replica.viewer.personId}`;
}

/** The replica's fields of a store state, without the store's own flags. */
function replicaIn(state: Replica): Replica {
  const keys = Object.keys(EMPTY_REPLICA) as (keyof Replica)[];
  return Object.fromEntries(keys.map((key) => [key, state[key]])) as unknown as Replica;
}

/** Keeps a signed-in person's view; a board's (or anything without a person) is not kept. */
export function saveView(storage: Storage | null, state: Replica, savedAt: number): void {
  const replica = replicaIn(state);
  const owner = ownerOf(replica);
  if (!owner) return;
  const view: StoredView = { protocol: PROTOCOL_VERSION, owner, savedAt, replica };
  try {
    storage?.setItem(OFFLINE_COPY_KEY, JSON.stringify(view));
  } catch {
    // Storage full or blocked: no offline copy, and not a stale one either.
    clearView(storage);
  }
}

function isStoredView(value: unknown): value is StoredView {
  const v = value as Partial<StoredView> | null;
  return (
    v?.protocol === PROTOCOL_VERSION &&
    typeof v.owner === 'string' &&
    typeof v.savedAt === 'number' &&
    typeof v.replica === 'object' &&
    v.replica !== null &&
    ownerOf(v.replica) === v.owner
  );
}

/** The stored view, if there is one this app can show; one past its age is dropped. */
export function loadView(storage: Storage | null, now: number = serverNow()): StoredView | null {
  let parsed: unknown;
  try {
    const raw = storage?.getItem(OFFLINE_COPY_KEY);
    parsed = raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
  if (!isStoredView(parsed)) return null;
  if (now - parsed.savedAt > MAX_AGE_MS) {
    clearView(storage);
    return null;
  }
  return parsed;
}

export function clearView(storage: Storage | null): void {
  try {
    storage?.removeItem(OFFLINE_COPY_KEY);
  } catch {
    // blocked storage holds nothing to clear
  }
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/**
 * Whether this page was reached through a redirect: a badge link (/t/TOKEN) signs in and redirects
 * to the app, possibly as someone else than the stored copy's owner, whose view must not show.
 */
function arrivedBySignIn(): boolean {
  if (typeof performance === 'undefined' || typeof performance.getEntriesByType !== 'function') return false;
  const [navigation] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return (navigation?.redirectCount ?? 0) > 0;
}

/** The big screen's page: it shows the board's own view or nothing, never a person's copy. */
function isBoardPage(): boolean {
  return typeof location !== 'undefined' && location.pathname.startsWith('/board/');
}

/** Shows the stored view when the page has nothing of its own (it opened with no connection). */
function restore(storage: Storage | null): void {
  const view = loadView(storage);
  if (!view) return;
  useEventStore.setState({ loaded: true, ...view.replica });
  useOfflineCopy.setState({ updatedAt: view.savedAt });
}

/** What ends the running copy's session (set while one runs). */
let forgetRunning: (() => void) | null = null;

/**
 * Signing out: the view goes now, not only when the next page hears the session has ended, and no
 * write still waiting (or the page's last one as it closes) brings it back.
 */
export function forgetOfflineCopy(): void {
  if (forgetRunning) forgetRunning();
  else clearView(defaultStorage());
}

/**
 * Keeps the copy in step with the store while live, shows it when the socket cannot connect, and
 * drops it when the session ends. Call once, before the socket starts. Returns a stop, for tests.
 */
export function startOfflineCopy({
  storage = defaultStorage(),
  signedInJustNow = arrivedBySignIn(),
  board = isBoardPage(),
  page = typeof window === 'undefined' ? null : window,
}: {
  storage?: Storage | null;
  /** The page was reached through a badge link's redirect (see `arrivedBySignIn`). */
  signedInJustNow?: boolean;
  board?: boolean;
  /** Where `pagehide` and other tabs' `storage` events arrive: the window. */
  page?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
} = {}): () => void {
  if (signedInJustNow) clearView(storage);
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The session ended: nothing more is kept from this page. */
  let ended = false;

  const saveNow = (at: number) => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = useEventStore.getState();
    if (state.loaded && !ended) saveView(storage, state, at);
  };
  /** What is on screen was current when the server was last heard from (in the server's time). */
  const lastCurrent = () => useConnection.getState().heardAt ?? serverNow();
  const forget = () => {
    ended = true;
    if (timer) clearTimeout(timer);
    timer = null;
    clearView(storage);
    useOfflineCopy.setState({ updatedAt: null });
  };
  forgetRunning = forget;
  const saveSoon = () => {
    timer ??= setTimeout(() => saveNow(lastCurrent()), SAVE_DELAY_MS);
  };

  const stopEvents = useEventStore.subscribe((state) => {
    if (state.loaded && useConnection.getState().status === 'online') saveSoon();
  });
  const stopConnection = useConnection.subscribe(({ status }, previous) => {
    if (status === previous.status) return;
    if (status === 'online') {
      useOfflineCopy.setState({ updatedAt: null });
      saveSoon();
    } else if (status === 'unauthenticated') {
      forget();
    } else if (previous.status === 'online') {
      // Just lost the connection: what is on screen was current when the server was last heard,
      // which for a phone woken from sleep is long before the loss was noticed.
      const at = lastCurrent();
      if (useEventStore.getState().loaded) useOfflineCopy.setState({ updatedAt: at });
      saveNow(at);
    } else if (!board && !useEventStore.getState().loaded && (status === 'offline' || status === 'reconnecting')) {
      restore(storage);
    }
  });
  // A tab closed within the gathering delay still leaves its last view.
  const flush = () => {
    if (timer) saveNow(lastCurrent());
  };
  // Another tab on this device signed out, or signed in as someone else: this tab keeps nothing more,
  // or its next write would bring back the view the other tab just dropped.
  const mine = () => ownerOf(replicaIn(useEventStore.getState()));
  const onStorage = (event: Event) => {
    const { key } = event as StorageEvent;
    if (key !== OFFLINE_COPY_KEY && key !== null) return;
    const stored = loadView(storage);
    if (!stored || stored.owner !== mine()) ended = true;
  };
  page?.addEventListener('pagehide', flush);
  page?.addEventListener('storage', onStorage);

  return () => {
    if (forgetRunning === forget) forgetRunning = null;
    if (timer) clearTimeout(timer);
    stopEvents();
    stopConnection();
    page?.removeEventListener('pagehide', flush);
    page?.removeEventListener('storage', onStorage);
  };
}
