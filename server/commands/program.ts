/**
 * The program: driving it live (start, pause, next, extend…) and editing its sessions and pitches.
 * Organizers only. Each command asks the domain (server/domain/program.ts, program-edit.ts) what
 * to write against the program as it is inside the transaction; a resend with its key is answered
 * with the program as it is now, and not done twice.
 */
import type { ProgramView } from '../../shared/model.js';
import type { CommandInput } from '../../shared/protocol.js';
import { actingPerson, refusal } from '../auth/policy.js';
import { ofEvent } from '../domain/event-scope.js';
import { applyControl, runningOrder } from '../domain/program.js';
import {
  decidePitchDelete,
  decidePitchMove,
  decidePitchSave,
  decideSessionDelete,
  decideSessionSave,
} from '../domain/program-edit.js';
import type { Result } from '../domain/result.js';
import { change, unwrap } from './change.js';
import type { CommandContext, Outcome } from './context.js';

type ProgramCommand =
  | 'program:control'
  | 'program:session-save'
  | 'program:session-delete'
  | 'program:pitch-save'
  | 'program:pitch-delete'
  | 'program:pitch-move';

/** What a program command decided: the write, and the change-log row's data. */
interface ProgramWrite {
  write: () => void;
  data: unknown;
}

/**
 * The one shape of every program command: organizers only; `decide` looks at the current program
 * and returns what to write (or a refusal); the write and its change-log row commit together, then
 * every screen hears.
 */
function programChange(
  ctx: CommandContext,
  name: ProgramCommand,
  key: string | undefined,
  decide: (program: ProgramView, at: number) => Result<ProgramWrite>,
): Outcome<ProgramView> {
  const organizer = actingPerson(ctx.principal, name);
  if (!organizer) return { answer: refusal(ctx.principal, name) };
  const { store, eventId } = ctx;
  const at = ctx.now();
  return change(
    {
      ...ctx,
      actor: organizer.id,
      at,
      // A resend is answered with the program as it is now: what it did is in there.
      keyed: { command: name, key, remember: () => ({ done: true }), replay: () => store.program(eventId) },
    },
    () => {
      const decided = unwrap(decide(store.program(eventId), at));
      decided.write();
      return {
        result: store.program(eventId),
        changes: [{ kind: name, data: decided.data }],
        publish: (seq) => ctx.publisher.programChanged(eventId, seq),
      };
    },
  );
}

export function programControl(ctx: CommandContext, input: CommandInput<'program:control'>): Outcome<ProgramView> {
  return programChange(ctx, 'program:control', input.key, (program, at) =>
    writing(applyControl(program.live, input, runningOrder(program.sessions, program.pitches), at), (live) => ({
      write: () => ctx.store.setLive(ctx.eventId, live),
      data: { command: input, live },
    })),
  );
}

export function sessionSave(ctx: CommandContext, input: CommandInput<'program:session-save'>): Outcome<ProgramView> {
  return programChange(ctx, 'program:session-save', input.key, (program) =>
    writing(decideSessionSave(program, input, ctx.newId()), (session) => ({
      write: () => ctx.store.saveProgramSession(ctx.eventId, session),
      data: session,
    })),
  );
}

export function sessionDelete(
  ctx: CommandContext,
  input: CommandInput<'program:session-delete'>,
): Outcome<ProgramView> {
  return programChange(ctx, 'program:session-delete', input.key, (program) =>
    writing(decideSessionDelete(program, input.id), (id) => ({
      write: () => ctx.store.deleteProgramSession(id),
      data: { id },
    })),
  );
}

export function pitchSave(ctx: CommandContext, input: CommandInput<'program:pitch-save'>): Outcome<ProgramView> {
  const venture = ofEvent(ctx.eventId, ctx.store.getOrganization(input.ventureId));
  return programChange(ctx, 'program:pitch-save', input.key, (program) =>
    writing(decidePitchSave(program, input, venture, ctx.newId()), (pitch) => ({
      write: () => ctx.store.savePitch(ctx.eventId, pitch),
      data: pitch,
    })),
  );
}

export function pitchDelete(ctx: CommandContext, input: CommandInput<'program:pitch-delete'>): Outcome<ProgramView> {
  return programChange(ctx, 'program:pitch-delete', input.key, (program) =>
    writing(decidePitchDelete(program, input.id), (id) => ({ write: () => ctx.store.deletePitch(id), data: { id } })),
  );
}

export function pitchMove(ctx: CommandContext, input: CommandInput<'program:pitch-move'>): Outcome<ProgramView> {
  return programChange(ctx, 'program:pitch-move', input.key, (program) =>
    writing(decidePitchMove(program, input.id, input.direction), (pitches) => ({
      write: () => pitches.forEach((p) => ctx.store.savePitch(ctx.eventId, p)),
      data: pitches,
    })),
  );
}

/** A domain decision turned into its write, or its refusal passed on. */
function writing<T>(decided: Result<T>, write: (value: T) => ProgramWrite): Result<ProgramWrite> {
  return decided.ok ? { ok: true, value: write(decided.value) } : decided;
}
