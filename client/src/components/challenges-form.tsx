import { useId, useState } from 'react';
import {
  categoryOf,
  CHALLENGE_CATEGORIES,
  CHALLENGE_LIMITS,
  NO_CHALLENGES,
  type Challenges,
} from '../../../shared/challenges';
import type { MessageKey } from '../lib/messages';
import { intentKeys } from '../lib/keys';
import { describeError } from '../lib/refusal';
import { send } from '../lib/socket';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

// For the page, not per render: a save tapped again after no answer keeps its key.
const keys = intentKeys();

const toggled = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/**
 * An organization's challenges (課題): the plan's five categories and the event's topics as chips,
 * and one line of its own. A firm edits its own on its phone, organizers any firm's on the People
 * page; the server decides from the session whose they may be.
 */
export function ChallengesForm({
  orgId,
  challenges,
  label,
}: {
  orgId: string;
  challenges: Challenges | null;
  /** The form's accessible name (the console lists one per company). */
  label: string;
}) {
  const t = useT();
  // The programme's standard topics are the five categories, offered above as such.
  const allTopics = useEventStore((s) => s.topics);
  const topics = allTopics.filter((topic) => !categoryOf(topic));
  const stored = challenges ?? NO_CHALLENGES;
  // A draft only once edited: until then the form shows what is stored (and follows it live).
  const [draft, setDraft] = useState<Challenges | null>(null);
  const [state, setState] = useState<{ busy?: boolean; saved?: boolean; error?: string }>({});
  const id = useId();
  const value = draft ?? stored;
  const edit = (next: Partial<Challenges>) => {
    setDraft({ ...value, ...next });
    setState({});
  };

  async function save() {
    setState({ busy: true });
    const payload = { orgId, ...value };
    const intent = JSON.stringify(payload);
    const answer = await send('org:challenges', { ...payload, key: keys.keyFor(intent) });
    keys.settle(intent, answer);
    if (!answer.ok) {
      setState({ error: describeError(t, answer.error) });
      return;
    }
    setDraft(null);
    setState({ saved: true });
  }

  return (
    <form
      className="form-stack challenges-form"
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="chips">
        <legend>{t('challenge.categories')}</legend>
        {CHALLENGE_CATEGORIES.map((category) => (
          <button
            key={category}
            type="button"
            className="chip"
            aria-pressed={value.categories.includes(category)}
            onClick={() =>
              edit({ categories: CHALLENGE_CATEGORIES.filter((c) => toggled(value.categories, category).includes(c)) })
            }
          >
            {t(`challenge.category.${category}` as MessageKey)}
          </button>
        ))}
      </fieldset>
      {topics.length > 0 && (
        <fieldset className="chips">
          <legend>{t('challenge.topics')}</legend>
          {topics.map((topic) => (
            <button
              key={topic}
              type="button"
              className="chip"
              aria-pressed={value.topics.includes(topic)}
              onClick={() => edit({ topics: toggled(value.topics, topic).slice(0, CHALLENGE_LIMITS.topics) })}
            >
              {topic}
            </button>
          ))}
        </fieldset>
      )}
      <label htmlFor={`${id}-note`}>{t('challenge.note')}</label>
      <input
        id={`${id}-note`}
        value={value.note}
        maxLength={CHALLENGE_LIMITS.noteLength}
        onChange={(e) => edit({ note: e.target.value })}
      />
      <div className="feedback-row">
        <button type="submit" className="primary" disabled={state.busy || draft === null}>
          {t('challenge.save')}
        </button>
        <span className="tap-feedback" role="status" aria-live="polite">
          {state.saved ? t('challenge.saved') : ''}
        </span>
      </div>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
