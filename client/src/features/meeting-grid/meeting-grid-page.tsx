import { useState } from 'react';
import type { AutoScheduleMode, GridSettings, MeetingInfo } from '../../../../shared/model';
import { formatTime } from '../../lib/format';
import { newKey } from '../../lib/keys';
import { describeError } from '../../lib/refusal';
import { send } from '../../lib/socket';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { AutoSchedule } from './auto-schedule';
import { PrintSchedules } from './print-schedules';

const DEFAULT: GridSettings = {
  windows: [{ start: '15:00', end: '17:30' }],
  slotMinutes: 20,
  bufferMinutes: 5,
  tables: ['1', '2', '3', '4'],
  capPerOrg: null,
  breaks: [],
};

/** "15:00-16:00, 16:30-17:30" ⇄ spans. The server checks each time and says which one is wrong. */
function parseSpans(text: string): { start: string; end: string }[] {
  return text
    .split(/[,、，]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [start = '', end = ''] = part.split(/\s*[-–~〜～]\s*/);
      const pad = (t: string) => (/^\d:\d\d$/.test(t) ? `0${t}` : t);
      return { start: pad(start.trim()), end: pad(end.trim()) };
    });
}

const formatSpans = (spans: { start: string; end: string }[]) => spans.map((x) => `${x.start}-${x.end}`).join(', ');

function GridForm({ onMessage }: { onMessage: (text: string) => void }) {
  const t = useT();
  const current = useEventStore((s) => s.grid?.settings) ?? DEFAULT;
  const [draft, setDraft] = useState({
    windows: formatSpans(current.windows),
    breaks: formatSpans(current.breaks),
    slot: current.slotMinutes,
    buffer: current.bufferMinutes,
    tables: current.tables.join(', '),
    cap: current.capPerOrg === null ? '' : String(current.capPerOrg),
    autoSchedule: current.autoSchedule ?? 'book',
  });
  return (
    <form
      className="form-grid form-grid--grid"
      onSubmit={(e) => {
        e.preventDefault();
        const settings: GridSettings = {
          windows: parseSpans(draft.windows),
          slotMinutes: Number(draft.slot),
          bufferMinutes: Number(draft.buffer),
          tables: draft.tables
            .split(/[,、，]/)
            .map((x) => x.trim())
            .filter(Boolean),
          capPerOrg: draft.cap.trim() ? Number(draft.cap) : null,
          breaks: parseSpans(draft.breaks),
          autoSchedule: draft.autoSchedule,
        };
        void send('grid:save', settings).then((a) =>
          onMessage(
            a.ok
              ? t('grid.saved', { slots: a.data.slots.length, tables: a.data.settings.tables.length })
              : t('meet.failed', { message: describeError(t, a.error) }),
          ),
        );
      }}
    >
      <label>
        {t('grid.windows')}
        <input value={draft.windows} onChange={(e) => setDraft({ ...draft, windows: e.target.value })} required />
      </label>
      <label>
        {t('grid.breaks')}
        <input value={draft.breaks} onChange={(e) => setDraft({ ...draft, breaks: e.target.value })} />
      </label>
      <label>
        {t('grid.slot')}
        <input
          type="number"
          min={5}
          max={120}
          value={draft.slot}
          onChange={(e) => setDraft({ ...draft, slot: Number(e.target.value) })}
        />
      </label>
      <label>
        {t('grid.buffer')}
        <input
          type="number"
          min={0}
          max={60}
          value={draft.buffer}
          onChange={(e) => setDraft({ ...draft, buffer: Number(e.target.value) })}
        />
      </label>
      <label>
        {t('grid.tables')}
        <input value={draft.tables} onChange={(e) => setDraft({ ...draft, tables: e.target.value })} required />
      </label>
      <label>
        {t('grid.cap')}
        <input
          type="number"
          min={1}
          max={50}
          value={draft.cap}
          onChange={(e) => setDraft({ ...draft, cap: e.target.value })}
        />
      </label>
      <label>
        {t('grid.autoMode')}
        <select
          value={draft.autoSchedule}
          onChange={(e) => setDraft({ ...draft, autoSchedule: e.target.value as AutoScheduleMode })}
        >
          <option value="book">{t('grid.autoMode.book')}</option>
          <option value="propose">{t('grid.autoMode.propose')}</option>
        </select>
      </label>
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('grid.save')}
        </button>
      </div>
    </form>
  );
}

function BookCell({
  slotStart,
  table,
  label,
  onMessage,
}: {
  slotStart: number;
  table: string;
  label: string;
  onMessage: (text: string) => void;
}) {
  const t = useT();
  const people = useEventStore((s) => s.people);
  const ventures = useEventStore((s) => s.ventures);
  const guests = [
    ...new Map(
      people.filter((p) => p.role === 'firm' || p.role === 'partner').map((p) => [p.orgId!, p.orgName!]),
    ).entries(),
  ];
  const [open, setOpen] = useState(false);
  const [guest, setGuest] = useState('');
  const [venture, setVenture] = useState('');
  if (!open) {
    return (
      <button type="button" className="cell-book" aria-label={label} onClick={() => setOpen(true)}>
        {t('grid.book')}
      </button>
    );
  }
  return (
    <form
      className="form-stack"
      onSubmit={(e) => {
        e.preventDefault();
        void send('meeting:book', { guestOrgId: guest, ventureOrgId: venture, slotStart, table, key: newKey() }).then(
          (a) => {
            if (a.ok) setOpen(false);
            else onMessage(t('meet.failed', { message: describeError(t, a.error) }));
          },
        );
      }}
    >
      <select aria-label={t('grid.guest')} value={guest} onChange={(e) => setGuest(e.target.value)} required>
        <option value="">{t('grid.guest')}</option>
        {guests.map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
      </select>
      <select aria-label={t('grid.venture')} value={venture} onChange={(e) => setVenture(e.target.value)} required>
        <option value="">{t('grid.venture')}</option>
        {ventures.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <button type="submit" className="primary">
        {t('grid.book')}
      </button>
    </form>
  );
}

function MeetingCell({
  meeting,
  free,
  onMessage,
}: {
  meeting: MeetingInfo;
  free: { slotStart: number; table: string; label: string }[];
  onMessage: (text: string) => void;
}) {
  const t = useT();
  const names = { guest: meeting.guestOrgName, venture: meeting.ventureOrgName };
  return (
    <div className={`cell-meeting cell-meeting--${meeting.status}`}>
      <strong>{meeting.guestOrgName}</strong>
      <span>× {meeting.ventureOrgName}</span>
      <span className="muted">
        {meeting.proposal && meeting.status === 'scheduled' ? t('grid.proposed') : t(`meet.state.${meeting.status}`)}
      </span>
      {meeting.status === 'scheduled' && (
        <>
          <select
            aria-label={t('grid.moveMeeting', names)}
            value=""
            onChange={(e) => {
              const [slot, table] = e.target.value.split('|');
              void send('meeting:move', { meetingId: meeting.id, slotStart: Number(slot), table: table! }).then(
                (a) => !a.ok && onMessage(t('meet.failed', { message: describeError(t, a.error) })),
              );
            }}
          >
            <option value="">{t('grid.move')}</option>
            {free.map((f) => (
              <option key={`${f.slotStart}|${f.table}`} value={`${f.slotStart}|${f.table}`}>
                {f.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            aria-label={t('grid.cancelMeeting', names)}
            onClick={() => void send('meeting:cancel', { meetingId: meeting.id })}
          >
            {t('grid.cancel')}
          </button>
        </>
      )}
    </div>
  );
}

/** Organizers: set up the grid, and see and change every booking on a tables × slots matrix. */
export default function MeetingGridPage() {
  const t = useT();
  const grid = useEventStore((s) => s.grid);
  const meetings = useEventStore((s) => s.meetings);
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [message, setMessage] = useState<string | null>(null);
  const live = meetings.filter((m) => m.status !== 'cancelled');
  const at = (slotStart: number, table: string) => live.find((m) => m.slotStart === slotStart && m.table === table);
  const free = grid
    ? grid.slots.flatMap((slot) =>
        grid.settings.tables
          .filter((table) => !at(slot.start, table))
          .map((table) => ({
            slotStart: slot.start,
            table,
            label: t('meet.at', { time: formatTime(slot.start, timeZone), table }),
          })),
      )
    : [];

  return (
    <main className="page page--wide">
      <section className="card" aria-labelledby="grid-title">
        <h1 className="card__title" id="grid-title">
          {t('grid.title')}
        </h1>
        <GridForm onMessage={setMessage} />
        {message && (
          <p role="status" className="notice">
            {message}
          </p>
        )}
      </section>
      {grid && <AutoSchedule />}
      {grid && <PrintSchedules />}
      <section className="card" aria-labelledby="matrix-title">
        <h2 className="card__title" id="matrix-title">
          {t('grid.matrix')}
        </h2>
        {!grid ? (
          <p className="muted">{t('grid.notSet')}</p>
        ) : (
          <div className="table-scroll">
            <table className="matrix">
              <thead>
                <tr>
                  <th />
                  {grid.settings.tables.map((table) => (
                    <th key={table} scope="col">
                      {table}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.slots.map((slot) => (
                  <tr key={slot.start}>
                    <th scope="row">{formatTime(slot.start, timeZone)}</th>
                    {grid.settings.tables.map((table) => {
                      const meeting = at(slot.start, table);
                      const label = t('grid.bookAt', { time: formatTime(slot.start, timeZone), table });
                      return (
                        <td key={table}>
                          {meeting ? (
                            <MeetingCell meeting={meeting} free={free} onMessage={setMessage} />
                          ) : (
                            <BookCell slotStart={slot.start} table={table} label={label} onMessage={setMessage} />
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </main>
  );
}
