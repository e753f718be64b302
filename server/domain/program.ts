/**
 * The pitch program's live state machine. Pure: the clock comes in as `now` (epoch ms).
 */
import type { LiveState, PitchInfo, ProgramSessionInfo } from '../../shared/model.js';
import type { ProgramControl } from '../../shared/protocol.js';
import { elapsedMs } from '../../shared/live.js';
import { accept, refuse, type Result } from './result.js';

export const IDLE: LiveState = { pitchId: null, status: 'idle', runningSince: null, elapsedMs: 0, extraMs: 0 };

/** Pitches in running order: by session position, then by pitch position. */
export function runningOrder(sessions: ProgramSessionInfo[], pitches: PitchInfo[]): PitchInfo[] {
  const sessionPos = new Map(sessions.map((s) => [s.id, s.position]));
  return [...pitches].sort(
    (a, b) => (sessionPos.get(a.sessionId) ?? 0) - (sessionPos.get(b.sessionId) ?? 0) || a.position - b.position,
  );
}

function startPitch(pitchId: string, now: number): LiveState {
  return { pitchId, status: 'running', runningSince: now, elapsedMs: 0, extraMs: 0 };
}

export function applyControl(
  live: LiveState,
  command: ProgramControl,
  order: PitchInfo[],
  now: number,
): Result<LiveState> {
  if ('expect' in command && command.expect !== undefined && command.expect !== live.pitchId) {
    return refuse(
      'program-moved-on',
      'The program has already moved on (a repeated tap, or another organizer). Check the screen.',
    );
  }
  const index = live.pitchId === null ? -1 : order.findIndex((p) => p.id === live.pitchId);
  switch (command.action) {
    case 'start': {
      if (!order.some((p) => p.id === command.pitchId)) {
        return refuse('pitch-unknown', 'That pitch is not in this event’s program.');
      }
      return accept(startPitch(command.pitchId, now));
    }
    case 'pause':
      if (live.status !== 'running') return refuse('no-pitch-running', 'No pitch is running.');
      return accept({ ...live, status: 'paused', runningSince: null, elapsedMs: elapsedMs(live, now) });
    case 'resume':
      if (live.status !== 'paused') return refuse('no-pitch-paused', 'No pitch is paused.');
      return accept({ ...live, status: 'running', runningSince: now });
    case 'next': {
      // From idle the program begins at the first pitch; past the last one it ends.
      const next = order[index + 1];
      if (live.status === 'ended') return refuse('program-ended', 'The program has ended.');
      if (!next) return accept({ ...IDLE, status: 'ended' });
      return accept(startPitch(next.id, now));
    }
    case 'back': {
      const target = live.status === 'ended' ? order[order.length - 1] : order[index - 1];
      if (!target) return refuse('first-pitch', 'This is the first pitch.');
      return accept(startPitch(target.id, now));
    }
    case 'stop':
      if (live.status === 'idle') return refuse('no-pitch-on', 'No pitch is on.');
      return accept(IDLE);
    case 'extend':
      if (live.status !== 'running' && live.status !== 'paused') {
        return refuse('no-pitch-on', 'No pitch is on to extend.');
      }
      return accept({ ...live, extraMs: live.extraMs + command.seconds * 1000 });
  }
}
