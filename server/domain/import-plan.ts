/**
 * What an import will do, decided before anything is written: which rows add people, which update
 * people already registered (same e-mail, or same name and company), and which rows cannot go in
 * because they contradict what is stored. Pure: the stored facts come in as arguments.
 */
import type { OrgKind } from '../../shared/model.js';

export interface ValidRow<R> {
  row: number;
  value: R & { company: string; kind: OrgKind };
  key: string;
}

export interface ImportPlan<R> {
  creates: ValidRow<R>[];
  updates: (ValidRow<R> & { personId: string })[];
  errors: { row: number; errors: string[] }[];
}

const KIND_JA: Record<OrgKind, string> = { firm: '地元企業', venture: 'ベンチャー', partner: 'パートナー' };

export function planImport<R>(
  rows: ValidRow<R>[],
  existing: { orgKind: (company: string) => OrgKind | undefined; personId: (key: string) => string | undefined },
): ImportPlan<R> {
  const plan: ImportPlan<R> = { creates: [], updates: [], errors: [] };
  // A company new to the store takes the kind of its first row; later rows must agree.
  const kindInFile = new Map<string, { kind: OrgKind; row: number }>();
  for (const r of rows) {
    const stored = existing.orgKind(r.value.company);
    const earlier = kindInFile.get(r.value.company);
    const kind = stored ?? earlier?.kind;
    if (kind && kind !== r.value.kind) {
      const is = stored
        ? `is registered as ${kind} (${KIND_JA[kind]})`
        : `is ${kind} (${KIND_JA[kind]}) in row ${earlier!.row}`;
      plan.errors.push({
        row: r.row,
        errors: [`company "${r.value.company}" ${is}, not ${r.value.kind} (${KIND_JA[r.value.kind]})`],
      });
      continue;
    }
    if (!kindInFile.has(r.value.company)) kindInFile.set(r.value.company, { kind: r.value.kind, row: r.row });
    const personId = existing.personId(r.key);
    if (personId) plan.updates.push({ ...r, personId });
    else plan.creates.push(r);
  }
  return plan;
}
