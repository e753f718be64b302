/**
 * Barcode scanners that type. A USB or Bluetooth scanner acts as a keyboard: it types the badge's
 * URL (or token) as a burst of keystrokes and presses Enter. The station takes such a burst wherever
 * focus is, without the camera, and takes it back out of a text field it landed in.
 *
 * A burst is told from a person by speed and length: every gap under 50 ms, at least 20 characters,
 * then Enter. Nobody types 20 characters at 20 a second; a key held down (auto-repeat) is not a burst.
 */
import { useEffect, useRef } from 'react';

/** The longest pause between two keystrokes of one burst. */
export const BURST_GAP_MS = 50;
/** The shortest burst: a bare token is 44 characters, a badge URL more. */
export const BURST_MIN_LENGTH = 20;

export interface BurstState {
  text: string;
  /** When the last character of `text` was typed (ms, any monotonic clock). */
  lastAt: number;
}

export const NO_BURST: BurstState = { text: '', lastAt: Number.NEGATIVE_INFINITY };

export interface KeyStroke {
  /** `KeyboardEvent.key`: one character, or a name such as 'Enter' or 'Shift'. */
  key: string;
  at: number;
  /** A key held down repeats: that is a person, not a scanner. */
  repeat?: boolean;
}

export interface KeyOutcome {
  state: BurstState;
  /** This character may begin a burst: what a focused field holds now is what to put back. */
  starts: boolean;
  /** A whole burst, ended by this Enter. */
  burst: string | null;
}

/** Keys a scanner sends around characters (Shift for capitals) that neither add to nor break a burst. */
const PASS_THROUGH = new Set(['Shift', 'CapsLock']);

/** The detector, pure: the state after one keystroke, and the burst it completes, if any. */
export function nextKey(state: BurstState, stroke: KeyStroke): KeyOutcome {
  if (PASS_THROUGH.has(stroke.key)) return { state, starts: false, burst: null };
  const quick = stroke.at - state.lastAt < BURST_GAP_MS;
  if (stroke.key === 'Enter') {
    const burst = quick && !stroke.repeat && state.text.length >= BURST_MIN_LENGTH ? state.text : null;
    return { state: NO_BURST, starts: false, burst };
  }
  if (stroke.key.length !== 1 || stroke.repeat) return { state: NO_BURST, starts: false, burst: null };
  if (quick && state.text)
    return { state: { text: state.text + stroke.key, lastAt: stroke.at }, starts: false, burst: null };
  return { state: { text: stroke.key, lastAt: stroke.at }, starts: true, burst: null };
}

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface FieldBefore {
  field: TextField;
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
}

function focusedTextField(): TextField | null {
  const active = document.activeElement;
  if (active instanceof HTMLTextAreaElement) return active;
  if (active instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(active.type))
    return active;
  return null;
}

function remember(field: TextField | null): FieldBefore | null {
  if (!field) return null;
  try {
    return { field, value: field.value, selectionStart: field.selectionStart, selectionEnd: field.selectionEnd };
  } catch {
    // an input type without a selection (email, number)
    return { field, value: field.value, selectionStart: null, selectionEnd: null };
  }
}

/**
 * Puts back what the field held before the burst. Through the element's own value setter and an
 * input event, so React's controlled inputs (the search box) take the change as if typed.
 */
function putBack(before: FieldBefore): void {
  const { field, value } = before;
  if (!field.isConnected || field.value === value) return;
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
  if (before.selectionStart === null || before.selectionEnd === null) return;
  try {
    field.setSelectionRange(before.selectionStart, before.selectionEnd);
  } catch {
    // no selection on this input type
  }
}

/**
 * Listens for scanner bursts on the whole page while mounted and calls `onScan` with each one's
 * text. Capture phase, so the burst's Enter neither submits a form nor presses a focused button.
 */
export function useKeyboardScanner(onScan: (text: string) => void): void {
  const onScanRef = useRef(onScan);
  useEffect(() => {
    onScanRef.current = onScan;
  }, [onScan]);

  useEffect(() => {
    let state = NO_BURST;
    let before: FieldBefore | null = null;
    const onKeyDown = (event: KeyboardEvent) => {
      // Input-method composition, and shortcuts, are a person at the keyboard.
      if (event.isComposing || event.ctrlKey || event.metaKey || event.altKey) {
        state = NO_BURST;
        return;
      }
      const outcome = nextKey(state, { key: event.key, at: event.timeStamp, repeat: event.repeat });
      state = outcome.state;
      if (outcome.starts) before = remember(focusedTextField());
      if (outcome.burst === null) return;
      event.preventDefault();
      event.stopPropagation();
      if (before) putBack(before);
      before = null;
      onScanRef.current(outcome.burst);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
