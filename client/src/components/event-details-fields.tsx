import { useT } from '../stores/language-store';

export interface EventDetails {
  name: string;
  date: string;
  venue: string;
}

/** An event's name, date and venue: the same three fields when creating an event and when editing it. */
export function EventDetailsFields<T extends EventDetails>({
  draft,
  onChange,
}: {
  draft: T;
  onChange: (next: T) => void;
}) {
  const t = useT();
  return (
    <>
      <label>
        {t('settings.name')}
        <input required value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
      </label>
      <label>
        {t('settings.date')}
        <input type="date" required value={draft.date} onChange={(e) => onChange({ ...draft, date: e.target.value })} />
      </label>
      <label>
        {t('settings.venue')}
        <input value={draft.venue} onChange={(e) => onChange({ ...draft, venue: e.target.value })} />
      </label>
    </>
  );
}
