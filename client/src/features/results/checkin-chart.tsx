import { formatTime } from '../../lib/format';
import { useT } from '../../stores/language-store';

const W = 640;
const H = 220;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

/** Cumulative check-ins as a stepped area over the day, drawn in SVG (no chart library). */
export function CheckinChart({ points, timeZone }: { points: { at: number; total: number }[]; timeZone: string }) {
  const t = useT();
  if (points.length === 0) return <p className="muted">{t('results.chartEmpty')}</p>;
  const last = points[points.length - 1]!;
  const max = Math.max(1, last.total);
  const first = points[0]!.at;
  const span = Math.max(1, last.at - first);
  const x = (at: number) => PAD.left + ((at - first) / span) * (W - PAD.left - PAD.right);
  const y = (n: number) => H - PAD.bottom - (n / max) * (H - PAD.top - PAD.bottom);
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.total).toFixed(1)}`).join(' ');
  const area = `${path} L${x(last.at).toFixed(1)},${y(0)} L${x(first).toFixed(1)},${y(0)} Z`;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => first + f * span);
  const yTicks = [0, Math.round(max / 2), max];
  const summary = t('results.chartSummary', { time: formatTime(last.at, timeZone), total: last.total });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${t('results.checkinsChart')}: ${summary}`}>
        {yTicks.map((n) => (
          <g key={n}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(n)} y2={y(n)} className="chart__grid" />
            <text x={PAD.left - 6} y={y(n) + 4} textAnchor="end" className="chart__label">
              {n}
            </text>
          </g>
        ))}
        {ticks.map((at) => (
          <text key={at} x={x(at)} y={H - 8} textAnchor="middle" className="chart__label">
            {formatTime(at, timeZone)}
          </text>
        ))}
        <path d={area} className="chart__area" />
        <path d={path} className="chart__line" />
      </svg>
      <figcaption className="muted">{summary}</figcaption>
    </figure>
  );
}
