/**
 * Idempotency keys for commands that may be sent twice (queued offline, retried). Uses
 * getRandomValues, which works on plain-HTTP LAN addresses where crypto.randomUUID does not.
 */
import { ErrorCode } from '../../../shared/errors';

export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Keys for commands a person may send again after they got no answer (a timeout, a drop: the
 * server may or may not have done it). The same command with the same payload keeps its key until
 * it is answered, so the server answers the resend instead of doing it twice; once answered, the
 * same command again (another minute's extension) is a new action with a new key.
 */
export function intentKeys(): {
  keyFor(intent: string): string;
  settle(intent: string, answer: { ok: boolean; error?: { code: string } }): void;
} {
  const open = new Map<string, string>();
  return {
    keyFor(intent) {
      let key = open.get(intent);
      if (!key) open.set(intent, (key = newKey()));
      return key;
    },
    settle(intent, answer) {
      // INTERNAL is what a timeout or a lost connection answers: the outcome is unknown, keep the key.
      if (answer.ok || answer.error?.code !== ErrorCode.Internal) open.delete(intent);
    },
  };
}
