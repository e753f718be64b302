import type { z } from 'zod';

/** One readable sentence from a zod error: which field, and what is wrong with it. */
export function describeZodError(error: z.ZodError): string {
  const issues = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length ? issue.path.join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  return `Invalid request (${issues.join('; ')}).`;
}
