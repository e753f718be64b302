/**
 * What a scanner read, as a badge token. The server checks the token in; a door station, offline,
 * finds whose badge it is by the token's check (badge-check.ts). One parser for both, so a station
 * never calls "not a badge" what the server would take.
 */

const TOKEN = /^[A-Za-z0-9_-]{44}$/;

/**
 * The badge token in what a scanner read: the sign-in URL printed on the badge (from whatever host
 * the badges were printed for), or a bare token. Anything else is not one of our badges.
 */
export function tokenFromScan(text: string): string | null {
  const trimmed = text.trim();
  if (TOKEN.test(trimmed)) return trimmed;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const match = /^\/t\/([A-Za-z0-9_-]{44})\/?$/.exec(url.pathname);
  return match ? match[1]! : null;
}
