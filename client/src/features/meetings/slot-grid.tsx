import { useT } from '../../stores/language-store';

/** A free time a request can be accepted for, at the first table free then. */
export interface FreePlace {
  slotStart: number;
  table: string;
  /** The time as the event's clock shows it, e.g. 15:25. */
  time: string;
}

/**
 * The free times as a small grid of buttons, read at a glance and chosen with a thumb: a day of
 * 20-minute slots is about 30 times, which as a drop-down list was a long scroll on a phone.
 */
export function SlotGrid({
  places,
  chosen,
  onChoose,
}: {
  places: FreePlace[];
  chosen: FreePlace | null;
  onChoose: (place: FreePlace) => void;
}) {
  const t = useT();
  return (
    <fieldset className="slot-grid">
      <legend>{t('meet.freeTimes')}</legend>
      {places.map((p) => (
        <button
          key={p.slotStart}
          type="button"
          className="slot-grid__time"
          aria-pressed={chosen?.slotStart === p.slotStart}
          aria-label={t('meet.at', { time: p.time, table: p.table })}
          onClick={() => onChoose(p)}
        >
          {p.time}
        </button>
      ))}
    </fieldset>
  );
}
