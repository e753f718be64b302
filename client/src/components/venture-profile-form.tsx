import { useState } from 'react';
import { categoryOf } from '../../../shared/challenges';
import { LIMITS } from '../../../shared/constants';
import type { VentureInfo } from '../../../shared/model';
import { intentKeys } from '../lib/keys';
import { describeError } from '../lib/refusal';
import { send } from '../lib/socket';
import { useEventStore } from '../stores/event-store';
import { useT } from '../stores/language-store';

// For the page, not per render: a save tapped again after no answer keeps its key.
const keys = intentKeys();

/** Topics as typed: separated by commas (ASCII, full-width or Japanese 、) or new lines; each once. */
function splitTopics(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,，、\n]/)
        .map((topic) => topic.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * A venture's profile as local firms see it in the directory: the reading (the directory's order),
 * a summary and topics (its filter), with the event's topics to pick from: first the city plan's five
 * challenges (a topic that names one is what fits the venture to the firms that have it,
 * shared/challenges.ts), then the event's own. Organizers edit any venture's in the console; a
 * venture its own on its phone.
 */
export function VentureProfileForm({ venture }: { venture: VentureInfo }) {
  const t = useT();
  const topics = useEventStore((s) => s.topics);
  const [nameKana, setNameKana] = useState(venture.nameKana);
  const [summary, setSummary] = useState(venture.summary);
  const [tags, setTags] = useState(venture.tags.join(', '));
  const [state, setState] = useState<{ busy?: boolean; saved?: boolean; error?: string }>({});
  const chosen = splitTopics(tags);
  const edit = (set: (value: string) => void) => (value: string) => {
    set(value);
    setState({});
  };
  const toggle = (topic: string) =>
    edit(setTags)((chosen.includes(topic) ? chosen.filter((x) => x !== topic) : [...chosen, topic]).join(', '));

  async function save() {
    if (chosen.length > LIMITS.tagsPerInterest) {
      setState({ error: t('profile.tooMany', { max: LIMITS.tagsPerInterest }) });
      return;
    }
    setState({ busy: true });
    const payload = { orgId: venture.id, nameKana, summary, tags: chosen };
    const intent = JSON.stringify(payload);
    const answer = await send('org:update', { ...payload, key: keys.keyFor(intent) });
    keys.settle(intent, answer);
    if (!answer.ok) {
      setState({ error: describeError(t, answer.error) });
      return;
    }
    // What the server stored: the reading in hiragana, each topic once.
    setNameKana(answer.data.nameKana);
    setSummary(answer.data.summary);
    setTags(answer.data.tags.join(', '));
    setState({ saved: true });
  }

  return (
    <form
      className="form-stack"
      aria-label={venture.name}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        {t('profile.kana')}
        <input value={nameKana} maxLength={100} onChange={(e) => edit(setNameKana)(e.target.value)} />
      </label>
      <label>
        {t('profile.summary')}
        <textarea
          rows={3}
          value={summary}
          maxLength={LIMITS.noteLength}
          onChange={(e) => edit(setSummary)(e.target.value)}
        />
      </label>
      <label>
        {t('profile.tags')}
        <input value={tags} onChange={(e) => edit(setTags)(e.target.value)} />
      </label>
      {[
        { legend: t('profile.categories'), list: topics.filter((topic) => categoryOf(topic)) },
        { legend: t('profile.suggestions'), list: topics.filter((topic) => !categoryOf(topic)) },
      ].map(
        ({ legend, list }) =>
          list.length > 0 && (
            <fieldset key={legend} className="chips">
              <legend>{legend}</legend>
              {list.map((topic) => (
                <button
                  key={topic}
                  type="button"
                  className="chip"
                  aria-pressed={chosen.includes(topic)}
                  onClick={() => toggle(topic)}
                >
                  {topic}
                </button>
              ))}
            </fieldset>
          ),
      )}
      <div className="form-actions">
        {/* Named after the venture: the console lists many of these forms on one page. */}
        <button
          type="submit"
          className="primary"
          disabled={state.busy}
          aria-label={t('profile.saveFor', { name: venture.name })}
        >
          {t('profile.save')}
        </button>
      </div>
      <p role="status" className="hint">
        {state.saved ? t('profile.saved') : ''}
      </p>
      {state.error && (
        <p className="error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
