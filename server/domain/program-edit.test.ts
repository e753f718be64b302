import { describe, expect, it } from 'vitest';
import type { ProgramView } from '../../shared/model.js';
import { IDLE } from './program.js';
import {
  decidePitchDelete,
  decidePitchMove,
  decidePitchSave,
  decideSessionDelete,
  decideSessionSave,
} from './program-edit.js';

const program: ProgramView = {
  sessions: [
    { id: 's1', title: 'Part 1', position: 0 },
    { id: 's2', title: 'Part 2', position: 1 },
  ],
  pitches: [
    { id: 'a', sessionId: 's1', ventureId: 'v1', title: 'A', durationSec: 300, position: 0 },
    { id: 'b', sessionId: 's1', ventureId: 'v2', title: 'B', durationSec: 300, position: 1 },
    { id: 'c', sessionId: 's2', ventureId: 'v3', title: 'C', durationSec: 300, position: 0 },
  ],
  live: { ...IDLE, pitchId: 'b', status: 'running', runningSince: 0 },
};
const venture = { kind: 'venture' as const };

describe('program editing', () => {
  it('adds a session at the end and renames one', () => {
    expect(decideSessionSave(program, { title: 'Part 3' }, 's3')).toEqual({
      ok: true,
      value: { id: 's3', title: 'Part 3', position: 2 },
    });
    expect(decideSessionSave(program, { id: 's1', title: '第1部' }, 'unused')).toEqual({
      ok: true,
      value: { id: 's1', title: '第1部', position: 0 },
    });
    expect(decideSessionSave(program, { id: 'zz', title: 'x' }, 'unused')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('deletes only an empty session', () => {
    expect(decideSessionDelete(program, 's1')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(decideSessionDelete({ ...program, pitches: [] }, 's1')).toEqual({ ok: true, value: 's1' });
  });

  it('adds a pitch at the end of its session, and moving it to another session puts it last there', () => {
    const added = decidePitchSave(
      program,
      { sessionId: 's1', ventureId: 'v4', title: 'D', durationSec: 240 },
      venture,
      'd',
    );
    expect(added).toEqual({
      ok: true,
      value: { id: 'd', sessionId: 's1', ventureId: 'v4', title: 'D', durationSec: 240, position: 2 },
    });
    const moved = decidePitchSave(
      program,
      { id: 'a', sessionId: 's2', ventureId: 'v1', title: 'A2', durationSec: 300 },
      venture,
      'x',
    );
    expect(moved).toMatchObject({ ok: true, value: { id: 'a', sessionId: 's2', title: 'A2', position: 1 } });
    const kept = decidePitchSave(
      program,
      { id: 'b', sessionId: 's1', ventureId: 'v2', title: 'B', durationSec: 420 },
      venture,
      'x',
    );
    expect(kept).toMatchObject({ ok: true, value: { position: 1, durationSec: 420 } });
  });

  it('refuses a pitch by a firm, in an unknown session, or of an unknown id', () => {
    const draft = { sessionId: 's1', ventureId: 'f1', title: 'X', durationSec: 300 };
    expect(decidePitchSave(program, draft, { kind: 'firm' }, 'x')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(decidePitchSave(program, draft, undefined, 'x')).toMatchObject({ ok: false });
    expect(decidePitchSave(program, { ...draft, sessionId: 'zz' }, venture, 'x')).toMatchObject({ ok: false });
    expect(decidePitchSave(program, { ...draft, id: 'zz' }, venture, 'x')).toMatchObject({ ok: false });
  });

  it('will not delete the pitch that is on', () => {
    expect(decidePitchDelete(program, 'b')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(decidePitchDelete(program, 'a')).toEqual({ ok: true, value: 'a' });
    expect(decidePitchDelete({ ...program, live: IDLE }, 'b')).toEqual({ ok: true, value: 'b' });
  });

  it('swaps a pitch with its neighbour within the session', () => {
    expect(decidePitchMove(program, 'b', 'up')).toMatchObject({
      ok: true,
      value: [
        { id: 'b', position: 0 },
        { id: 'a', position: 1 },
      ],
    });
    expect(decidePitchMove(program, 'a', 'up')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(decidePitchMove(program, 'c', 'down')).toMatchObject({ ok: false });
  });
});
