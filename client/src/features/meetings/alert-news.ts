/**
 * When a firm's or venture's phone buzzes: for a request or a meeting it has not seen before, by id.
 * Counts cannot tell: a request answered as another arrives leaves the count unchanged, and
 * accepting a request adds a meeting the phone's own owner just made.
 */
import type { MeetingInfo, MeetingRequestInfo } from '../../../../shared/model';

export interface Seen {
  requests: ReadonlySet<string>;
  meetings: ReadonlySet<string>;
}

/**
 * `seen` is null until the first call with a known org: what is there then was there when the page
 * opened, and never buzzes. A new meeting buzzes unless it came from a request sent to my org, which
 * only my org could accept (here or on a colleague's phone: either way, nothing to be told).
 */
export function alertNews(
  seen: Seen | null,
  myOrg: string | undefined,
  requests: readonly MeetingRequestInfo[],
  meetings: readonly MeetingInfo[],
): { buzz: boolean; seen: Seen | null } {
  if (!myOrg) return { buzz: false, seen };
  const incoming = requests.filter((r) => r.toOrgId === myOrg && r.status === 'pending');
  const toUs = new Set(requests.filter((r) => r.toOrgId === myOrg).map((r) => r.id));
  const next: Seen = {
    requests: new Set([...(seen?.requests ?? []), ...incoming.map((r) => r.id)]),
    meetings: new Set([...(seen?.meetings ?? []), ...meetings.map((m) => m.id)]),
  };
  if (!seen) return { buzz: false, seen: next };
  const newRequest = incoming.some((r) => !seen.requests.has(r.id));
  const newMeeting = meetings.some(
    (m) => m.status === 'scheduled' && !seen.meetings.has(m.id) && !(m.requestId !== null && toUs.has(m.requestId)),
  );
  return { buzz: newRequest || newMeeting, seen: next };
}
