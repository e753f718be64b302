import { describe, expect, it } from 'vitest';
import { phrasesOf } from './phrases';

describe('phrasesOf', () => {
  it('breaks a long company name where its words meet, not inside a katakana word', () => {
    expect(phrasesOf('株式会社スペースシェア北海道ロジスティクス研究所', 'name')).toEqual([
      '株式会社',
      'スペースシェア',
      '北海道',
      'ロジスティクス',
      '研究所',
    ]);
    expect(phrasesOf('一般社団法人北海道スマート農業イノベーション推進機構', 'name')).toEqual([
      '一般社団法人',
      '北海道',
      'スマート',
      '農業',
      'イノベーション',
      '推進機構',
    ]);
    expect(phrasesOf('IoTセンシングジャパン株式会社', 'name')).toEqual(['IoT', 'センシングジャパン', '株式会社']);
  });

  it('keeps hiragana with what precedes it', () => {
    expect(phrasesOf('株式会社北の建設DXパートナーズ', 'name')).toEqual([
      '株式会社',
      '北の',
      '建設',
      'DX',
      'パートナーズ',
    ]);
    expect(phrasesOf('株式会社ゆうふつ水素エナジー', 'name')).toEqual(['株式会社', 'ゆうふつ', '水素', 'エナジー']);
  });

  it('follows BudouX through a sentence', () => {
    expect(phrasesOf('勘と経験を、データで次の世代へ', 'sentence')).toEqual([
      '勘と',
      '経験を、',
      'データで',
      '次の',
      '世代へ',
    ]);
    expect(phrasesOf('すべての発表が終了しました', 'sentence')).toEqual(['すべての', '発表が', '終了しました']);
  });

  it('breaks after every space, which a phrase drawn unbreakable would otherwise hold', () => {
    expect(phrasesOf('Harbor AI Technologies', 'name')).toEqual(['Harbor ', 'AI ', 'Technologies']);
    expect(phrasesOf('とまこまい イノベーション・マッチングデイ 2026', 'sentence')).toContain('2026');
  });

  it('leaves a name with nothing to break at whole, and text round-trips', () => {
    expect(phrasesOf('ミライロボティクス', 'name')).toEqual(['ミライロボティクス']);
    const text = 'とまこまい イノベーション・マッチングデイ 2026 ― 地域の課題×ベンチャーの技術';
    expect(phrasesOf(text, 'sentence').join('')).toBe(text);
    expect(phrasesOf(text, 'name').join('')).toBe(text);
    expect(phrasesOf('', 'name')).toEqual(['']);
  });
});
