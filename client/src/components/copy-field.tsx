/**
 * A link with a copy button, for the console's links (the board, reception desks, organizers'
 * sign-ins, the public KPI page): the link is shown in a read-only field that selects itself, and
 * the button copies it (copyText: the clipboard, or the older way on a plain-HTTP venue address).
 */
import { useId, useRef, useState } from 'react';
import { copyText } from '../lib/copy-text';
import { useT } from '../stores/language-store';

export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<'settings.copied' | 'settings.selected' | null>(null);

  async function copy() {
    setSaid((await copyText(value, input.current)) === 'copied' ? 'settings.copied' : 'settings.selected');
  }

  return (
    <div className="link-line">
      <label htmlFor={id} className="muted">
        {label}
      </label>
      <div className="copy-field">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} />
        {/* Named "コピー", described by the link's label: a name with the label in it would be found as the link. */}
        <button type="button" aria-describedby={id} onClick={() => void copy()}>
          {t('settings.copy')}
        </button>
      </div>
      {said && (
        <span role="status" className="hint">
          {t(said)}
        </span>
      )}
    </div>
  );
}
