import { describe, expect, it } from 'vitest';
import { defaultKpiPlan } from '../../../../shared/programme';
import {
  blankKpi,
  draftOfPlan,
  formatAchievement,
  formatFigure,
  formatIncrement,
  inLanguage,
  planOfDraft,
  planYears,
  reiwaOf,
} from './figures';

describe('figures', () => {
  it('writes counts as counts and a share with its decimals; no figure is a dash, not a zero', () => {
    expect(formatFigure(1234, 0)).toBe('1,234');
    expect(formatFigure(50.32, 2)).toBe('50.32');
    expect(formatFigure(52.3, 2)).toBe('52.30');
    expect(formatFigure(0, 0)).toBe('0');
    expect(formatFigure(null, 0)).toBe('—');
  });

  it('signs an increment as the plan writes it', () => {
    expect(formatIncrement(16, 0)).toBe('+16');
    expect(formatIncrement(-2, 0)).toBe('−2');
    expect(formatIncrement(0, 0)).toBe('±0');
    expect(formatIncrement(1.984, 2)).toBe('+1.98');
    // Rounded to nothing is no change, whatever sign the float had.
    expect(formatIncrement(-0.001, 2)).toBe('±0.00');
    expect(formatIncrement(null, 2)).toBe('—');
  });

  it('says achievement as a percentage with one decimal, as the printed table does', () => {
    expect(formatAchievement(0.5)).toBe('50.0%');
    expect(formatAchievement(0.8125)).toBe('81.3%');
    expect(formatAchievement(-28 / 16)).toBe('-175.0%');
    expect(formatAchievement(0)).toBe('0.0%');
    expect(formatAchievement(null)).toBe('—');
  });

  it('names a fiscal year by its era year', () => {
    expect(reiwaOf(2026)).toBe('8');
    expect(reiwaOf(2019)).toBe('元');
  });

  it('takes the English only when it is chosen and written', () => {
    expect(inLanguage({ ja: '件', en: 'projects' }, 'en')).toBe('projects');
    expect(inLanguage({ ja: '件', en: ' ' }, 'en')).toBe('件');
    expect(inLanguage({ ja: '件', en: 'projects' }, 'ja')).toBe('件');
  });
});

describe('the plan editor', () => {
  it('reads the shipped plan back unchanged', () => {
    const plan = defaultKpiPlan(2026);
    expect(planOfDraft(draftOfPlan(plan))).toEqual({ plan });
  });

  it('reads full-width digits and thousands, and names the first field that is not a figure', () => {
    const draft = draftOfPlan(defaultKpiPlan(2026));
    draft.firstYear = '２０２７';
    draft.kpis[1]!.baseline = '1,034';
    const read = planOfDraft(draft);
    expect('plan' in read && read.plan.firstYear).toBe(2027);
    expect('plan' in read && read.plan.kpis[1]!.baseline).toBe(1034);

    draft.kpis[3]!.increments[2] = '5%';
    expect(planOfDraft(draft)).toEqual({ problem: { kpi: 3, field: 'increments' } });
    draft.kpis[3]!.increments[2] = '5';
    draft.kpis[0]!.nameJa = ' ';
    expect(planOfDraft(draft)).toEqual({ problem: { kpi: 0, field: 'name' } });
    draft.kpis[0]!.nameJa = '実証';
    draft.firstYear = '27';
    expect(planOfDraft(draft)).toEqual({ problem: { kpi: null, field: 'firstYear' } });
  });

  it('adds a KPI under a free key, entered by hand, for every plan year', () => {
    const draft = draftOfPlan(defaultKpiPlan(2026));
    const added = blankKpi(
      draft.kpis.map((k) => k.id),
      draft.years,
    );
    expect(added.id).toBe('kpi-1');
    expect(added.increments).toEqual(['0', '0', '0']);
    expect(blankKpi(['kpi-1', 'kpi-2'], 1).id).toBe('kpi-3');
    draft.kpis.push({ ...added, nameJa: '視察の受入れ件数' });
    const read = planOfDraft(draft);
    expect('plan' in read && read.plan.kpis[4]).toMatchObject({
      id: 'kpi-1',
      source: 'manual',
      increments: [0, 0, 0],
      definition: { ja: '視察の受入れ件数', en: '' },
    });
  });

  it('names the plan years from the first', () => {
    const draft = draftOfPlan(defaultKpiPlan(2026));
    expect(planYears(draft)).toEqual([2026, 2027, 2028]);
    draft.firstYear = 'x';
    expect(planYears(draft)).toEqual([]);
  });
});
