import type { z } from 'zod';
import { refusalError, type AppError } from '../shared/errors.js';

/** One readable sentence from a zod error: which field, and what is wrong with it. */
export function describeZodError(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  return `Invalid request (${issues.join('; ')}).`;
}

/**
 * A payload its schema refused, as a refusal: the first field at fault (its path, e.g.
 * `windows.0.start`) and zod's issue code, for the client to name in the person's language.
 */
export function zodRefusal(error: z.ZodError): AppError {
  const first = error.issues[0];
  const field = first?.path.length ? first.path.map(String).join('.') : 'payload';
  return refusalError('validation', describeZodError(error), { field, problem: first?.code ?? 'custom' });
}
