import { useState } from 'react';
import type { ImportDuplicate, ImportReport, OrgKind, PersonSummary } from '../../../../shared/model';
import { matchesSearch } from '../../../../shared/text';
import { ChallengesForm } from '../../components/challenges-form';
import { ErasePersonCard } from '../../components/erase-person-card';
import { KindField } from '../../components/kind-field';
import { PublicAddressWarning } from '../../components/public-address-warning';
import { PublishConsentCard } from '../../components/publish-consent';
import { RegisterPersonForm } from '../../components/register-person-form';
import { VentureProfileForm } from '../../components/venture-profile-form';
import { usePublicAddress } from '../../hooks/use-public-address';
import { challengeList, describeChallenges } from '../../lib/challenges';
import { formatTime } from '../../lib/format';
import { intentKeys } from '../../lib/keys';
import { NAME_LIMITS, nameError } from '../../lib/name-check';
import { send } from '../../lib/socket';
import type { MessageKey } from '../../lib/messages';
import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { BadgePrintCard } from './badge-print-card';
import { OrgMergeCard } from './org-merge-card';
import { describeProblem, describeValue, fieldLabel } from './import-problems';
import { useImport } from './use-import';

const FIELDS = ['name', 'kana', 'company', 'kind', 'email', 'title', 'tags', 'challenges'] as const;

/** A reissue tapped again after no answer must not revoke the badge the first one made. */
const reissueKeys = intentKeys();

function ImportCard() {
  const t = useT();
  const { report, error, busy, clearEmpty, undecided, choices, choose, remap, chooseClearEmpty, decide, confirm } =
    useImport();
  // A file that only states companies' challenges (課題) imports too.
  const importable = report ? report.creates + report.updates + (report.challenges?.length ?? 0) : 0;

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
          {report.stale && (
            <p className="error" role="alert">
              {t('people.stale')}
            </p>
          )}
          <p role="status" className="import-summary">
            {report.committed
              ? t('people.imported', { creates: report.creates, updates: report.updates })
              : t(report.skipped > 0 ? 'people.previewSkipped' : 'people.preview', {
                  total: report.total,
                  creates: report.creates,
                  updates: report.updates,
                  unchanged: report.unchanged,
                  skipped: report.skipped,
                  errors: report.errors.length,
                })}
          </p>
          {!report.committed && <MappingTable report={report} onChange={remap} />}
          <RowProblems id="import-errors" title={t('people.errors')} rows={report.errors} />
          {!report.committed && (
            <Duplicates duplicates={report.duplicates} chosen={choices} busy={busy} onDecide={decide} />
          )}
          <RowProblems id="import-warnings" title={t('people.warnings')} rows={withoutDuplicates(report.warnings)} />
          <ImportChanges report={report} />
          <ImportChallenges report={report} />
          {!report.committed && importable > 0 && (
            <div className="form-actions">
              <button type="button" className="primary" disabled={busy || undecided > 0} onClick={confirm}>
                {report.creates + report.updates > 0
                  ? t('people.confirm', { count: report.creates + report.updates })
                  : t('people.confirmChallenges', { count: importable })}
              </button>
              {undecided > 0 && <span className="hint">{t('people.undecided', { count: undecided })}</span>}
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** The duplicate section asks about these rows; listing them among the warnings too would say it twice. */
function withoutDuplicates(rows: ImportReport['warnings']): ImportReport['warnings'] {
  return rows
    .map((r) => ({ ...r, problems: r.problems.filter((p) => !p.code.startsWith('person-alike')) }))
    .filter((r) => r.problems.length > 0);
}

/**
 * Each row that may be someone already there, with what it looks like and the organizer's answer:
 * update that person (one badge), add another person, or leave the row out. Answering asks for the
 * preview again, so the counts and the change list show what the import will then do.
 */
function Duplicates({
  duplicates,
  chosen,
  busy,
  onDecide,
}: {
  duplicates: ImportDuplicate[];
  chosen: ReadonlyMap<number, ImportDuplicate['options'][number]>;
  busy: boolean;
  onDecide: (row: number, choice: ImportDuplicate['options'][number]) => void;
}) {
  const t = useT();
  if (duplicates.length === 0) return null;
  const email = (value: string | null) => value ?? t('people.noEmail');
  return (
    <section aria-labelledby="import-duplicates" className="import-duplicates">
      <h3 id="import-duplicates">{t('people.duplicates')}</h3>
      <p className="hint">{t('people.duplicatesHint')}</p>
      {duplicates.map((d) => (
        <fieldset key={d.row} className="duplicate" disabled={busy}>
          <legend>
            {t('people.duplicateOf', { row: d.row, name: d.name, company: d.company, email: email(d.email) })}
          </legend>
          {d.person && (
            <p className="muted">
              {t('people.duplicateRegistered', {
                name: d.person.name,
                company: d.person.company,
                email: email(d.person.email),
              })}
            </p>
          )}
          {d.sameAsRow !== null && <p className="muted">{t('people.duplicateRow', { row: d.sameAsRow })}</p>}
          {d.options.map((option) => (
            <label key={option} className="check">
              <input
                type="radio"
                name={`duplicate-${d.row}`}
                checked={(chosen.get(d.row) ?? d.choice) === option}
                onChange={() => onDecide(d.row, option)}
              />
              {t(`people.choice.${option}`, { name: d.person?.name ?? d.name })}
            </label>
          ))}
        </fieldset>
      ))}
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

/** The companies whose challenges (課題 column) the import sets, with what the file says. */
function ImportChallenges({ report }: { report: ImportReport }) {
  const t = useT();
  const companies = report.challenges ?? [];
  if (companies.length === 0) return null;
  return (
    <section aria-labelledby="import-challenges">
      <h3 id="import-challenges">{t('people.importChallenges', { count: companies.length })}</h3>
      <ul className="import-changes">
        {companies.map((c) => (
          <li key={c.company}>
            <strong>{c.company}</strong> {describeChallenges(t, c.after)}
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
          a.ok ? onDone() : setError(describeError(t, a.error)),
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
              <span className="muted">{challengeList(t, v.tags, ' · ') || (v.summary ? '' : t('profile.empty'))}</span>
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

type Order = 'kana' | 'company';
type Shown = 'all' | 'out' | 'in';

/** あいうえお order by reading (the name when none was given), as a Japanese list is read. */
const byReading = (a: PersonSummary, b: PersonSummary) =>
  (a.nameKana || a.name).localeCompare(b.nameKana || b.name, 'ja');

/**
 * Everyone registered: found by any part of a name, reading or company however it is typed (ｻﾄｳ,
 * さとう), in reading or company order, with who is in and who is not at a glance, and each row's
 * actions in the same place.
 */
function PeopleList({ people }: { people: PersonSummary[] }) {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [query, setQuery] = useState('');
  const [order, setOrder] = useState<Order>('kana');
  const [shown, setShown] = useState<Shown>('all');
  const [notice, setNotice] = useState<{ text: string; personId: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const orgChallenges = useEventStore((s) => s.orgChallenges);

  const checkedIn = people.filter((p) => p.checkin).length;
  const listed = people
    .filter((p) => shown === 'all' || (shown === 'in') === (p.checkin !== null))
    .filter((p) => query.trim() === '' || matchesSearch(query, [p.name, p.nameKana, p.orgName, p.title]))
    .sort((a, b) =>
      order === 'company'
        ? (a.orgName ?? '').localeCompare(b.orgName ?? '', 'ja') || byReading(a, b)
        : byReading(a, b) || (a.orgName ?? '').localeCompare(b.orgName ?? '', 'ja'),
    );

  function reissue(p: PersonSummary) {
    void send('badge:reissue', { personId: p.id, key: reissueKeys.keyFor(p.id) }).then((answer) => {
      reissueKeys.settle(p.id, answer);
      setConfirming(null);
      if (answer.ok) {
        setFailure(null);
        setNotice({ text: t('people.reissued', { name: p.name }), personId: p.id });
      } else setFailure(describeError(t, answer.error));
    });
  }

  return (
    <section className="card" aria-labelledby="people-list-title">
      <h2 className="card__title" id="people-list-title">
        {t('people.list', { count: people.length })}
        <a className="button" href="/organizer/badges/print" target="_blank" rel="noreferrer">
          {t('people.printAll')}
        </a>
      </h2>
      <div className="people-tools">
        <label className="people-tools__search">
          {t('people.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label>
          {t('people.sort')}
          <select value={order} onChange={(e) => setOrder(e.target.value as Order)}>
            <option value="kana">{t('people.sort.kana')}</option>
            <option value="company">{t('people.sort.company')}</option>
          </select>
        </label>
        <label>
          {t('people.show')}
          <select value={shown} onChange={(e) => setShown(e.target.value as Shown)}>
            <option value="all">{t('people.show.all', { count: people.length })}</option>
            <option value="out">{t('people.show.out', { count: people.length - checkedIn })}</option>
            <option value="in">{t('people.show.in', { count: checkedIn })}</option>
          </select>
        </label>
      </div>
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
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {listed.length === 0 && people.length > 0 && <p className="muted">{t('people.searchNone')}</p>}
      <ul className="people-list">
        {listed.map((p) => (
          <li key={p.id} className={p.checkin ? 'person person--in' : 'person'}>
            <span className="person__text">
              <strong>{p.name}</strong>
              <span className="muted">
                {p.orgName} · {t(`kind.${p.role}`)}
                {p.title ? ` · ${p.title}` : ''}
              </span>
              {p.orgId && orgChallenges[p.orgId] && (
                <span className="person__challenges">
                  {t('challenge.ofFirm', { list: describeChallenges(t, orgChallenges[p.orgId]!) })}
                </span>
              )}
            </span>
            <span className={p.checkin ? 'person__status person__status--in' : 'person__status person__status--out'}>
              {p.checkin
                ? `✓ ${t('people.checkedIn')} ${formatTime(p.checkin.at, timeZone)} ${p.checkin.station}`
                : t('people.notYet')}
            </span>
            <span className="person__actions">
              <button
                type="button"
                aria-label={t('people.edit', { name: p.name })}
                aria-expanded={editing === p.id}
                onClick={() => setEditing(editing === p.id ? null : p.id)}
              >
                {t('people.editButton')}
              </button>
              <button
                type="button"
                aria-label={t('people.reissue', { name: p.name })}
                aria-expanded={confirming === p.id}
                onClick={() => setConfirming(confirming === p.id ? null : p.id)}
              >
                {t('people.reissueButton')}
              </button>
            </span>
            {confirming === p.id && (
              // One click must not revoke a printed badge: the consequence is said, then confirmed.
              <div className="person__confirm" role="group" aria-label={t('people.reissue', { name: p.name })}>
                <p>{t('people.reissueConfirm', { name: p.name })}</p>
                <div className="form-actions">
                  <button type="button" className="danger" onClick={() => reissue(p)}>
                    {t('people.reissueYes')}
                  </button>
                  <button type="button" onClick={() => setConfirming(null)}>
                    {t('people.reissueNo')}
                  </button>
                </div>
              </div>
            )}
            {editing === p.id && <PersonEditForm person={p} onDone={() => setEditing(null)} />}
            {/* A firm's or partner's challenges are its company's: edited beside any of its people. */}
            {editing === p.id && p.orgId && (p.role === 'firm' || p.role === 'partner') && (
              <ChallengesForm
                orgId={p.orgId}
                challenges={orgChallenges[p.orgId] ?? null}
                label={t('challenge.editFor', { name: p.orgName ?? '' })}
              />
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
  const address = usePublicAddress();

  return (
    <main className="page page--wide">
      <h1 className="page__title">{t('people.title')}</h1>
      <PublicAddressWarning address={address} />
      <ImportCard />
      <RegisterPersonForm station="受付" walkIn={false} />
      <VentureProfiles />
      <BadgePrintCard people={people} />
      <PeopleList people={people} />
      <OrgMergeCard />
      <ErasePersonCard />
      <PublishConsentCard />
    </main>
  );
}
