/**
 * practice.html?seed=N&lang=en|ko&theme=…: ten questions the engine made and checks, on a page of
 * its own (the app's menu opens it with a new seed). Built on its own (vite.practice.config.ts), so
 * the app's first view carries none of it; the same page is what a course's package will hold.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/app.css';
import { loadAppStrings, loadExerciseWords } from '../i18n/load';
import { readerLang, type Lang } from '../i18n/strings';
import { PracticePage } from './PracticePage';

const params = new URLSearchParams(location.search);
const lang: Lang = params.get('lang') === 'ko' ? 'ko' : params.get('lang') === 'en' ? 'en' : readerLang();
const theme = params.get('theme');
if (theme === 'light' || theme === 'dark' || theme === 'contrast') document.documentElement.dataset.theme = theme;
document.documentElement.lang = lang;
const seedText = params.get('seed');
const given = seedText !== null && /^\d{1,10}$/.test(seedText) && Number(seedText) <= 0xffffffff ? Number(seedText) : null;
// No seed (or one that is no number): a new set, its seed put in the link so that it can be shared and come back to.
const seed = given ?? Math.floor(Math.random() * 100_000);
if (given === null) {
  params.set('seed', String(seed));
  history.replaceState(null, '', `?${params}`);
}

void Promise.all([loadAppStrings(lang), loadExerciseWords(lang)]).then(([t, words]) =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PracticePage seed={seed} badSeed={seedText !== null && given === null ? seedText : null} lang={lang} t={t} words={words} />
    </StrictMode>,
  ),
);
