import { useCallback, useEffect, useRef, useState } from 'react';
import { getJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { useT } from '../../stores/language-store';

/** Refetch at most this often when facts arrive. */
const MIN_GAP_MS = 1_000;

/**
 * A console figure over HTTP, kept current: fetched again whenever `changed` changes (a fact that
 * means the answer moved; coalesced to once a second), and every `pollMs` otherwise.
 */
export function useLiveJson<T>(
  path: string,
  changed: unknown,
  pollMs: number,
): { data: T | null; error: string | null; loadedAt: number | null } {
  const t = useT();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<number | null>(null);
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    last.current = Date.now();
    const answer = await getJson<T>(path);
    if (answer.ok) {
      setData(answer.data);
      setError(null);
      setLoadedAt(Date.now());
    } else setError(describeError(t, answer.error));
  }, [path, t]);

  useEffect(() => {
    const wait = Math.max(0, last.current + MIN_GAP_MS - Date.now());
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), wait);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [load, changed]);

  useEffect(() => {
    const poll = setInterval(() => void load(), pollMs);
    return () => clearInterval(poll);
  }, [load, pollMs]);

  return { data, error, loadedAt };
}
