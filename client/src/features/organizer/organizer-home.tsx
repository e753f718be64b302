import type { ProgramControl } from '../../../../shared/protocol';
import { Countdown } from '../../components/countdown';
import { useLivePitch } from '../../hooks/use-live-pitch';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { ProgramEditor } from './program-editor';
import { useProgramCommand } from './use-program-command';

/** The organizer's console for the day: drive the program, watch the counts. */
export default function OrganizerHome() {
  const t = useT();
  const program = useEventStore((s) => s.program);
  const ventures = useEventStore((s) => s.ventures);
  const counts = useEventStore((s) => s.counts);
  const live = useLivePitch();
  const { run, busy, error } = useProgramCommand();
  const control = (command: ProgramControl) => run('program:control', command);

  if (!program) return null;
  const ventureName = (id: string) => ventures.find((v) => v.id === id)?.name ?? '';
  const status = program.live.status;

  return (
    <main className="page page--wide">
      <h1 className="page__title">{t('organizer.title')}</h1>
      <section className="card" aria-labelledby="live-title">
        <h2 className="card__title" id="live-title">
          {t('organizer.live')}: {live?.venture?.name ?? (status === 'ended' ? t('now.ended') : t('now.none'))}
        </h2>
        {live?.pitch && <Countdown live={live.live} durationSec={live.pitch.durationSec} />}
        <div className="controls" role="toolbar" aria-label={t('organizer.program')}>
          <button
            type="button"
            disabled={busy}
            onClick={() => void control({ action: 'back', expect: program.live.pitchId })}
          >
            {t('organizer.back')}
          </button>
          {status === 'paused' ? (
            <button type="button" disabled={busy} onClick={() => void control({ action: 'resume' })}>
              {t('organizer.resume')}
            </button>
          ) : (
            <button
              type="button"
              disabled={busy || status !== 'running'}
              onClick={() => void control({ action: 'pause' })}
            >
              {t('organizer.pause')}
            </button>
          )}
          <button
            type="button"
            disabled={busy || (status !== 'running' && status !== 'paused')}
            onClick={() => void control({ action: 'extend', seconds: 60, expect: program.live.pitchId })}
          >
            {t('organizer.extend')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || status === 'ended'}
            onClick={() => void control({ action: 'next', expect: program.live.pitchId })}
          >
            {t('organizer.next')}
          </button>
          <button type="button" disabled={busy || status === 'idle'} onClick={() => void control({ action: 'stop' })}>
            {t('organizer.stop')}
          </button>
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </section>
      <section className="card" aria-labelledby="program-title">
        <h2 className="card__title" id="program-title">
          {t('organizer.program')}
        </h2>
        {program.sessions.map((session) => (
          <div key={session.id} className="program-session">
            <h3>{session.title}</h3>
            <ol className="program-list">
              {program.pitches
                .filter((p) => p.sessionId === session.id)
                .map((pitch) => {
                  const isLive = program.live.pitchId === pitch.id;
                  const count = counts[pitch.ventureId];
                  return (
                    <li
                      key={pitch.id}
                      className={isLive ? 'program-item program-item--live' : 'program-item'}
                      aria-current={isLive ? 'true' : undefined}
                    >
                      <div className="program-item__text">
                        <strong>{ventureName(pitch.ventureId)}</strong>
                        <span>{pitch.title}</span>
                        <span className="muted">
                          {t('common.minutes', { m: Math.round(pitch.durationSec / 60) })} ·{' '}
                          {t('board.interestTotal', { total: count?.total ?? 0 })} ·{' '}
                          {t('board.wantToMeet', { count: count?.wantToMeet ?? 0 })}
                        </span>
                      </div>
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={t('organizer.startPitch', { venture: ventureName(pitch.ventureId) })}
                        onClick={() => void control({ action: 'start', pitchId: pitch.id })}
                      >
                        {t('organizer.start')}
                      </button>
                    </li>
                  );
                })}
            </ol>
          </div>
        ))}
      </section>
      <ProgramEditor run={run} />
    </main>
  );
}
