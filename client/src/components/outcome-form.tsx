import { useState } from 'react';
import { MEETING_OUTCOMES, type MeetingInfo, type MeetingOutcome } from '../../../shared/model';
import { describeError } from '../lib/refusal';
import { send } from '../lib/socket';
import { useT } from '../stores/language-store';

/**
 * What came of a held meeting: an outcome, the PoC or contract date it needs, a note. Either party
 * records it on their phone, or an organizer in the console, in the weeks after the event.
 */
export function OutcomeForm({ meeting }: { meeting: MeetingInfo }) {
  const t = useT();
  const [outcome, setOutcome] = useState<MeetingOutcome>(meeting.outcome);
  const [pocStartedOn, setPocStartedOn] = useState(meeting.pocStartedOn ?? '');
  const [contractOn, setContractOn] = useState(meeting.contractOn ?? '');
  const [note, setNote] = useState(meeting.outcomeNote);
  const [state, setState] = useState<{ busy?: boolean; saved?: boolean; error?: string }>({});
  const names = { guest: meeting.guestOrgName, venture: meeting.ventureOrgName };

  return (
    <form
      className="outcome-form"
      aria-label={t('outcome.saveFor', names)}
      onSubmit={(e) => {
        e.preventDefault();
        setState({ busy: true });
        void send('meeting:outcome', {
          meetingId: meeting.id,
          outcome,
          pocStartedOn: pocStartedOn || null,
          contractOn: contractOn || null,
          note,
        }).then((answer) => setState(answer.ok ? { saved: true } : { error: describeError(t, answer.error) }));
      }}
    >
      <label>
        {t('outcome.label')}
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as MeetingOutcome)}>
          {MEETING_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      {(outcome === 'poc-started' || outcome === 'contract' || pocStartedOn) && (
        <label>
          {t('outcome.pocStartedOn')}
          <input type="date" value={pocStartedOn} onChange={(e) => setPocStartedOn(e.target.value)} />
        </label>
      )}
      {(outcome === 'contract' || contractOn) && (
        <label>
          {t('outcome.contractOn')}
          <input type="date" value={contractOn} onChange={(e) => setContractOn(e.target.value)} />
        </label>
      )}
      <label>
        {t('outcome.note')}
        <input value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" disabled={state.busy}>
        {t('outcome.save')}
      </button>
      {state.saved && <span role="status">{t('outcome.saved')}</span>}
      {state.error && (
        <span className="error" role="alert">
          {state.error}
        </span>
      )}
    </form>
  );
}
