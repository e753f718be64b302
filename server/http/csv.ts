/**
 * CSV that Excel opens correctly in Japanese: UTF-8 with a byte-order mark, CRLF line ends, every
 * field quoted when it needs to be, and cells that Excel would run as a formula defused.
 */

const BOM = '\uFEFF';

/** A cell starting with = + - @ (or a tab/CR) is a formula to Excel; a leading apostrophe keeps it text. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function field(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const lines = [headers, ...rows].map((row) => row.map(field).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** "2026-11-26 13:02" in the event's time zone; empty when there is no time. */
export function localDateTime(epochMs: number | null, timeZone: string): string {
  if (epochMs === null) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
