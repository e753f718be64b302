import { describe, expect, it } from 'vitest';
import type { ImportField, OrgKind } from '../../shared/model.js';
import { planImport, registrationKey, type ImportRow } from './import-plan.js';
import type { RegisteredPerson } from './registration-match.js';

const ALL: ImportField[] = ['name', 'kana', 'company', 'kind', 'email', 'title', 'tags', 'challenges'];

/** A row that states every field, unless `unstated` says otherwise. */
function row(n: number, r: Partial<ImportRow> & { name: string; company: string }): ImportRow {
  return { row: n, kind: 'firm', kana: '', email: null, title: '', tags: [], challenges: null, unstated: [], ...r };
}

const ORGS = [
  { id: 'o-port', name: '苫小牧港湾物流', kind: 'firm' as OrgKind },
  { id: 'o-robo', name: 'ミライロボティクス', kind: 'venture' as OrgKind },
  { id: 'o-abc', name: 'ABC商事', kind: 'firm' as OrgKind },
];

function person(p: Partial<RegisteredPerson> & { id: string; name: string; orgId: string }): RegisteredPerson {
  const org = ORGS.find((o) => o.id === p.orgId)!;
  const base = { kana: '', email: null, title: '', tags: [], orgName: org.name, kind: org.kind, ...p };
  return { ...base, registrationKey: registrationKey({ ...base, company: org.name }) };
}

const SATO = person({
  id: 'p-sato',
  name: '佐藤 健一',
  kana: 'さとう けんいち',
  email: 'k.sato@example.jp',
  title: '代表取締役',
  tags: ['物流', 'DX'],
  orgId: 'o-port',
});
/** Registered without an e-mail. */
const ITO = person({ id: 'p-ito', name: '伊藤 誠', kana: 'いとう まこと', title: '主査', orgId: 'o-abc' });

let n = 0;
const newId = () => `new-${++n}`;
const plan = (rows: ImportRow[], people: RegisteredPerson[] = [SATO, ITO]) =>
  planImport(rows, { orgs: ORGS, people }, newId);

describe('import plan', () => {
  it('keeps every field the file does not state, and lists each field it changes, before → after', () => {
    // Only name, company and e-mail: the reading, title and tags stay as stored.
    const narrow = plan([
      row(2, {
        name: '佐藤 健一',
        company: '苫小牧港湾物流',
        email: 'k.sato@example.jp',
        unstated: ['kana', 'kind', 'title', 'tags'],
      }),
    ]);
    expect(narrow.updates).toEqual([]);
    expect(narrow.unchanged).toEqual([{ row: 2, personId: 'p-sato' }]);

    // A new title, and empty cells (not stated): one change, listed.
    const edited = plan([
      row(2, {
        name: '佐藤 健一',
        company: '苫小牧港湾物流',
        email: 'k.sato@example.jp',
        title: '会長',
        unstated: ['kana', 'kind', 'tags'],
      }),
    ]);
    expect(edited.updates).toHaveLength(1);
    expect(edited.updates[0]!.person).toMatchObject({ kana: 'さとう けんいち', title: '会長', tags: ['物流', 'DX'] });
    expect(edited.updates[0]!.change).toEqual({
      row: 2,
      personId: 'p-sato',
      name: '佐藤 健一',
      company: '苫小牧港湾物流',
      fields: [{ field: 'title', before: '代表取締役', after: '会長' }],
    });
  });

  it('clears a field only when the row states it empty (the organizer chose to clear)', () => {
    const cleared = plan([
      row(2, { name: '佐藤 健一', company: '苫小牧港湾物流', email: 'k.sato@example.jp', unstated: ['kind'] }),
    ]);
    expect(cleared.updates[0]!.change.fields).toEqual([
      { field: 'kana', before: 'さとう けんいち', after: '' },
      { field: 'title', before: '代表取締役', after: '' },
      { field: 'tags', before: '物流、DX', after: '' },
    ]);
  });

  it('updates a person registered without an e-mail when a file brings one, instead of adding a second', () => {
    const result = plan([
      row(2, {
        name: '伊藤　誠',
        company: '(株)ＡＢＣ商事',
        email: 'ito@example.jp',
        unstated: ['kana', 'title', 'tags'],
      }),
    ]);
    expect(result.creates).toEqual([]);
    expect(result.updates.map((u) => [u.personId, u.person.registrationKey])).toEqual([['p-ito', 'ito@example.jp']]);
    expect(result.updates[0]!.change.fields).toEqual([
      { field: 'name', before: '伊藤 誠', after: '伊藤　誠' },
      { field: 'email', before: '', after: 'ito@example.jp' },
    ]);
    expect(result.warnings).toEqual([
      {
        row: 2,
        problems: [
          expect.objectContaining({ code: 'company-joined', params: { company: '(株)ＡＢＣ商事', stored: 'ABC商事' } }),
        ],
      },
    ]);
  });

  it('matches a row without an e-mail by name and company, and warns of a new person who looks like a registered one', () => {
    const result = plan(
      [
        row(2, { name: '佐藤 健一', company: '㈱苫小牧港湾物流', unstated: ['kana', 'email', 'title', 'tags'] }),
        row(3, { name: '伊藤 誠', company: 'ABC商事', email: 'other@example.jp', unstated: ['kana', 'title', 'tags'] }),
      ],
      [SATO, { ...ITO, email: 'ito@example.jp', registrationKey: 'ito@example.jp' }],
    );
    expect(result.unchanged).toEqual([{ row: 2, personId: 'p-sato' }]);
    expect(result.creates.map((c) => c.row)).toEqual([3]);
    expect(result.warnings).toEqual([
      { row: 2, problems: [expect.objectContaining({ code: 'company-joined' })] },
      {
        row: 3,
        problems: [expect.objectContaining({ code: 'person-alike', params: { name: '伊藤 誠', company: 'ABC商事' } })],
      },
    ]);
  });

  it('refuses rows whose company kind contradicts the store or the file; a row that states no kind takes the company’s', () => {
    const result = plan([
      row(2, { name: 'A', company: 'ミライロボティクス', email: 'a@example.jp' }),
      row(3, { name: 'B', company: '（株）ミライロボティクス', email: 'b@example.jp', unstated: ['kind'] }),
      row(4, { name: 'C', company: '新しい会社', email: 'c@example.jp', unstated: ['kind'] }),
      row(5, { name: 'D', company: '新しい会社', kind: 'venture', email: 'd@example.jp' }),
      row(6, { name: 'E', company: '新しい会社', kind: 'firm', email: 'e@example.jp' }),
    ]);
    expect(result.errors).toEqual([
      {
        row: 2,
        problems: [
          expect.objectContaining({
            message: 'company "ミライロボティクス" is registered as venture (ベンチャー), not firm (地元企業)',
          }),
        ],
      },
      {
        row: 6,
        problems: [
          expect.objectContaining({
            message: 'company "新しい会社" is venture (ベンチャー) in row 5, not firm (地元企業)',
          }),
        ],
      },
    ]);
    expect(result.creates.map((c) => c.row)).toEqual([3, 4, 5]);
    expect(result.newOrgs).toEqual([{ id: expect.any(String), name: '新しい会社', kind: 'venture' }]);
    expect(result.creates.map((c) => c.person.orgId)).toEqual(['o-robo', result.newOrgs[0]!.id, result.newOrgs[0]!.id]);
  });

  it('makes one organization of a company spelled several ways in one file, and flags one a slip away', () => {
    const result = plan([
      row(2, { name: 'A', company: 'ＸＹＺ商会', email: 'a@example.jp' }),
      row(3, { name: 'B', company: '株式会社XYZ商会', email: 'b@example.jp' }),
      row(4, { name: 'C', company: '苫小牧港湾物流', email: 'c@example.jp' }),
      row(5, { name: 'D', company: '苫小牧港湾物產', email: 'd@example.jp' }),
    ]);
    expect(result.newOrgs.map((o) => o.name)).toEqual(['ＸＹＺ商会', '苫小牧港湾物產']);
    expect(result.warnings).toEqual([
      {
        row: 3,
        problems: [
          expect.objectContaining({
            code: 'company-joined',
            params: { company: '株式会社XYZ商会', stored: 'ＸＹＺ商会' },
          }),
        ],
      },
      {
        row: 5,
        problems: [
          expect.objectContaining({
            code: 'company-near',
            params: { company: '苫小牧港湾物產', similar: '苫小牧港湾物流' },
          }),
        ],
      },
    ]);
  });

  it('refuses a second row for one person, and a row that names several people', () => {
    const twins = [ITO, person({ id: 'p-ito2', name: '伊藤 誠', email: 'ito2@example.jp', orgId: 'o-abc' })];
    const result = plan(
      [
        row(2, { name: '伊藤 誠', company: 'ABC商事', unstated: ['kana', 'email', 'title', 'tags'] }),
        row(3, {
          name: 'X',
          company: '苫小牧港湾物流',
          email: 'k.sato@example.jp',
          unstated: ['kana', 'title', 'tags'],
        }),
        row(4, { name: '佐藤 健一', company: '苫小牧港湾物流', unstated: ['kana', 'email', 'title', 'tags'] }),
        row(5, { name: '新人', company: 'ABC商事', email: 'new@example.jp' }),
        row(6, { name: '新人', company: 'ABC商事', unstated: ['email'] }),
      ],
      [SATO, ...twins],
    );
    expect(result.errors.map((e) => [e.row, e.problems.map((p) => p.message)])).toEqual([
      [2, ['2 people named 伊藤 誠 are registered at ABC商事; add the e-mail column to tell them apart']],
      [4, ['same person as row 3']],
      [6, ['same person as row 5']],
    ]);
  });

  describe('a likely duplicate: the organizer chooses', () => {
    // 伊藤 誠 of ABC商事 is registered with one e-mail; the file brings the same name with another.
    const ITO_MAIL = { ...ITO, email: 'ito@example.jp', registrationKey: 'ito@example.jp' };
    const rows = [
      row(2, {
        name: '伊藤 誠',
        company: 'ABC商事',
        email: 'makoto.ito@example.jp',
        unstated: ['kana', 'title', 'tags'],
      }),
    ];
    const decide = (choice?: 'update' | 'add' | 'skip', people = [SATO, ITO_MAIL]) =>
      planImport(rows, { orgs: ORGS, people }, newId, new Map(choice ? [[2, choice]] : []));

    it('asks, and until it is answered adds the row as new, as an import did before', () => {
      const result = decide();
      expect(result.duplicates).toEqual([
        {
          row: 2,
          name: '伊藤 誠',
          company: 'ABC商事',
          email: 'makoto.ito@example.jp',
          person: { personId: 'p-ito', name: '伊藤 誠', company: 'ABC商事', email: 'ito@example.jp' },
          sameAsRow: null,
          options: ['update', 'add', 'skip'],
          choice: null,
        },
      ]);
      expect(result.creates.map((c) => c.row)).toEqual([2]);
      expect(result.warnings[0]!.problems.map((p) => p.code)).toEqual(['person-alike']);
    });

    it('updates the registered person (one badge, the new e-mail) when the organizer says it is them', () => {
      const result = decide('update');
      expect(result.creates).toEqual([]);
      expect(result.updates.map((u) => [u.personId, u.person.registrationKey])).toEqual([
        ['p-ito', 'makoto.ito@example.jp'],
      ]);
      expect(result.updates[0]!.change.fields).toEqual([
        { field: 'email', before: 'ito@example.jp', after: 'makoto.ito@example.jp' },
      ]);
      expect(result.warnings).toEqual([]);
      expect(result.duplicates[0]!.choice).toBe('update');
    });

    it('adds a second person, or leaves the row out, as chosen', () => {
      const added = decide('add');
      expect(added.creates.map((c) => c.person.email)).toEqual(['makoto.ito@example.jp']);
      expect(added.updates).toEqual([]);
      const skipped = decide('skip');
      expect([skipped.creates, skipped.updates, skipped.unchanged, skipped.errors]).toEqual([[], [], [], []]);
      expect(skipped.skipped).toEqual([2]);
    });

    it('offers no update when two registered people fit, and ignores one asked for', () => {
      const twin = person({ id: 'p-ito2', name: '伊藤　誠', email: 'ito2@example.jp', orgId: 'o-abc' });
      const result = decide('update', [ITO_MAIL, twin]);
      expect(result.duplicates[0]).toMatchObject({ options: ['add', 'skip'], choice: null });
      expect(result.updates).toEqual([]);
      expect(result.creates.map((c) => c.row)).toEqual([2]);
    });

    it('asks about a row like an earlier row of the file: add it too, or skip it', () => {
      const twice = [
        row(2, { name: '新人 一郎', company: 'ABC商事', email: 'ichiro@example.jp' }),
        row(3, { name: '新人　一郎', company: '（株）ABC商事', email: 'ichiro@home.example.jp' }),
      ];
      const asked = planImport(twice, { orgs: ORGS, people: [] }, newId);
      expect(asked.duplicates).toMatchObject([{ row: 3, person: null, sameAsRow: 2, options: ['add', 'skip'] }]);
      expect(asked.creates.map((c) => c.row)).toEqual([2, 3]);
      const skipped = planImport(twice, { orgs: ORGS, people: [] }, newId, new Map([[3, 'skip' as const]]));
      expect(skipped.creates.map((c) => c.row)).toEqual([2]);
      expect(skipped.skipped).toEqual([3]);
    });

    it('lets one person be claimed once: a later row with their e-mail is refused after an update chose them', () => {
      const result = planImport(
        [...rows, row(3, { name: '伊藤 誠', company: 'ABC商事', email: 'ito@example.jp' })],
        { orgs: ORGS, people: [SATO, ITO_MAIL] },
        newId,
        new Map([[2, 'update' as const]]),
      );
      expect(result.updates.map((u) => u.row)).toEqual([2]);
      expect(result.errors.map((e) => [e.row, e.problems[0]!.code])).toEqual([[3, 'same-person-as-row']]);
    });
  });

  it('moves a person to another company, showing the company and kind that change', () => {
    const result = plan([
      row(2, {
        name: '佐藤 健一',
        company: 'ミライロボティクス',
        kind: 'venture',
        email: 'k.sato@example.jp',
        unstated: ALL.filter((f) => !['name', 'company', 'kind', 'email'].includes(f)),
      }),
    ]);
    expect(result.updates[0]).toMatchObject({ moved: true, person: { orgId: 'o-robo' } });
    expect(result.updates[0]!.change.fields).toEqual([
      { field: 'company', before: '苫小牧港湾物流', after: 'ミライロボティクス' },
      { field: 'kind', before: 'firm', after: 'venture' },
    ]);
  });
});

describe('import plan: a company’s challenges (課題 column)', () => {
  const efficiency = { categories: ['efficiency' as const], topics: [], note: '' };
  const hiring = { categories: ['hiring' as const], topics: ['物流'], note: '冬の除雪' };

  it('joins the rows of one company that state them, and names the rows', () => {
    const p = plan([
      row(2, { name: '佐藤 健一', company: '苫小牧港湾物流', email: 'k.sato@example.jp', challenges: efficiency }),
      row(3, { name: '田中 花子', company: '苫小牧港湾物流', email: 'h.tanaka@example.jp', challenges: hiring }),
      row(4, { name: '山田 一郎', company: '苫小牧港湾物流', email: 'i.yamada@example.jp' }),
    ]);
    expect(p.challenges).toEqual([
      {
        orgId: 'o-port',
        company: '苫小牧港湾物流',
        rows: [2, 3],
        before: null,
        after: { categories: ['efficiency', 'hiring'], topics: ['物流'], note: '冬の除雪' },
      },
    ]);
  });

  it('gives a company new to the event its challenges under its new id', () => {
    const p = plan([row(2, { name: '新人', company: '勇払フーズ', challenges: hiring })]);
    expect(p.newOrgs).toEqual([{ id: p.challenges[0]!.orgId, name: '勇払フーズ', kind: 'firm' }]);
    expect(p.challenges[0]).toMatchObject({ company: '勇払フーズ', after: hiring });
  });

  it('lists nothing when the stored challenges are the same, and ignores a venture’s cell and refused rows', () => {
    const same = planImport(
      [row(2, { name: '佐藤 健一', company: '苫小牧港湾物流', email: 'k.sato@example.jp', challenges: efficiency })],
      { orgs: ORGS.map((o) => (o.id === 'o-port' ? { ...o, challenges: efficiency } : o)), people: [SATO, ITO] },
      newId,
    );
    expect(same.challenges).toEqual([]);
    const venture = plan([
      row(2, { name: 'A', company: 'ミライロボティクス', kind: 'venture', email: 'a@example.jp', challenges: hiring }),
      // Refused: the company is a firm, not a venture.
      row(3, { name: 'B', company: 'ABC商事', kind: 'venture', email: 'b@example.jp', challenges: hiring }),
    ]);
    expect(venture.errors.map((e) => e.row)).toEqual([3]);
    expect(venture.challenges).toEqual([]);
  });

  it('replaces what is stored when a row states other challenges', () => {
    const p = planImport(
      [row(2, { name: '佐藤 健一', company: '苫小牧港湾物流', email: 'k.sato@example.jp', challenges: hiring })],
      { orgs: ORGS.map((o) => (o.id === 'o-port' ? { ...o, challenges: efficiency } : o)), people: [SATO, ITO] },
      newId,
    );
    expect(p.challenges).toEqual([
      { orgId: 'o-port', company: '苫小牧港湾物流', rows: [2], before: efficiency, after: hiring },
    ]);
  });
});
