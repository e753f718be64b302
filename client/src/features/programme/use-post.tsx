/**
 * A programme form's save: one POST at a time, its answer said where the form is (what was saved, or
 * the refusal in the person's language), and the page's data fetched again after a save.
 */
import { useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import { postJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { useT } from '../../stores/language-store';

export interface PostState {
  busy: boolean;
  saved: string | null;
  error: string | null;
}

export function usePost(reload: () => Promise<void>) {
  const t = useT();
  const [state, setState] = useState<PostState>({ busy: false, saved: null, error: null });
  async function post<T>(path: string, body: unknown, saved: (data: T) => string): Promise<Ack<T>> {
    setState({ busy: true, saved: null, error: null });
    const answer = await postJson<T>(path, body);
    if (!answer.ok) {
      setState({ busy: false, saved: null, error: describeError(t, answer.error) });
      return answer;
    }
    await reload();
    setState({ busy: false, saved: saved(answer.data), error: null });
    return answer;
  }
  return { state, post };
}

/** What a form says after its save: a status, or an alert. */
export function PostResult({ state }: { state: PostState }) {
  if (state.error)
    return (
      <p className="error" role="alert">
        {state.error}
      </p>
    );
  if (state.saved) return <p role="status">{state.saved}</p>;
  return null;
}
