/**
 * A long list drawn only where it is seen: which of `count` items are in view (with a margin
 * either side), and the room the others would take above and below, to keep the scrollbar true.
 * The list's element is the ref's; it scrolls itself (`own`), or with the nearest ancestor that
 * scrolls (or the page). Rows may differ in height: the rows drawn are measured, and the others are
 * taken to be as tall as those on average. Focus moving along the rows (Tab) scrolls
 * the focused one into view, which moves the window with it.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface Windowed {
  /** The items to draw: first..last-1. */
  readonly first: number;
  readonly last: number;
  /** The height (px) of the items above first and below last, for spacers. */
  readonly before: number;
  readonly after: number;
}

/** Items drawn beyond each edge of the view: Tab and the arrow keys always find the next one drawn. */
const MARGIN = 12;
/** Items drawn before anything is measured. */
const FIRST_DRAW = 40;
/** How far from the window the item with focus is still kept drawn (so focus is never dropped while Tab runs ahead of a frame). */
const KEEP_FOCUSED = 100;

/** The nearest ancestor that scrolls vertically now, or null (the page). */
function scrollerOf(el: HTMLElement): HTMLElement | null {
  for (let p = el.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    const y = getComputedStyle(p).overflowY;
    if ((y === 'auto' || y === 'scroll') && p.scrollHeight > p.clientHeight + 1) return p;
  }
  return null;
}

/** Which of the items drawn in `el` (its children, spacers not counted) holds focus, or -1. */
function focusedItem(el: HTMLElement): number {
  const active = document.activeElement;
  if (!active || !el.contains(active)) return -1;
  let k = 0;
  for (const child of el.children) {
    if (!(child instanceof HTMLElement) || child.dataset.spacer !== undefined) continue;
    if (child.contains(active)) return k;
    k++;
  }
  return -1;
}

/** The window on `count` items drawn in `ref`'s element (its rows its children, spacers marked `data-spacer`). */
export function useWindow(ref: RefObject<HTMLElement | null>, count: number, options: { readonly own?: boolean; readonly estimate?: number } = {}): Windowed {
  const { own = false, estimate = 32 } = options;
  const [range, setRange] = useState({ first: 0, last: Math.min(count, FIRST_DRAW), height: estimate });
  // The window drawn, for measure() to read: measure stays one function, so scrolling that moves the
  // window does not take down and set up again the listeners and the ResizeObserver below.
  const drawn = useRef(range);
  useLayoutEffect(() => {
    drawn.current = range;
  }, [range]);

  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    // The rows drawn, by their own height (the spacers are not rows).
    let sum = 0;
    let n = 0;
    for (const child of el.children) {
      if (!(child instanceof HTMLElement) || child.dataset.spacer !== undefined) continue;
      sum += child.getBoundingClientRect().height;
      n++;
    }
    // Taken again only when it is far off: the room above the window is its height times thousands,
    // so a fraction of a pixel's difference would move every row drawn.
    let h = drawn.current.height;
    if (n > 0 && sum > 0 && Math.abs(sum / n - h) > h / 10) h = sum / n;
    let top: number;
    let bottom: number;
    if (own) {
      top = el.scrollTop;
      bottom = top + el.clientHeight;
    } else {
      const scroller = scrollerOf(el);
      const box = el.getBoundingClientRect();
      const view = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
      top = view.top - box.top;
      bottom = view.bottom - box.top;
    }
    let first = Math.max(0, Math.min(count, Math.floor(top / h) - MARGIN));
    let last = Math.max(first, Math.min(count, Math.ceil(bottom / h) + MARGIN));
    // The item that has focus stays drawn (unless the view has gone far from it): an item taken out
    // of the page takes focus with it, and the next Tab would start again from the top.
    const focused = focusedItem(el);
    if (focused >= 0) {
      const at = drawn.current.first + focused;
      if (at < first && first - at <= KEEP_FOCUSED) first = at;
      if (at >= last && at - last < KEEP_FOCUSED) last = Math.min(count, at + 1);
    }
    setRange((r) => (r.first === first && r.last === last && r.height === h ? r : { first, last, height: h }));
  }, [ref, count, own]);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    let pending = 0;
    const soon = () => {
      if (!pending) pending = requestAnimationFrame(() => ((pending = 0), measure()));
    };
    // Scrolling anywhere above it moves it (capture: scroll events do not bubble).
    document.addEventListener('scroll', soon, { capture: true, passive: true });
    window.addEventListener('resize', soon);
    // Focus moved into it (Tab scrolls the focused item into view at once): the window follows now,
    // before the next key, not at the next frame.
    el.addEventListener('focusin', measure);
    const seen = new ResizeObserver(soon);
    seen.observe(el);
    return () => {
      cancelAnimationFrame(pending);
      document.removeEventListener('scroll', soon, { capture: true });
      window.removeEventListener('resize', soon);
      el.removeEventListener('focusin', measure);
      seen.disconnect();
    };
  }, [ref, measure]);

  const first = Math.min(range.first, count);
  const last = Math.min(Math.max(range.last, first), count);
  return { first, last, before: first * range.height, after: (count - last) * range.height };
}
