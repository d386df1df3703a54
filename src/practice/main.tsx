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
const initialAnswers = resumed && resumed.seed === seed ? resumed.answers : [];
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
      />
    </StrictMode>,
  ),
);
