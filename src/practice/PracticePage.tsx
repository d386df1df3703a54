import { useState } from 'react';
import type { AppStrings } from '../i18n/appStrings';
import type { ExerciseWords } from '../i18n/exerciseStrings';
import type { Lang } from '../i18n/strings';
import type { CourseOptions, Ignored } from '../exercises/course';
import { PracticeView, type PracticeReport } from '../ui/PracticeView';
import { CourseDialog } from '../ui/CourseDialog';

/**
 * The practice page: a bar with the way back to the lessons and the instructor's "For a course…"
 * (neither inside a course's package: a learner there has no lessons to go back to, and makes no
 * packages), a notice for each parameter the link gave that the page cannot use, and the set.
 */
export function PracticePage({
  options,
  ignored,
  inPackage,
  lang,
  t,
  words,
  initialAnswers,
  report,
  recorded,
  inCourse,
  onProgress,
}: {
  options: CourseOptions;
  ignored: readonly Ignored[];
  inPackage: boolean;
  lang: Lang;
  t: AppStrings;
  words: ExerciseWords;
  initialAnswers: readonly number[];
  report: PracticeReport | null;
  /** What the course recorded before this launch, when the set was done already. */
  recorded: { readonly score: number; readonly status: 'passed' | 'failed' | 'completed' } | null;
  /** Whether an LMS launched the page. */
  inCourse: boolean;
  /** Plain practice's answers, kept by the page across a reload. */
  onProgress?: (answers: readonly number[]) => void;
}) {
  const [course, setCourse] = useState(false);
  return (
    <div className="practice-page" lang={lang}>
      <header className="bar">
        <h1>
          {inPackage ? t.title : <a href={`./?lang=${lang}`}>{t.title}</a>} · {words.practice.title}
        </h1>
        {inPackage ? null : (
          <>
            <button type="button" className="course-open" onClick={() => setCourse(true)}>
              {words.course.open}
            </button>
            <CourseDialog open={course} onClose={() => setCourse(false)} seed={options.seed} lang={lang} t={t} words={words} />
          </>
        )}
      </header>
      <main className="main-column">
        {recorded ? (
          <p className="notice" role="status">
            {words.practice.alreadyRecorded(recorded.score, recorded.status)}
          </p>
        ) : inPackage && !inCourse ? (
          <p className="notice" role="status">
            {words.practice.notRecorded}
          </p>
        ) : null}
        {ignored.map((i) => (
          <p key={i.name} className="notice" role="alert">
            {t.badParam(i.name, i.value.slice(0, 40))}
          </p>
        ))}
        <PracticeView
          options={options}
          lang={lang}
          t={t}
          words={words}
          initialAnswers={initialAnswers}
          report={report}
          linkExtra={inPackage ? '&sco=1' : ''}
          onProgress={onProgress}
        />
      </main>
    </div>
  );
}
