import { describe, expect, it } from 'vitest';
import { companyKey, findCompany, nearCompany, oneEditApart } from './company.js';

describe('one organization per company', () => {
  it('reads width, case, spaces and a legal-form mark at either end as the same company', () => {
    const same = [
      'ABC商事',
      'ＡＢＣ商事',
      'abc商事',
      'A B C 商事',
      'ＡＢＣ\u3000商事',
      '株式会社ABC商事',
      'ABC商事株式会社',
      '(株)ＡＢＣ商事',
      '（株）ABC商事',
      '㈱ABC商事',
      'ABC商事㈱',
      '株式会社 ＡＢＣ商事',
      '有限会社ABC商事',
      '(有)ABC商事',
      '㈲ABC商事',
      '合同会社ABC商事',
      '\u200bABC\u200b商事',
    ];
    for (const name of same) expect(companyKey(name), name).toBe('abc商事');
  });

  it('tells different companies apart: a mark in the middle, another word, another name', () => {
    expect(companyKey('ABC株式会社商事')).not.toBe(companyKey('ABC商事'));
    expect(companyKey('ABC物産')).not.toBe(companyKey('ABC商事'));
    expect(companyKey('苫小牧市 産業経済部')).toBe('苫小牧市産業経済部');
    // A name that is only a mark keeps it, rather than matching every other bare mark's company.
    expect(companyKey('株式会社')).toBe('株式会社');
  });

  it('finds the stored spelling: exact first, else the oldest with the same key', () => {
    const orgs = [
      { id: 'o1', name: 'ABC商事' },
      { id: 'o2', name: '株式会社ＡＢＣ商事' }, // made before the rule; one company, not yet merged
      { id: 'o3', name: '勇払フーズ株式会社' },
    ];
    expect(findCompany(orgs, '(株)ABC商事')?.id).toBe('o1');
    expect(findCompany(orgs, '株式会社ＡＢＣ商事')?.id).toBe('o2');
    expect(findCompany(orgs, '勇払フーズ')?.id).toBe('o3');
    expect(findCompany(orgs, '勇払ﾌｰｽﾞ')?.id).toBe('o3'); // half-width ﾌｰｽﾞ is フーズ after NFKC
    expect(findCompany(orgs, 'ABC物産')).toBeUndefined();
  });

  it('flags a name one slip away from a stored company, but not short names or the same company', () => {
    const orgs = [
      { id: 'o1', name: '勇払フーズ株式会社' },
      { id: 'o2', name: 'A社' },
    ];
    expect(nearCompany(orgs, '勇払フーズ')).toBeUndefined(); // the same company: matched, not "near"
    expect(nearCompany(orgs, '勇払フース')?.id).toBe('o1'); // ズ → ス
    expect(nearCompany(orgs, '勇払フーズ食品')).toBeUndefined();
    expect(nearCompany(orgs, '(株)勇払ーズ')?.id).toBe('o1'); // one dropped
    expect(nearCompany(orgs, 'B社')).toBeUndefined();
  });

  it('counts one edit by code point', () => {
    const cp = (s: string) => [...s];
    expect(oneEditApart(cp('𠮷野家'), cp('吉野家'))).toBe(true);
    expect(oneEditApart(cp('abcd'), cp('abd'))).toBe(true);
    expect(oneEditApart(cp('abcd'), cp('abxcd'))).toBe(true);
    expect(oneEditApart(cp('abcd'), cp('abcd'))).toBe(false);
    expect(oneEditApart(cp('abcd'), cp('badc'))).toBe(false);
    expect(oneEditApart(cp('abcd'), cp('ab'))).toBe(false);
  });
});
