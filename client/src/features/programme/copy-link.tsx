import { useId, useRef, useState } from 'react';
import { useT } from '../../stores/language-store';

/**
 * The public page's address with a copy button (the settings page has its own: features do not
 * share components). The clipboard API exists only on a secure page; at a venue's plain-HTTP
 * address the link is selected instead and copied by the older command where the browser allows it.
 */
export function CopyLink({ label, value }: { label: string; value: string }) {
  const t = useT();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [said, setSaid] = useState<'settings.copied' | 'settings.selected' | null>(null);

  async function copy() {
    if (window.isSecureContext && navigator.clipboard) {
      try {
        await navigator.clipboard.writeText(value);
        setSaid('settings.copied');
        return;
      } catch {
        // Refused (no permission, page not focused): selecting still works.
      }
    }
    input.current?.focus();
    input.current?.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    setSaid(copied ? 'settings.copied' : 'settings.selected');
  }

  return (
    <div className="link-line">
      <label htmlFor={id} className="muted">
        {label}
      </label>
      <div className="copy-field">
        <input id={id} ref={input} readOnly value={value} onFocus={(e) => e.target.select()} />
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
