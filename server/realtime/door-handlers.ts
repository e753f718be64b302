/**
 * The door: badge scans, manual check-in and undo, walk-in registration, badge reissue, and the
 * profiles of organizations. Organizers only (a venture may edit its own profile). Scans carry a
 * client-made key, so a scan queued offline and sent twice checks in once and gets the same answer
 * both times.
 */
import { fail, ok } from '../../shared/errors.js';
import type { CheckinAnswer, CheckinMethod, OrgKind, PersonSummary, VentureInfo } from '../../shared/model.js';
import { accept, refuse, type Result } from '../domain/result.js';
import {
  badgeReissueSchema,
  checkinPersonSchema,
  checkinScanSchema,
  checkinUndoSchema,
  orgUpdateSchema,
  personRegisterSchema,
  personUpdateSchema,
  type RegisterAnswer,
} from '../../shared/protocol.js';
import { actingPerson, allowed, refusal, type Action } from '../auth/policy.js';
import { makeToken, newNonce, openToken } from '../auth/tokens.js';
import { decideCheckIn, decideUndo, tokenFromScan } from '../domain/checkin.js';
import { matchPerson, registrationClash } from '../domain/registration-match.js';
import { registrationKey, toHiragana } from '../import/registrations.js';
import type { PersonRecord } from '../store/store.js';
import type { AppSocket, Command, HandlerDeps, Outcome } from './command.js';
import { rooms } from './principal.js';

export function registerDoorHandlers(socket: AppSocket, command: Command, deps: HandlerDeps): void {
  const { store, publisher, now } = deps;
  const principal = socket.data.principal;
  const eventId = principal.eventId;
  const forbidden = (action: Action) => ({ answer: refusal(principal, action) });
  const badgeUrl = (nonce: string) => `${deps.publicAddress().origin}/t/${makeToken(deps.secret, 'person', nonce)}`;
  const summary = (personId: string): PersonSummary => store.peopleSummaries(eventId, [personId])[0]!;

  // Scans and manual check-ins share one key space: both are "check this person in" from the outbox.
  function checkIn(
    actor: PersonRecord,
    person: PersonRecord,
    station: string,
    method: CheckinMethod,
    key: string,
  ): Outcome<CheckinAnswer> {
    const replay = store.idempotentAnswer<CheckinAnswer>(actor.id, 'checkin', key);
    if (replay) return { answer: ok(replay) };
    const at = now();
    const { result, seq } = store.mutate(eventId, actor.id, at, () => {
      const decision = decideCheckIn(store.getCheckin(person.id), station, method, at);
      if (decision.kind === 'new') store.insertCheckin(eventId, person.id, decision.checkin);
      const answer: CheckinAnswer = {
        outcome: decision.kind === 'new' ? 'checked-in' : 'already',
        person: summary(person.id),
        checkin: decision.checkin,
      };
      store.rememberAnswer(actor.id, 'checkin', key, answer, at);
      const changes =
        decision.kind === 'new' ? [{ kind: 'checkin:added', data: { personId: person.id, ...decision.checkin } }] : [];
      return { result: answer, changes };
    });
    return {
      answer: ok(result),
      ...(result.outcome === 'checked-in' ? { publish: () => publisher.doorChanged(eventId, [person.id], seq) } : {}),
    };
  }

  /** The company a registration names: the stored one if its kind agrees, or none yet (to be created). */
  function companyFor(name: string, kind: OrgKind): Result<ReturnType<typeof store.organizationByName>> {
    const existing = store.organizationByName(eventId, name);
    if (existing && existing.kind !== kind) {
      return refuse('kind-differs', `${name} is registered as a ${existing.kind}, not a ${kind}.`, {
        company: existing.name,
        stored: existing.kind,
        kind,
      });
    }
    return accept(existing);
  }

  function registerAnswer(personId: string): RegisterAnswer {
    const person = summary(personId);
    return {
      person,
      badgeUrl: badgeUrl(store.getPerson(personId)!.badgeNonce),
      checkin: person.checkin ? { outcome: 'checked-in', person, checkin: person.checkin } : null,
    };
  }

  const personOfEvent = (personId: string) => {
    const person = store.getPerson(personId);
    return person && person.eventId === eventId ? person : undefined;
  };

  command('checkin:scan', checkinScanSchema, (input) => {
    const organizer = actingPerson(principal, 'checkin:scan');
    if (!organizer) return forbidden('checkin:scan');
    const token = tokenFromScan(input.text);
    const nonce = token ? openToken(deps.secret, 'person', token) : null;
    if (!nonce) return { answer: fail('badge-unknown', 'This QR code is not a badge of this event.') };
    const person = store.personByBadgeNonce(nonce);
    if (!person) {
      return {
        answer: fail('badge-revoked', 'This badge was reissued and no longer works. Find the person by name instead.'),
      };
    }
    if (person.eventId !== eventId) return { answer: fail('badge-other-event', 'This badge is for another event.') };
    return checkIn(organizer, person, input.station, 'qr', input.key);
  });

  command('checkin:person', checkinPersonSchema, (input) => {
    const organizer = actingPerson(principal, 'checkin:person');
    if (!organizer) return forbidden('checkin:person');
    const person = personOfEvent(input.personId);
    if (!person) return { answer: fail('person-unknown', 'That person is not registered for this event.') };
    return checkIn(organizer, person, input.station, 'search', input.key);
  });

  command('checkin:undo', checkinUndoSchema, (input) => {
    const organizer = actingPerson(principal, 'checkin:undo');
    if (!organizer) return forbidden('checkin:undo');
    const person = personOfEvent(input.personId);
    if (!person) return { answer: fail('person-unknown', 'That person is not registered for this event.') };
    const at = now();
    const decided = decideUndo(store.getCheckin(person.id));
    if (!decided.ok) return { answer: { ok: false, error: decided.error } };
    const { seq } = store.mutate(eventId, organizer.id, at, () => {
      store.deleteCheckin(person.id);
      return {
        result: null,
        changes: [{ kind: 'checkin:removed', data: { personId: person.id, was: decided.value } }],
      };
    });
    return { answer: ok(summary(person.id)), publish: () => publisher.doorChanged(eventId, [person.id], seq) };
  });

  command('person:register', personRegisterSchema, (input) => {
    const organizer = actingPerson(principal, 'person:register');
    if (!organizer) return forbidden('person:register');
    // A retry is answered from what was registered; the badge URL is rebuilt from the current nonce,
    // so no sign-in secret is ever written to the database.
    const replayed = store.idempotentAnswer<{ personId: string }>(organizer.id, 'person:register', input.key);
    if (replayed) return { answer: ok(registerAnswer(replayed.personId)) };
    const company = companyFor(input.company, input.kind);
    if (!company.ok) return { answer: { ok: false, error: company.error } };
    const existingOrg = company.value;
    const email = input.email || null;
    const key = registrationKey({ email, name: input.name, company: existingOrg?.name ?? input.company });
    // The same person however name and company are spelled, or someone registered before without an e-mail.
    const known = matchPerson(store.registeredPeople(eventId), {
      email,
      name: input.name,
      orgId: existingOrg?.id ?? null,
    });
    if (known.kind !== 'new' || store.personByRegistrationKey(eventId, key)) {
      return {
        answer: fail(
          'person-registered',
          `${input.name} (${input.company}) is already registered. Find them by name.`,
          {
            name: input.name,
            company: input.company,
          },
        ),
      };
    }
    const at = now();
    const personId = deps.newId();
    const nonce = newNonce();
    const { seq } = store.mutate(eventId, organizer.id, at, () => {
      const orgId = existingOrg?.id ?? deps.newId();
      if (!existingOrg) store.insertOrganization({ id: orgId, eventId, kind: input.kind, name: input.company });
      store.insertPerson({
        id: personId,
        eventId,
        organizationId: orgId,
        name: input.name,
        nameKana: toHiragana(input.kana),
        email,
        title: input.title,
        badgeNonce: nonce,
        createdAt: at,
        registrationKey: key,
      });
      const changes = [
        {
          kind: 'person:registered',
          data: { personId, orgId, name: input.name, company: input.company, kind: input.kind },
        },
      ];
      if (input.checkIn) {
        const checkin = { at, station: input.station, method: 'walk-in' as const };
        store.insertCheckin(eventId, personId, checkin);
        changes.push({ kind: 'checkin:added', data: { personId, ...checkin } as never });
      }
      store.rememberAnswer(organizer.id, 'person:register', input.key, { personId }, at);
      return { result: null, changes };
    });
    return {
      answer: ok(registerAnswer(personId)),
      publish: () => {
        publisher.doorChanged(eventId, [personId], seq);
        // A venture new to the event must reach every screen's list (directory, program editor, board).
        if (!existingOrg && input.kind === 'venture') publisher.programChanged(eventId, seq);
      },
    };
  });

  command('person:update', personUpdateSchema, (input) => {
    const organizer = actingPerson(principal, 'person:update');
    if (!organizer) return forbidden('person:update');
    const person = personOfEvent(input.personId);
    if (!person || person.role === 'organizer')
      return { answer: fail('person-unknown', 'That person is not registered for this event.') };
    const company = companyFor(input.company, input.kind);
    if (!company.ok) return { answer: { ok: false, error: company.error } };
    const existingOrg = company.value;
    const people = store.registeredPeople(eventId);
    const others = people.filter((p) => p.id !== person.id);
    // The console's form does not show the e-mail: left out, it stays as stored.
    const email =
      input.email === undefined ? (people.find((p) => p.id === person.id)?.email ?? null) : input.email || null;
    const key = registrationKey({ email, name: input.name, company: existingOrg?.name ?? input.company });
    const owner = store.personByRegistrationKey(eventId, key);
    if (
      registrationClash(others, { email, name: input.name, orgId: existingOrg?.id ?? null }) ||
      (owner && owner.id !== person.id)
    ) {
      return {
        answer: fail(
          'person-registered-other',
          `${input.name} (${input.company}) is already registered as someone else.`,
          {
            name: input.name,
            company: input.company,
          },
        ),
      };
    }
    const at = now();
    const { result: moved, seq } = store.mutate(eventId, organizer.id, at, () => {
      const orgId = existingOrg?.id ?? deps.newId();
      if (!existingOrg) store.insertOrganization({ id: orgId, eventId, kind: input.kind, name: input.company });
      store.updatePerson(person.id, {
        organizationId: orgId,
        name: input.name,
        nameKana: toHiragana(input.kana),
        email,
        title: input.title,
        tags: store.personTags(person.id),
        registrationKey: key,
      });
      return {
        // A socket keeps its person as signed in (name, organization, rooms): it starts afresh.
        result: orgId !== person.org?.id || input.name !== person.name,
        changes: [
          { kind: 'person:updated', data: { personId: person.id, orgId, name: input.name, company: input.company } },
        ],
      };
    });
    return {
      answer: ok(summary(person.id)),
      publish: () => {
        publisher.personChanged(eventId, person.id, seq);
        // Another organization means other rooms, another name another header: the person's
        // sockets reconnect, into the right rooms and with a fresh snapshot.
        if (moved) publisher.disconnectPeople([person.id]);
        if (!existingOrg && input.kind === 'venture') publisher.programChanged(eventId, seq);
      },
    };
  });

  command('org:update', orgUpdateSchema, (input) => {
    const actor = actingPerson(principal, 'org:update');
    if (!actor) return forbidden('org:update');
    // 'own' is the venture's own organization, from its session: asked before the id is looked up,
    // so a venture learns nothing of other organizations' ids.
    if (allowed(principal, 'org:update') === 'own' && input.orgId !== actor.org?.id) return forbidden('org:update');
    const org = store.getOrganization(input.orgId);
    if (!org || org.eventId !== eventId) {
      return { answer: fail('org-unknown', 'That organization is not registered for this event.') };
    }
    if (input.key) {
      const replayed = store.idempotentAnswer<VentureInfo>(actor.id, 'org:update', input.key);
      if (replayed) return { answer: ok(replayed) };
    }
    // A topic typed twice is one topic.
    const profile = { nameKana: toHiragana(input.nameKana), summary: input.summary, tags: [...new Set(input.tags)] };
    const at = now();
    const { result, seq } = store.mutate(eventId, actor.id, at, () => {
      const updated = store.updateOrganizationProfile(org.id, profile)!;
      if (input.key) store.rememberAnswer(actor.id, 'org:update', input.key, updated, at);
      return { result: updated, changes: [{ kind: 'org:updated', data: { orgId: org.id, ...profile } }] };
    });
    // The program fact carries the ventures: every phone's directory shows the new profile.
    return {
      answer: ok(result),
      ...(org.kind === 'venture' ? { publish: () => publisher.programChanged(eventId, seq) } : {}),
    };
  });

  command('badge:reissue', badgeReissueSchema, (input) => {
    const organizer = actingPerson(principal, 'badge:reissue');
    if (!organizer) return forbidden('badge:reissue');
    const person = personOfEvent(input.personId);
    if (!person) return { answer: fail('person-unknown', 'That person is not registered for this event.') };
    // A resend gets the badge as it is now (its URL rebuilt from the stored nonce), not a third one.
    if (input.key && store.idempotentAnswer(organizer.id, 'badge:reissue', input.key)) {
      return { answer: ok({ person: summary(person.id), badgeUrl: badgeUrl(person.badgeNonce) }) };
    }
    const nonce = newNonce();
    const at = now();
    const { seq } = store.mutate(eventId, organizer.id, at, () => {
      store.setBadgeNonce(person.id, nonce);
      if (input.key) store.rememberAnswer(organizer.id, 'badge:reissue', input.key, { personId: person.id }, at);
      return { result: null, changes: [{ kind: 'badge:reissued', data: { personId: person.id } }] };
    });
    return {
      answer: ok({ person: summary(person.id), badgeUrl: badgeUrl(nonce) }),
      publish: () => {
        // The old badge's phone sessions end now, not at their next reconnect.
        socket.nsp.in(rooms.person(person.id)).disconnectSockets(true);
        publisher.doorChanged(eventId, [person.id], seq);
      },
    };
  });
}
