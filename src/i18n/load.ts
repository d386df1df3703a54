/**
 * The app's strings, one language at a time: the reader's language is loaded before the first view
 * and the other only if asked for, so a reader never downloads both.
 */
import type { AppStrings } from './appStrings';
import type { Lang } from './strings';

const loading: Partial<Record<Lang, Promise<AppStrings>>> = {};

export function loadAppStrings(lang: Lang): Promise<AppStrings> {
  loading[lang] ??= (lang === 'ko' ? import('./ko/app') : import('./en/app')).then((m) => m.app);
  return loading[lang];
}
