import { describe, expect, it } from 'vitest';
import { undoTarget, type LastChange } from './interest-undo';
import type { InterestDetails } from './tap-queue';

const NONE: InterestDetails = { level: null, tags: [], note: '', shareNote: false };
const TAPPED: InterestDetails = { level: 'want-to-meet', tags: [], note: '', shareNote: false };
const DETAILED: InterestDetails = { level: 'want-to-meet', tags: ['DX'], note: '倉庫で試したい', shareNote: true };

describe('undoTarget', () => {
  it('restores what was there before the last change, while nothing changed since', () => {
    expect(undoTarget({ before: NONE, after: TAPPED }, TAPPED)).toEqual(NONE);
  });

  it('offers no undo to the bar once the card below saved topics and a note after its tap', () => {
    // The bar's 会いたい, then the card's save: undoing the bar's tap would wipe the note.
    const barTap: LastChange = { before: NONE, after: TAPPED };
    expect(undoTarget(barTap, DETAILED)).toBeNull();
  });

  it('keeps the undo once the server confirms with its trimmed note and tags listed once', () => {
    const saved: LastChange = { before: TAPPED, after: { ...DETAILED, tags: ['DX', 'DX'], note: ' 倉庫で試したい ' } };
    expect(undoTarget(saved, DETAILED)).toEqual(TAPPED);
  });

  it('offers no undo when nothing was changed here', () => {
    expect(undoTarget(null, TAPPED)).toBeNull();
  });
});
