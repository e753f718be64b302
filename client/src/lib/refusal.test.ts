import { describe, expect, it } from 'vitest';
import { ErrorCode, REFUSALS, refusalError, type RefusalReason } from '../../../shared/errors';
import { loadEnglish, translate } from '../stores/language-store';
import { describeError } from './refusal';

const ja = translate('ja');
await loadEnglish();
const en = translate('en');

describe('describeError', () => {
  it('says the door’s refusal of a foreign QR code in Japanese, or in English, not the server’s sentence', () => {
    const error = refusalError('badge-unknown', 'This QR code is not a badge of this event.');
    expect(describeError(ja, error)).toBe('このQRコードは、このイベントの名札ではありません');
    expect(describeError(en, error)).toBe('This QR code is not a badge of this event.');
  });

  it('puts the names, the time in the event’s zone and the next free place into the sentence', () => {
    const slotAt = Date.UTC(2026, 10, 30, 6, 30); // 15:30 in Tokyo
    const error = refusalError('pair-booked', 'English', {
      guest: '苫小牧精機',
      venture: 'ドローン北海道',
      slotAt,
      table: 'A',
    });
    expect(describeError(ja, error)).toBe(
      '苫小牧精機 と ドローン北海道 にはすでに面談があります（15:30 テーブル A）。移動してください',
    );
    const taken = refusalError('table-taken', 'English', { table: 'B', nextAt: slotAt, nextTable: 'C' });
    expect(describeError(ja, taken)).toBe('テーブル「B」はこの時間すでに使われています（次の空き: 15:30 テーブル C）');
    expect(describeError(en, taken)).toBe(
      'Table “B” is already taken in that slot. The next free one is 15:30, table C.',
    );
  });

  it('words kinds, statuses, field names and who is at the cap in the person’s language', () => {
    const kind = refusalError('kind-differs', 'English', { company: 'ABC商事', stored: 'venture', kind: 'firm' });
    expect(describeError(ja, kind)).toBe(
      'ABC商事 は「ベンチャー」として登録されています（「地元企業」ではありません）',
    );
    const settled = refusalError('request-settled', 'English', { status: 'declined' });
    expect(describeError(ja, settled)).toBe('この申し込みはもう締め切られています（辞退されました）');
    expect(describeError(en, refusalError('meeting-not-scheduled', 'x', { status: 'held' }))).toContain('“Held”');
    expect(describeError(ja, refusalError('validation', 'x', { field: 'email', problem: 'invalid_format' }))).toBe(
      '入力内容を確認してください（メール）',
    );
    expect(describeError(ja, refusalError('cap-reached', 'x', { cap: 3, both: 1 }))).toBe(
      '両方の組織はすでに上限（3件）の面談があります',
    );
    expect(describeError(ja, refusalError('grid-invalid', 'x', { problem: 'table-repeated', table: '1' }))).toBe(
      'テーブル名「1」が重複しています',
    );
  });

  it('names a refused field by its label, never by its path in the payload', () => {
    const window = refusalError('validation', 'Invalid request (windows.0.end: …).', {
      field: 'windows.0.end',
      problem: 'invalid_format',
    });
    expect(describeError(ja, window)).toBe('入力内容を確認してください（面談の時間帯）');
    expect(describeError(en, window)).toBe('Check what you entered (Meeting windows).');
    const internal = refusalError('validation', 'Invalid request (key: …).', { field: 'key', problem: 'too_small' });
    expect(describeError(ja, internal)).toBe('入力内容を確認してください');
  });

  it('says a reason it does not know (a newer server) by its class of error, never the English message', () => {
    const newer = { code: ErrorCode.Conflict, reason: 'venue-closed', message: 'The venue has closed.' };
    expect(describeError(ja, newer as never)).toBe('いまの状態ではできません。画面を確認してください');
    expect(describeError(en, { code: ErrorCode.NotFound, message: 'Gone.' })).toBe('Not found. Reload the page.');
  });

  it('has a sentence in both languages for every reason, with every placeholder filled', () => {
    for (const reason of Object.keys(REFUSALS) as RefusalReason[]) {
      const error = refusalError(reason, 'English');
      for (const t of [ja, en]) expect(describeError(t, error), reason).not.toBe('English');
    }
    const full = refusalError('grid-strands-meeting', 'x', { guest: 'G', venture: 'V', slotAt: 0, table: 'T' });
    expect(describeError(ja, full)).not.toMatch(/\{\w+\}/);
  });
});

describe('describeError for a registration file that cannot be read', () => {
  it('says what is wrong with the file and what to do, with the line or the column named', () => {
    const xlsx = refusalError('import-unreadable', 'English', { problem: 'xlsx' });
    expect(describeError(ja, xlsx)).toContain('Excel のブック（.xlsx）');
    const quote = refusalError('import-unreadable', 'English', { problem: 'quote-not-closed', line: 7 });
    expect(describeError(ja, quote)).toContain('7行目の引用符');
    expect(describeError(en, quote)).toContain('Line 7 has a quote');
    const column = refusalError('import-unreadable', 'English', {
      problem: 'column-missing',
      field: 'email',
      columns: 3,
    });
    expect(describeError(ja, column)).toBe('「メール」に選んだ列がファイルにありません（このファイルは 3列です）');
  });

  it('falls back to the general sentence for a problem this client does not know', () => {
    const newer = refusalError('import-unreadable', 'English', { problem: 'from-a-newer-server' });
    expect(describeError(ja, newer)).toBe(
      'ファイルを読み取れませんでした。見出し行のある CSV（UTF-8 または Shift_JIS）で保存し直してください',
    );
  });
});
