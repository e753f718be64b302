import { useState } from 'react';
import type { ClientToServerEvents } from '../../../../shared/protocol';
import { send } from '../../lib/socket';
import { useT } from '../../stores/language-store';

type ProgramEvent = Extract<keyof ClientToServerEvents, `program:${string}`>;

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
    const answer = await send(event, payload);
    setBusy(false);
    setError(answer.ok ? null : t('organizer.failed', { message: answer.error.message }));
    return answer.ok;
  }

  return { run, busy, error };
}

export type ProgramCommand = ReturnType<typeof useProgramCommand>;
