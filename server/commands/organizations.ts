/**
 * Organizations: `org:update` (a profile as the directory shows it; a venture may edit its own),
 * `org:challenges` (a firm's or partner's 課題; its own people or organizers state them) and
 * `org:merge` (one company registered twice becomes one; organizers only). A merge reads both
 * inside its transaction, asks the domain's clash rules (server/domain/org-merge.ts), writes and
 * logs each moved row, and tells every screen that shows something that moved.
 */
import { hasChallenges, type Challenges } from '../../shared/challenges.js';
import { LIMITS } from '../../shared/constants.js';
import { fail } from '../../shared/errors.js';
import type { OrgInfo, VentureInfo } from '../../shared/model.js';
import type { CommandInput, OrgMergeAnswer } from '../../shared/protocol.js';
import { actingPerson, allowed, refusal } from '../auth/policy.js';
import { ofEvent } from '../domain/event-scope.js';
import { decideMerge, type MergePlan } from '../domain/org-merge.js';
import { toHiragana } from '../../shared/text.js';
import { pendingPairsOf, takenPlaces } from '../store/booking-reads.js';
import { applyMerge, mergeHoldings, type MergeHoldings } from '../store/org-merge.js';
import { change, reject, unwrap, type Change } from './change.js';
import type { CommandContext, Outcome } from './context.js';
import { expireWithoutPlace } from './request-places.js';

export function updateOrg(ctx: CommandContext, input: CommandInput<'org:update'>): Outcome<VentureInfo> {
  const actor = actingPerson(ctx.principal, 'org:update');
  if (!actor) return { answer: refusal(ctx.principal, 'org:update') };
  // 'own' is the venture's own organization, from its session: asked before the id is looked up,
  // so a venture learns nothing of other organizations' ids.
  if (allowed(ctx.principal, 'org:update') === 'own' && input.orgId !== actor.org?.id) {
    return { answer: refusal(ctx.principal, 'org:update') };
  }
  const { store, eventId } = ctx;
  const org = ofEvent(eventId, store.getOrganization(input.orgId));
  if (!org) return { answer: fail('org-unknown', 'That organization is not registered for this event.') };
  // A topic typed twice is one topic.
  const profile = { nameKana: toHiragana(input.nameKana), summary: input.summary, tags: [...new Set(input.tags)] };
  return change({ ...ctx, actor: actor.id, at: ctx.now(), keyed: { command: 'org:update', key: input.key } }, () => ({
    result: store.updateOrganizationProfile(org.id, profile)!,
    changes: [{ kind: 'org:updated', data: { orgId: org.id, ...profile } }],
    // The program fact carries the ventures: every phone's directory shows the new profile (and the
    // board's count of fitting firms follows the topics it now addresses).
    publish: (seq) => {
      if (org.kind === 'venture') ctx.publisher.programChanged(eventId, seq);
    },
  }));
}

/**
 * States an organization's challenges. Whose they are comes from the session: a firm's or partner's
 * people reach their own organization only (another's id is refused before it is looked up, as
 * `org:update` does), organizers any firm or partner of the event. A venture has no challenges: what it
 * addresses is its profile's topics.
 */
export function setChallenges(ctx: CommandContext, input: CommandInput<'org:challenges'>): Outcome<Challenges | null> {
  const actor = actingPerson(ctx.principal, 'org:challenges');
  if (!actor) return { answer: refusal(ctx.principal, 'org:challenges') };
  if (allowed(ctx.principal, 'org:challenges') === 'own' && input.orgId !== actor.org?.id) {
    return { answer: refusal(ctx.principal, 'org:challenges') };
  }
  const { store, eventId } = ctx;
  const org = ofEvent(eventId, store.getOrganization(input.orgId));
  if (!org) return { answer: fail('org-unknown', 'That organization is not registered for this event.') };
  if (org.kind === 'venture') {
    return { answer: fail('challenges-guests-only', 'A venture states what it addresses in its profile topics.') };
  }
  const stated: Challenges = { categories: input.categories, topics: input.topics, note: input.note };
  // Nothing stated is stored as none, so "no challenges" has one form.
  const challenges = hasChallenges(stated) ? stated : null;
  return change(
    { ...ctx, actor: actor.id, at: ctx.now(), keyed: { command: 'org:challenges', key: input.key } },
    () => {
      if (JSON.stringify(store.records.organizations.challenges(org.id)) === JSON.stringify(challenges)) {
        return { result: challenges, changes: [] };
      }
      store.records.organizations.setChallenges(org.id, challenges);
      return {
        result: challenges,
        changes: [{ kind: 'org:challenges', data: { orgId: org.id, challenges } }],
        publish: (seq) => ctx.publisher.challengesChanged(eventId, org.id, seq),
      };
    },
  );
}

/** What a merge read and decided, for the facts sent after it. */
interface Merged {
  into: OrgInfo;
  from: OrgInfo;
  held: MergeHoldings;
  plan: MergePlan;
  expired: string[];
}

export function mergeOrgs(ctx: CommandContext, input: CommandInput<'org:merge'>): Outcome<OrgMergeAnswer> {
  const organizer = actingPerson(ctx.principal, 'org:merge');
  if (!organizer) return { answer: refusal(ctx.principal, 'org:merge') };
  const { store, eventId } = ctx;
  const at = ctx.now();
  // A resend after a lost answer finds `from` gone: the key answers it first, instead of NOT_FOUND.
  return change({ ...ctx, actor: organizer.id, at, keyed: { command: 'org:merge', key: input.key } }, () => {
    const into = ofEvent(eventId, store.getOrganization(input.intoOrgId));
    const from = ofEvent(eventId, store.getOrganization(input.fromOrgId));
    if (!into || !from) return reject('orgs-unknown', 'Both organizations must be part of this event.');
    // Read inside the transaction: a booking a moment ago counts.
    const held = mergeHoldings(store, eventId, into.id, from.id);
    const plan = unwrap(
      decideMerge(
        { into, from, ...held, capPerOrg: store.getGrid(eventId)?.capPerOrg ?? null, nameOf: orgNames(ctx) },
        store.getEvent(eventId)!.timeZone,
      ),
    );
    const interestChanges = interestRows(ctx, plan, into.id, from.id);
    applyMerge(store, { intoId: into.id, fromId: from.id, plan, now: at, maxTags: LIMITS.tagsPerInterest });
    // The merged organization is busier than either was: its open requests with no place left expire.
    const expired = expireWithoutPlace(
      store,
      eventId,
      pendingPairsOf(store, eventId, [into.id]),
      takenPlaces(store, eventId),
      at,
    );
    const merged: Merged = { into, from, held, plan, expired };
    return {
      result: mergeAnswer(merged),
      changes: [
        {
          kind: 'org:merged',
          data: { into: into.id, from, people: held.people, pitches: held.pitches, interests: plan.interests },
        },
        ...interestChanges,
        ...plan.answered.map((a) => ({ kind: 'meeting:accepted', data: a })),
        ...expired.map((id) => ({ kind: 'meeting:expired', data: { id } })),
      ],
      publish: (seq) => publishMerge(ctx, merged, seq),
    };
  });
}

/** Organization names by id, each read once. */
function orgNames(ctx: CommandContext): (id: string) => string {
  const names = new Map<string, string>();
  return (id) => {
    if (!names.has(id)) names.set(id, ctx.store.getOrganization(id)?.name ?? id);
    return names.get(id)!;
  };
}

/**
 * Each interest row that changes is logged as the tap that would have made it, so the change log
 * replays to the store's interests without knowing what a merge is. Read before the merge writes.
 */
function interestRows(ctx: CommandContext, plan: MergePlan, intoId: string, fromId: string): Change[] {
  return plan.interests.flatMap(({ personId, kept }) => {
    const moved = ctx.store.getInterest(personId, fromId)!;
    return [
      { kind: 'interest:removed', data: { personId, ventureId: fromId, interest: null } },
      ...(kept === 'from'
        ? [{ kind: 'interest:set', data: { personId, ventureId: intoId, interest: { ...moved, ventureId: intoId } } }]
        : []),
    ];
  });
}

const ofFrom = (from: OrgInfo, sides: string[]) => sides.includes(from.id);

/** The requests and meetings of `from` that now name `into`. */
function movedOf({ from, held }: Merged): { requests: string[]; meetings: string[] } {
  return {
    requests: held.requests.filter((r) => ofFrom(from, [r.fromOrgId, r.toOrgId])).map((r) => r.id),
    meetings: held.meetings.filter((m) => ofFrom(from, [m.guestOrgId, m.ventureOrgId])).map((m) => m.id),
  };
}

function mergeAnswer(merged: Merged): OrgMergeAnswer {
  const { into, from, held, plan } = merged;
  const moved = movedOf(merged);
  return {
    into: { id: into.id, name: into.name },
    from: { id: from.id, name: from.name },
    people: held.people.length,
    requests: moved.requests.length,
    meetings: moved.meetings.length,
    pitches: held.pitches.length,
    interests: plan.interests.filter((i) => i.kept === 'from').length,
  };
}

function publishMerge(ctx: CommandContext, merged: Merged, seq: number): void {
  const { publisher, store, eventId } = ctx;
  const { into, from, held, plan, expired } = merged;
  // The organizers' people list and the companies figure; then every request and meeting that now
  // names `into`, to both sides and the organizers.
  publisher.doorChanged(eventId, held.people, seq);
  const moved = movedOf(merged);
  publisher.meetingsChanged(
    eventId,
    [...new Set([...moved.requests, ...plan.answered.map((a) => a.requestId), ...expired])],
    [...new Set([...moved.meetings, ...plan.answered.map((a) => a.meetingId)])],
    seq,
  );
  if (into.kind === 'venture') {
    // Each person's interest in `from` is gone, and the one in `into` is what was kept.
    for (const { personId } of plan.interests) {
      publisher.interestChanged(eventId, personId, from.id, null, seq, false);
      publisher.interestChanged(eventId, personId, into.id, store.getInterest(personId, into.id) ?? null, seq, false);
    }
    publisher.leadsChanged([into.id], seq);
    // The directory, the program and the board list ventures: one fewer, its pitches under `into`.
    publisher.programChanged(eventId, seq);
  } else {
    publisher.leadsChanged(held.leadVentures, seq);
    // Both registrations' challenges are now `into`'s.
    publisher.challengesChanged(eventId, into.id, seq);
  }
  // `from`'s people belong to another organization now: their phones reconnect into its rooms.
  publisher.disconnectPeople(held.people);
}
