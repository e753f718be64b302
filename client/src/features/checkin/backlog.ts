/**
 * What the station's backlog line says, pure: whether to show it, since when the station was last in
 * step with the server, and whether it has been cut off long enough to say so in large type.
 */
import type { ConnectionStatus } from '../../stores/connection-store';

/** Offline this long, the station says so in large type: its copy of who is in is getting old. */
export const LONG_OFFLINE_MS = 3 * 60_000;

export interface BacklogInput {
  pending: number;
  status: ConnectionStatus;
  /** When the server was last heard (server time), or null since this page opened. */
  heardAt: number | null;
  /** After a reload offline: when the copy on screen was current (server time). */
  copyAt: number | null;
  /** Now, in the server's time. */
  now: number;
}

export type BacklogView = { show: false } | { show: true; pending: number; syncedAt: number | null; long: boolean };

export function backlogView({ pending, status, heardAt, copyAt, now }: BacklogInput): BacklogView {
  const cut = status === 'offline' || status === 'reconnecting';
  // Nothing waits and the station is live, or only just starting up: nothing to say.
  if (pending === 0 && !cut) return { show: false };
  const syncedAt = status === 'online' ? now : (heardAt ?? copyAt);
  const long = cut && (syncedAt === null || now - syncedAt >= LONG_OFFLINE_MS);
  return { show: true, pending, syncedAt, long };
}
