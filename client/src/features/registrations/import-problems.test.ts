import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../../shared/model';
import { loadEnglish, loadLaterMessages, translate } from '../../stores/language-store';
import { describeProblem } from './import-problems';

// The People page's sentences are a later page's: its table, then English for both.
await loadLaterMessages();
const ja = translate('ja');
await loadEnglish();
const en = translate('en');

describe('describeProblem', () => {
  it('says a row problem with its field and kinds in the organizer’s language', () => {
    const empty = { code: 'empty', message: 'name is empty', params: { field: 'name' } } as ImportProblem;
    expect(describeProblem(ja, empty)).toBe('氏名が空です');
    expect(describeProblem(en, empty)).toBe('Name is empty');
  });

  it('never shows the server’s English for a problem code this client does not know', () => {
    const newer = { code: 'from-a-newer-server', message: 'something new', params: {} } as unknown as ImportProblem;
    expect(describeProblem(ja, newer)).toBe('この行は取り込めません。内容を確認してください');
    expect(describeProblem(en, newer)).not.toContain('something new');
  });
});
