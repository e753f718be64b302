import type { LiveState, PitchInfo, VentureInfo } from '../../../shared/model';
import { useEventStore } from '../stores/event-store';

export interface LivePitch {
  live: LiveState;
  pitch: PitchInfo | null;
  venture: VentureInfo | null;
}

/** The pitch that is on now (if any), with its venture. */
export function useLivePitch(): LivePitch | null {
  const program = useEventStore((s) => s.program);
  const ventures = useEventStore((s) => s.ventures);
  if (!program) return null;
  const pitch = program.pitches.find((p) => p.id === program.live.pitchId) ?? null;
  const venture = pitch ? (ventures.find((v) => v.id === pitch.ventureId) ?? null) : null;
  return { live: program.live, pitch, venture };
}
