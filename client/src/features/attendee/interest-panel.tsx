import { useId, useState } from 'react';
import { LIMITS } from '../../../../shared/constants';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { useInterest } from './use-interest';

/** One-thumb interest in a venture: two big taps, topic chips, a private note, undo; works offline. */
export function InterestPanel({ ventureId, ventureName }: { ventureId: string; ventureName: string }) {
  const t = useT();
  const topics = useEventStore((s) => s.topics);
  const { mine, feedback, canUndo, tap, saveDetails, undo } = useInterest(ventureId);
  const [note, setNote] = useState<string | null>(null);
  const [shareNote, setShareNote] = useState<boolean | null>(null);
  const id = useId();
  const tags = mine?.tags ?? [];
  const noteValue = note ?? mine?.note ?? '';
  const shareValue = shareNote ?? mine?.shareNote ?? false;

  const toggleTag = (tag: string) =>
    void saveDetails({
      tags: tags.includes(tag) ? tags.filter((x) => x !== tag) : [...tags, tag],
      note: mine?.note ?? '',
      shareNote: mine?.shareNote ?? false,
    });

  return (
    <div className="interest-panel" role="group" aria-label={ventureName}>
      <div className="tap-row">
        <button
          type="button"
          className="tap tap--interested"
          aria-pressed={mine?.level === 'interested'}
          onClick={() => void tap('interested')}
        >
          {t('interest.interested')}
        </button>
        <button
          type="button"
          className="tap tap--meet"
          aria-pressed={mine?.level === 'want-to-meet'}
          onClick={() => void tap('want-to-meet')}
        >
          {t('interest.wantToMeet')}
        </button>
      </div>
      <div className="feedback-row" role="status" aria-live="polite">
        <span className="tap-feedback">
          {feedback?.kind === 'sent' && t(`interest.sent.${feedback.level}`)}
          {feedback?.kind === 'undone' && t('interest.undone')}
          {feedback?.kind === 'saved' && t('interest.saved')}
          {feedback?.kind === 'waiting' && <span className="pending">{t('interest.waiting')}</span>}
        </span>
        {canUndo && feedback?.kind !== 'undone' && (
          <button type="button" className="link-button" onClick={() => void undo()}>
            {t('interest.undo')}
          </button>
        )}
      </div>
      <fieldset className="chips">
        <legend>{t('interest.topics')}</legend>
        {topics.map((tag) => (
          <button
            key={tag}
            type="button"
            className="chip"
            aria-pressed={tags.includes(tag)}
            onClick={() => toggleTag(tag)}
          >
            {tag}
          </button>
        ))}
      </fieldset>
      <form
        className="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          void saveDetails({ tags, note: noteValue, shareNote: shareValue }).then((saved) => {
            if (saved) {
              setNote(null);
              setShareNote(null);
            }
          });
        }}
      >
        <label htmlFor={`${id}-note`}>{t('interest.note')}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={LIMITS.noteLength}
          value={noteValue}
          onChange={(e) => setNote(e.target.value)}
          aria-describedby={`${id}-note-hint`}
        />
        <p className="hint" id={`${id}-note-hint`}>
          {t('interest.notePrivate')}
        </p>
        <label className="check">
          <input type="checkbox" checked={shareValue} onChange={(e) => setShareNote(e.target.checked)} />
          {t('interest.shareNote')}
        </label>
        <button type="submit">{t('interest.saveNote')}</button>
      </form>
      <p className="hint">{t('interest.privacy')}</p>
    </div>
  );
}
