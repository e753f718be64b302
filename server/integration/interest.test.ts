import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, nextFact, record, snapshotOf, startHarness, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('interest during a pitch', () => {
  it('counts 200 phones tapping at once exactly, on the board, the organizer and the venture', async () => {
    const organizer = await h.connectAs(h.person('organizer').url);
    const board = await h.connectBoard();
    const snap = await snapshotOf(organizer);
    const pitch = snap.program.pitches[0]!;
    await call(organizer, 'program:control', { action: 'start', pitchId: pitch.id });
    const ventureLink = h.links.people.find(
      (p) => p.role === 'venture' && p.org === snap.ventures.find((v) => v.id === pitch.ventureId)!.name,
    )!;
    const venture = await h.connectAs(ventureLink.url);

    const phones = [];
    for (const url of h.addFirms(200)) phones.push(await h.connectAs(url));
    const boardUpdates = record(board, 'counts:changed');

    // Each phone taps once, some twice (interested, then want to meet), some undo: the end state is known.
    const answers = await Promise.all(
      phones.map(async (phone, i) => {
        const first = await call(phone, 'interest:set', { ventureId: pitch.ventureId, level: 'interested' });
        if (i % 4 === 1) return call(phone, 'interest:set', { ventureId: pitch.ventureId, level: 'want-to-meet' });
        if (i % 4 === 3) return call(phone, 'interest:set', { ventureId: pitch.ventureId, level: null });
        return first;
      }),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    const expected = { total: 150, wantToMeet: 50 };
    await nextFact(board, 'counts:changed', (f) => f.counts[pitch.ventureId]?.total === expected.total, 5000).catch(
      () => undefined,
    );
    expect((await snapshotOf(board)).counts[pitch.ventureId]).toEqual(expected);
    expect((await snapshotOf(organizer)).counts[pitch.ventureId]).toEqual(expected);
    expect((await snapshotOf(venture)).counts[pitch.ventureId]).toEqual(expected);
    // The last board fact carries the final figures, and the storm was coalesced.
    expect(boardUpdates.at(-1)!.counts[pitch.ventureId]).toEqual(expected);
    expect(boardUpdates.length).toBeLessThan(60);
    expect(h.store.db.prepare("SELECT COUNT(*) FROM changes WHERE kind LIKE 'interest:%'").pluck().get()).toBe(300);
  });

  it('shows a venture the firms that asked to meet, and their note only when shared', async () => {
    const ventureLink = h.person('venture');
    const venture = await h.connectAs(ventureLink.url);
    const ventureId = (await snapshotOf(venture)).viewer;
    if (ventureId.kind !== 'person') throw new Error('expected a person');
    const vid = ventureId.org!.id;
    const firmA = await h.connectAs(h.person('firm', 0).url);
    const firmB = await h.connectAs(h.person('firm', 1).url);
    const leadFacts = record(venture, 'leads:changed');

    // "Interested" stays anonymous: no lead, no fact.
    await call(firmA, 'interest:set', { ventureId: vid, level: 'interested', note: '社内で検討' });
    expect((await snapshotOf(venture)).leads).toEqual([]);

    const leadA = nextFact(venture, 'leads:changed', (f) => f.leads.length === 1);
    await call(firmA, 'interest:set', {
      ventureId: vid,
      level: 'want-to-meet',
      note: '秘密のメモ',
      tags: ['生産性向上'],
    });
    expect((await leadA).leads).toEqual([
      expect.objectContaining({
        personName: h.person('firm', 0).name,
        orgName: h.person('firm', 0).org,
        note: '',
        tags: ['生産性向上'],
      }),
    ]);

    const leadB = nextFact(venture, 'leads:changed', (f) => f.leads.length === 2);
    await call(firmB, 'interest:set', {
      ventureId: vid,
      level: 'want-to-meet',
      note: '倉庫で試したい',
      shareNote: true,
    });
    expect((await leadB).leads.map((l) => [l.orgName, l.note])).toEqual([
      [h.person('firm', 1).org, '倉庫で試したい'],
      [h.person('firm', 0).org, ''],
    ]);
    const snapshot = JSON.stringify(await snapshotOf(venture));
    expect(snapshot).not.toContain('秘密のメモ');
    expect(snapshot).not.toContain('社内で検討');

    // Stepping back to "interested" removes the firm from the venture's list.
    const back = nextFact(venture, 'leads:changed', (f) => f.leads.length === 1);
    await call(firmA, 'interest:set', { ventureId: vid, level: 'interested' });
    expect((await back).leads[0]!.orgName).toBe(h.person('firm', 1).org);
    expect(leadFacts.length).toBe(3);
  });
});
