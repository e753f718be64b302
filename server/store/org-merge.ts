/**
 * The store's side of merging organization `from` into `into`: what both hold (for the domain's
 * clash rules, server/domain/org-merge.ts) and the writes that move it all over. The writes run
 * inside the caller's `store.mutate`, after the domain found no clash, so no unique index trips.
 */
import type { InterestLevel, MeetingStatus, RequestStatus } from '../../shared/model.js';
import type { MergeInterest, MergeMeeting, MergePlan, MergeRequest } from '../domain/org-merge.js';
import { hasChallenges, joinChallenges } from '../../shared/challenges.js';
import type { Store } from './store.js';

export interface MergeHoldings {
  meetings: MergeMeeting[];
  requests: MergeRequest[];
  interests: MergeInterest[];
  /** People of `from`, who move. */
  people: string[];
  pitches: string[];
  /** Ventures whose leads name a person of `from` (they asked to meet it). */
  leadVentures: string[];
}

/** Everything either organization is a side of, and what `from` brings. */
export function mergeHoldings(store: Store, eventId: string, intoId: string, fromId: string): MergeHoldings {
  const { sql } = store;
  const meetings = sql
    .prepare<[string, string, string, string, string], MergeMeeting & { status: MeetingStatus }>(
      `SELECT id, request_id AS requestId, guest_org AS guestOrgId, venture_org AS ventureOrgId,
              slot_start AS slotStart, table_name AS "table", status
       FROM meetings WHERE event_id = ? AND (guest_org IN (?, ?) OR venture_org IN (?, ?)) ORDER BY slot_start, id`,
    )
    .all(eventId, intoId, fromId, intoId, fromId);
  const requests = sql
    .prepare<[string, string, string, string, string], MergeRequest & { status: RequestStatus }>(
      `SELECT id, from_org AS fromOrgId, to_org AS toOrgId, status FROM meeting_requests
       WHERE event_id = ? AND (from_org IN (?, ?) OR to_org IN (?, ?)) ORDER BY created_at, id`,
    )
    .all(eventId, intoId, fromId, intoId, fromId);
  const interests = sql
    .prepare<[string, string, string], MergeInterest & { level: InterestLevel }>(
      `SELECT person_id AS personId, venture_id AS ventureId, level, updated_at AS updatedAt FROM interests
       WHERE event_id = ? AND venture_id IN (?, ?) ORDER BY person_id, venture_id`,
    )
    .all(eventId, intoId, fromId);
  const people = sql.pluck<[string], string>('SELECT id FROM people WHERE organization_id = ? ORDER BY id').all(fromId);
  const pitches = sql.pluck<[string], string>('SELECT id FROM pitches WHERE venture_id = ?').all(fromId);
  const leadVentures = sql
    .pluck<[string], string>(
      `SELECT DISTINCT i.venture_id FROM interests i JOIN people p ON p.id = i.person_id
       WHERE p.organization_id = ? AND i.level = 'want-to-meet'`,
    )
    .all(fromId);
  return { meetings, requests, interests, people, pitches, leadVentures };
}

/**
 * Moves everything of `from` to `into` and deletes `from`. `into` keeps its name and profile; where
 * its reading or summary is empty, `from`'s fills it, and the topics of both are kept.
 */
export function applyMerge(
  store: Store,
  m: { intoId: string; fromId: string; plan: MergePlan; now: number; maxTags: number },
): void {
  const { sql } = store;
  const { intoId, fromId, plan, now } = m;
  for (const { requestId, meetingId } of plan.answered) {
    store.records.meetings.setRequestStatus(requestId, 'accepted', '', now);
    store.records.meetings.linkRequest(meetingId, requestId, now);
  }
  // A person's interest in both: the one kept is the one left under `into`'s id.
  for (const { personId, kept } of plan.interests) {
    const drop = kept === 'from' ? intoId : fromId;
    sql.prepare('DELETE FROM interests WHERE person_id = ? AND venture_id = ?').run(personId, drop);
  }
  sql.prepare('UPDATE interests SET venture_id = ? WHERE venture_id = ?').run(intoId, fromId);
  sql.prepare('UPDATE people SET organization_id = ? WHERE organization_id = ?').run(intoId, fromId);
  sql.prepare('UPDATE pitches SET venture_id = ? WHERE venture_id = ?').run(intoId, fromId);
  // Only a side is renamed: when a request was answered or a meeting moved stays as it was.
  sql.prepare('UPDATE meeting_requests SET from_org = ? WHERE from_org = ?').run(intoId, fromId);
  sql.prepare('UPDATE meeting_requests SET to_org = ? WHERE to_org = ?').run(intoId, fromId);
  sql.prepare('UPDATE meetings SET guest_org = ? WHERE guest_org = ?').run(intoId, fromId);
  sql.prepare('UPDATE meetings SET venture_org = ? WHERE venture_org = ?').run(intoId, fromId);
  // The programme's records (issue 20): a business founded or a site opened is the company's, and
  // so is its consent to be named — agreed under either registration, the merged company agreed.
  sql.prepare('UPDATE regional_outcomes SET org_id = ? WHERE org_id = ?').run(intoId, fromId);
  sql
    .prepare(
      `UPDATE organizations SET publish_consent = max(publish_consent,
         (SELECT publish_consent FROM organizations WHERE id = ?)) WHERE id = ?`,
    )
    .run(fromId, intoId);

  type Profile = { nameKana: string; summary: string; tags: string };
  const profile = sql.prepare<[string], Profile>(
    'SELECT name_kana AS nameKana, summary, tags FROM organizations WHERE id = ?',
  );
  const into = profile.get(intoId)!;
  const from = profile.get(fromId)!;
  const tags = [...new Set([...(JSON.parse(into.tags) as string[]), ...(JSON.parse(from.tags) as string[])])];
  sql
    .prepare('UPDATE organizations SET name_kana = ?, summary = ?, tags = ? WHERE id = ?')
    .run(
      into.nameKana || from.nameKana,
      into.summary || from.summary,
      JSON.stringify(tags.slice(0, m.maxTags)),
      intoId,
    );
  // The company's challenges are the company's: either registration's are kept.
  const orgs = store.records.organizations;
  const stated = [orgs.challenges(intoId), orgs.challenges(fromId)].filter(hasChallenges);
  orgs.setChallenges(intoId, stated.length > 0 ? joinChallenges(stated) : null);
  sql.prepare('DELETE FROM organizations WHERE id = ?').run(fromId);
}
