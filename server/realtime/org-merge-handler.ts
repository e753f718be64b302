/**
 * `org:merge`: an organizer makes one company registered twice into one organization. Thin, as
 * every command: parse → authorize → read both inside one immediate transaction → the domain's
 * clash rules (server/domain/org-merge.ts) → the writes and their change-log rows → ack → facts to
 * every screen that shows something that moved. A clash rolls everything back and is the answer.
 */
import { fail, ok } from '../../shared/errors.js';
import { Refusal } from '../domain/result.js';
import { LIMITS } from '../../shared/constants.js';
import { orgMergeSchema, type OrgMergeAnswer } from '../../shared/protocol.js';
import { actingPerson, refusal } from '../auth/policy.js';
import { decideMerge, type MergePlan } from '../domain/org-merge.js';
import { pendingPairsOf, takenPlaces } from '../store/booking-reads.js';
import { applyMerge, mergeHoldings, type MergeHoldings } from '../store/org-merge.js';
import type { AppSocket, Command, HandlerDeps } from './command.js';
import { expireWithoutPlace } from './request-places.js';

export function registerOrgMergeHandler(socket: AppSocket, command: Command, deps: HandlerDeps): void {
  const { store, publisher, now } = deps;
  const principal = socket.data.principal;
  const eventId = principal.eventId;
  const orgOfEvent = (orgId: string) => {
    const org = store.getOrganization(orgId);
    return org && org.eventId === eventId ? org : undefined;
  };

  /** The merged organization is busier than either was: its open requests with no place left expire. */
  const expireHopeless = (orgId: string, at: number) =>
    expireWithoutPlace(store, eventId, pendingPairsOf(store, eventId, [orgId]), takenPlaces(store, eventId), at);

  command('org:merge', orgMergeSchema, (input) => {
    const organizer = actingPerson(principal, 'org:merge');
    if (!organizer) return { answer: refusal(principal, 'org:merge') };
    // A resend after a lost answer finds `from` gone: it gets the first answer instead of NOT_FOUND.
    const replay = store.idempotentAnswer<OrgMergeAnswer>(organizer.id, 'org:merge', input.key);
    if (replay) return { answer: ok(replay) };
    const into = orgOfEvent(input.intoOrgId);
    const from = orgOfEvent(input.fromOrgId);
    if (!into || !from) {
      return { answer: fail('orgs-unknown', 'Both organizations must be part of this event.') };
    }
    const at = now();
    let done: { held: MergeHoldings; plan: MergePlan; expired: string[] };
    let seq: number;
    let answer: OrgMergeAnswer;
    try {
      ({ result: done, seq } = store.mutate(eventId, organizer.id, at, () => {
        // Read inside the transaction: a booking a moment ago counts.
        const held = mergeHoldings(store, eventId, into.id, from.id);
        const names = new Map<string, string>();
        const decided = decideMerge(
          {
            into,
            from,
            ...held,
            capPerOrg: store.getGrid(eventId)?.capPerOrg ?? null,
            nameOf: (id) => {
              if (!names.has(id)) names.set(id, store.getOrganization(id)?.name ?? id);
              return names.get(id)!;
            },
          },
          store.getEvent(eventId)!.timeZone,
        );
        if (!decided.ok) throw new Refusal(decided.error);
        const plan = decided.value;
        // Each interest row that changes is logged as the tap that would have made it, so the change
        // log replays to the store's interests without knowing what a merge is.
        const interestChanges = plan.interests.flatMap(({ personId, kept }) => {
          const moved = store.getInterest(personId, from.id)!;
          return [
            { kind: 'interest:removed', data: { personId, ventureId: from.id, interest: null } },
            ...(kept === 'from'
              ? [
                  {
                    kind: 'interest:set',
                    data: { personId, ventureId: into.id, interest: { ...moved, ventureId: into.id } },
                  },
                ]
              : []),
          ];
        });
        applyMerge(store, { intoId: into.id, fromId: from.id, plan, now: at, maxTags: LIMITS.tagsPerInterest });
        const expired = expireHopeless(into.id, at);
        const ofFrom = (sides: string[]) => sides.includes(from.id);
        answer = {
          into: { id: into.id, name: into.name },
          from: { id: from.id, name: from.name },
          people: held.people.length,
          requests: held.requests.filter((r) => ofFrom([r.fromOrgId, r.toOrgId])).length,
          meetings: held.meetings.filter((m) => ofFrom([m.guestOrgId, m.ventureOrgId])).length,
          pitches: held.pitches.length,
          interests: plan.interests.filter((i) => i.kept === 'from').length,
        };
        store.rememberAnswer(organizer.id, 'org:merge', input.key, answer, at);
        return {
          result: { held, plan, expired },
          changes: [
            {
              kind: 'org:merged',
              data: {
                into: into.id,
                from,
                people: held.people,
                pitches: held.pitches,
                interests: plan.interests,
              },
            },
            ...interestChanges,
            ...plan.answered.map((a) => ({ kind: 'meeting:accepted', data: a })),
            ...expired.map((id) => ({ kind: 'meeting:expired', data: { id } })),
          ],
        };
      }));
    } catch (error) {
      if (error instanceof Refusal) return { answer: { ok: false, error: error.error } };
      throw error;
    }
    const { held, plan, expired } = done;
    return {
      answer: ok(answer!),
      publish: () => {
        // The organizers' people list and the companies figure; then every request and meeting that
        // now names `into`, to both sides and the organizers.
        publisher.doorChanged(eventId, held.people, seq);
        const ofFrom = (sides: string[]) => sides.includes(from.id);
        const requests = held.requests.filter((r) => ofFrom([r.fromOrgId, r.toOrgId])).map((r) => r.id);
        const meetings = held.meetings.filter((m) => ofFrom([m.guestOrgId, m.ventureOrgId])).map((m) => m.id);
        publisher.meetingsChanged(
          eventId,
          [...new Set([...requests, ...plan.answered.map((a) => a.requestId), ...expired])],
          [...new Set([...meetings, ...plan.answered.map((a) => a.meetingId)])],
          seq,
        );
        if (into.kind === 'venture') {
          // Each person's interest in `from` is gone, and the one in `into` is what was kept.
          for (const { personId } of plan.interests) {
            publisher.interestChanged(eventId, personId, from.id, null, seq, false);
            publisher.interestChanged(
              eventId,
              personId,
              into.id,
              store.getInterest(personId, into.id) ?? null,
              seq,
              false,
            );
          }
          publisher.leadsChanged([into.id], seq);
          // The directory, the program and the board list ventures: one fewer, its pitches under `into`.
          publisher.programChanged(eventId, seq);
        } else {
          publisher.leadsChanged(held.leadVentures, seq);
        }
        // `from`'s people belong to another organization now: their phones reconnect into its rooms.
        publisher.disconnectPeople(held.people);
      },
    };
  });
}
