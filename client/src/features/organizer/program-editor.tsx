import { useState } from 'react';
import type { PitchInfo, ProgramSessionInfo } from '../../../../shared/model';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import type { ProgramCommand } from './use-program-command';

type Run = ProgramCommand['run'];

/** A pitch's form: new (no pitch) or edit. */
function PitchForm({
  sessions,
  sessionId,
  pitch,
  run,
  onDone,
}: {
  sessions: ProgramSessionInfo[];
  sessionId: string;
  pitch?: PitchInfo;
  run: Run;
  onDone: () => void;
}) {
  const t = useT();
  const ventures = useEventStore((s) => s.ventures);
  const [draft, setDraft] = useState({
    sessionId: pitch?.sessionId ?? sessionId,
    ventureId: pitch?.ventureId ?? ventures[0]?.id ?? '',
    title: pitch?.title ?? '',
    minutes: pitch ? pitch.durationSec / 60 : 5,
  });
  return (
    <form
      className="form-grid"
      onSubmit={(e) => {
        e.preventDefault();
        void run('program:pitch-save', {
          ...(pitch ? { id: pitch.id } : {}),
          sessionId: draft.sessionId,
          ventureId: draft.ventureId,
          title: draft.title,
          durationSec: Math.round(draft.minutes * 60),
        }).then((ok) => ok && onDone());
      }}
    >
      <label>
        {t('organizer.venture')}
        <select value={draft.ventureId} onChange={(e) => setDraft({ ...draft, ventureId: e.target.value })} required>
          {ventures.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('organizer.pitchTitle')}
        <input
          value={draft.title}
          onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          required
          maxLength={120}
        />
      </label>
      <label>
        {t('organizer.minutes')}
        <input
          type="number"
          min={0.5}
          max={60}
          step={0.5}
          value={draft.minutes}
          onChange={(e) => setDraft({ ...draft, minutes: Number(e.target.value) })}
          required
        />
      </label>
      {pitch && (
        <label>
          {t('organizer.session')}
          <select value={draft.sessionId} onChange={(e) => setDraft({ ...draft, sessionId: e.target.value })}>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('organizer.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('organizer.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Sessions and pitches, editable before and during the event. */
export function ProgramEditor({ run }: { run: Run }) {
  const t = useT();
  const program = useEventStore((s) => s.program);
  const [editing, setEditing] = useState<string | null>(null);
  const [sessionTitle, setSessionTitle] = useState('');
  if (!program) return null;

  return (
    <section className="card" aria-labelledby="editor-title">
      <h2 className="card__title" id="editor-title">
        {t('organizer.editor')}
      </h2>
      {program.sessions.map((session) => {
        const pitches = program.pitches
          .filter((p) => p.sessionId === session.id)
          .sort((a, b) => a.position - b.position);
        return (
          <div key={session.id} className="program-session">
            <h3>
              {session.title}
              {pitches.length === 0 && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void run('program:session-delete', { id: session.id })}
                >
                  {t('organizer.deleteSession', { title: session.title })}
                </button>
              )}
            </h3>
            <ol className="program-list">
              {pitches.map((pitch, i) => (
                <li key={pitch.id} className="program-item program-item--edit">
                  {editing === pitch.id ? (
                    <PitchForm
                      sessions={program.sessions}
                      sessionId={session.id}
                      pitch={pitch}
                      run={run}
                      onDone={() => setEditing(null)}
                    />
                  ) : (
                    <>
                      <span className="program-item__text">
                        <strong>{pitch.title}</strong>
                        <span className="muted">{t('common.minutes', { m: pitch.durationSec / 60 })}</span>
                      </span>
                      <span className="row-actions">
                        <button
                          type="button"
                          disabled={i === 0}
                          aria-label={t('organizer.moveUp', { title: pitch.title })}
                          onClick={() => void run('program:pitch-move', { id: pitch.id, direction: 'up' })}
                        >
                          {t('organizer.up')}
                        </button>
                        <button
                          type="button"
                          disabled={i === pitches.length - 1}
                          aria-label={t('organizer.moveDown', { title: pitch.title })}
                          onClick={() => void run('program:pitch-move', { id: pitch.id, direction: 'down' })}
                        >
                          {t('organizer.down')}
                        </button>
                        <button
                          type="button"
                          aria-label={t('organizer.editPitch', { title: pitch.title })}
                          onClick={() => setEditing(pitch.id)}
                        >
                          {t('organizer.edit')}
                        </button>
                        <button
                          type="button"
                          aria-label={t('organizer.deletePitch', { title: pitch.title })}
                          onClick={() => void run('program:pitch-delete', { id: pitch.id })}
                        >
                          {t('organizer.delete')}
                        </button>
                      </span>
                    </>
                  )}
                </li>
              ))}
            </ol>
            {editing === `new:${session.id}` ? (
              <PitchForm sessions={program.sessions} sessionId={session.id} run={run} onDone={() => setEditing(null)} />
            ) : (
              <button
                type="button"
                className="add-button"
                aria-label={t('organizer.addPitchTo', { session: session.title })}
                onClick={() => setEditing(`new:${session.id}`)}
              >
                + {t('organizer.addPitch')}
              </button>
            )}
          </div>
        );
      })}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run('program:session-save', { title: sessionTitle }).then((ok) => ok && setSessionTitle(''));
        }}
      >
        <input
          aria-label={t('organizer.sessionTitle')}
          placeholder={t('organizer.sessionTitle')}
          value={sessionTitle}
          onChange={(e) => setSessionTitle(e.target.value)}
          required
          maxLength={120}
        />
        <button type="submit">{t('organizer.addSession')}</button>
      </form>
    </section>
  );
}
