import { useCallback, useState } from 'react';
import type { Ack } from '../../../../shared/errors';
import type { KpiEntry, ProgrammeReport, PublishView, RegionalOutcome } from '../../../../shared/programme';
import { useJson } from '../../hooks/use-json';
import { describeError } from '../../lib/refusal';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { EntryCard } from './entry-card';
import { OutcomeCard } from './outcome-card';
import { PlanEditor } from './plan-editor';
import { EventFigures, ProgrammeTable } from './programme-table';
import { PublishCard } from './publish-card';
import { ReviewCard } from './review-card';

/** GET /api/programme: the council's table and what the console edits beside it. */
interface ProgrammeView {
  report: ProgrammeReport;
  entries: KpiEntry[];
  outcomes: RegionalOutcome[];
  publish: PublishView;
}

/**
 * 「事業KPI」: the programme's KPI table as the council reviews it (the current event's programme),
 * with what lies behind each figure, the figures and outcomes the app cannot count, the plan, the
 * year's review notes, and what is published. A desk screen, readable on a phone.
 */
export default function ProgrammePage() {
  const t = useT();
  const timeZone = useEventStore((s) => s.event?.timeZone ?? 'Asia/Tokyo');
  const [view, setView] = useState<ProgrammeView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = useCallback(
    (answer: Ack<ProgrammeView>) => {
      if (answer.ok) {
        setView(answer.data);
        setError(null);
      } else setError(describeError(t, answer.error));
    },
    [t],
  );
  const reload = useJson('/api/programme', show);

  return (
    <main className="page page--wide programme-page">
      <h1 className="page__title">{t('programme.title')}</h1>
      <p className="hint">{t('programme.intro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {view && (
        <>
          <ProgrammeTable report={view.report} />
          <EventFigures events={view.report.events} />
          <EntryCard report={view.report} entries={view.entries} timeZone={timeZone} reload={reload} />
          <OutcomeCard outcomes={view.outcomes} reload={reload} />
          <ReviewCard report={view.report} reload={reload} />
          {/* Its draft stays as typed across saves: what was saved is what it shows. */}
          <PlanEditor plan={view.report.plan} reload={reload} />
          <PublishCard report={view.report} publish={view.publish} reload={reload} />
        </>
      )}
    </main>
  );
}
