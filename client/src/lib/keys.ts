/**
 * Idempotency keys for commands that may be sent twice (queued offline, retried). Uses
 * getRandomValues, which works on plain-HTTP LAN addresses where crypto.randomUUID does not.
 */
export function newKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
