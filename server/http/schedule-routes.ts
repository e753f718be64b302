/**
 * GET /organizer/schedules/print?by=table|org|person[&only=ID][&note=TEXT]: the printed schedules
 * (schedule-sheets.ts) of the organizer's current event, every table / organization / person with
 * meetings in one batch, or the one named by `only`. Organizers only (policy 'http:schedules'): a
 * schedule names every company's and person's meetings.
 */
import express from 'express';
import { z } from 'zod';
import { fail } from '../../shared/errors.js';
import type { Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import type { PublicAddress } from '../public-address.js';
import { localDateTime } from './csv.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';
import { scheduleSheet, schedulePages, type ScheduleInput } from './schedule-sheets.js';

const querySchema = z.object({
  by: z.enum(['table', 'org', 'person']),
  only: z.string().min(1).max(200).optional(),
  note: z.string().max(300).optional(),
});

export interface ScheduleRoutesDeps {
  store: Store;
  now: () => number;
  publicAddress: () => PublicAddress;
}

/** What the sheets read of the event: its grid's tables, organizations with their people, meetings. */
function scheduleInput(store: Store, eventId: string, query: z.infer<typeof querySchema>, now: number): ScheduleInput {
  const event = store.getEvent(eventId)!;
  const people = store.listPeople(eventId).filter((p) => p.org);
  const namesOf = new Map<string, string[]>();
  for (const p of people) namesOf.set(p.org!.id, [...(namesOf.get(p.org!.id) ?? []), p.name]);
  return {
    by: query.by,
    event: { name: event.name, venue: event.venue, date: event.date, timeZone: event.timeZone },
    tables: store.getGrid(eventId)?.tables ?? [],
    orgs: store
      .organizations(eventId)
      .map((o) => ({ id: o.id, kind: o.kind, name: o.name, people: namesOf.get(o.id) ?? [] })),
    people: people.map((p) => ({ id: p.id, name: p.name, orgId: p.org!.id })),
    meetings: store.meetings(eventId),
    only: query.only,
    note: query.note?.trim() ?? '',
    generatedAt: localDateTime(now, event.timeZone),
  };
}

export function createScheduleRoutes(deps: ScheduleRoutesDeps): express.Router {
  const { store } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);

  router.get('/organizer/schedules/print', guard('http:schedules'), (req: OrganizerRequest, res) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: zodRefusal(parsed.error) });
      return;
    }
    const input = scheduleInput(store, req.organizer!.eventId, parsed.data, deps.now());
    // One named that is not this event's (or has no meetings to list): nothing to print.
    if (input.only !== undefined && schedulePages(input).length === 0) {
      res.status(404).json(fail('schedule-unknown', 'There is no such table, organization or person in this event.'));
      return;
    }
    res.set('Cache-Control', 'no-store').type('html').send(scheduleSheet(input));
  });

  return router;
}
