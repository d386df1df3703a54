/**
 * practice.html?seed=N&lang=en|ko&theme=…&count=…&kinds=…&lessons=…&mastery=…&learner=1: questions the
 * engine made and checks, on a page of its own (the app's menu opens it with a new seed). Built on
 * its own as one file (vite.practice.config.ts), so the app's first view carries none of it; the same
 * file is what a course's SCORM package holds. Launched by an LMS (its SCORM 1.2 API up the window's
 * parents or opener), it reports to it (./scorm.ts); anywhere else it is plain practice.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/app.css';
import { loadAppStrings, loadExerciseWords } from '../i18n/load';
import { readerLang, type Lang } from '../i18n/strings';
import { learnerSeed, readCourse } from '../exercises/course';
import { PracticePage } from './PracticePage';
import { connectScorm } from './scorm';
import { scormReport } from './report';

const params = new URLSearchParams(location.search);
const lang: Lang = params.get('lang') === 'ko' ? 'ko' : params.get('lang') === 'en' ? 'en' : readerLang();
const theme = params.get('theme');
if (theme === 'light' || theme === 'dark' || theme === 'contrast') document.documentElement.dataset.theme = theme;
document.documentElement.lang = lang;
const { options, ignored } = readCourse(params);
// No seed (or one that is no number): a new set, its seed put in the link so that it can be shared and come back to.
const setSeed = options.seed ?? Math.floor(Math.random() * 100_000);
if (options.seed === null) {
  params.set('seed', String(setSeed));
  history.replaceState(null, '', `?${params}`);
}
const scorm = connectScorm(window);
// In a course that gives each learner their own questions, the seed is theirs: the same every launch, not their neighbour's.
const learner = scorm?.learner() ?? null;
const seed = options.perLearner && learner !== null ? learnerSeed(setSeed, learner) : setSeed;
const resumed = scorm?.suspended();
// Plain practice keeps its answers in the browser, by the set's link, so a reload (or a phone that drops the tab) goes on where it was.
const progressKey = `handshake-lab:practice:${seed}:${options.count}:${options.kinds.join(',')}:${options.lessons?.join(',') ?? '*'}:${lang}`;
const kept = (): number[] => {
  try {
    const a = JSON.parse(localStorage.getItem(progressKey) ?? '[]') as unknown;
    return Array.isArray(a) && a.every((x) => Number.isInteger(x) && x >= 0) ? (a as number[]) : [];
  } catch {
    return [];
  }
};
const keep = (answers: readonly number[]): void => {
  try {
    if (answers.length === 0) localStorage.removeItem(progressKey);
    else localStorage.setItem(progressKey, JSON.stringify(answers));
  } catch {
    // No storage (a private window's quota, a sandbox): practice goes on, kept nowhere.
  }
};
const initialAnswers = scorm ? (resumed && resumed.seed === seed ? resumed.answers : []) : kept();
if (scorm) {
  // The session ends when the learner leaves, however they leave (pagehide also covers a page kept in the back-forward cache).
  addEventListener('pagehide', () => scorm.finish());
  addEventListener('beforeunload', () => scorm.finish());
}

void Promise.all([loadAppStrings(lang), loadExerciseWords(lang)]).then(([t, words]) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PracticePage
        options={{ ...options, seed }}
        ignored={ignored}
        inPackage={params.get('sco') === '1'}
        lang={lang}
        t={t}
        words={words}
        initialAnswers={initialAnswers}
        report={scorm && !scorm.recordedBefore ? scormReport(scorm, seed, options.mastery) : null}
        recorded={scorm?.recordedBefore ?? null}
        inCourse={scorm !== null}
        onProgress={scorm ? undefined : keep}
      />
    </StrictMode>,
  ),
);
