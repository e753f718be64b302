import { Suspense, useState } from 'react';
import { lazyPage } from '../../lib/lazy-page';
import type { MeetingInfo, MeetingRequestInfo } from '../../../../shared/model';
import { formatTime } from '../../lib/format';
import { newKey } from '../../lib/keys';
import { describeError } from '../../lib/refusal';
import { send } from '../../lib/socket';
import { useServerNow } from '../../hooks/use-now';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { OutcomeForm } from '../../components/outcome-form';
import { SlotGrid, type FreePlace } from './slot-grid';

// The calendar's links load after the agenda: they are not needed for the first screen of the phone.
const CalendarLinks = lazyPage(() => import('./calendar-links').then((m) => ({ default: m.CalendarLinks })));

const NEXT_STEPS = ['資料送付', '再訪問', 'PoC検討', '見送り'];

function Incoming({ request }: { request: MeetingRequestInfo }) {
  const t = useT();
  const [declining, setDeclining] = useState(false);
  const [places, setPlaces] = useState<FreePlace[] | null>(null);
  const [place, setPlace] = useState<FreePlace | null>(null);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const answer = (accept: boolean, chosen?: { slotStart: number; table: string }) =>
    void send('meeting:respond', { requestId: request.id, accept, reason, ...chosen }).then((a) =>
      setError(a.ok ? null : t('meet.failed', { message: describeError(t, a.error) })),
    );
  const loadPlaces = () =>
    void send('meeting:free-slots', { requestId: request.id }).then((a) =>
      // One place per free time, at its first free table: the person chooses a time; any table will do.
      setPlaces(
        a.ok
          ? a.data
              .filter((f) => f.tables.length > 0)
              .map((f) => ({ slotStart: f.slotStart, table: f.tables[0]!, time: formatTime(f.slotStart, timeZone) }))
          : [],
      ),
    );
  return (
    <li className="request">
      <strong>{request.fromOrgName}</strong>
      <span className="muted">{request.fromPersonName}</span>
      {request.message && <p className="request__message">{request.message}</p>}
      {declining ? (
        <div className="form-stack">
          <label>
            {t('meet.reason')}
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="button" onClick={() => answer(false)}>
            {t('meet.decline')}
          </button>
        </div>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            aria-label={t('meet.acceptFrom', { org: request.fromOrgName })}
            onClick={() => answer(true)}
          >
            {t('meet.accept')}
          </button>
          <button
            type="button"
            aria-label={t('meet.declineFrom', { org: request.fromOrgName })}
            onClick={() => setDeclining(true)}
          >
            {t('meet.decline')}
          </button>
          {places === null && (
            <button type="button" className="link-button" onClick={loadPlaces}>
              {t('meet.pick')}
            </button>
          )}
        </div>
      )}
      {places?.length === 0 && <p className="muted">{t('meet.noPlace')}</p>}
      {places && places.length > 0 && (
        <div className="form-stack">
          <SlotGrid places={places} chosen={place} onChoose={setPlace} />
          {place && (
            <button
              type="button"
              className="primary"
              onClick={() => answer(true, { slotStart: place.slotStart, table: place.table })}
            >
              {t('meet.acceptAt', { time: place.time, table: place.table })}
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/**
 * A meeting 「自動で組む」 proposed: it holds its place until both sides confirm. This side confirms
 * or declines; after its own confirmation it waits for the other's.
 */
function ProposalAnswer({ meeting, other, mine }: { meeting: MeetingInfo; other: string; mine: boolean }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const answer = (accept: boolean) =>
    void send('meeting:confirm', { meetingId: meeting.id, accept, key: newKey() }).then((a) =>
      setError(a.ok ? null : t('meet.failed', { message: describeError(t, a.error) })),
    );
  return (
    <>
      {mine ? (
        <span className="muted">{t('meet.proposal.waitingOther')}</span>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="primary"
            aria-label={t('meet.proposal.confirmWith', { org: other })}
            onClick={() => answer(true)}
          >
            {t('meet.proposal.confirm')}
          </button>
          <button
            type="button"
            aria-label={t('meet.proposal.declineWith', { org: other })}
            onClick={() => answer(false)}
          >
            {t('meet.proposal.decline')}
          </button>
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function AgendaItem({ meeting, myOrg, now }: { meeting: MeetingInfo; myOrg: string; now: number }) {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const pitch = useEventStore((s) => {
    const ventureId = meeting.ventureOrgId;
    return s.program?.pitches.find((p) => p.ventureId === ventureId)?.title;
  });
  const other = meeting.guestOrgId === myOrg ? meeting.ventureOrgName : meeting.guestOrgName;
  const [nextStep, setNextStep] = useState(meeting.nextStep);
  const mark = (status: 'held' | 'no-show') => void send('meeting:mark', { meetingId: meeting.id, status, nextStep });
  const proposal = meeting.status === 'scheduled' ? meeting.proposal : undefined;
  if (proposal) {
    const mine = meeting.guestOrgId === myOrg ? proposal.guestConfirmed : proposal.ventureConfirmed;
    return (
      <li className="agenda-item agenda-item--proposed" data-testid="proposal">
        <span className="agenda-item__when">
          {t('meet.at', { time: formatTime(meeting.slotStart, timeZone), table: meeting.table })}
        </span>
        <strong>{other}</strong>
        <span className="badge">{t('meet.proposal')}</span>
        <ProposalAnswer meeting={meeting} other={other} mine={mine} />
      </li>
    );
  }
  return (
    <li className={`agenda-item agenda-item--${meeting.status}`}>
      <span className="agenda-item__when">
        {t('meet.at', { time: formatTime(meeting.slotStart, timeZone), table: meeting.table })}
      </span>
      <strong>{other}</strong>
      {pitch && meeting.guestOrgId === myOrg && <span className="muted">{pitch}</span>}
      <span className="badge">{t(`meet.state.${meeting.status}`)}</span>
      {meeting.nextStep && (
        <span className="muted">
          {t('meet.nextStep')}: {meeting.nextStep}
        </span>
      )}
      {meeting.status === 'scheduled' && now >= meeting.slotStart && (
        <div className="form-actions">
          <select aria-label={t('meet.nextStep')} value={nextStep} onChange={(e) => setNextStep(e.target.value)}>
            <option value="">{t('meet.nextStep')}</option>
            {NEXT_STEPS.map((step) => (
              <option key={step}>{step}</option>
            ))}
          </select>
          <button type="button" onClick={() => mark('held')}>
            {t('meet.held')}
          </button>
          <button type="button" onClick={() => mark('no-show')}>
            {t('meet.noShow')}
          </button>
        </div>
      )}
      {meeting.status === 'held' && <OutcomeForm meeting={meeting} />}
    </li>
  );
}

/** A firm's or venture's meetings: requests to answer, the agenda with table numbers, requests sent. */
export function MeetingsPanel() {
  const t = useT();
  const viewer = useEventStore((s) => s.viewer);
  const requests = useEventStore((s) => s.requests);
  const meetings = useEventStore((s) => s.meetings);
  const myOrg = viewer?.kind === 'person' ? viewer.org?.id : undefined;
  const now = useServerNow(true, 15_000);
  if (!myOrg) return null;
  const incoming = requests.filter((r) => r.toOrgId === myOrg && r.status === 'pending');
  const outgoing = requests.filter((r) => r.fromOrgId === myOrg);
  const agenda = meetings.filter((m) => m.status !== 'cancelled').sort((a, b) => a.slotStart - b.slotStart);

  // Requests waiting for an answer come first: they are what the person has to act on.
  return (
    <>
      <section className="card" aria-labelledby="incoming-title" id="incoming">
        <h2 className="card__title" id="incoming-title">
          {t('meet.incoming')} <span className="count-pill">{incoming.length}</span>
        </h2>
        {incoming.length === 0 ? (
          <p className="muted">{t('meet.none')}</p>
        ) : (
          <ul className="requests">
            {incoming.map((r) => (
              <Incoming key={r.id} request={r} />
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="agenda-title" id="agenda">
        <h2 className="card__title" id="agenda-title">
          {t('meet.agenda')}
        </h2>
        {agenda.length === 0 ? (
          <p className="muted">{t('meet.none')}</p>
        ) : (
          <ol className="agenda">
            {agenda.map((m) => (
              <AgendaItem key={m.id} meeting={m} myOrg={myOrg} now={now} />
            ))}
          </ol>
        )}
        <Suspense fallback={null}>
          <CalendarLinks />
        </Suspense>
      </section>
      <section className="card" aria-labelledby="outgoing-title">
        <h2 className="card__title" id="outgoing-title">
          {t('meet.outgoing')}
        </h2>
        {outgoing.length === 0 ? (
          <p className="muted">{t('meet.none')}</p>
        ) : (
          <ul className="requests">
            {outgoing.map((r) => (
              <li key={r.id} className="request">
                <strong>{r.toOrgName}</strong>
                <span className={`badge badge--${r.status}`}>{t(`meet.status.${r.status}`)}</span>
                {r.reason && <span className="muted">{r.reason}</span>}
                {r.status === 'pending' && (
                  <button type="button" onClick={() => void send('meeting:withdraw', { requestId: r.id })}>
                    {t('meet.withdraw')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
