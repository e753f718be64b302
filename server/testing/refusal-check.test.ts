import { describe, expect, it } from 'vitest';
import { ErrorCode, refusalError } from '../../shared/errors.js';
import { refusalProblem } from './refusal-check.js';

describe('refusalProblem', () => {
  it('passes a refusal made by refusalError, and finds each way a hand-made one goes wrong', () => {
    expect(refusalProblem(refusalError('pair-met', 'English', { org: 'ミライロボ' }))).toBeNull();
    expect(refusalProblem({ code: ErrorCode.Conflict, message: 'English only' })).toBe('unknown reason undefined');
    expect(refusalProblem({ code: ErrorCode.Conflict, reason: 'venue-closed', message: 'x' })).toMatch(
      /unknown reason/,
    );
    expect(refusalProblem({ code: ErrorCode.NotFound, reason: 'pair-met', message: 'x' })).toMatch(/not CONFLICT/);
    expect(refusalProblem({ ...refusalError('pair-met', 'x'), params: { org: { id: 1 } } })).toBe(
      'param org is object',
    );
    expect(refusalProblem(refusalError('validation', 'x'))).toBe('a validation refusal without its field');
    expect(refusalProblem(refusalError('internal', ''))).toBe('no English message');
  });
});
