import { useState } from 'react';
import type { OrgKind } from '../../../shared/model';
import type { RegisterAnswer } from '../../../shared/protocol';
import { newKey } from '../lib/keys';
import { NAME_LIMITS, nameError } from '../lib/name-check';
import { describeError } from '../lib/refusal';
import { send } from '../lib/socket';
import { useT } from '../stores/language-store';
import { KindField } from './kind-field';

const EMPTY = { name: '', kana: '', company: '', kind: 'firm' as OrgKind, email: '', title: '' };

/**
 * Registers one person: at the door a walk-in, checked in in one go, with the new badge's QR on
 * screen at once; in the console, someone added ahead of the day.
 */
export function RegisterPersonForm({ station, walkIn }: { station: string; walkIn: boolean }) {
  const t = useT();
  const [draft, setDraft] = useState(EMPTY);
  // One key per person being registered: a double tap or a retry after a drop registers them once.
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  // Walk-ins are checked in as they register; unticked, this adds a person ahead of the day.
  const [checkIn, setCheckIn] = useState(walkIn);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RegisterAnswer | null>(null);

  const field = (name: keyof typeof EMPTY, label: string, extra: { required?: boolean; type?: string } = {}) => (
    <label>
      {label}
      <input
        type={extra.type ?? 'text'}
        required={extra.required}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </label>
  );

  if (done) {
    return (
      <section className="card walk-in-done" aria-labelledby="walkin-title">
        <h2 className="card__title" id="walkin-title">
          {walkIn ? t('walkin.title') : t('people.add')}
        </h2>
        <p role="status">{t('walkin.done', { name: done.person.name })}</p>
        <img
          className="walk-in-qr"
          src={`/organizer/badges/qr.svg?person=${encodeURIComponent(done.person.id)}`}
          alt={done.person.name}
        />
        <div className="form-actions">
          <a
            className="button"
            href={`/organizer/badges/print?person=${encodeURIComponent(done.person.id)}`}
            target="_blank"
            rel="noreferrer"
          >
            {t('walkin.print')}
          </a>
          <button
            type="button"
            className="primary"
            onClick={() => {
              setDone(null);
              setDraft(EMPTY);
              setKey(newKey());
            }}
          >
            {t('walkin.another')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="card" aria-labelledby="walkin-title">
      <h2 className="card__title" id="walkin-title">
        {walkIn ? t('walkin.title') : t('people.add')}
      </h2>
      <form
        className="form-stack"
        onSubmit={(e) => {
          e.preventDefault();
          const invalid = nameError(t, [
            { label: t('walkin.name'), value: draft.name, max: NAME_LIMITS.name },
            { label: t('walkin.company'), value: draft.company, max: NAME_LIMITS.company },
          ]);
          if (invalid) return setError(invalid);
          setBusy(true);
          void send('person:register', { ...draft, checkIn, station, key }).then((answer) => {
            setBusy(false);
            if (answer.ok) {
              setError(null);
              setDone(answer.data);
            } else {
              setError(describeError(t, answer.error));
            }
          });
        }}
      >
        {field('name', t('walkin.name'), { required: true })}
        {field('kana', t('walkin.kana'))}
        {field('company', t('walkin.company'), { required: true })}
        <KindField value={draft.kind} onChange={(kind) => setDraft({ ...draft, kind })} />
        {field('email', t('walkin.email'), { type: 'email' })}
        {field('title', t('walkin.titleField'))}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <label className="check">
          <input type="checkbox" checked={checkIn} onChange={(e) => setCheckIn(e.target.checked)} />
          {t('walkin.checkIn')}
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {checkIn ? t('walkin.submit') : t('walkin.submitOnly')}
        </button>
      </form>
    </section>
  );
}
