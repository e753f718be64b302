import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/**
 * How many ranking rows fit in the list's box: its height over the row height the stylesheet sets
 * (grid-auto-rows), measured again whenever the box changes size.
 */
export function useRowCapacity(ref: RefObject<HTMLElement | null>, initial: number): number {
  const [capacity, setCapacity] = useState(initial);
  useLayoutEffect(() => {
    const list = ref.current;
    if (!list) return;
    const observer = new ResizeObserver(() => {
      const style = getComputedStyle(list);
      const row = parseFloat(style.gridAutoRows);
      const gap = parseFloat(style.rowGap) || 0;
      if (row > 0) setCapacity(Math.max(1, Math.floor((list.clientHeight + gap) / (row + gap))));
    });
    observer.observe(list);
    return () => observer.disconnect();
  }, [ref]);
  return capacity;
}

/** The page on screen now, turning every `everyMs` while there is more than one. */
export function usePageRotation(pages: number, everyMs: number): number {
  const [turns, setTurns] = useState(0);
  useEffect(() => {
    if (pages <= 1) return;
    const timer = setInterval(() => setTurns((n) => n + 1), everyMs);
    return () => clearInterval(timer);
  }, [pages, everyMs]);
  return pages > 0 ? turns % pages : 0;
}
