import { describe, expect, it } from 'vitest';
import type { OrgKind } from '../../shared/model.js';
import { planImport } from './import-plan.js';

const row = (n: number, company: string, kind: OrgKind, key: string) => ({
  row: n,
  value: { company, kind, name: key },
  key,
});

describe('import plan', () => {
  it('adds new people, updates known ones, and refuses rows whose company kind contradicts the store or the file', () => {
    const plan = planImport(
      [
        row(2, '苫小牧港湾物流', 'firm', 'a@example.jp'),
        row(3, 'ミライロボティクス', 'firm', 'b@example.jp'),
        row(4, '新しい会社', 'firm', 'c@example.jp'),
        row(5, '新しい会社', 'venture', 'd@example.jp'),
      ],
      {
        orgKind: (company) =>
          (({ 苫小牧港湾物流: 'firm', ミライロボティクス: 'venture' }) as Record<string, OrgKind>)[company],
        personId: (key) => (key === 'a@example.jp' ? 'p1' : undefined),
      },
    );
    expect(plan.updates.map((u) => [u.row, u.personId])).toEqual([[2, 'p1']]);
    expect(plan.creates.map((c) => c.row)).toEqual([4]);
    expect(plan.errors).toEqual([
      { row: 3, errors: ['company "ミライロボティクス" is registered as venture (ベンチャー), not firm (地元企業)'] },
      { row: 5, errors: ['company "新しい会社" is firm (地元企業) in row 4, not venture (ベンチャー)'] },
    ]);
  });
});
