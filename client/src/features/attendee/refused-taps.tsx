import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { taps, useTaps } from './tap-queue';

/**
 * Taps the server refused, perhaps long after they were made offline and on a pitch since gone:
 * each was rolled back, and the person is told which venture and why.
 */
export function RefusedTaps() {
  const t = useT();
  const refused = useTaps((s) => s.refused);
  const ventures = useEventStore((s) => s.ventures);
  if (refused.length === 0) return null;
  return (
    <section className="card notice" role="alert">
      {refused.map((r) => (
        <p key={r.key} className="feedback-row">
          <span>
            {t('interest.refused', {
              venture: ventures.find((v) => v.id === r.ventureId)?.name ?? r.ventureId,
              message: describeError(t, r.error),
            })}
          </span>
          <button type="button" className="link-button" onClick={() => taps.dismiss(r.key)}>
            {t('interest.dismiss')}
          </button>
        </p>
      ))}
    </section>
  );
}
