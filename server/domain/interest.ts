/**
 * Interest rules: who may tag whom, and what a tag changes. Pure (the counts are SQLite's, server/store/interests.ts).
 */
import type { MyInterest, OrgKind, Role } from '../../shared/model.js';
import type { InterestSet } from '../../shared/protocol.js';
import { accept, refuse, type Result } from './result.js';

/** Local firms and partners (city, bank, university) tag ventures; ventures and organizers do not. */
export function mayTagInterest(role: Role): boolean {
  return role === 'firm' || role === 'partner';
}

export function decideInterest(
  actor: { role: Role; orgId: string | null },
  target: { id: string; kind: OrgKind } | undefined,
  request: InterestSet,
  now: number,
): Result<MyInterest | null> {
  if (!mayTagInterest(actor.role)) {
    return refuse('interest-firms-only', 'Only local firms and partners can tag interest in a venture.');
  }
  if (!target || target.kind !== 'venture') {
    return refuse('venture-unknown', 'That venture is not part of this event.');
  }
  if (request.level === null) return accept(null);
  // Duplicate tags from quick double taps collapse to one.
  const tags = [...new Set(request.tags)];
  return accept({
    ventureId: target.id,
    level: request.level,
    tags,
    note: request.note.trim(),
    shareNote: request.shareNote,
    updatedAt: now,
  });
}

/** Whether a change from `before` to `after` alters the venture's list of firms that asked to meet. */
export function touchesLeads(before: MyInterest | undefined | null, after: MyInterest | null): boolean {
  return before?.level === 'want-to-meet' || after?.level === 'want-to-meet';
}
