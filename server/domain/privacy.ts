/**
 * Privacy rules that need no store (issue 19, APPI): when an event's personal data falls due for its
 * purge, and whether a settings change is a new notice that everyone must be shown again. Pure: the
 * clock comes in as an argument.
 */
import type { PrivacyNotice, PrivacySettings } from '../../shared/privacy.js';
import { zonedTime } from './slots.js';

const DAY_MS = 24 * 3600_000;

/** The day (YYYY-MM-DD) `days` after the event's date: the first day its personal data is purged. */
export function purgeOn(eventDate: string, days: number): string {
  const [y, m, d] = eventDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether the purge day has begun in the event's time zone. */
export function purgeDue(eventDate: string, days: number, timeZone: string, now: number): boolean {
  return now >= zonedTime(purgeOn(eventDate, days), '00:00', timeZone);
}

/**
 * The notice after a save: text left empty stands for the app's default, and any change of what
 * the notice says (its text, who to ask, how long data is kept) is a new version, so every phone
 * shows it again once. Saving the same notice keeps its version: nobody is asked twice for nothing.
 */
export function nextNotice(current: PrivacyNotice, settings: PrivacySettings): PrivacyNotice {
  const next = {
    ja: settings.ja === '' ? null : settings.ja,
    en: settings.en === '' ? null : settings.en,
    contact: settings.contact,
    retentionDays: settings.retentionDays,
  };
  const same =
    next.ja === current.ja &&
    next.en === current.en &&
    next.contact === current.contact &&
    next.retentionDays === current.retentionDays;
  return { ...next, version: same ? current.version : current.version + 1 };
}

/** Whether a person must be shown the notice before anything else: never acknowledged, or an older version. */
export function mustAcknowledge(notice: PrivacyNotice, acknowledged: number | null): boolean {
  return acknowledged === null || acknowledged < notice.version;
}
