/**
 * The badge sheet and its print record (organizers; a reception station prints one walk-in's badge):
 *   GET  /organizer/badges/print   the sheet: ?stock= (shared/badge-stock.ts) &start= (first position on
 *                                  a part-used sheet) &cut=1|0, and which badges: ?only=new (not marked
 *                                  printed), ?kind=firm|venture|partner, ?people=ID,ID (chosen),
 *                                  ?person=ID (one; a station's walk-in)
 *   POST /api/badges/printed       「印刷しました」 on the sheet: marks its badges printed
 *   GET  /api/badges/status        whose current badge is marked printed (the People page's counts)
 * The event is always the signed-in organizer's own; no event id is taken from the request.
 */
import express, { type Response } from 'express';
import QRCode from 'qrcode';
import { z } from 'zod';
import {
  BADGE_STOCKS,
  DEFAULT_BADGE_STOCK,
  clampStart,
  isBadgeStockId,
  type BadgeStock,
} from '../../shared/badge-stock.js';
import { fail, ok } from '../../shared/errors.js';
import type { OrgKind } from '../../shared/model.js';
import { mayPrintBadge } from '../auth/door.js';
import { allowed, refusal } from '../auth/policy.js';
import { makeToken } from '../auth/tokens.js';
import { change } from '../commands/change.js';
import { badgeVersion, markBadgesPrinted, printedBadges } from '../store/badge-prints.js';
import type { PersonRecord } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import { badgeSheetPage, type Badge } from './badge-sheet.js';
import { requireAllowed, type OrganizerRequest, type OrganizerRoutesDeps } from './organizer-routes.js';

/** A sheet's marks: at most every badge of a large event at once. */
const markSchema = z.strictObject({
  badges: z
    .array(z.strictObject({ personId: z.string().min(1).max(100), version: z.string().min(1).max(64) }))
    .max(5000),
});

const KINDS: readonly OrgKind[] = ['firm', 'venture', 'partner'];

/** Which badges the sheet's address asks for, and on what. */
interface SheetQuery {
  stock: BadgeStock;
  start: number;
  cutLines: boolean;
  person: string | null;
  people: Set<string> | null;
  kind: OrgKind | null;
  onlyNew: boolean;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function sheetQuery(query: OrganizerRequest['query']): SheetQuery {
  const stock = BADGE_STOCKS[isBadgeStockId(query.stock) ? query.stock : DEFAULT_BADGE_STOCK];
  const cut = text(query.cut);
  const kind = text(query.kind);
  const people = text(query.people);
  return {
    stock,
    start: clampStart(stock, Number(text(query.start) ?? 1)),
    cutLines: cut === null ? stock.cutLinesByDefault : cut === '1',
    person: text(query.person),
    people: people === null ? null : new Set(people.split(',')),
    kind: KINDS.find((k) => k === kind) ?? null,
    onlyNew: query.only === 'new',
  };
}

/** The people a sheet prints, in registration order (as the sheet always has). */
function chosen(people: PersonRecord[], q: SheetQuery, printed: Set<string>): PersonRecord[] {
  return people.filter(
    (p) =>
      p.role !== 'organizer' &&
      (q.person === null || p.id === q.person) &&
      (q.people === null || q.people.has(p.id)) &&
      (q.kind === null || p.org?.kind === q.kind) &&
      (!q.onlyNew || !printed.has(p.id)),
  );
}

export function createBadgeRoutes(deps: OrganizerRoutesDeps): express.Router {
  const { store } = deps;
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '512kb' });

  async function badgeOf(p: PersonRecord, eventId: string): Promise<Badge> {
    return {
      personId: p.id,
      version: badgeVersion(p.badgeNonce),
      name: p.name,
      kana: store.peopleSummaries(eventId, [p.id])[0]?.nameKana ?? '',
      company: p.org?.name ?? '',
      kind: p.org!.kind,
      qrSvg: await QRCode.toString(
        `${deps.publicAddress().origin}/t/${makeToken(deps.secret, 'person', p.badgeNonce)}`,
        { type: 'svg', errorCorrectionLevel: 'M', margin: 2 },
      ),
    };
  }

  function unknownPerson(res: Response) {
    res.status(404).json(fail('person-unknown', 'That person is not registered for this event.'));
  }

  router.get('/organizer/badges/print', guard('http:badges'), async (req: OrganizerRequest, res) => {
    const actor = req.organizer!;
    const eventId = actor.eventId;
    const q = sheetQuery(req.query);
    // A reception station prints one badge, of a walk-in it registered: not the sheet, nobody else's.
    if (!mayPrintBadge(store, actor, q.person)) {
      if (q.person) unknownPerson(res);
      else res.status(403).json(refusal({ kind: 'person', person: actor }, 'http:badges'));
      return;
    }
    const printed = new Set(printedBadges(store.sql, eventId).map((b) => b.personId));
    const people = chosen(store.listPeople(eventId), q, printed);
    if (q.person && people.length === 0) {
      unknownPerson(res);
      return;
    }
    const badges = await Promise.all(people.map((p) => badgeOf(p, eventId)));
    const markable = allowed({ kind: 'person', person: actor }, 'http:badges-printed') !== 'none';
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        badgeSheetPage(store.getEvent(eventId)!.name, badges, deps.publicAddress(), {
          stock: q.stock,
          start: q.start,
          cutLines: q.cutLines,
          markable,
        }),
      );
  });

  router.post('/api/badges/printed', guard('http:badges-printed'), json, (req: OrganizerRequest, res) => {
    const parsed = markSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ ok: false, error: zodRefusal(parsed.error) });
      return;
    }
    const eventId = req.organizer!.eventId;
    const at = deps.now();
    // In the event's change log like every write: who marked which badges printed, and when.
    const outcome = change({ store, eventId, actor: req.organizer!.id, at }, () => {
      const { newly, ...result } = markBadgesPrinted(store.sql, eventId, parsed.data.badges, at);
      // A resent mark (its answer lost) writes nothing and answers the same.
      const changes = newly.length > 0 ? [{ kind: 'badges:printed', data: { people: newly } }] : [];
      return { result, changes };
    });
    res.json(outcome.answer);
  });

  router.get('/api/badges/status', guard('http:badges-status'), (req: OrganizerRequest, res) => {
    res.set('Cache-Control', 'no-store').json(ok({ printed: printedBadges(store.sql, req.organizer!.eventId) }));
  });

  return router;
}
