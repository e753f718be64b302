/**
 * The connection check's own socket, apart from the app's (lib/socket.ts): it opens the /check
 * namespace with no sign-in and socket.io's default transports, pings once, and reports which
 * transport carried the ping (websocket after the upgrade, or still long polling after a few
 * seconds, as behind a proxy that drops upgrades). It closes as soon as it knows.
 */
import { io, type Socket } from 'socket.io-client';
import { CHECK_NAMESPACE } from '../../../shared/constants';
import type { CheckClientToServerEvents, CheckServerToClientEvents } from '../../../shared/protocol';

type CheckSocket = Socket<CheckServerToClientEvents, CheckClientToServerEvents>;

export type RealtimeProbe =
  { ok: true; transport: 'websocket' | 'polling'; rttMs: number } | { ok: false; stage: 'connect' | 'ping' };

const CONNECT_TIMEOUT_MS = 8000;
/** socket.io upgrades within a second on an open network; still polling after this, it stays so. */
const UPGRADE_WAIT_MS = 3000;
const PING_TIMEOUT_MS = 5000;

export function probeRealtime(signal: AbortSignal): Promise<RealtimeProbe> {
  return new Promise((resolve) => {
    // forceNew: a socket of its own, whatever else this page has open.
    const socket: CheckSocket = io(CHECK_NAMESPACE, {
      forceNew: true,
      reconnection: false,
      timeout: CONNECT_TIMEOUT_MS,
    });
    let upgradeWait: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (result: RealtimeProbe) => {
      if (done) return;
      done = true;
      clearTimeout(upgradeWait);
      socket.disconnect();
      resolve(result);
    };
    signal.addEventListener('abort', () => finish({ ok: false, stage: 'connect' }), { once: true });

    const ping = async () => {
      const transport = socket.io.engine.transport.name === 'websocket' ? 'websocket' : 'polling';
      const started = performance.now();
      try {
        const answer = await socket.timeout(PING_TIMEOUT_MS).emitWithAck('check:ping', { clientSentAt: Date.now() });
        finish(answer.ok ? { ok: true, transport, rttMs: performance.now() - started } : { ok: false, stage: 'ping' });
      } catch {
        finish({ ok: false, stage: 'ping' });
      }
    };

    socket.once('connect_error', () => finish({ ok: false, stage: 'connect' }));
    socket.once('connect', () => {
      const engine = socket.io.engine;
      if (engine.transport.name === 'websocket') {
        void ping();
        return;
      }
      engine.once('upgrade', () => {
        clearTimeout(upgradeWait);
        void ping();
      });
      upgradeWait = setTimeout(() => void ping(), UPGRADE_WAIT_MS);
    });
  });
}
