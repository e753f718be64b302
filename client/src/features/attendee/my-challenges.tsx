import { Suspense, useState } from 'react';
import { lazyPage } from '../../lib/lazy-page';
import { describeChallenges } from '../../lib/challenges';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';

// The form is loaded when the firm opens the card: most phones never edit, and the phone's first
// load stays within its budget (scripts/check-bundle.mjs).
const ChallengesForm = lazyPage(() =>
  import('../../components/challenges-form').then((m) => ({ default: m.ChallengesForm })),
);

/**
 * 「わたしたちの課題」 on a firm's (or partner's) phone: what its company stated, folded to one line,
 * and the form to change it. The directory orders ventures by fit with it and the live bar names it.
 */
export function MyChallenges() {
  const t = useT();
  const org = useEventStore((s) => (s.viewer?.kind === 'person' ? s.viewer.org : null));
  const challenges = useEventStore((s) => s.myChallenges);
  const [opened, setOpened] = useState(false);
  if (!org || org.kind === 'venture') return null;
  return (
    <details className="card my-challenges" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary className="card__title">
        {t('challenge.title')}
        <span className="my-challenges__now">
          {challenges ? describeChallenges(t, challenges) : t('challenge.none')}
        </span>
      </summary>
      <p className="hint">{t('challenge.hint')}</p>
      {opened && (
        <Suspense fallback={null}>
          <ChallengesForm orgId={org.id} challenges={challenges} label={t('challenge.title')} />
        </Suspense>
      )}
    </details>
  );
}
