/**
 * Socket commands. Each is thin: parse → authorize → domain → store (one transaction) → ack →
 * broadcast. The acting person always comes from the socket's principal, never from the payload.
 */
import type { z } from 'zod';
import { fail, ok } from '../../shared/errors.js';
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import {
  interestSetSchema,
  pitchDeleteSchema,
  pitchMoveSchema,
  pitchSaveSchema,
  programControlSchema,
  sessionDeleteSchema,
  sessionSaveSchema,
  syncSchema,
  timeSyncSchema,
  type ClientToServerEvents,
} from '../../shared/protocol.js';
import { actingPerson, allowed, refusal } from '../auth/policy.js';
import { decideInterest, touchesLeads } from '../domain/interest.js';
import {
  decidePitchDelete,
  decidePitchMove,
  decidePitchSave,
  decideSessionDelete,
  decideSessionSave,
} from '../domain/program-edit.js';
import { accept, type Result } from '../domain/result.js';
import type { MyInterest, ProgramView } from '../../shared/model.js';
import { applyControl, runningOrder } from '../domain/program.js';
import { buildSnapshot } from './views.js';
import { commandRegistrar, type AppSocket, type HandlerDeps } from './command.js';

import { registerDoorHandlers } from './door-handlers.js';
import { registerMeetingHandlers } from './meeting-handlers.js';
import { registerOrgMergeHandler } from './org-merge-handler.js';

export function registerHandlers(socket: AppSocket, deps: HandlerDeps): void {
  const { store, publisher, now } = deps;
  const principal = socket.data.principal;

  const command = commandRegistrar(socket, deps.log);
  registerDoorHandlers(socket, command, deps);
  registerMeetingHandlers(socket, command, deps);
  registerOrgMergeHandler(socket, command, deps);

  command('sync', syncSchema, (input) => {
    if (allowed(principal, 'sync') === 'none') return { answer: refusal(principal, 'sync') };
    if (input.protocol !== PROTOCOL_VERSION) {
      return { answer: fail('page-outdated', 'This page is out of date. Reload it to continue.') };
    }
    return { answer: ok(buildSnapshot(store, principal, now())) };
  });

  command('time:sync', timeSyncSchema, () =>
    allowed(principal, 'time:sync') === 'none'
      ? { answer: refusal(principal, 'time:sync') }
      : { answer: ok({ serverNow: now() }) },
  );

  /**
   * A program command: organizers only; `decide` looks at the current program and returns what to
   * write (or a refusal); the write and its change-log row commit together, then every screen hears.
   */
  function programCommand<S extends z.ZodType>(
    name: keyof ClientToServerEvents,
    schema: S,
    decide: (input: z.output<S>, program: ProgramView, at: number) => Result<{ write: () => void; data: unknown }>,
  ): void {
    command(name, schema, (input) => {
      const organizer = actingPerson(principal, name);
      if (!organizer) return { answer: refusal(principal, name) };
      const eventId = principal.eventId;
      // A keyed command sent again is answered with the program as it is now, and not done twice.
      const key = (input as { key?: string }).key;
      if (key && store.idempotentAnswer(organizer.id, name, key)) return { answer: ok(store.program(eventId)) };
      const at = now();
      const decided = decide(input, store.program(eventId), at);
      if (!decided.ok) return { answer: { ok: false, error: decided.error } };
      const { result, seq } = store.mutate(eventId, organizer.id, at, () => {
        decided.value.write();
        if (key) store.rememberAnswer(organizer.id, name, key, { done: true }, at);
        return { result: store.program(eventId), changes: [{ kind: name, data: decided.value.data }] };
      });
      return { answer: ok(result), publish: () => publisher.programChanged(eventId, seq) };
    });
  }

  const eventId = principal.eventId;
  const ventureOfEvent = (id: string) => {
    const org = store.getOrganization(id);
    return org && org.eventId === eventId ? org : undefined;
  };

  programCommand('program:control', programControlSchema, (input, program, at) => {
    const decided = applyControl(program.live, input, runningOrder(program.sessions, program.pitches), at);
    if (!decided.ok) return decided;
    return accept({
      write: () => store.setLive(eventId, decided.value),
      data: { command: input, live: decided.value },
    });
  });

  programCommand('program:session-save', sessionSaveSchema, (input, program) => {
    const decided = decideSessionSave(program, input, deps.newId());
    if (!decided.ok) return decided;
    return accept({ write: () => store.saveProgramSession(eventId, decided.value), data: decided.value });
  });

  programCommand('program:session-delete', sessionDeleteSchema, (input, program) => {
    const decided = decideSessionDelete(program, input.id);
    if (!decided.ok) return decided;
    return accept({ write: () => store.deleteProgramSession(decided.value), data: { id: decided.value } });
  });

  programCommand('program:pitch-save', pitchSaveSchema, (input, program) => {
    const decided = decidePitchSave(program, input, ventureOfEvent(input.ventureId), deps.newId());
    if (!decided.ok) return decided;
    return accept({ write: () => store.savePitch(eventId, decided.value), data: decided.value });
  });

  programCommand('program:pitch-delete', pitchDeleteSchema, (input, program) => {
    const decided = decidePitchDelete(program, input.id);
    if (!decided.ok) return decided;
    return accept({ write: () => store.deletePitch(decided.value), data: { id: decided.value } });
  });

  programCommand('program:pitch-move', pitchMoveSchema, (input, program) => {
    const decided = decidePitchMove(program, input.id, input.direction);
    if (!decided.ok) return decided;
    return accept({ write: () => decided.value.forEach((p) => store.savePitch(eventId, p)), data: decided.value });
  });

  command('interest:set', interestSetSchema, (input) => {
    const person = actingPerson(principal, 'interest:set');
    if (!person) return { answer: refusal(principal, 'interest:set') };
    const replay =
      input.key && store.idempotentAnswer<{ interest: MyInterest | null }>(person.id, 'interest:set', input.key);
    if (replay) return { answer: ok(replay.interest) };
    const at = now();
    const decided = decideInterest(
      { role: person.role, orgId: person.org?.id ?? null },
      ventureOfEvent(input.ventureId),
      input,
      at,
    );
    if (!decided.ok) return { answer: { ok: false, error: decided.error } };
    const interest = decided.value;
    const { result: before, seq } = store.mutate(eventId, person.id, at, () => {
      const previous = store.getInterest(person.id, input.ventureId);
      if (input.key) store.rememberAnswer(person.id, 'interest:set', input.key, { interest }, at);
      // Taking back what is not there changes nothing: no write, no log row, no broadcast.
      if (!interest && !previous) return { result: { previous, changed: false }, changes: [] };
      if (interest) store.upsertInterest(eventId, person.id, interest);
      else store.deleteInterest(person.id, input.ventureId);
      return {
        result: { previous, changed: true },
        changes: [
          {
            kind: interest ? 'interest:set' : 'interest:removed',
            data: { personId: person.id, ventureId: input.ventureId, interest },
          },
        ],
      };
    });
    if (!before.changed) return { answer: ok(interest) };
    return {
      answer: ok(interest),
      publish: () =>
        publisher.interestChanged(
          eventId,
          person.id,
          input.ventureId,
          interest,
          seq,
          touchesLeads(before.previous, interest),
        ),
    };
  });
}
