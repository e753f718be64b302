/**
 * `interest:set`: a local firm or partner taps 気になる / 会いたい on a venture, or takes it back.
 * The domain (server/domain/interest.ts) decides the interest; a phone's resend with its key gets
 * its first answer and never undoes a later tap.
 */
import type { MyInterest } from '../../shared/model.js';
import type { CommandInput } from '../../shared/protocol.js';
import { actingPerson, refusal } from '../auth/policy.js';
import { ofEvent } from '../domain/event-scope.js';
import { decideInterest, touchesLeads } from '../domain/interest.js';
import { change, unwrap } from './change.js';
import type { CommandContext, Outcome } from './context.js';

export function setInterest(ctx: CommandContext, input: CommandInput<'interest:set'>): Outcome<MyInterest | null> {
  const person = actingPerson(ctx.principal, 'interest:set');
  if (!person) return { answer: refusal(ctx.principal, 'interest:set') };
  const { store, eventId, publisher } = ctx;
  const at = ctx.now();
  return change(
    {
      ...ctx,
      actor: person.id,
      at,
      keyed: {
        command: 'interest:set',
        key: input.key,
        remember: (interest) => ({ interest }),
        replay: (remembered: { interest: MyInterest | null }) => remembered.interest,
      },
    },
    () => {
      const venture = ofEvent(eventId, store.getOrganization(input.ventureId));
      const interest = unwrap(decideInterest({ role: person.role, orgId: person.org?.id ?? null }, venture, input, at));
      const previous = store.getInterest(person.id, input.ventureId);
      // Taking back what is not there changes nothing: no write, no log row, no broadcast.
      if (!interest && !previous) return { result: interest, changes: [] };
      if (interest) store.upsertInterest(eventId, person.id, interest);
      else store.deleteInterest(person.id, input.ventureId);
      return {
        result: interest,
        changes: [
          {
            kind: interest ? 'interest:set' : 'interest:removed',
            data: { personId: person.id, ventureId: input.ventureId, interest },
          },
        ],
        publish: (seq) =>
          publisher.interestChanged(
            eventId,
            person.id,
            input.ventureId,
            interest,
            seq,
            touchesLeads(previous, interest),
          ),
      };
    },
  );
}
