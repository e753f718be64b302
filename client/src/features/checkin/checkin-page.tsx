import { useState } from 'react';
import { RegisterPersonForm } from '../../components/register-person-form';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { PersonSearch } from './person-search';
import { ResultOverlay } from './result-overlay';
import { useKeyboardScanner } from './keyboard-scanner';
import { DoorBacklog, DoorCorrections } from './door-backlog';
import { scanBadge, useDoorQueue } from './scan-queue';
import { Scanner } from './scanner';

const STATION_KEY = 'pm_station';

/**
 * A name of its own for a device never given one (「受付-K7P」), so two tablets left unnamed are two
 * stations: a person both let in offline is listed as a double instead of read as a rescan.
 */
function deviceStation(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const picks = crypto.getRandomValues(new Uint8Array(3));
  return `受付-${Array.from(picks, (n) => letters[n % letters.length]).join('')}`;
}

function initialStation(): string {
  try {
    const stored = localStorage.getItem(STATION_KEY);
    if (stored) return stored;
    const named = deviceStation();
    localStorage.setItem(STATION_KEY, named);
    return named;
  } catch {
    return deviceStation(); // storage blocked: a name for this page's life
  }
}

/**
 * A check-in station: camera, name search, walk-ins, and the live door figures. Organizers, and door
 * staff, whose reception link fixes the station (`fixedStation`).
 */
export default function CheckinPage({ fixedStation }: { fixedStation?: string }) {
  const t = useT();
  const stats = useEventStore((s) => s.stats);
  const last = useDoorQueue((s) => s.last);
  const [typedStation, setStation] = useState(initialStation);
  const [fallback] = useState(deviceStation);
  const station = fixedStation ?? typedStation;
  const scan = (text: string) => scanBadge(text, station.trim() || fallback);
  // A scanner that types goes the same way as the camera.
  useKeyboardScanner(scan);

  return (
    <main className="page page--wide checkin">
      <ResultOverlay result={last} />
      <div className="checkin__bar">
        <h1 className="page__title">{t('checkin.title')}</h1>
        {fixedStation ? (
          <p className="station-field">
            {t('checkin.station')}: <strong>{fixedStation}</strong>
          </p>
        ) : (
          <label className="station-field">
            {t('checkin.station')}
            <input
              value={station}
              maxLength={20}
              onChange={(e) => {
                setStation(e.target.value);
                try {
                  localStorage.setItem(STATION_KEY, e.target.value);
                } catch {
                  // not remembered
                }
              }}
            />
          </label>
        )}
        <p className="checkin__counts" aria-live="polite">
          {t('checkin.counts', { people: stats?.checkedIn ?? 0, companies: stats?.companies ?? 0 })}
        </p>
      </div>
      <DoorBacklog />
      <section className="card" aria-label={t('checkin.camera')}>
        <Scanner onScan={scan} />
      </section>
      <DoorCorrections />
      <PersonSearch station={station.trim() || fallback} />
      <RegisterPersonForm station={station.trim() || fallback} walkIn />
    </main>
  );
}
