import { describe, expect, it } from 'vitest';
import { fullWidthKana, matchesSearch, searchKey, textLength, textProblem, toHiragana, trimText } from './text.js';

describe('the text rule for names', () => {
  it('keeps every visible character: 𠮷, 髙, ①, emoji and their joiners, accents and variation selectors', () => {
    for (const name of [
      '𠮷野家',
      '髙橋 美咲',
      '①号店',
      '👩‍💻 開発室',
      '❤️',
      'José',
      'Jose\u0301',
      '葛\u{E0100}城',
      'ＡＢＣ商事',
    ]) {
      expect(textProblem(name), name).toBeNull();
      expect(trimText(name)).toBe(name);
    }
    expect(textLength('𠮷')).toBe(1);
  });

  it('trims full-width spaces, other Unicode spaces and zero-width characters at the ends only', () => {
    expect(trimText('\u3000山田\u3000')).toBe('山田');
    expect(trimText('\u00a0\u2003山田 太郎\u200b\ufeff')).toBe('山田 太郎');
    expect(trimText('山田\u3000太郎')).toBe('山田\u3000太郎');
    expect(textProblem('\u3000山田\u3000')).toBeNull();
  });

  it('refuses names that are empty or draw nothing once trimmed', () => {
    expect(textProblem('')).toBe('empty');
    expect(textProblem('\u3000 \u3000')).toBe('empty');
    expect(textProblem('\u200b')).toBe('empty');
    expect(textProblem('\u200b\u200b\u200b')).toBe('empty');
    // Invisible characters a trim leaves inside: joiners between spaces, soft hyphens, direction marks,
    // a combining mark or variation selector with nothing to carry, Hangul fillers.
    expect(textProblem('\u00ad\u200b \u200c\u00ad')).toBe('invisible');
    expect(textProblem('\u00ad')).toBe('invisible');
    expect(textProblem('\u200e\u200f')).toBe('invisible');
    expect(textProblem('\u0301')).toBe('invisible');
    expect(textProblem('\ufe0f')).toBe('invisible');
    expect(textProblem('\u3164\u3164')).toBe('invisible');
  });

  it('refuses control characters anywhere but at the ends, where they are spaces to trim', () => {
    expect(textProblem('山田\u0000太郎')).toBe('control');
    expect(textProblem('山田\n太郎')).toBe('control');
    expect(textProblem('\u0007山田')).toBe('control');
    expect(textProblem('山田\t\r\n')).toBeNull();
  });

  it('counts the length as people do when a limit is given', () => {
    expect(textProblem('𠮷'.repeat(100), 100)).toBeNull();
    expect(textProblem('𠮷'.repeat(101), 100)).toBe('too-long');
    expect(textProblem(`\u3000${'あ'.repeat(100)}\u3000`, 100)).toBeNull();
  });
});

describe('searchKey and matchesSearch', () => {
  it('finds a hiragana reading by katakana typed at either width', () => {
    expect(matchesSearch('サトウ', ['さとう たろう'])).toBe(true);
    expect(matchesSearch('ｻﾄｳ', ['さとう たろう'])).toBe(true);
    expect(matchesSearch('ｻﾄｳ', ['サトウ'])).toBe(true);
  });

  it('finds katakana names by hiragana, and full-width letters by half-width', () => {
    expect(matchesSearch('どろーん', ['株式会社ドローン北海道'])).toBe(true);
    expect(matchesSearch('abc', ['ＡＢＣ商事'])).toBe(true);
    expect(matchesSearch('ABC', ['abc商事'])).toBe(true);
  });

  it('ignores spaces of every kind, in the query and in the text', () => {
    expect(matchesSearch('佐藤太郎', ['佐藤　太郎'])).toBe(true);
    expect(matchesSearch('佐藤 太郎', ['佐藤太郎'])).toBe(true);
  });

  it('matches nothing for an empty or blank query, and skips missing texts', () => {
    expect(matchesSearch('', ['さとう'])).toBe(false);
    expect(matchesSearch('　 ', ['さとう'])).toBe(false);
    expect(matchesSearch('さ', [null, undefined, 'さとう'])).toBe(true);
  });

  it('does not fold what is not the same word', () => {
    expect(matchesSearch('さとう', ['佐藤'])).toBe(false);
    expect(searchKey('ヴ')).toBe('ゔ');
  });
});

describe('kana folding for readings and names', () => {
  it('stores a reading in hiragana whatever width or script it was typed in', () => {
    expect(toHiragana('サトウ')).toBe('さとう');
    expect(toHiragana('ｻﾄｳ ﾀﾛｳ')).toBe('さとう たろう');
    expect(toHiragana('ヴァ')).toBe('ゔぁ');
    expect(toHiragana('いすゞ')).toBe('いすゞ');
    expect(toHiragana('ヽヾ')).toBe('ゝゞ');
  });

  it('widens half-width katakana and leaves every other character as typed', () => {
    expect(fullWidthKana('ｻﾄｳ商店')).toBe('サトウ商店');
    expect(fullWidthKana('ｶﾞｽ')).toBe('ガス');
    expect(fullWidthKana('ＡＢＣ㈱①')).toBe('ＡＢＣ㈱①');
  });

  it('searches fold the same way readings are stored', () => {
    expect(searchKey('ｻﾄｳ')).toBe(toHiragana('サトウ'));
  });
});
