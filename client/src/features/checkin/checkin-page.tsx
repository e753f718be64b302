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

function initialStation(): string {
  try {
    return localStorage.getItem(STATION_KEY) || 'A';
  } catch {
    return 'A';
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
  const station = fixedStation ?? typedStation;
  const scan = (text: string) => scanBadge(text, station.trim() || 'A');
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
      <PersonSearch station={station.trim() || 'A'} />
      <RegisterPersonForm station={station.trim() || 'A'} walkIn />
    </main>
  );
}
