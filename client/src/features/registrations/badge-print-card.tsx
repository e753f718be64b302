/**
 * The People page's badge printing: which stock (shared/badge-stock.ts), where a part-used sheet
 * starts, which badges (everyone, the ones not printed yet, one kind, chosen people), cut lines, and
 * how many badges on how many sheets that makes — counted with the same arithmetic the sheet lays
 * out with, so the count said here is the count printed. The sheet opens in a new tab.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  BADGE_STOCKS,
  BADGE_STOCK_IDS,
  DEFAULT_BADGE_STOCK,
  badgesPerPage,
  clampStart,
  sheetsFor,
  type BadgeStockId,
  type BadgeSubset,
} from '../../../../shared/badge-stock';
import type { PersonSummary } from '../../../../shared/model';
import { matchesSearch } from '../../../../shared/text';
import { getJson } from '../../lib/http';
import { useT, type Translate } from '../../stores/language-store';

/** Marks made on the sheet (another tab) reach the counts within this. */
const STATUS_POLL_MS = 5_000;

const SUBSETS: readonly BadgeSubset[] = ['all', 'new', 'firm', 'venture', 'partner', 'selected'];

/** Whose current badge is marked printed, kept fresh while the page is open. */
function usePrinted(): Set<string> {
  const [printed, setPrinted] = useState<Set<string>>(() => new Set());
  useEffect(() => {
    const load = () =>
      void getJson<{ printed: { personId: string }[] }>('/api/badges/status').then((answer) => {
        if (answer.ok) setPrinted(new Set(answer.data.printed.map((p) => p.personId)));
      });
    load();
    const timer = window.setInterval(load, STATUS_POLL_MS);
    window.addEventListener('focus', load);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', load);
    };
  }, []);
  return printed;
}

function inSubset(p: PersonSummary, subset: BadgeSubset, printed: Set<string>, chosen: Set<string>): boolean {
  if (subset === 'all') return true;
  if (subset === 'new') return !printed.has(p.id);
  if (subset === 'selected') return chosen.has(p.id);
  return p.role === subset;
}

/** The sheet's address for these choices (server/http/badge-routes.ts reads the same names). */
function sheetUrl(stock: BadgeStockId, start: number, cut: boolean, subset: BadgeSubset, chosen: string[]): string {
  const query = new URLSearchParams({ stock, start: String(start), cut: cut ? '1' : '0' });
  if (subset === 'new') query.set('only', 'new');
  else if (subset === 'selected') query.set('people', chosen.join(','));
  else if (subset !== 'all') query.set('kind', subset);
  return `/organizer/badges/print?${query.toString()}`;
}

/** "12 badges on 2 sheets", singular where English needs it. */
function summary(t: Translate, badges: number, sheets: number): string {
  return t('badges.summary', {
    badges: badges === 1 ? t('badges.countOne') : t('badges.count', { count: badges }),
    sheets: sheets === 1 ? t('badges.sheetsOne') : t('badges.sheets', { count: sheets }),
  });
}

export function BadgePrintCard({ people }: { people: PersonSummary[] }) {
  const t = useT();
  const printed = usePrinted();
  const [stockId, setStockId] = useState<BadgeStockId>(DEFAULT_BADGE_STOCK);
  const [startText, setStartText] = useState('1');
  const [subset, setSubset] = useState<BadgeSubset>('all');
  const [cut, setCut] = useState<boolean | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set());
  const [query, setQuery] = useState('');

  const stock = BADGE_STOCKS[stockId];
  const start = clampStart(stock, Number(startText));
  const cutLines = cut ?? stock.cutLinesByDefault;
  const counts = useMemo(
    () =>
      Object.fromEntries(
        SUBSETS.map((s) => [s, people.filter((p) => inSubset(p, s, printed, chosen)).length]),
      ) as Record<BadgeSubset, number>,
    [people, printed, chosen],
  );
  const badges = counts[subset];
  const listed = people
    .filter((p) => query.trim() === '' || matchesSearch(query, [p.name, p.nameKana, p.orgName]))
    .sort((a, b) => (a.nameKana || a.name).localeCompare(b.nameKana || b.name, 'ja'));

  function toggle(id: string, on: boolean) {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  }

  return (
    <section className="card badge-print" aria-labelledby="badge-print-title">
      <h2 className="card__title" id="badge-print-title">
        {t('badges.title')}
      </h2>
      <div className="people-tools">
        <label>
          {t('badges.stock')}
          <select value={stockId} onChange={(e) => setStockId(e.target.value as BadgeStockId)}>
            {BADGE_STOCK_IDS.map((id) => (
              <option key={id} value={id}>
                {t(`badges.stock.${id}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('badges.start', { max: badgesPerPage(stock) })}
          <input
            type="number"
            min={1}
            max={badgesPerPage(stock)}
            value={startText}
            onChange={(e) => setStartText(e.target.value)}
          />
        </label>
        <label>
          {t('badges.subset')}
          <select value={subset} onChange={(e) => setSubset(e.target.value as BadgeSubset)}>
            {SUBSETS.map((s) => (
              <option key={s} value={s}>
                {t(`badges.subset.${s}`, { count: counts[s] })}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={cutLines} onChange={(e) => setCut(e.target.checked)} />
          {t('badges.cut')}
        </label>
      </div>
      {subset === 'selected' && (
        <fieldset className="badge-print__choose">
          <legend>{t('badges.choose')}</legend>
          <label className="people-tools__search">
            {t('people.search')}
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          </label>
          <ul className="badge-print__people">
            {listed.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input type="checkbox" checked={chosen.has(p.id)} onChange={(e) => toggle(p.id, e.target.checked)} />
                  {p.name} <span className="muted">{p.orgName}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <p role="status" className="badge-print__summary">
        {badges === 0 ? t('badges.none') : summary(t, badges, sheetsFor(stock, badges, start))}
      </p>
      {badges > 0 && (
        <a
          className="button"
          href={sheetUrl(stockId, start, cutLines, subset, [...chosen])}
          target="_blank"
          rel="noreferrer"
        >
          {t('badges.open')}
        </a>
      )}
      <p className="hint">{t('badges.markHint')}</p>
    </section>
  );
}
