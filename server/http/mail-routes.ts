/**
 * E-mail over HTTP (issue 19): the organizer's SMTP settings (the password is write-only), a test
 * mail, invitations to all / to those not yet invited / to one person, the send log with a retry
 * for failures; and the phone's 「自分の名札」 (the signed-in person's own badge QR). Sending is the
 * background mailer's (server/mail/mailer.ts): a request here only queues and answers at once.
 * The event is always the session's; a person id in a body is looked up inside it.
 */
import type http from 'node:http';
import express, { type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { fail, ok, type AppError } from '../../shared/errors.js';
import {
  mailInviteSchema,
  mailTestSchema,
  smtpSettingsSchema,
  type MailView,
  type MyBadgeView,
  type SmtpSettingsView,
} from '../../shared/mail.js';
import { change, reject } from '../commands/change.js';
import { invitationReason } from '../domain/mail.js';
import { Mailer } from '../mail/mailer.js';
import type { PublicAddress } from '../public-address.js';
import type { SmtpSettings } from '../store/mail.js';
import type { Store } from '../store/store.js';
import { zodRefusal } from '../validation.js';
import { requireAllowed, type OrganizerRequest } from './organizer-routes.js';

export interface MailRoutesDeps {
  store: Store;
  secret: Buffer;
  now: () => number;
  newId: () => string;
  publicAddress: () => PublicAddress;
  /** The mailer stops when the server closes. */
  httpServer: http.Server;
  /** Hands over the mailer's stop, which app.close() awaits (the send in flight settled) before the database closes. */
  onClose: (stop: () => Promise<void>) => void;
  log?: (message: string, detail?: unknown) => void;
}

/** The log rows the console lists (failures first). */
const LOG_LIMIT = 500;

/** The badge's QR, drawn exactly as the printed badge and the door's walk-in screen draw it. */
export const badgeQrSvg = (url: string): Promise<string> =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

const viewOf = (s: SmtpSettings): SmtpSettingsView => {
  const { password, ...rest } = s;
  return { ...rest, passwordSet: password !== '' };
};

export function createMailRoutes(deps: MailRoutesDeps): express.Router {
  const { store } = deps;
  const mailer = new Mailer({ ...deps, log: deps.log ?? (() => {}) });
  const records = mailer.records;
  mailer.start();
  deps.httpServer.once('close', () => void mailer.stop());
  deps.onClose(() => mailer.stop());
  const router = express.Router();
  const guard = requireAllowed(store, deps.now, deps.publicAddress);
  const json = express.json({ limit: '8kb' });

  const badRequest = (res: Response, error: AppError) => res.status(400).json({ ok: false, error });
  const notConfigured = (res: Response) =>
    res.status(409).json(fail('mail-not-configured', 'Set up the SMTP server first.'));

  router.get('/api/mail', guard('http:mail'), (req: OrganizerRequest, res) => {
    const eventId = req.organizer!.eventId;
    const settings = records.settings(eventId);
    const invited = records.invited(eventId);
    const view: MailView = {
      settings: settings ? viewOf(settings) : null,
      organizerEmail: records.recipient(req.organizer!.id)?.email ?? null,
      counts: records.counts(eventId),
      log: records.log(eventId, LOG_LIMIT),
      people: records
        .recipients(eventId)
        .filter((p) => !p.organizer)
        .map((p) => ({
          personId: p.id,
          name: p.name,
          orgName: p.orgName,
          hasAddress: p.email !== null,
          invited: invited.has(p.id),
        })),
    };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  router.post('/api/mail/settings', guard('http:mail-settings'), json, (req: OrganizerRequest, res) => {
    const parsed = smtpSettingsSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const { password, clearPassword, key, ...fields } = parsed.data;
    const organizer = req.organizer!;
    const at = deps.now();
    change(
      { store, eventId: organizer.eventId, actor: organizer.id, at, keyed: { command: 'mail:settings', key } },
      () => {
        const kept = records.settings(organizer.eventId)?.password ?? '';
        records.saveSettings(organizer.eventId, { ...fields, password: clearPassword ? '' : (password ?? kept) }, at);
        // The change log says that the server changed, never its password.
        const data = { host: fields.host, port: fields.port, security: fields.security };
        return { result: null, changes: [{ kind: 'mail:settings-saved', data }] };
      },
    );
    res.json(ok(viewOf(records.settings(organizer.eventId)!)));
  });

  // Sent now, not queued: the organizer is waiting to learn whether the server works.
  router.post('/api/mail/test', guard('http:mail-test'), json, async (req: OrganizerRequest, res) => {
    const parsed = mailTestSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const eventId = req.organizer!.eventId;
    if (!records.settings(eventId)) return notConfigured(res);
    const to = parsed.data.to ?? records.recipient(req.organizer!.id)?.email ?? null;
    if (!to) {
      res.status(400).json(fail('mail-no-address', 'You have no e-mail address: give one to send the test to.'));
      return;
    }
    const outcome = await mailer.sendTest(eventId, to);
    if (!outcome.sent) {
      res
        .status(409)
        .json(
          fail('mail-test-failed', `The SMTP server did not take the mail: ${outcome.error}`, { error: outcome.error }),
        );
      return;
    }
    res.json(ok({ to }));
  });

  router.post('/api/mail/invitations', guard('http:mail-send'), json, (req: OrganizerRequest, res) => {
    const parsed = mailInviteSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(res, zodRefusal(parsed.error));
    const organizer = req.organizer!;
    const eventId = organizer.eventId;
    const { to, personId, key } = parsed.data;
    const one = to === 'person' ? records.recipient(personId ?? '') : undefined;
    if (to === 'person' && (!one || one.eventId !== eventId || one.organizer)) {
      res.status(404).json(fail('person-unknown', 'That person is not registered for this event.'));
      return;
    }
    if (!records.settings(eventId)) return notConfigured(res);
    const at = deps.now();
    const outcome = change(
      { store, eventId, actor: organizer.id, at },
      (): { result: { queued: number; withoutAddress: number }; changes: { kind: string; data: unknown }[] } => {
        let people = records.recipients(eventId).filter((p) => !p.organizer);
        if (to === 'person') {
          people = people.filter((p) => p.id === personId);
        } else if (to === 'uninvited') {
          const invited = records.invited(eventId);
          people = people.filter((p) => !invited.has(p.id));
        }
        const reason = invitationReason(key);
        let queued = 0;
        for (const p of people) {
          if (p.email && records.enqueue({ id: deps.newId(), eventId, personId: p.id, reason }, at)) queued++;
        }
        const withoutAddress = people.filter((p) => !p.email).length;
        return {
          result: { queued, withoutAddress },
          changes: queued ? [{ kind: 'mail:invitations-queued', data: { to, queued } }] : [],
        };
      },
    );
    // Nothing in the write refuses: a refusal here would be a fault.
    if (!outcome.answer.ok) throw new Error(outcome.answer.error.message);
    mailer.kick();
    res.status(202).json(ok(outcome.answer.data));
  });

  router.post(
    '/api/mail/log/:id/retry',
    guard('http:mail-retry'),
    json,
    (req: OrganizerRequest & Request<{ id: string }>, res) => {
      const organizer = req.organizer!;
      const row = records.get(req.params.id);
      if (!row || row.eventId !== organizer.eventId) {
        res.status(404).json(fail('mail-unknown', 'No such mail in this event’s log.'));
        return;
      }
      const outcome = change({ store, eventId: organizer.eventId, actor: organizer.id, at: deps.now() }, () => {
        if (!records.retry(row.id, deps.now())) reject('mail-not-failed', 'Only a failed mail can be sent again.');
        return { result: null, changes: [{ kind: 'mail:retried', data: { mailId: row.id } }] };
      });
      if (!outcome.answer.ok) {
        res.status(409).json(outcome.answer);
        return;
      }
      mailer.kick();
      res.status(202).json(ok(null));
    },
  );

  // 「自分の名札」: the signed-in person's own QR, the printed badge's, for the door. Nobody else's.
  router.get('/api/me/badge', guard('http:my-badge'), async (req: OrganizerRequest, res) => {
    const me = records.recipient(req.organizer!.id)!;
    const url = mailer.signInUrl(me);
    const view: MyBadgeView = { name: me.name, orgName: me.orgName, url, qrSvg: await badgeQrSvg(url) };
    res.set('Cache-Control', 'no-store').json(ok(view));
  });

  return router;
}
