/**
 * The door: badge scans, manual check-in and undo, walk-in registration, corrections of a
 * registration, and badge reissue. Organizers only. Scans and manual check-ins carry a client-made
 * key, so a check-in queued offline and sent twice checks in once and gets the same answer both
 * times. `checkIn` is the one check-in, whoever asks for it (a scan, a search, a walk-in form).
 * A check-in a station decided offline comes with its age: it is dated then, the earlier check-in
 * of a person wins, and a person two stations let in is recorded as a double.
 */
import { createHash } from 'node:crypto';
import { BADGE_CHECK_LENGTH, BADGE_CHECK_PREFIX } from '../../shared/badge-check.js';
import { fail } from '../../shared/errors.js';
import type { CheckinAnswer, CheckinMethod, OrgKind, PersonSummary } from '../../shared/model.js';
import type { CommandInput, RegisterAnswer } from '../../shared/protocol.js';
import { actingPerson, refusal } from '../auth/policy.js';
import { makeToken, newNonce, openToken } from '../auth/tokens.js';
import { decideCheckIn, decideUndo, tokenFromScan, type CheckinDecision } from '../domain/checkin.js';
import { ofEvent } from '../domain/event-scope.js';
import {
  companyKindAgrees,
  correctionDistinct,
  keyOf,
  newPerson,
  type NamedCompany,
  type TypedRegistration,
} from '../domain/registration-rules.js';
import { toHiragana } from '../../shared/text.js';
import type { PersonRecord } from '../store/store.js';
import { change, unwrap, type Change } from './change.js';
import type { CommandContext, Outcome } from './context.js';

/** A person's badge link, built from the public address and the badge's current nonce. */
export const badgeUrl = (ctx: CommandContext, nonce: string) =>
  `${ctx.publicAddress().origin}/t/${makeToken(ctx.secret, 'person', nonce)}`;

/**
 * shared/badge-check.ts's badgeCheck, with node's SHA-256: the same value (the door-offline test
 * compares them) at a tenth of the cost of the portable one the stations use, for 1,000 at a time.
 */
function nodeBadgeCheck(token: string): string {
  return createHash('sha256')
    .update(BADGE_CHECK_PREFIX + token, 'utf8')
    .digest('base64url')
    .slice(0, BADGE_CHECK_LENGTH);
}

/**
 * The badge check of the badge with this nonce: what the server would print, hashed. Remembered per
 * nonce, so the organizers' snapshot of 1,000 people costs no 1,000 HMACs each time.
 */
export function badgeChecker(secret: Buffer): (nonce: string) => string {
  const known = new Map<string, string>();
  return (nonce) => {
    let check = known.get(nonce);
    if (check === undefined) {
      if (known.size >= 100_000) known.clear();
      check = nodeBadgeCheck(makeToken(secret, 'person', nonce));
      known.set(nonce, check);
    }
    return check;
  };
}

const summary = (ctx: CommandContext, personId: string): PersonSummary =>
  ctx.store.peopleSummaries(ctx.eventId, [personId])[0]!;

const personUnknown = () => fail('person-unknown', 'That person is not registered for this event.');

/**
 * The station a check-in is recorded at: a reception link's own station (its name), whatever its
 * page sends, so a changed page cannot write check-ins under another desk; an organizer's as typed.
 */
export const stationOf = (actor: PersonRecord, asked: string): string => (actor.role === 'door' ? actor.name : asked);

/** How a station asks to check someone in: where, how, under which key, and, if offline, when and what it showed. */
export interface CheckinAsk {
  station: string;
  method: CheckinMethod;
  key: string;
  /** How long ago the station recorded it on its own clock (queued offline); absent: now. */
  ageMs?: number | undefined;
  local?: 'checked-in' | 'already' | undefined;
}

/** The change-log rows of a check-in decision: none for "already" without a double. */
function checkinChanges(personId: string, decision: CheckinDecision): Change[] {
  const changes: Change[] = [];
  if (decision.kind === 'new') changes.push({ kind: 'checkin:added', data: { personId, ...decision.checkin } });
  if (decision.kind === 'earlier') {
    changes.push({ kind: 'checkin:moved', data: { personId, ...decision.checkin, was: decision.was } });
  }
  if (decision.kind !== 'new' && decision.double) {
    changes.push({ kind: 'checkin:double', data: { personId, ...decision.double } });
  }
  return changes;
}

/**
 * Checks `person` in, once: a second check-in is answered "already, at 13:02" and writes nothing.
 * Scans and manual check-ins share one key space: both are "check this person in" from the outbox.
 * One queued offline is dated now − its age; if it is earlier than the check-in held, it takes its
 * place (counts stay one per person), and a person let in at two stations is listed as a double.
 */
export function checkIn(
  ctx: CommandContext,
  actor: PersonRecord,
  person: PersonRecord,
  ask: CheckinAsk,
): Outcome<CheckinAnswer> {
  const { store, eventId } = ctx;
  const now = ctx.now();
  const at = now - (ask.ageMs ?? 0);
  return change({ ...ctx, actor: actor.id, at: now, keyed: { command: 'checkin', key: ask.key } }, () => {
    const request = { station: stationOf(actor, ask.station), method: ask.method, at, local: ask.local };
    const decision = decideCheckIn(store.getCheckin(person.id), request);
    if (decision.kind === 'new') store.insertCheckin(eventId, person.id, decision.checkin);
    if (decision.kind === 'earlier') store.records.checkins.replace(person.id, decision.checkin);
    if (decision.kind !== 'new' && decision.double) {
      store.records.doorDoubles.insert(eventId, person.id, decision.double, now);
    }
    const answer: CheckinAnswer = {
      outcome: decision.kind === 'already' ? 'already' : 'checked-in',
      person: summary(ctx, person.id),
      checkin: decision.checkin,
    };
    return {
      result: answer,
      changes: checkinChanges(person.id, decision),
      publish: (seq) => ctx.publisher.doorChanged(eventId, [person.id], seq, [answer.person]),
    };
  });
}

/** A badge reissued away: whose it was ({ name }), when it is this event's, as a station says offline. */
function revoked(ctx: CommandContext, nonce: string) {
  const owner = ofEvent(ctx.eventId, ctx.store.records.people.byRevokedBadgeNonce(nonce));
  return fail(
    'badge-revoked',
    'This badge was reissued and no longer works. Find the person by name instead.',
    owner ? { name: owner.name } : undefined,
  );
}

export function checkinScan(ctx: CommandContext, input: CommandInput<'checkin:scan'>): Outcome<CheckinAnswer> {
  const organizer = actingPerson(ctx.principal, 'checkin:scan');
  if (!organizer) return { answer: refusal(ctx.principal, 'checkin:scan') };
  const token = tokenFromScan(input.text);
  const nonce = token ? openToken(ctx.secret, 'person', token) : null;
  if (!nonce) return { answer: fail('badge-unknown', 'This QR code is not a badge of this event.') };
  const person = ctx.store.personByBadgeNonce(nonce);
  if (!person) return { answer: revoked(ctx, nonce) };
  if (person.eventId !== ctx.eventId) return { answer: fail('badge-other-event', 'This badge is for another event.') };
  return checkIn(ctx, organizer, person, { ...input, method: 'qr' });
}

export function checkinPerson(ctx: CommandContext, input: CommandInput<'checkin:person'>): Outcome<CheckinAnswer> {
  const organizer = actingPerson(ctx.principal, 'checkin:person');
  if (!organizer) return { answer: refusal(ctx.principal, 'checkin:person') };
  const person = ofEvent(ctx.eventId, ctx.store.getPerson(input.personId));
  if (!person) return { answer: personUnknown() };
  return checkIn(ctx, organizer, person, { ...input, method: 'search' });
}

export function checkinUndo(ctx: CommandContext, input: CommandInput<'checkin:undo'>): Outcome<PersonSummary> {
  const organizer = actingPerson(ctx.principal, 'checkin:undo');
  if (!organizer) return { answer: refusal(ctx.principal, 'checkin:undo') };
  const { store, eventId } = ctx;
  const person = ofEvent(eventId, store.getPerson(input.personId));
  if (!person) return { answer: personUnknown() };
  return change({ ...ctx, actor: organizer.id, at: ctx.now() }, () => {
    const was = unwrap(decideUndo(store.getCheckin(person.id)));
    store.deleteCheckin(person.id);
    const result = summary(ctx, person.id);
    return {
      result,
      changes: [{ kind: 'checkin:removed', data: { personId: person.id, was } }],
      publish: (seq) => ctx.publisher.doorChanged(eventId, [person.id], seq, [result]),
    };
  });
}

/** The company a registration names: the stored one if its kind agrees, or none yet (to be created). */
function companyFor(ctx: CommandContext, typed: TypedRegistration): NamedCompany {
  return unwrap(companyKindAgrees(ctx.store.organizationByName(ctx.eventId, typed.company), typed));
}

/** The organization a registration joins: the one it names, or a new one made now. */
function joinCompany(ctx: CommandContext, existing: NamedCompany, name: string, kind: OrgKind): string {
  if (existing) return existing.id;
  const orgId = ctx.newId();
  ctx.store.insertOrganization({ id: orgId, eventId: ctx.eventId, kind, name });
  return orgId;
}

function registerAnswer(ctx: CommandContext, personId: string): RegisterAnswer {
  const person = summary(ctx, personId);
  return {
    person,
    badgeUrl: badgeUrl(ctx, ctx.store.getPerson(personId)!.badgeNonce),
    checkin: person.checkin ? { outcome: 'checked-in', person, checkin: person.checkin } : null,
  };
}

export function registerPerson(ctx: CommandContext, input: CommandInput<'person:register'>): Outcome<RegisterAnswer> {
  const organizer = actingPerson(ctx.principal, 'person:register');
  if (!organizer) return { answer: refusal(ctx.principal, 'person:register') };
  const { store, eventId, publisher } = ctx;
  const at = ctx.now();
  let newVenture = false;
  return change(
    {
      ...ctx,
      actor: organizer.id,
      at,
      // A retry is answered from what was registered; the badge URL is rebuilt from the current
      // nonce, so no sign-in secret is ever written to the database.
      keyed: {
        command: 'person:register',
        key: input.key,
        remember: (answer) => ({ personId: answer.person.id }),
        replay: (remembered: { personId: string }) => registerAnswer(ctx, remembered.personId),
      },
    },
    () => {
      const typed = { ...input, email: input.email || null };
      const existingOrg = companyFor(ctx, typed);
      const key = keyOf(typed, existingOrg);
      unwrap(
        newPerson(store.registeredPeople(eventId), typed, existingOrg, store.personByRegistrationKey(eventId, key)),
      );
      const personId = ctx.newId();
      const orgId = joinCompany(ctx, existingOrg, input.company, input.kind);
      newVenture = !existingOrg && input.kind === 'venture';
      store.insertPerson({
        id: personId,
        eventId,
        organizationId: orgId,
        name: input.name,
        nameKana: toHiragana(input.kana),
        email: typed.email,
        title: input.title,
        badgeNonce: newNonce(),
        createdAt: at,
        registrationKey: key,
      });
      const changes: Change[] = [
        {
          kind: 'person:registered',
          data: { personId, orgId, name: input.name, company: input.company, kind: input.kind },
        },
      ];
      if (input.checkIn) {
        const checkin = { at, station: stationOf(organizer, input.station), method: 'walk-in' as const };
        store.insertCheckin(eventId, personId, checkin);
        changes.push({ kind: 'checkin:added', data: { personId, ...checkin } });
      }
      return {
        result: registerAnswer(ctx, personId),
        changes,
        publish: (seq) => {
          publisher.doorChanged(eventId, [personId], seq);
          // A venture new to the event must reach every screen's list (directory, program editor, board).
          if (newVenture) publisher.programChanged(eventId, seq);
        },
      };
    },
  );
}

export function updatePerson(ctx: CommandContext, input: CommandInput<'person:update'>): Outcome<PersonSummary> {
  const organizer = actingPerson(ctx.principal, 'person:update');
  if (!organizer) return { answer: refusal(ctx.principal, 'person:update') };
  const { store, eventId, publisher } = ctx;
  const person = ofEvent(eventId, store.getPerson(input.personId));
  if (!person || person.role === 'organizer') return { answer: personUnknown() };
  return change({ ...ctx, actor: organizer.id, at: ctx.now() }, () => {
    const people = store.registeredPeople(eventId);
    // The console's form does not show the e-mail: left out, it stays as stored.
    const email =
      input.email === undefined ? (people.find((p) => p.id === person.id)?.email ?? null) : input.email || null;
    const typed = { ...input, email };
    const existingOrg = companyFor(ctx, typed);
    const key = keyOf(typed, existingOrg);
    unwrap(correctionDistinct(people, person.id, typed, existingOrg, store.personByRegistrationKey(eventId, key)));
    const orgId = joinCompany(ctx, existingOrg, input.company, input.kind);
    store.updatePerson(person.id, {
      organizationId: orgId,
      name: input.name,
      nameKana: toHiragana(input.kana),
      email,
      title: input.title,
      tags: store.personTags(person.id),
      registrationKey: key,
    });
    // A socket keeps its person as signed in (name, organization, rooms): it starts afresh.
    const moved = orgId !== person.org?.id || input.name !== person.name;
    return {
      result: summary(ctx, person.id),
      changes: [
        { kind: 'person:updated', data: { personId: person.id, orgId, name: input.name, company: input.company } },
      ],
      publish: (seq) => {
        publisher.personChanged(eventId, person.id, seq);
        // Another organization means other rooms, another name another header: the person's
        // sockets reconnect, into the right rooms and with a fresh snapshot.
        if (moved) publisher.disconnectPeople([person.id]);
        if (!existingOrg && input.kind === 'venture') publisher.programChanged(eventId, seq);
      },
    };
  });
}

export function reissueBadge(
  ctx: CommandContext,
  input: CommandInput<'badge:reissue'>,
): Outcome<{ person: PersonSummary; badgeUrl: string }> {
  const organizer = actingPerson(ctx.principal, 'badge:reissue');
  if (!organizer) return { answer: refusal(ctx.principal, 'badge:reissue') };
  const { store, eventId, publisher } = ctx;
  const person = ofEvent(eventId, store.getPerson(input.personId));
  if (!person) return { answer: personUnknown() };
  return change(
    {
      ...ctx,
      actor: organizer.id,
      at: ctx.now(),
      // A resend gets the badge as it is now (its URL rebuilt from the stored nonce), not a third one.
      keyed: {
        command: 'badge:reissue',
        key: input.key,
        remember: () => ({ personId: person.id }),
        replay: () => ({ person: summary(ctx, person.id), badgeUrl: badgeUrl(ctx, person.badgeNonce) }),
      },
    },
    () => {
      const nonce = newNonce();
      store.setBadgeNonce(person.id, nonce, ctx.now());
      return {
        result: { person: summary(ctx, person.id), badgeUrl: badgeUrl(ctx, nonce) },
        changes: [{ kind: 'badge:reissued', data: { personId: person.id } }],
        publish: (seq) => {
          // The old badge's phone sessions end now, not at their next reconnect.
          publisher.disconnectPeople([person.id]);
          publisher.doorChanged(eventId, [person.id], seq);
        },
      };
    },
  );
}
