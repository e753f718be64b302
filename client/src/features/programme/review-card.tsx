import { useState } from 'react';
import type { KpiReview, ProgrammeReport } from '../../../../shared/programme';
import { useT } from '../../stores/language-store';
import { fiscalYearLabel } from './programme-table';
import { PostResult, usePost } from './use-post';

/** The council's review of each plan year: what worked and what changes next time (the PDCA's C and A). */
export function ReviewCard({ report, reload }: { report: ProgrammeReport; reload: () => Promise<void> }) {
  const t = useT();
  return (
    <section className="card" aria-labelledby="programme-review">
      <h2 className="card__title" id="programme-review">
        {t('programme.review.title')}
      </h2>
      <p className="hint">{t('programme.review.hint')}</p>
      <div className="programme-reviews">
        {report.fiscalYears.map((fy) => (
          <ReviewForm
            key={fy}
            fy={fy}
            review={report.reviews.find((r) => r.fiscalYear === fy) ?? null}
            reload={reload}
          />
        ))}
      </div>
    </section>
  );
}

function ReviewForm({ fy, review, reload }: { fy: number; review: KpiReview | null; reload: () => Promise<void> }) {
  const t = useT();
  const [worked, setWorked] = useState(review?.worked ?? '');
  const [next, setNext] = useState(review?.next ?? '');
  const { state, post } = usePost(reload);
  const year = fiscalYearLabel(t, fy);
  return (
    <form
      className="form-stack programme-review"
      aria-label={t('programme.review.year', { fy: year })}
      onSubmit={(e) => {
        e.preventDefault();
        void post('/api/programme/reviews', { fiscalYear: fy, worked, next }, () => t('programme.review.saved'));
      }}
    >
      <h3>{t('programme.review.year', { fy: year })}</h3>
      <label>
        {t('programme.review.worked')}
        <textarea rows={3} maxLength={4000} value={worked} onChange={(e) => setWorked(e.target.value)} />
      </label>
      <label>
        {t('programme.review.next')}
        <textarea rows={3} maxLength={4000} value={next} onChange={(e) => setNext(e.target.value)} />
      </label>
      <div className="form-actions">
        <button type="submit" disabled={state.busy}>
          {t('programme.review.save', { fy: year })}
        </button>
      </div>
      <PostResult state={state} />
    </form>
  );
}
