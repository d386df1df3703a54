import { useMediaQuery } from './useMediaQuery';

/** Followed live: a reader may change the setting while the page is open. */
export const usePrefersReducedMotion = (): boolean => useMediaQuery('(prefers-reduced-motion: reduce)');
