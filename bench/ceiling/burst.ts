/**
 * The ceiling run's tap burst: the first pitch of the demo programme started, the board connected,
 * and at each step a few hundred attendees tapping "interested" within a couple of seconds; each
 * count's way from the tap to the board is timed as tap-storm.ts times it (factLatencies).
 */
import { PROTOCOL_VERSION } from '../../shared/constants.js';
import type { CountsChanged, Snapshot } from '../../shared/model.js';
import type { ClientSocket } from '../../server/testing/socket-client.js';
import { call, connectPerson, dist, factLatencies, now, openSocket, paced, tally, waitFor } from '../lib.js';
import type { Dist, Fact } from '../lib.js';
import type { BenchPerson } from '../server.js';

/** The pitch whose venture the bursts tap, and the board's counts of it as they came. */
export interface Stage {
  ventureId: string;
  facts: Fact[];
}

/** Starts the demo programme's first pitch (as the organizer) and listens as the board. */
export async function openStage(baseUrl: string, boardToken: string, organizer: BenchPerson): Promise<Stage> {
  const control = await connectPerson(baseUrl, organizer.url);
  const snap = await call(control, 'sync', { protocol: PROTOCOL_VERSION });
  if (!snap?.ok) throw new Error('organizer sync failed');
  const pitch = firstPitch(snap.data.program);
  const board = await openSocket(baseUrl, { board: boardToken });
  const boardSync = await call(board, 'sync', { protocol: PROTOCOL_VERSION });
  if (!boardSync?.ok) throw new Error('board sync failed');
  const facts: Fact[] = [{ at: now(), total: boardSync.data.counts[pitch.ventureId]?.total ?? 0 }];
  board.on('counts:changed', (fact: CountsChanged) => {
    const count = fact.counts[pitch.ventureId];
    if (count) facts.push({ at: now(), total: count.total });
  });
  const started = await call(control, 'program:control', { action: 'start', pitchId: pitch.id });
  if (!started?.ok) throw new Error(`program start failed: ${started ? started.error.code : 'no answer'}`);
  return { ventureId: pitch.ventureId, facts };
}

function firstPitch(program: Snapshot['program']) {
  const position = (sessionId: string) => program.sessions.find((s) => s.id === sessionId)?.position ?? 0;
  const pitch = [...program.pitches].sort(
    (a, b) => position(a.sessionId) - position(b.sessionId) || a.position - b.position,
  )[0];
  if (!pitch) throw new Error('the demo program has no pitch');
  return pitch;
}

/** One burst: taps answered, their acks, and each count's way to the board. */
export interface Burst {
  taps: number;
  ok: number;
  unanswered: number;
  errors: Record<string, number>;
  ack: Dist;
  toBoard: Dist & { missing: number };
  boardTotal: number;
}

/** Every tapper taps "interested" once, spread over the window; each count's way to the board is timed. */
export async function tapBurst(stage: Stage, tappers: ClientSocket[], windowMs: number): Promise<Burst> {
  const lastTotal = () => stage.facts[stage.facts.length - 1]!.total;
  const base = lastTotal();
  const fromFact = stage.facts.length;
  const sent: { at: number; ackMs: number }[] = [];
  const ackOrder: number[] = [];
  const errors: Record<string, number> = {};
  let unanswered = 0;
  const pending: Promise<void>[] = [];
  await paced(tappers, windowMs / Math.max(1, tappers.length), (socket, i) => {
    const tap = { at: now(), ackMs: NaN };
    sent[i] = tap;
    pending.push(
      call(socket, 'interest:set', { ventureId: stage.ventureId, level: 'interested' }).then((answer) => {
        tap.ackMs = now() - tap.at;
        if (!answer) unanswered++;
        else if (answer.ok) ackOrder.push(i);
        else tally(errors, answer.error.code);
      }),
    );
  });
  await Promise.all(pending);
  await waitFor(() => lastTotal() >= base + ackOrder.length, 10_000);
  const ranked = ackOrder.map((i, r) => ({ sentAt: sent[i]!.at, rank: base + r + 1 }));
  const toBoard = factLatencies(ranked, stage.facts.slice(fromFact));
  return {
    taps: tappers.length,
    ok: ackOrder.length,
    unanswered,
    errors,
    ack: dist(ackOrder.map((i) => sent[i]!.ackMs)),
    toBoard: { ...dist(toBoard.latencies), missing: toBoard.missing },
    boardTotal: lastTotal() - base,
  };
}
