import { useSyncExternalStore } from 'react';

// One MediaQueryList per query for the page: a query is read on every render, so every animation frame.
const lists = new Map<string, MediaQueryList>();
const mediaQuery = (query: string): MediaQueryList | null => {
  if (typeof matchMedia === 'undefined') return null;
  let list = lists.get(query);
  if (!list) lists.set(query, (list = matchMedia(query)));
  return list;
};

/** Whether a media query matches, followed live (a reader turns a phone, resizes a window, changes a setting). */
export function useMediaQuery(query: string, fallback = false): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = mediaQuery(query);
      list?.addEventListener('change', onChange);
      return () => list?.removeEventListener('change', onChange);
    },
    () => mediaQuery(query)?.matches ?? fallback,
    () => fallback,
  );
}

/** The width from which the rail (the explanation, the state diagram, …) stands beside the stage rather than below it (app.css). */
export const RAIL_BESIDE = '(min-width: 1100px)';
