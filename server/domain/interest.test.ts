import { describe, expect, it } from 'vitest';
import { decideInterest } from './interest.js';

const NOW = Date.UTC(2026, 10, 25, 5, 30);
const venture = { id: 'v1', kind: 'venture' as const };

describe('interest', () => {
  it('records a firm’s tap with its tags once and a trimmed note', () => {
    const result = decideInterest(
      { role: 'firm', orgId: 'f1' },
      venture,
      {
        ventureId: 'v1',
        level: 'want-to-meet',
        tags: ['人材育成', '人材育成', 'DX'],
        note: '  倉庫で試したい ',
        shareNote: true,
      },
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        ventureId: 'v1',
        level: 'want-to-meet',
        tags: ['人材育成', 'DX'],
        note: '倉庫で試したい',
        shareNote: true,
        updatedAt: NOW,
      },
    });
  });

  it('lets firms and partners tag, not ventures or organizers, and only ventures', () => {
    const tap = { ventureId: 'v1', level: 'interested' as const, tags: [], note: '', shareNote: false };
    expect(decideInterest({ role: 'partner', orgId: 'p1' }, venture, tap, NOW).ok).toBe(true);
    expect(decideInterest({ role: 'venture', orgId: 'v2' }, venture, tap, NOW)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(decideInterest({ role: 'organizer', orgId: null }, venture, tap, NOW)).toMatchObject({ ok: false });
    expect(decideInterest({ role: 'firm', orgId: 'f1' }, { id: 'f2', kind: 'firm' }, tap, NOW)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(decideInterest({ role: 'firm', orgId: 'f1' }, undefined, tap, NOW)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('treats a null level as undo', () => {
    expect(
      decideInterest(
        { role: 'firm', orgId: 'f1' },
        venture,
        { ventureId: 'v1', level: null, tags: [], note: '', shareNote: false },
        NOW,
      ),
    ).toEqual({ ok: true, value: null });
  });
});
