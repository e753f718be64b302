import { useEffect } from 'react';
import type { Ack } from '../../../shared/errors';
import { getJson } from '../lib/http';

/**
 * A console page's data over HTTP: fetched when the page opens, each answer handed to `show` (a
 * stable callback), and fetched again by the returned function after a save.
 */
export function useJson<T>(path: string, show: (answer: Ack<T>) => void): () => Promise<void> {
  useEffect(() => {
    void getJson<T>(path).then(show);
  }, [path, show]);
  return async () => show(await getJson<T>(path));
}
