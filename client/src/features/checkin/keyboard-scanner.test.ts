import { describe, expect, it } from 'vitest';
import { BURST_GAP_MS, NO_BURST, nextKey, type BurstState, type KeyStroke } from './keyboard-scanner';

const BADGE = 'http://pitch.lan/t/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdEf';

/** Feeds keystrokes one by one; returns every burst completed and where each burst may have begun. */
function feed(strokes: KeyStroke[]): { bursts: string[]; starts: number[] } {
  let state: BurstState = NO_BURST;
  const bursts: string[] = [];
  const starts: number[] = [];
  strokes.forEach((stroke, index) => {
    const outcome = nextKey(state, stroke);
    state = outcome.state;
    if (outcome.starts) starts.push(index);
    if (outcome.burst !== null) bursts.push(outcome.burst);
  });
  return { bursts, starts };
}

/** A text typed with a fixed gap from `from`, then Enter after the same gap. */
function typed(text: string, gapMs: number, from = 1000): KeyStroke[] {
  const keys = [...text, 'Enter'];
  return keys.map((key, i) => ({ key, at: from + i * gapMs }));
}

describe('typed scanner bursts', () => {
  it('takes a badge URL typed fast and ended with Enter, and a bare token', () => {
    expect(feed(typed(BADGE, 8)).bursts).toEqual([BADGE]);
    const token = BADGE.slice(-44);
    expect(feed(typed(token, BURST_GAP_MS - 1)).bursts).toEqual([token]);
  });

  it('never takes a person typing into the search box, however long the text', () => {
    expect(feed(typed('さとう たろう 株式会社サンプル製作所 営業部', 120)).bursts).toEqual([]);
    expect(feed(typed(BADGE, BURST_GAP_MS)).bursts).toEqual([]);
  });

  it('needs at least 20 characters and the Enter', () => {
    expect(feed(typed('x'.repeat(19), 5)).bursts).toEqual([]);
    expect(feed(typed('x'.repeat(20), 5)).bursts).toEqual(['x'.repeat(20)]);
    const noEnter = typed(BADGE, 5).slice(0, -1);
    expect(feed(noEnter).bursts).toEqual([]);
  });

  it('needs the Enter to come as fast as the characters', () => {
    const strokes = typed(BADGE, 5);
    strokes[strokes.length - 1]!.at += 500;
    expect(feed(strokes).bursts).toEqual([]);
  });

  it('starts over after a pause: slow typing then a burst gives the burst alone, marked where it began', () => {
    const slow = typed('abc', 200, 0).slice(0, -1);
    const fast = typed(BADGE, 5, 2000);
    const { bursts, starts } = feed([...slow, ...fast]);
    expect(bursts).toEqual([BADGE]);
    expect(starts).toEqual([0, 1, 2, 3]);
  });

  it('lets Shift pass between characters (scanners press it for capitals)', () => {
    const strokes = typed(BADGE, 4).flatMap((s) =>
      s.key >= 'A' && s.key <= 'Z' ? [{ key: 'Shift', at: s.at - 1 }, s] : [s],
    );
    expect(feed(strokes).bursts).toEqual([BADGE]);
  });

  it('does not take a key held down, nor a burst broken by another key', () => {
    const held = [
      ...Array.from({ length: 30 }, (_, i) => ({ key: 'a', at: i * 33, repeat: i > 0 })),
      { key: 'Enter', at: 1000 },
    ];
    expect(feed(held).bursts).toEqual([]);
    const heldThenEnter = [...held.slice(0, -1), { key: 'Enter', at: 30 * 33 }];
    expect(feed(heldThenEnter).bursts).toEqual([]);
    // Another key starts over: what follows it is a burst only if it is one on its own.
    const brokenLate = typed(BADGE, 5);
    brokenLate.splice(-11, 0, { key: 'Backspace', at: brokenLate.at(-12)!.at + 1 });
    expect(feed(brokenLate).bursts).toEqual([]);
    const brokenEarly = typed(BADGE, 5);
    brokenEarly.splice(10, 0, { key: 'Backspace', at: brokenEarly[9]!.at + 1 });
    expect(feed(brokenEarly).bursts).toEqual([BADGE.slice(10)]);
  });

  it('takes two bursts in a row', () => {
    const other = BADGE.replace('AbCd', 'ZzZz');
    expect(feed([...typed(BADGE, 5, 0), ...typed(other, 5, 5000)]).bursts).toEqual([BADGE, other]);
  });
});
