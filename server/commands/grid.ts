/**
 * `grid:save`: organizers set up the meeting grid (windows, slot length, tables, cap). A new grid
 * must keep every booked meeting's place and every organization within its cap (the rules are in
 * server/domain/meeting-rules.ts); requests then follow the places it has.
 */
import { fail } from '../../shared/errors.js';
import type { GridInfo } from '../../shared/model.js';
import type { CommandInput } from '../../shared/protocol.js';
import { allowed, refusal } from '../auth/policy.js';
import { keepsCap, keepsMeetings } from '../domain/meeting-rules.js';
import { gridIssues, slotsOf } from '../domain/slots.js';
import { takenPlaces } from '../store/booking-reads.js';
import { gridInfo } from './views.js';
import { settleRequests } from './booking.js';
import { change, unwrap } from './change.js';
import type { CommandContext, Outcome } from './context.js';

export function saveGrid(ctx: CommandContext, input: CommandInput<'grid:save'>): Outcome<GridInfo> {
  const { principal, store, eventId, publisher } = ctx;
  if (allowed(principal, 'grid:save') === 'none') return { answer: refusal(principal, 'grid:save') };
  const issues = gridIssues(input);
  // The form shows one problem at a time, the first; the English names them all, for the log.
  if (issues[0]) {
    const { problem, params } = issues[0];
    const english = issues.map((i) => i.message).join(' ');
    return { answer: fail('grid-invalid', english, { problem, ...params }) };
  }
  const at = ctx.now();
  return change({ ...ctx, actor: principal.kind === 'person' ? principal.person.id : 'board', at }, () => {
    const event = store.getEvent(eventId)!;
    // Booked meetings must keep their place in the new grid: move or cancel them first.
    unwrap(
      keepsMeetings(store.meetings(eventId), slotsOf(input, event.date, event.timeZone), input.tables, event.timeZone),
    );
    unwrap(keepsCap(takenPlaces(store, eventId), input.capPerOrg, (id) => store.getOrganization(id)!.name));
    store.setGrid(eventId, input);
    // Fewer slots or tables can take requests' last places; more can give expired ones a place.
    const settled = settleRequests(ctx, at);
    const info = gridInfo(store, event)!;
    return {
      result: info,
      changes: [{ kind: 'grid:saved', data: input }, ...settled.changes],
      publish: (seq) => {
        publisher.gridChanged(eventId, info, seq);
        if (settled.requests.length) publisher.meetingsChanged(eventId, settled.requests, [], seq);
      },
    };
  });
}
