/**
 * The app's strings, one language at a time: the reader's language is loaded before the first view
 * and the other only if asked for, so a reader never downloads both.
 */
import type { AppStrings } from './appStrings';
import type { CaptureStrings } from './captureStrings';
import type { ConnLogStrings } from './connlogStrings';
import type { ExerciseWords } from './exerciseStrings';
import type { PileupStrings } from './pileupStrings';
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

const loadingPileup: Partial<Record<Lang, Promise<PileupStrings>>> = {};

/** The pile-up lessons' words, loaded with the pile-up view (most readers never open one). */
export function loadPileupStrings(lang: Lang): Promise<PileupStrings> {
  loadingPileup[lang] ??= (lang === 'ko' ? import('./ko/pileup') : import('./en/pileup')).then((m) => m.pileup);
  return loadingPileup[lang];
}

const loadingExercises: Partial<Record<Lang, Promise<ExerciseWords>>> = {};

/** The exercises' words, loaded with the practice page. */
export function loadExerciseWords(lang: Lang): Promise<ExerciseWords> {
  loadingExercises[lang] ??= (lang === 'ko' ? import('./ko/exercises') : import('./en/exercises')).then((m) => m.exercises);
  return loadingExercises[lang];
}

const loadingConnLog: Partial<Record<Lang, Promise<ConnLogStrings>>> = {};

/** The conn.log view's words, loaded with it (only a reader who drops a Zeek log needs them). */
export function loadConnLogStrings(lang: Lang): Promise<ConnLogStrings> {
  loadingConnLog[lang] ??= (lang === 'ko' ? import('./ko/connlog') : import('./en/connlog')).then((m) => m.connlog);
  return loadingConnLog[lang];
}
