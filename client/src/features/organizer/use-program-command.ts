import { useState } from 'react';
import type { ClientToServerEvents } from '../../../../shared/protocol';
import { intentKeys } from '../../lib/keys';
import { describeError } from '../../lib/refusal';
import { send } from '../../lib/socket';
import { useT } from '../../stores/language-store';

type ProgramEvent = Extract<keyof ClientToServerEvents, `program:${string}`>;

// For the whole page, not per render: a command tapped again after a timeout keeps its key.
const keys = intentKeys();

/** Sends program commands one at a time and keeps the last refusal to show. */
export function useProgramCommand() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run<E extends ProgramEvent>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<boolean> {
    setBusy(true);
    // Tapped again after no answer, the same command carries the same key: the server answers it
    // instead of adding a second session or extending twice.
    const intent = `${event} ${JSON.stringify(payload)}`;
    const answer = await send(event, { ...payload, key: keys.keyFor(intent) });
    keys.settle(intent, answer);
    setBusy(false);
    setError(answer.ok ? null : t('organizer.failed', { message: describeError(t, answer.error) }));
    return answer.ok;
  }

  return { run, busy, error };
}

export type ProgramCommand = ReturnType<typeof useProgramCommand>;
