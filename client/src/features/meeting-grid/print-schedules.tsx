/**
 * 「印刷用の面談予定」 on the meeting grid page: opens the printable schedules (server/http/
 * schedule-sheets.ts) in a new tab — every table's card, every organization's or person's meetings,
 * or one table or organization — with the organizer's venue note (floor, room) printed on each.
 */
import { useMemo, useState } from 'react';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

const PATH = '/organizer/schedules/print';

function printUrl(by: 'table' | 'org' | 'person', note: string, only?: string): string {
  const query = new URLSearchParams({ by });
  if (only) query.set('only', only);
  if (note.trim()) query.set('note', note.trim());
  return `${PATH}?${query.toString()}`;
}

export function PrintSchedules() {
  const t = useT();
  const tables = useEventStore((s) => s.grid?.settings.tables ?? []);
  const meetings = useEventStore((s) => s.meetings);
  const [note, setNote] = useState('');
  const [table, setTable] = useState('');
  const [org, setOrg] = useState('');
  // The organizations with a meeting not cancelled, by name: the ones a schedule is printed for.
  const orgs = useMemo(() => {
    const byId = new Map<string, string>();
    for (const m of meetings) {
      if (m.status === 'cancelled') continue;
      byId.set(m.guestOrgId, m.guestOrgName);
      byId.set(m.ventureOrgId, m.ventureOrgName);
    }
    return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  }, [meetings]);

  return (
    <section className="card" aria-labelledby="schedules-title">
      <h2 className="card__title" id="schedules-title">
        {t('schedules.title')}
      </h2>
      <div className="form-grid">
        <label>
          {t('schedules.note')}
          <input value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      <div className="row-actions">
        <a className="button" href={printUrl('table', note)} target="_blank" rel="noopener">
          {t('schedules.allTables')}
        </a>
        <a className="button" href={printUrl('org', note)} target="_blank" rel="noopener">
          {t('schedules.allOrgs')}
        </a>
        <a className="button" href={printUrl('person', note)} target="_blank" rel="noopener">
          {t('schedules.allPeople')}
        </a>
      </div>
      <div className="row-actions">
        <label className="muted">
          <span>{t('schedules.oneTable')}</span>
          <select value={table} onChange={(e) => setTable(e.target.value)}>
            <option value="">{t('schedules.choose')}</option>
            {tables.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {table && (
          <a className="button" href={printUrl('table', note, table)} target="_blank" rel="noopener">
            {t('schedules.open')}
          </a>
        )}
      </div>
      <div className="row-actions">
        <label className="muted">
          <span>{t('schedules.oneOrg')}</span>
          <select value={org} onChange={(e) => setOrg(e.target.value)}>
            <option value="">{t('schedules.choose')}</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {org && (
          <a className="button" href={printUrl('org', note, org)} target="_blank" rel="noopener">
            {t('schedules.open')}
          </a>
        )}
      </div>
    </section>
  );
}
