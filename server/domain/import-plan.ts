/**
 * What an import will do, decided before anything is written: which rows add people, which change
 * people already registered (and each field they change, before → after), which change nothing,
 * and which cannot go in because they contradict what is stored. A field the file does not state
 * (no column, or an empty cell unless the organizer chose to clear) keeps what is stored: an import
 * never erases by omission. Companies are matched as one organization per company (company.ts),
 * people as registration-match.ts says. A row that may be a person already there (same name and
 * company, another e-mail) is a likely duplicate: the organizer chooses to update that person, add a
 * new one or skip the row, and the plan follows the choice. A company's challenges (課題) are the
 * company's: the rows of a firm or partner that go in and state them are joined (categories and
 * topics of all, their lines one after another) and replace what is stored; rows that leave the
 * cell empty keep it. Pure: stored facts, choices and the id generator come in as arguments.
 */
import { joinChallenges, type Challenges } from '../../shared/challenges.js';
import type {
  ImportChange,
  ImportChoice,
  ImportDuplicate,
  ImportField,
  ImportProblem,
  ImportProblemCode,
  OrgKind,
} from '../../shared/model.js';
import { companyKey, findCompany, nearCompany } from './company.js';
import { foldName, matchPerson, type RegisteredPerson } from './registration-match.js';

/** A valid row of the file, as the importer read it. */
export interface ImportRow {
  row: number;
  name: string;
  company: string;
  /** As the row states it; 'firm' when it does not (then the company's own kind counts). */
  kind: OrgKind;
  kana: string;
  email: string | null;
  title: string;
  tags: string[];
  /** The company's challenges as this row states them (null: the cell is empty). */
  challenges: Challenges | null;
  /** Fields the row does not state: a new person takes the default, a registered one keeps theirs. */
  unstated: readonly ImportField[];
}

/** A person as the import will write them. */
export interface PersonFields {
  name: string;
  kana: string;
  email: string | null;
  title: string;
  tags: string[];
  orgId: string;
  registrationKey: string;
}

export interface ImportPlan {
  /** Companies new to the event, with the spelling and kind of their first row. */
  newOrgs: { id: string; name: string; kind: OrgKind }[];
  creates: { row: number; person: PersonFields }[];
  updates: { row: number; personId: string; person: PersonFields; change: ImportChange; moved: boolean }[];
  unchanged: { row: number; personId: string }[];
  errors: { row: number; problems: ImportProblem[] }[];
  warnings: { row: number; problems: ImportProblem[] }[];
  duplicates: ImportDuplicate[];
  /** Rows the organizer chose to skip. */
  skipped: number[];
  /** Companies whose challenges the import changes, from the rows that state them. */
  challenges: PlannedChallenges[];
}

export interface PlannedChallenges {
  orgId: string;
  company: string;
  rows: number[];
  before: Challenges | null;
  after: Challenges;
}

/** An organization as stored, with its challenges when it has any. */
export interface StoredOrg {
  id: string;
  name: string;
  kind: OrgKind;
  challenges?: Challenges | null;
}

const KIND_JA: Record<OrgKind, string> = { firm: '地元企業', venture: 'ベンチャー', partner: 'パートナー' };
const kindLabel = (kind: OrgKind | string) => `${kind} (${KIND_JA[kind as OrgKind] ?? kind})`;

/** One problem: its code and params for the client's message table, and the server's English. */
export function importProblem(code: ImportProblemCode, params: Record<string, string | number> = {}): ImportProblem {
  const p = params;
  const messages: Record<ImportProblemCode, () => string> = {
    empty: () => `${p.field} is empty`,
    invisible: () => `${p.field} has only invisible characters (such as zero-width spaces)`,
    control: () => `${p.field} must not contain control characters (line breaks, tabs)`,
    'too-long': () => `${p.field} is ${p.length} characters long; at most ${p.max} are allowed`,
    'kind-unknown': () =>
      `kind "${p.value}" is not one of: firm (地元企業), venture (ベンチャー), partner (パートナー)`,
    'email-invalid': () => `email "${p.value}" is not an email address`,
    'tags-too-many': () => `tags has ${p.count} tags; at most ${p.max} are allowed`,
    'tag-too-long': () => `tag "${p.tag}" is longer than ${p.max} characters`,
    'same-person-as-row': () => `same person as row ${p.row}`,
    'kind-registered': () =>
      `company "${p.company}" is registered as ${kindLabel(String(p.stored))}, not ${kindLabel(String(p.kind))}`,
    'kind-in-file': () =>
      `company "${p.company}" is ${kindLabel(String(p.stored))} in row ${p.row}, not ${kindLabel(String(p.kind))}`,
    'person-ambiguous': () =>
      `${p.count} people named ${p.name} are registered at ${p.company}; add the e-mail column to tell them apart`,
    'registration-taken': () => `${p.name} would have the same e-mail, or name and company, as another person`,
    'company-joined': () => `company "${p.company}" is taken as "${p.stored}", the same company`,
    'company-near': () => `company "${p.company}" is new but one character away from "${p.similar}"`,
    'person-alike': () => `adds a new person although ${p.name} (${p.company}) is registered with another e-mail`,
    'person-alike-row': () => `adds a new person although row ${p.row} has the same name and company`,
  };
  return { code, params, message: messages[code]() };
}

/** Who a person is to the database (its unique key per event): e-mail, else name and company. */
export function registrationKey(r: { email: string | null; name: string; company: string }): string {
  const email = r.email?.normalize('NFKC').trim().toLowerCase();
  if (email) return email;
  return `${foldName(r.name)}|${companyKey(r.company)}`;
}

interface PlannedOrg {
  id: string;
  name: string;
  kind: OrgKind;
  /** For a company new to the event: the row it comes from, and the row that stated its kind. */
  firstRow?: number;
  kindRow?: number;
}

const show = {
  tags: (tags: readonly string[]) => tags.join('、'),
  email: (email: string | null) => email ?? '',
};

export function planImport(
  rows: readonly ImportRow[],
  stored: { orgs: readonly StoredOrg[]; people: readonly RegisteredPerson[] },
  newId: () => string,
  /** The organizer's choice per likely duplicate, by row; a row not in it is added as new. */
  choices: ReadonlyMap<number, ImportChoice> = new Map(),
): ImportPlan {
  const plan: ImportPlan = {
    newOrgs: [],
    creates: [],
    updates: [],
    unchanged: [],
    errors: [],
    warnings: [],
    duplicates: [],
    skipped: [],
    challenges: [],
  };
  const states = (r: ImportRow, field: ImportField) => !r.unstated.includes(field);

  // Companies first: a company new to the event takes the spelling of its first row and the kind
  // of the first row that states one (a local firm if none does).
  const orgs: PlannedOrg[] = stored.orgs.map((o) => ({ ...o }));
  const fresh = new Map<string, PlannedOrg & { stated: boolean }>();
  const orgOf = new Map<number, PlannedOrg>();
  for (const r of rows) {
    let org = findCompany(orgs, r.company);
    if (!org) {
      const planned = { id: newId(), name: r.company, kind: r.kind, firstRow: r.row, stated: false };
      fresh.set(planned.id, planned);
      orgs.push(planned);
      org = planned;
    }
    const planned = fresh.get(org.id);
    if (planned && !planned.stated && states(r, 'kind')) {
      Object.assign(planned, { kind: r.kind, kindRow: r.row, stated: true });
    }
    orgOf.set(r.row, org);
  }
  for (const planned of fresh.values()) if (!planned.stated) planned.kind = 'firm';

  const keyOwner = new Map(
    stored.people.flatMap((p) => (p.registrationKey ? [[p.registrationKey, p.id] as const] : [])),
  );
  const claimedPeople = new Map<string, number>(); // person id → the row that updates them
  const claimedKeys = new Set<string>();
  const created: { id: string; row: number; name: string; email: string | null; orgId: string }[] = [];
  const usedOrgs = new Set<string>();

  for (const r of rows) {
    const org = orgOf.get(r.row)!;
    const warnings: ImportProblem[] = [];
    const refuse = (problem: ImportProblem) => plan.errors.push({ row: r.row, problems: [problem] });

    if (states(r, 'kind') && r.kind !== org.kind) {
      refuse(
        org.firstRow === undefined
          ? importProblem('kind-registered', { company: org.name, stored: org.kind, kind: r.kind })
          : importProblem('kind-in-file', { company: org.name, stored: org.kind, kind: r.kind, row: org.kindRow ?? 0 }),
      );
      continue;
    }
    if (org.name !== r.company)
      warnings.push(importProblem('company-joined', { company: r.company, stored: org.name }));
    if (org.firstRow === r.row) {
      const near = nearCompany(
        orgs.filter((o) => o.id !== org.id && (o.firstRow === undefined || o.firstRow < r.row)),
        r.company,
      );
      if (near) warnings.push(importProblem('company-near', { company: r.company, similar: near.name }));
    }

    const who = { email: states(r, 'email') ? r.email : null, name: r.name, orgId: org.id };
    const match = matchPerson(stored.people, who);
    if (match.kind === 'ambiguous') {
      refuse(importProblem('person-ambiguous', { name: r.name, company: org.name, count: match.people.length }));
      continue;
    }
    // Perhaps already named by an earlier row of this file.
    const inFile = match.kind === 'new' ? matchPerson(created, who) : null;
    if (inFile && inFile.kind !== 'new') {
      const row = inFile.kind === 'found' ? inFile.person.row : inFile.people[0]!.row;
      refuse(importProblem('same-person-as-row', { row }));
      continue;
    }

    // A likely duplicate: the organizer's choice decides whom the row is.
    let target = match.kind === 'found' ? match.person : null;
    const alike = match.kind === 'new' ? match.alike : [];
    const alikeRow = inFile?.kind === 'new' ? inFile.alike[0] : undefined;
    if (alike.length > 0 || alikeRow) {
      const options: ImportChoice[] = alike.length === 1 ? ['update', 'add', 'skip'] : ['add', 'skip'];
      const asked = choices.get(r.row);
      const choice = asked && options.includes(asked) ? asked : null;
      const like = alike[0];
      plan.duplicates.push({
        row: r.row,
        name: r.name,
        company: org.name,
        email: who.email,
        person: like ? { personId: like.id, name: like.name, company: like.orgName, email: like.email } : null,
        sameAsRow: alikeRow?.row ?? null,
        options,
        choice,
      });
      if (choice === 'skip') {
        plan.skipped.push(r.row);
        continue;
      }
      if (choice === 'update') target = like!;
    }

    if (target) {
      const p = target;
      const earlier = claimedPeople.get(p.id);
      if (earlier !== undefined) {
        refuse(importProblem('same-person-as-row', { row: earlier }));
        continue;
      }
      const person = {
        name: r.name,
        kana: states(r, 'kana') ? r.kana : p.kana,
        email: states(r, 'email') ? r.email : p.email,
        title: states(r, 'title') ? r.title : p.title,
        tags: states(r, 'tags') ? r.tags : p.tags,
        orgId: org.id,
      };
      const key = registrationKey({ ...person, company: org.name });
      const owner = keyOwner.get(key);
      if ((owner !== undefined && owner !== p.id) || claimedKeys.has(key)) {
        refuse(importProblem('registration-taken', { name: r.name }));
        continue;
      }
      claimedPeople.set(p.id, r.row);
      claimedKeys.add(key);
      const fields: ImportChange['fields'] = [];
      const compare = (field: ImportField, before: string, after: string) => {
        if (before !== after) fields.push({ field, before, after });
      };
      compare('name', p.name, person.name);
      compare('kana', p.kana, person.kana);
      if (p.orgId !== org.id) {
        compare('company', p.orgName, org.name);
        compare('kind', p.kind, org.kind);
      }
      compare('email', show.email(p.email), show.email(person.email));
      compare('title', p.title, person.title);
      compare('tags', show.tags(p.tags), show.tags(person.tags));
      if (fields.length === 0) {
        plan.unchanged.push({ row: r.row, personId: p.id });
      } else {
        usedOrgs.add(org.id);
        plan.updates.push({
          row: r.row,
          personId: p.id,
          person: { ...person, registrationKey: key },
          change: { row: r.row, personId: p.id, name: person.name, company: org.name, fields },
          moved: p.orgId !== org.id,
        });
      }
    } else {
      const person = {
        name: r.name,
        kana: r.kana,
        email: states(r, 'email') ? r.email : null,
        title: r.title,
        tags: r.tags,
        orgId: org.id,
      };
      const key = registrationKey({ ...person, company: org.name });
      if (keyOwner.has(key) || claimedKeys.has(key)) {
        refuse(importProblem('registration-taken', { name: r.name }));
        continue;
      }
      claimedKeys.add(key);
      if (alike[0]) warnings.push(importProblem('person-alike', { name: alike[0].name, company: alike[0].orgName }));
      if (alikeRow) warnings.push(importProblem('person-alike-row', { row: alikeRow.row }));
      created.push({ id: `row:${r.row}`, row: r.row, name: r.name, email: person.email, orgId: org.id });
      usedOrgs.add(org.id);
      plan.creates.push({ row: r.row, person: { ...person, registrationKey: key } });
    }
    if (warnings.length > 0) plan.warnings.push({ row: r.row, problems: warnings });
  }

  plan.newOrgs = [...fresh.values()]
    .filter((o) => usedOrgs.has(o.id))
    .map(({ id, name, kind }) => ({ id, name, kind }));
  plan.challenges = planChallenges(rows, plan, orgOf, stored.orgs);
  return plan;
}

/**
 * Each firm's or partner's challenges from the rows that go in (created, updated or unchanged) and
 * state them, joined in row order; listed only where they differ from what is stored. A venture's
 * 課題 cell is not read: what a venture addresses is its profile's topics.
 */
function planChallenges(
  rows: readonly ImportRow[],
  plan: ImportPlan,
  orgOf: ReadonlyMap<number, PlannedOrg>,
  stored: readonly StoredOrg[],
): PlannedChallenges[] {
  const accepted = new Set([...plan.creates, ...plan.updates, ...plan.unchanged].map((r) => r.row));
  const joined = new Map<string, { org: PlannedOrg; rows: number[]; parts: Challenges[] }>();
  for (const r of rows) {
    const org = orgOf.get(r.row);
    if (!r.challenges || !org || org.kind === 'venture' || !accepted.has(r.row)) continue;
    const entry = joined.get(org.id) ?? { org, rows: [], parts: [] };
    entry.rows.push(r.row);
    entry.parts.push(r.challenges);
    joined.set(org.id, entry);
  }
  const before = new Map(stored.map((o) => [o.id, o.challenges ?? null]));
  return [...joined.values()].flatMap(({ org, rows: from, parts }) => {
    const after = joinChallenges(parts);
    const was = before.get(org.id) ?? null;
    if (was && JSON.stringify(was) === JSON.stringify(after)) return [];
    return [{ orgId: org.id, company: org.name, rows: from, before: was, after }];
  });
}
