/**
 * 「自動で組む」 on the meeting grid page: the organizer asks for a preview (how many meetings, how
 * many mutual pairs they cover, who gets none and why), then commits exactly that. A commit the
 * server refuses because things changed since shows the fresh preview instead, to look at again.
 */
import { useState } from 'react';
import type { SchedulePreview } from '../../../../shared/model';
import { formatTime } from '../../lib/format';
import { newKey } from '../../lib/keys';
import { describeError } from '../../lib/refusal';
import { send } from '../../lib/socket';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

type State =
  | { step: 'idle' }
  | { step: 'working' }
  /** `key` names this preview's commit: pressing again after a lost answer is answered, not redone. */
  | { step: 'preview'; preview: SchedulePreview; key: string };

function PreviewView({ preview }: { preview: SchedulePreview }) {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  return (
    <div className="auto-preview" data-testid="auto-preview">
      <p className="auto-preview__figures">
        <strong data-testid="auto-count">{t('auto.count', { proposed: preview.proposed })}</strong>
        <span data-testid="auto-mutual">
          {t('auto.mutual', { mutualCovered: preview.mutualCovered, mutual: preview.mutual })}
        </span>
        <span className="muted">{t('auto.wanted', { wanted: preview.wanted })}</span>
      </p>
      <p className="muted">{t(preview.mode === 'propose' ? 'auto.modePropose' : 'auto.modeBook')}</p>
      {preview.meetings.length > 0 && (
        <details>
          <summary>{t('auto.meetings')}</summary>
          <ul className="auto-preview__list">
            {preview.meetings.map((m) => (
              <li key={`${m.guestOrgId}|${m.ventureOrgId}`}>
                {t('meet.at', { time: formatTime(m.slotStart, timeZone), table: m.table })} {m.guestOrgName} ×{' '}
                {m.ventureOrgName}
                {m.mutual && <span className="badge-mutual">{t('auto.mutualMark')}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
      <h3 className="auto-preview__heading">{t('auto.without')}</h3>
      {preview.without.length === 0 ? (
        <p className="muted">{t('auto.noneWithout')}</p>
      ) : (
        <ul className="auto-preview__list" data-testid="auto-without">
          {preview.without.map((w) => (
            <li key={w.orgId}>
              {w.orgName}: {t(`auto.gap.${w.reason}`)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function AutoSchedule() {
  const t = useT();
  const [state, setState] = useState<State>({ step: 'idle' });
  const [message, setMessage] = useState<string | null>(null);

  const preview = async (note: string | null) => {
    setState({ step: 'working' });
    const answer = await send('schedule:preview', {});
    if (!answer.ok) {
      setState({ step: 'idle' });
      setMessage(t('auto.failed', { message: describeError(t, answer.error) }));
      return;
    }
    setState({ step: 'preview', preview: answer.data, key: newKey() });
    setMessage(note);
  };

  const commit = async (shown: SchedulePreview, key: string) => {
    setState({ step: 'working' });
    const answer = await send('schedule:commit', { digest: shown.digest, key });
    if (answer.ok) {
      setState({ step: 'idle' });
      setMessage(t('auto.committed', { count: answer.data.meetingIds.length }));
      return;
    }
    // Things changed since: nothing was written; the fresh preview is shown to look at again.
    if (answer.error.reason === 'schedule-changed') {
      await preview(describeError(t, answer.error));
      return;
    }
    setState({ step: 'preview', preview: shown, key });
    setMessage(t('auto.failed', { message: describeError(t, answer.error) }));
  };

  return (
    <section className="card" aria-labelledby="auto-title">
      <h2 className="card__title" id="auto-title">
        {t('auto.title')}
      </h2>
      <p className="muted">{t('auto.hint')}</p>
      {state.step === 'preview' && <PreviewView preview={state.preview} />}
      <div className="form-actions">
        {state.step === 'preview' ? (
          <>
            <button
              type="button"
              className="primary"
              disabled={state.preview.proposed === 0}
              onClick={() => void commit(state.preview, state.key)}
            >
              {state.preview.proposed === 0 ? t('auto.nothing') : t('auto.commit')}
            </button>
            <button
              type="button"
              onClick={() => {
                setState({ step: 'idle' });
                setMessage(null);
              }}
            >
              {t('auto.close')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={state.step === 'working'}
            onClick={() => void preview(null)}
          >
            {state.step === 'working' ? t('auto.running') : t('auto.run')}
          </button>
        )}
      </div>
      {message && (
        <p role="status" className="notice">
          {message}
        </p>
      )}
    </section>
  );
}
