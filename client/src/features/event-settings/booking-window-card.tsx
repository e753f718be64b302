/**
 * 「予約受付開始日 / Booking opens on」 on the settings page: the date from which firms, partners and
 * ventures may browse the directory and ask for meetings (POST /api/event/booking-window). Empty:
 * open now. Phones hear the new date at once; organizers are never held back by it.
 */
import { useState } from 'react';
import { postJson } from '../../lib/http';
import { describeError } from '../../lib/refusal';
import { useT } from '../../stores/language-store';

export function BookingWindowCard({ initial, eventDate }: { initial: string | null; eventDate: string }) {
  const t = useT();
  const [date, setDate] = useState(initial ?? '');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (value: string) => {
    setBusy(true);
    const answer = await postJson<{ bookingOpensOn: string | null }>('/api/event/booking-window', {
      bookingOpensOn: value || null,
    });
    setBusy(false);
    if (answer.ok) {
      setDate(answer.data.bookingOpensOn ?? '');
      setMessage({ text: t('booking.saved'), error: false });
    } else setMessage({ text: describeError(t, answer.error), error: true });
  };

  return (
    <section className="card" aria-labelledby="settings-booking-window">
      <h2 className="card__title" id="settings-booking-window">
        {t('booking.title')}
      </h2>
      <p className="muted">{t('booking.intro')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(date);
        }}
      >
        <label>
          {t('booking.date')}
          <input type="date" value={date} max={eventDate} onChange={(e) => setDate(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('booking.save')}
        </button>
        {date && (
          <button type="button" disabled={busy} onClick={() => void save('')}>
            {t('booking.clear')}
          </button>
        )}
      </form>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'notice'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
