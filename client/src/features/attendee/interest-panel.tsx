import { useId, useState } from 'react';
import { LIMITS } from '../../../../shared/constants';
import { useEventStore } from '../../stores/event-store';
import { useT } from '../../stores/language-store';
import { useInterest } from './use-interest';

type Interest = ReturnType<typeof useInterest>;

/** One-thumb interest in a venture: two big taps, topic chips, a private note, undo; works offline. */
export function InterestPanel({ ventureId, ventureName }: { ventureId: string; ventureName: string }) {
  const interest = useInterest(ventureId);
  return (
    <div className="interest-panel" role="group" aria-label={ventureName}>
      <InterestTaps interest={interest} />
      <InterestDetails interest={interest} />
    </div>
  );
}

/** The two taps and what became of the last one (sent, waiting, undone), with its undo. */
export function InterestTaps({ interest, compact = false }: { interest: Interest; compact?: boolean }) {
  const t = useT();
  const { mine, feedback, canUndo, tap, undo } = interest;
  // In the bar a saved note is said by the details card below, which made it.
  const said = feedback && (feedback.kind !== 'saved' || !compact);
  return (
    <>
      <div className={`tap-row ${compact ? 'tap-row--compact' : ''}`}>
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
      {/* In the sticky bar the row takes room only when it has something to say. */}
      {(!compact || said || canUndo) && (
        <div className="feedback-row" role="status" aria-live="polite">
          <span className="tap-feedback">
            {feedback?.kind === 'sent' && t(`interest.sent.${feedback.level}`)}
            {feedback?.kind === 'undone' && t('interest.undone')}
            {feedback?.kind === 'saved' && !compact && t('interest.saved')}
            {feedback?.kind === 'waiting' && <span className="pending">{t('interest.waiting')}</span>}
          </span>
          {canUndo && feedback?.kind !== 'undone' && (
            <button type="button" className="link-button" onClick={() => void undo()}>
              {t('interest.undo')}
            </button>
          )}
        </div>
      )}
    </>
  );
}

/**
 * Topics and a private note on an interest; saving one marks the venture interested. `standalone`:
 * shown apart from the taps (the live card below the bar), so it says "saved" itself.
 */
export function InterestDetails({ interest, standalone = false }: { interest: Interest; standalone?: boolean }) {
  const t = useT();
  const topics = useEventStore((s) => s.topics);
  const { mine, feedback, saveDetails } = interest;
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
    <>
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
        {standalone ? (
          <div className="feedback-row">
            <button type="submit">{t('interest.saveNote')}</button>
            <span className="tap-feedback" role="status" aria-live="polite">
              {feedback?.kind === 'saved' && t('interest.saved')}
            </span>
          </div>
        ) : (
          <button type="submit">{t('interest.saveNote')}</button>
        )}
      </form>
      <p className="hint">{t('interest.privacy')}</p>
    </>
  );
}
