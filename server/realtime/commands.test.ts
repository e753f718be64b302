/**
 * The dispatch of socket commands (commands.ts): one listener per socket hands each event to its
 * command's runner, shared by every socket. What a client sees must be what one `socket.on` per
 * command gave: an event no command is named after goes unanswered, a command without a payload or
 * with one argument too many is refused, and each socket acts for its own principal only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors.js';
import { call, callRaw, snapshotOf, startHarness, type ClientSocket, type Harness } from '../testing/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

/** The person a socket acts for, from its snapshot. */
async function personOf(socket: ClientSocket): Promise<string> {
  const { viewer } = await snapshotOf(socket);
  if (viewer.kind !== 'person') throw new Error('not a person');
  return viewer.personId;
}

describe('socket command dispatch', () => {
  it('leaves an event no command is named after unanswered, whatever its name, and keeps serving', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const answered: string[] = [];
    // Names an object lookup would find on every object's prototype, and plain unknown ones.
    const names = ['no:such-event', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'Sync', ''];
    for (const name of names) {
      (firm.emit as (e: string, ...a: unknown[]) => void)(name, { protocol: 1 }, () => answered.push(name));
      (firm.emit as (e: string, ...a: unknown[]) => void)(name, () => answered.push(name));
    }
    // Packets are handled in the order they came: a command sent after them is answered after any
    // answer they could have had; a little longer covers one that waited for a commit.
    expect(await call(firm, 'time:sync', { clientSentAt: 1 })).toMatchObject({ ok: true });
    expect(await snapshotOf(firm)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toEqual([]);
    expect(firm.connected).toBe(true);
  });

  it('refuses a command sent without a payload, or with one argument too many, and writes nothing', async () => {
    const firm = await h.connectAs(h.person('firm').url);
    const snap = await snapshotOf(firm);
    const ventureId = snap.ventures[0]!.id;
    const payload = { ventureId, level: 'interested' };
    const refused = {
      ok: false,
      error: { code: ErrorCode.BadRequest, message: expect.stringMatching(/^Invalid request/) },
    };
    for (const event of ['interest:set', 'sync', 'meeting:book']) {
      expect(await callRaw(firm, event), `${event} without a payload`).toMatchObject(refused);
      expect(await callRaw(firm, event, payload, { extra: true }), `${event} with two`).toMatchObject(refused);
    }
    expect((await snapshotOf(firm)).myInterests).toEqual([]);
  });

  it('acts for each socket’s own principal when many send at once', async () => {
    const firms = await Promise.all([0, 1, 2].map((i) => h.connectAs(h.person('firm', i).url)));
    const people = await Promise.all(firms.map(personOf));
    const ventures = (await snapshotOf(firms[0]!)).ventures.map((v) => v.id);
    // Interleaved on the wire: firm i marks venture i, then every firm's commands share groups.
    const answers = await Promise.all(
      ventures
        .slice(0, 3)
        .flatMap((ventureId, i) => [
          call(firms[i]!, 'interest:set', { ventureId, level: 'want-to-meet' }),
          call(firms[(i + 1) % 3]!, 'time:sync', { clientSentAt: i }),
        ]),
    );
    expect(answers.every((a) => a.ok)).toBe(true);
    people.forEach((personId, i) => {
      ventures.slice(0, 3).forEach((ventureId, j) => {
        expect(h.store.getInterest(personId, ventureId)?.level, `person ${i}, venture ${j}`).toBe(
          i === j ? 'want-to-meet' : undefined,
        );
      });
    });
  });
});
