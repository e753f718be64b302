/**
 * The commands every screen sends to stay in step: `sync` (a fresh snapshot of what this viewer
 * may see, on every connect) and `time:sync` (the server's clock, so timers agree).
 */
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import { fail, ok } from '../../shared/errors.js';
import type { CommandName } from '../../shared/protocol.js';
import { allowed, refusal } from '../auth/policy.js';
import { buildSnapshot } from './views.js';
import type { CommandContext, CommandHandler } from './context.js';

/** Refuses the principal `name` unless the policy table lets their role do it at all. */
const refusedUnlessAllowed = (ctx: CommandContext, name: CommandName) =>
  allowed(ctx.principal, name) === 'none' ? { answer: refusal(ctx.principal, name) } : null;

export const sync: CommandHandler<'sync'> = (ctx, input) => {
  const refused = refusedUnlessAllowed(ctx, 'sync');
  if (refused) return refused;
  if (input.protocol !== PROTOCOL_VERSION) {
    return { answer: fail('page-outdated', 'This page is out of date. Reload it to continue.') };
  }
  return { answer: ok(buildSnapshot(ctx.store, ctx.principal, ctx.now())) };
};

export const timeSync: CommandHandler<'time:sync'> = (ctx) =>
  refusedUnlessAllowed(ctx, 'time:sync') ?? { answer: ok({ serverNow: ctx.now() }) };
