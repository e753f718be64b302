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
}

export const useConnection = create<ConnectionState>(() => ({ status: 'connecting', offsetMs: 0 }));

/** The server's idea of now, for countdowns that agree across screens. */
export function serverNow(): number {
  return Date.now() + useConnection.getState().offsetMs;
}
