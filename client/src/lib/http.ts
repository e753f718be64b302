/**
 * The console's HTTP calls: JSON in, the one ack shape out, and a network failure answered in the
 * same shape (a refusal with its reason), so every caller says `describeError(t, error)` and nothing else.
 */
import { refusalError, type Ack } from '../../../shared/errors';

const UNREACHABLE = { ok: false as const, error: refusalError('unreachable', 'The server could not be reached.') };

async function answer<T>(res: Response): Promise<Ack<T>> {
  try {
    return (await res.json()) as Ack<T>;
  } catch {
    // Not our JSON: a proxy's error page while the server is down or restarting.
    return { ok: false, error: refusalError('unreachable', `The server answered ${res.status}.`) };
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
