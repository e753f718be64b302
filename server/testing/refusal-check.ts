/**
 * What is wrong with a refusal as the server sent it, or null: every refusal carries a reason the
 * client has a sentence for, the class of error that reason belongs to, params a sentence can use,
 * and an English message for the log. The fuzz and authorization tests run it on every refusal they
 * provoke; `reasonsSeen` says how many kinds of refusal that was.
 */
import { REFUSALS, isRefusalReason, type RefusalReason } from '../../shared/errors.js';

export const reasonsSeen = new Map<RefusalReason, number>();

export function refusalProblem(error: unknown): string | null {
  const e = error as { code?: unknown; reason?: unknown; params?: unknown; message?: unknown } | null;
  if (typeof e !== 'object' || e === null) return 'no error object';
  if (!isRefusalReason(e.reason)) return `unknown reason ${JSON.stringify(e.reason)}`;
  if (e.code !== REFUSALS[e.reason])
    return `code ${String(e.code)} is not ${REFUSALS[e.reason]}, the class of ${e.reason}`;
  if (typeof e.message !== 'string' || e.message === '') return 'no English message';
  if (e.params !== undefined) {
    if (typeof e.params !== 'object' || e.params === null) return 'params not an object';
    for (const [name, value] of Object.entries(e.params))
      if (typeof value !== 'string' && typeof value !== 'number') return `param ${name} is ${typeof value}`;
  }
  if (e.reason === 'validation' && typeof (e.params as { field?: unknown } | undefined)?.field !== 'string')
    return 'a validation refusal without its field';
  reasonsSeen.set(e.reason, (reasonsSeen.get(e.reason) ?? 0) + 1);
  return null;
}
