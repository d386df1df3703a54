import type { AppStrings } from '../i18n/appStrings';
import type { ExerciseWords } from '../i18n/exerciseStrings';
import type { Lang } from '../i18n/strings';
import { PracticeView } from '../ui/PracticeView';

/** The practice page: a bar with the way back to the lessons, a notice for a seed that is no number, and the set. */
export function PracticePage({ seed, badSeed, lang, t, words }: { seed: number; badSeed: string | null; lang: Lang; t: AppStrings; words: ExerciseWords }) {
  return (
    <div className="practice-page" lang={lang}>
      <header className="bar">
        <h1>
          <a href={`./?lang=${lang}`}>{t.title}</a> · {words.practice.title}
        </h1>
      </header>
      <main className="main-column">
        {badSeed !== null ? (
          <p className="notice" role="alert">
            {t.badParam('seed', badSeed.slice(0, 40))}
          </p>
        ) : null}
        <PracticeView seed={seed} lang={lang} t={t} words={words} />
      </main>
    </div>
  );
}
