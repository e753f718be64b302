import { create } from 'zustand';

/**
 * online: connected and synced. connecting: first contact. reconnecting: lost, retrying.
 * offline: the device itself says it has no network. unauthenticated: no valid session or link.
 * outdated: the server speaks another protocol version; a reload fixes it.
 */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'unauthenticated' | 'outdated';

interface ConnectionState {
  status: ConnectionStatus;
  /** Server clock minus this device's clock, ms, measured at the last sync. */
  offsetMs: number;
  /**
   * When the server was last heard from (its ping, a fact, a sync), in the server's time: what is on
   * screen was current then. A phone locked at 14:02 and woken at 15:40 without a network still says
   * 14:02, where "when the loss was noticed" would say 15:40.
   */
  heardAt: number | null;
}

export const useConnection = create<ConnectionState>(() => ({ status: 'connecting', offsetMs: 0, heardAt: null }));

/** The server's idea of now, for countdowns that agree across screens. */
export function serverNow(): number {
  return Date.now() + useConnection.getState().offsetMs;
}
