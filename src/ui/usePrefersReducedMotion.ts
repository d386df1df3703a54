import { useSyncExternalStore } from 'react';

// Followed live: a reader may change the setting while the page is open.
const QUERY = '(prefers-reduced-motion: reduce)';

// One MediaQueryList for the page: it is read on every render, so every animation frame.
let list: MediaQueryList | null = null;
const mediaQuery = (): MediaQueryList | null => (typeof matchMedia === 'undefined' ? null : (list ??= matchMedia(QUERY)));

function subscribe(onChange: () => void): () => void {
  const query = mediaQuery();
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

const current = () => mediaQuery()?.matches ?? false;

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, current, () => false);
}
