import { describe, expect, it } from 'vitest';
import {
  CHALLENGE_CATEGORIES,
  categoryOf,
  challengeFit,
  hasChallenges,
  NO_CHALLENGES,
  readChallenges,
  type Challenges,
} from './challenges.js';

const firm = (over: Partial<Challenges>): Challenges => ({ ...NO_CHALLENGES, ...over });

describe('challenge categories', () => {
  it('are the plan five, by key', () => {
    expect(CHALLENGE_CATEGORIES).toEqual(['productivity', 'efficiency', 'hiring', 'idle-assets', 'training']);
  });

  it('are recognised by key, Japanese name or a part of it, and English, in any width or case', () => {
    expect(categoryOf('生産性向上')).toBe('productivity');
    expect(categoryOf('業務効率化・省力化')).toBe('efficiency');
    expect(categoryOf('省力化')).toBe('efficiency');
    expect(categoryOf('ｼｮｳﾘｮｸｶ')).toBe('efficiency');
    expect(categoryOf(' 雇用確保 ')).toBe('hiring');
    expect(categoryOf('遊休資産の活用')).toBe('idle-assets');
    expect(categoryOf('Idle Assets')).toBe('idle-assets');
    expect(categoryOf('idle-assets')).toBe('idle-assets');
    expect(categoryOf('ＴＲＡＩＮＩＮＧ')).toBe('training');
    expect(categoryOf('人材育成')).toBe('training');
    expect(categoryOf('ドローン')).toBeNull();
  });
});

describe('reading a typed list of challenges', () => {
  const topics = ['ドローン', 'AI', '物流'];

  it('splits on 、 , ; and their full-width forms, keeping 業務効率化・省力化 whole', () => {
    expect(readChallenges('業務効率化・省力化、hiring; 人材育成，ｄｒｏｎｅ', topics)).toEqual({
      categories: ['efficiency', 'hiring', 'training'],
      topics: [],
      note: 'ｄｒｏｎｅ',
    });
  });

  it("takes the event's topics in the event's spelling, folded (ﾄﾞﾛｰﾝ, ai)", () => {
    expect(readChallenges('ﾄﾞﾛｰﾝ、ai、どろーん', topics)).toEqual({
      categories: [],
      topics: ['ドローン', 'AI'],
      note: '',
    });
  });

  it('keeps unknown words in the free text in the order typed, and drops empty items', () => {
    expect(readChallenges('冬の除雪,, 省力化 ;倉庫が空いている', topics)).toEqual({
      categories: ['efficiency'],
      topics: [],
      note: '冬の除雪、倉庫が空いている',
    });
    expect(readChallenges('  ', topics)).toEqual(NO_CHALLENGES);
    expect(hasChallenges(readChallenges('  ', topics))).toBe(false);
    expect(hasChallenges(readChallenges('冬の除雪', topics))).toBe(true);
  });
});

describe('challenge fit', () => {
  it('is nothing for no firm or no shared challenge', () => {
    expect(challengeFit(null, ['efficiency'])).toEqual({ score: 0, shared: [] });
    expect(challengeFit(firm({ categories: ['hiring'] }), ['efficiency', 'ドローン'])).toEqual({
      score: 0,
      shared: [],
    });
  });

  it('names what is shared: categories in the plan order, then topics in the firm spelling', () => {
    const fit = challengeFit(firm({ categories: ['training', 'efficiency'], topics: ['ドローン'] }), [
      'ﾄﾞﾛｰﾝ',
      'training',
      'efficiency',
    ]);
    expect(fit.shared).toEqual(['training', 'efficiency', 'ドローン']);
  });

  it('counts a venture topic that names a category (省力化, ｼｮｳﾘｮｸｶ) as that category', () => {
    expect(challengeFit(firm({ categories: ['efficiency'] }), ['省力化']).shared).toEqual(['efficiency']);
    expect(challengeFit(firm({ categories: ['efficiency'] }), ['ｼｮｳﾘｮｸｶ']).shared).toEqual(['efficiency']);
  });

  it('is higher the more is shared, within 0..1, whatever the length of the firm list', () => {
    const many = firm({ categories: ['productivity', 'efficiency', 'hiring'], topics: ['ドローン', 'AI'] });
    const one = challengeFit(many, ['hiring']).score;
    const two = challengeFit(many, ['hiring', 'AI']).score;
    const five = challengeFit(many, ['hiring', 'AI', 'productivity', 'efficiency', 'ドローン']).score;
    expect(one).toBeGreaterThan(0);
    expect(two).toBeGreaterThan(one);
    expect(five).toBeGreaterThan(two);
    expect(five).toBeLessThanOrEqual(1);
    // A firm that lists one challenge and a firm that lists five score one shared challenge alike.
    expect(challengeFit(firm({ categories: ['hiring'] }), ['hiring']).score).toBe(one);
  });
});
