import { useState } from 'react';
import type { ImportReport, OrgKind, PersonSummary } from '../../../../shared/model';
import { KindField } from '../../components/kind-field';
import { PublicAddressWarning } from '../../components/public-address-warning';
import { RegisterPersonForm } from '../../components/register-person-form';
import { VentureProfileForm } from '../../components/venture-profile-form';
import { usePublicAddress } from '../../hooks/use-public-address';
import { formatTime } from '../../lib/format';
import { intentKeys } from '../../lib/keys';
import { NAME_LIMITS, nameError } from '../../lib/name-check';
import { send } from '../../lib/socket';
import type { MessageKey } from '../../lib/messages';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { OrgMergeCard } from './org-merge-card';
import { describeProblem, describeValue, fieldLabel } from './import-problems';
import { useImport } from './use-import';

const FIELDS = ['name', 'kana', 'company', 'kind', 'email', 'title', 'tags'] as const;

/** A reissue tapped again after no answer must not revoke the badge the first one made. */
const reissueKeys = intentKeys();

function ImportCard() {
  const t = useT();
  const { report, error, busy, clearEmpty, choose, remap, chooseClearEmpty, confirm } = useImport();
  const importable = report ? report.creates + report.updates : 0;

  return (
    <section className="card" aria-labelledby="import-title">
      <h2 className="card__title" id="import-title">
        {t('people.import')}
      </h2>
      <label className="file-field">
        {t('people.file')}
        <input
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])}
        />
      </label>
      <p className="hint">{t('people.fileHint')}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={clearEmpty}
          disabled={busy}
          onChange={(e) => chooseClearEmpty(e.target.checked)}
        />
        {t('people.clearEmpty')}
      </label>
      <p className="hint">{t('people.clearEmptyHint')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {report && (
        <div className="import-report">
          <p role="status" className="import-summary">
            {report.committed
              ? t('people.imported', { creates: report.creates, updates: report.updates })
              : t('people.preview', {
                  total: report.total,
                  creates: report.creates,
                  updates: report.updates,
                  unchanged: report.unchanged,
                  errors: report.errors.length,
                })}
          </p>
          {!report.committed && <MappingTable report={report} onChange={remap} />}
          <RowProblems id="import-errors" title={t('people.errors')} rows={report.errors} />
          <RowProblems id="import-warnings" title={t('people.warnings')} rows={report.warnings} />
          <ImportChanges report={report} />
          {!report.committed && importable > 0 && (
            <button type="button" className="primary" disabled={busy} onClick={confirm}>
              {t('people.confirm', { count: importable })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** Rows with their problems, each said in the organizer's language. */
function RowProblems({ id, title, rows }: { id: string; title: string; rows: ImportReport['errors'] }) {
  const t = useT();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul className="row-errors">
        {rows.map((r) => (
          <li key={r.row}>
            <strong>{t('people.row', { row: r.row })}</strong>{' '}
            {r.problems.map((p) => describeProblem(t, p)).join(' / ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Per registered person the import changes, each field before → after: "更新 1人" made inspectable. */
function ImportChanges({ report }: { report: ImportReport }) {
  const t = useT();
  if (report.changes.length === 0) return null;
  return (
    <section aria-labelledby="import-changes">
      <h3 id="import-changes">{report.committed ? t('people.changed') : t('people.changes')}</h3>
      <ul className="import-changes">
        {report.changes.map((c) => (
          <li key={c.personId}>
            <strong>{t('people.changeOf', { row: c.row, name: c.name, company: c.company })}</strong>
            <ul>
              {c.fields.map((f) => (
                <li key={f.field}>
                  {t('people.changeField', {
                    field: fieldLabel(t, f.field),
                    before: describeValue(t, f.field, f.before),
                    after: describeValue(t, f.field, f.after),
                  })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

function MappingTable({ report, onChange }: { report: ImportReport; onChange: (m: ImportReport['mapping']) => void }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="mapping">
        <caption>{t('people.mapping')}</caption>
        <thead>
          <tr>
            {report.headers.map((header, column) => {
              const field = FIELDS.find((f) => report.mapping[f] === column) ?? '';
              return (
                <th key={column} scope="col">
                  <span className="mapping__header">{header}</span>
                  <select
                    aria-label={header}
                    value={field}
                    onChange={(e) => {
                      const mapping = { ...report.mapping };
                      for (const f of FIELDS) if (mapping[f] === column) delete mapping[f];
                      if (e.target.value) mapping[e.target.value as (typeof FIELDS)[number]] = column;
                      onChange(mapping);
                    }}
                  >
                    <option value="">{t('people.column.none')}</option>
                    {FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`people.field.${f}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {report.sample.map((row) => (
            <tr key={row.row}>
              {report.headers.map((_, column) => (
                <td key={column}>{row.cells[column] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PersonEditForm({ person, onDone }: { person: PersonSummary; onDone: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState({
    name: person.name,
    kana: person.nameKana,
    company: person.orgName ?? '',
    kind: (person.role === 'organizer' ? 'firm' : person.role) as OrgKind,
    // No e-mail here: the list does not hold it, and one left out is kept as stored.
    title: person.title,
  });
  const [error, setError] = useState<string | null>(null);
  const field = (name: 'name' | 'kana' | 'company' | 'title', label: string) => (
    <label>
      {label}
      <input
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        required={name === 'name' || name === 'company'}
      />
    </label>
  );
  return (
    <form
      className="form-stack person-edit"
      onSubmit={(e) => {
        e.preventDefault();
        const invalid = nameError(t, [
          { label: t('walkin.name'), value: draft.name, max: NAME_LIMITS.name },
          { label: t('walkin.company'), value: draft.company, max: NAME_LIMITS.company },
        ]);
        if (invalid) return setError(invalid);
        void send('person:update', { personId: person.id, ...draft }).then((a) =>
          a.ok ? onDone() : setError(a.error.message),
        );
      }}
    >
      {field('name', t('walkin.name'))}
      {field('kana', t('walkin.kana'))}
      {field('company', t('walkin.company'))}
      <KindField value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind })} />
      {field('title', t('walkin.titleField'))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('people.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('people.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Each venture's profile as firms see it in the directory, opened one at a time to edit. */
function VentureProfiles() {
  const t = useT();
  const ventures = useEventStore((s) => s.ventures);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="profiles-title">
      <h2 className="card__title" id="profiles-title">
        {t('profile.title')}
      </h2>
      <p className="hint">{t('profile.hint')}</p>
      {ventures.length === 0 && <p className="muted">{t('profile.none')}</p>}
      <ul className="directory">
        {ventures.map((v) => (
          <li key={v.id} className="directory__item">
            <button
              type="button"
              className="directory__head"
              aria-expanded={open === v.id}
              onClick={() => setOpen(open === v.id ? null : v.id)}
            >
              <span className="directory__name">{v.name}</span>
              <span className="muted">{v.tags.join(' · ') || (v.summary ? '' : t('profile.empty'))}</span>
            </button>
            {open === v.id && (
              <div className="directory__body">
                <VentureProfileForm venture={v} />
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Registrations: import the list, see who is in, reissue a lost badge, print badges. */
export default function PeoplePage() {
  const t = useT();
  const people = useEventStore((s) => s.people).filter((p) => p.role !== 'organizer');
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [notice, setNotice] = useState<{ text: string; personId: string } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const address = usePublicAddress();
  const sorted = [...people].sort(
    (a, b) => (a.orgName ?? '').localeCompare(b.orgName ?? '', 'ja') || a.nameKana.localeCompare(b.nameKana, 'ja'),
  );

  return (
    <main className="page page--wide">
      <h1 className="page__title">{t('people.title')}</h1>
      <PublicAddressWarning address={address} />
      <ImportCard />
      <RegisterPersonForm station="受付" walkIn={false} />
      <VentureProfiles />
      <section className="card" aria-labelledby="people-list-title">
        <h2 className="card__title" id="people-list-title">
          {t('people.list', { count: people.length })}
          <a className="button" href="/organizer/badges/print" target="_blank" rel="noreferrer">
            {t('people.printAll')}
          </a>
        </h2>
        {notice && (
          <p role="status" className="notice">
            {notice.text}{' '}
            <a
              href={`/organizer/badges/print?person=${encodeURIComponent(notice.personId)}`}
              target="_blank"
              rel="noreferrer"
            >
              {t('people.printOne')}
            </a>
          </p>
        )}
        <ul className="people-list">
          {sorted.map((p) => (
            <li key={p.id} className={p.checkin ? 'person person--in' : 'person'}>
              <span className="person__text">
                <strong>{p.name}</strong>
                <span className="muted">
                  {p.orgName} · {t(`kind.${p.role}`)}
                  {p.title ? ` · ${p.title}` : ''}
                </span>
                <span className="person__status">
                  {p.checkin
                    ? `✓ ${t('people.checkedIn')} ${formatTime(p.checkin.at, timeZone)} ${p.checkin.station}`
                    : t('people.notYet')}
                </span>
              </span>
              <button
                type="button"
                aria-label={t('people.edit', { name: p.name })}
                onClick={() => setEditing(editing === p.id ? null : p.id)}
              >
                ✎
              </button>
              <button
                type="button"
                aria-label={t('people.reissue', { name: p.name })}
                onClick={() =>
                  void send('badge:reissue', { personId: p.id, key: reissueKeys.keyFor(p.id) }).then((answer) => {
                    reissueKeys.settle(p.id, answer);
                    if (answer.ok) setNotice({ text: t('people.reissued', { name: p.name }), personId: p.id });
                  })
                }
              >
                ↻
              </button>
              {editing === p.id && <PersonEditForm person={p} onDone={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      </section>
      <OrgMergeCard />
    </main>
  );
}
