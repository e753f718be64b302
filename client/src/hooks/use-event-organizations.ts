/**
 * The current event's organizations, from its people and ventures, firms first and by reading: the
 * list the console's organization pickers show (publishing consent, regional outcomes).
 */
import { useMemo } from 'react';
import type { OrgKind } from '../../../shared/model';
import { useEventStore } from '../stores/event-store';

export interface EventOrganization {
  id: string;
  name: string;
  kind: OrgKind;
}

export function useEventOrganizations(): EventOrganization[] {
  const people = useEventStore((s) => s.people);
  const ventures = useEventStore((s) => s.ventures);
  return useMemo(() => {
    const byId = new Map<string, EventOrganization>();
    for (const p of people)
      if (p.orgId && p.role !== 'organizer') byId.set(p.orgId, { id: p.orgId, name: p.orgName ?? '', kind: p.role });
    for (const v of ventures) if (!byId.has(v.id)) byId.set(v.id, { id: v.id, name: v.name, kind: 'venture' });
    const order: Record<OrgKind, number> = { firm: 0, partner: 1, venture: 2 };
    return [...byId.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name, 'ja'));
  }, [people, ventures]);
}
