import { describe, expect, it } from 'vitest';
import * as shared from '../../../../shared/programme';
import * as local from './contract';

describe("the console's copy of the programme contract's values", () => {
  it('is the shared one', () => {
    expect(local.KPI_SOURCES).toEqual(shared.KPI_SOURCES);
    expect(local.KPI_AGGREGATIONS).toEqual(shared.KPI_AGGREGATIONS);
    expect(local.REGIONAL_OUTCOME_KINDS).toEqual(shared.REGIONAL_OUTCOME_KINDS);
    expect(local.OPEN_DATA_LICENCE).toEqual(shared.OPEN_DATA_LICENCE);
  });

  it('reads fiscal years as the shared function does, at either side of 1 April', () => {
    for (const date of ['2026-03-31', '2026-04-01', '2026-12-31', '2027-01-01', '2019-05-01']) {
      expect(local.fiscalYearOf(date)).toBe(shared.fiscalYearOf(date));
    }
  });
});
