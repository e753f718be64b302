/**
 * Text that fits its box on the big screen without being cut: Japanese wraps only between phrases
 * (phrases.ts; each phrase unbreakable, <wbr> between them: `keep-all` alone would still break
 * after a closing bracket, 「会いたい」|を), and text that still does not fit
 * shrinks, first down to `minRatio` of its styled size, then further, and only as a last resort
 * breaks inside a word. An ellipsis would hide which venture it is.
 *
 * Not CSS `word-break: auto-phrase`: it needs Chromium built with ICU's phrase model (Debian's
 * Chromium accepts the value and still breaks 「スマー|ト」) and no other engine has it, while the
 * projector may be any laptop's browser.
 */
import { Fragment, useLayoutEffect, useMemo, useRef, type ElementType } from 'react';
import { phrasesOf, type TextKind } from './phrases';

const fits = (el: HTMLElement) => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;

/** The largest size between `lo` and `hi` (px) at which the text fits, or null if not even `lo`. */
function largestFitting(el: HTMLElement, lo: number, hi: number): number | null {
  el.style.fontSize = `${lo}px`;
  if (!fits(el)) return null;
  for (let i = 0; i < 8 && hi - lo > 0.5; i++) {
    const mid = (lo + hi) / 2;
    el.style.fontSize = `${mid}px`;
    if (fits(el)) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo * 2) / 2;
}

/** Shrinks `el`'s font until its text fits its box; the box itself comes from the stylesheet. */
export function fitText(el: HTMLElement, minRatio: number): void {
  el.style.fontSize = '';
  el.classList.remove('fit--anywhere');
  if (fits(el)) return;
  const styled = parseFloat(getComputedStyle(el).fontSize);
  const size = largestFitting(el, styled * minRatio, styled) ?? largestFitting(el, styled * 0.5, styled * minRatio);
  if (size !== null) {
    el.style.fontSize = `${size}px`;
    return;
  }
  // One phrase wider than the box even at half size: break it rather than cut it.
  el.classList.add('fit--anywhere');
  el.style.fontSize = `${largestFitting(el, styled * 0.5, styled) ?? styled * 0.5}px`;
}

export function FitText({
  text,
  as: Tag = 'span',
  className,
  minRatio = 0.8,
  lang = 'ja',
  kind = 'sentence',
  id,
}: {
  text: string;
  as?: ElementType;
  className?: string;
  /** Shrink this far before trying harder (0.8 keeps a 50 px name at 40 px or more). */
  minRatio?: number;
  /** The data's language, for phrase-aware line breaks; venture names are Japanese. */
  lang?: string;
  /** A name breaks where its words meet; a sentence between its phrases. */
  kind?: TextKind;
  id?: string;
}) {
  const ref = useRef<HTMLElement>(null);
  const phrases = useMemo(() => (lang === 'ja' ? phrasesOf(text, kind) : [text]), [text, lang, kind]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    fitText(el, minRatio);
    // Refit when the box changes: a projector switching resolution, or a count next to the name
    // growing a digit. A refit lands on the same size for the same box, so this settles.
    const parent = el.parentElement ?? el;
    const boxOf = () => `${el.clientWidth}×${parent.clientWidth}×${parent.clientHeight}`;
    let box = boxOf();
    const observer = new ResizeObserver(() => {
      if (boxOf() === box) return;
      fitText(el, minRatio);
      box = boxOf();
    });
    observer.observe(el);
    observer.observe(parent);
    return () => observer.disconnect();
  }, [text, minRatio]);
  return (
    <Tag ref={ref} className={`phrases ${className ?? ''}`} lang={lang} id={id}>
      {phrases.length === 1
        ? text
        : phrases.map((phrase, i) => (
            <Fragment key={i}>
              {i > 0 && <wbr />}
              <span className="phrase">{phrase}</span>
            </Fragment>
          ))}
    </Tag>
  );
}
