/**
 * The console's HTTP calls: JSON in, the one ack shape out, and a network failure answered in the
 * same shape, so every caller shows `error.message` and nothing else.
 */
import type { Ack } from '../../../shared/errors';

const UNREACHABLE = {
  ok: false as const,
  error: { code: 'INTERNAL' as const, message: 'The server could not be reached.' },
};

async function answer<T>(res: Response): Promise<Ack<T>> {
  try {
    return (await res.json()) as Ack<T>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `The server answered ${res.status}.` } };
  }
}

export async function getJson<T>(path: string): Promise<Ack<T>> {
  try {
    return await answer<T>(await fetch(path, { headers: { accept: 'application/json' } }));
  } catch {
    return UNREACHABLE;
  }
}

export async function postJson<T>(path: string, body: unknown): Promise<Ack<T>> {
  try {
    return await answer<T>(
      await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  } catch {
    return UNREACHABLE;
  }
}
