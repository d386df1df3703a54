/**
 * The app's strings, one language at a time: the reader's language is loaded before the first view
 * and the other only if asked for, so a reader never downloads both.
 */
import type { AppStrings } from './appStrings';
import type { CaptureStrings } from './captureStrings';
import type { Lang } from './strings';

const loading: Partial<Record<Lang, Promise<AppStrings>>> = {};

export function loadAppStrings(lang: Lang): Promise<AppStrings> {
  loading[lang] ??= (lang === 'ko' ? import('./ko/app') : import('./en/app')).then((m) => m.app);
  return loading[lang];
}

const loadingCapture: Partial<Record<Lang, Promise<CaptureStrings>>> = {};

/** The capture X-ray's words, loaded with it (most readers never open a capture). */
export function loadCaptureStrings(lang: Lang): Promise<CaptureStrings> {
  loadingCapture[lang] ??= (lang === 'ko' ? import('./ko/capture') : import('./en/capture')).then((m) => m.capture);
  return loadingCapture[lang];
}
