/**
 * The booking window's setting (「予約受付開始日 / Booking opens on」, its card on the settings page):
 * POST /api/event/booking-window { bookingOpensOn: 'YYYY-MM-DD' | null }. Its own column
 * (events.booking_opens_on) and endpoint, apart from the event's other settings. Phones hear the new
 * date with the event (the program fact), and show when requests open instead of the buttons.
 */
import express, { type Response } from 'express';
import { z } from 'zod';
import { ok, type AppError } from '../../shared/errors.js';
import { bookingOpensProblem } from '../domain/booking-window.js';
import { Refusal } from '../domain/result.js';
import { change } from '../commands/change.js';
import type { Publisher } from '../realtime/publisher.js';
import type { Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import type { PublicAddress } from '../public-address.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';

export const bookingWindowSchema = z.strictObject({
  bookingOpensOn: z.string().max(10).nullable(),
});

export interface BookingWindowRoutesDeps {
  store: Store;
  publisher: Publisher;
  now: () => number;
  publicAddress: () => PublicAddress;
}

export function createBookingWindowRoutes(deps: BookingWindowRoutesDeps): express.Router {
  const { store } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '4kb' });
  const badRequest = (res: Response, error: AppError) => res.status(400).json({ ok: false, error });

  router.post('/api/event/booking-window', guard('http:booking-window-save'), json, (req: OrganizerRequest, res) => {
    const parsed = bookingWindowSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const organizer = req.organizer!;
    const eventId = organizer.eventId;
    const opensOn = parsed.data.bookingOpensOn || null;
    const outcome = change({ store, eventId, actor: organizer.id, at: deps.now() }, () => {
      if (opensOn) {
        const problem = bookingOpensProblem(opensOn, store.getEvent(eventId)!.date);
        if (!problem.ok) throw new Refusal(problem.error);
      }
      store.sql.prepare('UPDATE events SET booking_opens_on = ? WHERE id = ?').run(opensOn, eventId);
      return {
        result: null,
        changes: [{ kind: 'event:booking-window', data: { bookingOpensOn: opensOn } }],
        // The program fact carries the event: every phone learns the date at once.
        publish: (seq: number) => deps.publisher.programChanged(eventId, seq),
      };
    });
    if (!outcome.answer.ok) return badRequest(res, outcome.answer.error);
    outcome.publish?.();
    res.json(ok({ bookingOpensOn: opensOn }));
  });

  return router;
}
