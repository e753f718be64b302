/**
 * Editing the program before and during the event. Pure: each rule takes the current program and
 * returns what to write, or a refusal. Ids come in as arguments.
 */
import type { OrgKind, PitchInfo, ProgramSessionInfo, ProgramView } from '../../shared/model.js';
import { accept, refuse, type Result } from './result.js';

export interface PitchDraft {
  id?: string | undefined;
  sessionId: string;
  ventureId: string;
  title: string;
  durationSec: number;
}

const isOn = (program: ProgramView, pitchId: string) =>
  program.live.pitchId === pitchId && (program.live.status === 'running' || program.live.status === 'paused');

const nextPosition = (items: { position: number }[]) => items.reduce((max, i) => Math.max(max, i.position + 1), 0);

export function decideSessionSave(
  program: ProgramView,
  input: { id?: string | undefined; title: string },
  newId: string,
): Result<ProgramSessionInfo> {
  if (!input.id) return accept({ id: newId, title: input.title, position: nextPosition(program.sessions) });
  const existing = program.sessions.find((s) => s.id === input.id);
  if (!existing) return refuse('session-unknown', 'That session is not in this event’s program.');
  return accept({ ...existing, title: input.title });
}

export function decideSessionDelete(program: ProgramView, id: string): Result<string> {
  if (!program.sessions.some((s) => s.id === id))
    return refuse('session-unknown', 'That session is not in this event’s program.');
  if (program.pitches.some((p) => p.sessionId === id)) {
    return refuse('session-has-pitches', 'The session still has pitches. Move or delete them first.');
  }
  return accept(id);
}

export function decidePitchSave(
  program: ProgramView,
  input: PitchDraft,
  venture: { kind: OrgKind } | undefined,
  newId: string,
): Result<PitchInfo> {
  if (!program.sessions.some((s) => s.id === input.sessionId)) {
    return refuse('session-unknown', 'That session is not in this event’s program.');
  }
  if (!venture || venture.kind !== 'venture')
    return refuse('venture-unknown', 'That venture is not part of this event.');
  const inSession = program.pitches.filter((p) => p.sessionId === input.sessionId);
  if (!input.id) {
    return accept({
      id: newId,
      sessionId: input.sessionId,
      ventureId: input.ventureId,
      title: input.title,
      durationSec: input.durationSec,
      position: nextPosition(inSession),
    });
  }
  const existing = program.pitches.find((p) => p.id === input.id);
  if (!existing) return refuse('pitch-unknown', 'That pitch is not in this event’s program.');
  // Moving to another session puts the pitch at that session's end.
  const position = existing.sessionId === input.sessionId ? existing.position : nextPosition(inSession);
  return accept({
    ...existing,
    sessionId: input.sessionId,
    ventureId: input.ventureId,
    title: input.title,
    durationSec: input.durationSec,
    position,
  });
}

export function decidePitchDelete(program: ProgramView, id: string): Result<string> {
  if (!program.pitches.some((p) => p.id === id))
    return refuse('pitch-unknown', 'That pitch is not in this event’s program.');
  if (isOn(program, id)) return refuse('pitch-live', 'This pitch is on now. Stop it or move on before deleting it.');
  return accept(id);
}

/** Swaps a pitch with its neighbour in the same session; returns both with their new positions. */
export function decidePitchMove(program: ProgramView, id: string, direction: 'up' | 'down'): Result<PitchInfo[]> {
  const pitch = program.pitches.find((p) => p.id === id);
  if (!pitch) return refuse('pitch-unknown', 'That pitch is not in this event’s program.');
  const siblings = program.pitches
    .filter((p) => p.sessionId === pitch.sessionId)
    .sort((a, b) => a.position - b.position);
  const index = siblings.findIndex((p) => p.id === id);
  const other = siblings[direction === 'up' ? index - 1 : index + 1];
  if (!other) {
    return direction === 'up'
      ? refuse('pitch-first', 'This pitch is already first in its session.')
      : refuse('pitch-last', 'This pitch is already last in its session.');
  }
  return accept([
    { ...pitch, position: other.position },
    { ...other, position: pitch.position },
  ]);
}
