import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { AppStrings } from '../i18n/appStrings';
import type { ExerciseWords } from '../i18n/exerciseStrings';
import type { Lang } from '../i18n/strings';
import { exerciseSet, type Exercise } from '../exercises/generate';
import { anotherSeed, courseQuery, type CourseOptions } from '../exercises/course';
import { createSession } from '../player/session';
import { REPLAYER } from '../model/replayStep';
import { SequenceDiagram } from './SequenceDiagram';
import { stateFamily } from './stateFamily';
import { useEventFrame } from './useSession';
import './practice.css';

/**
 * Focus an element a task later: the page's keys (useShortcuts) take whatever has focus once a
 * click's task is done as the control the pointer clicked, whose keys are the page's, and the
 * elements focused here were not clicked.
 */
function focusSoon(el: RefObject<HTMLElement | null>): () => void {
  const id = setTimeout(() => el.current?.focus({ preventScroll: true }));
  return () => clearTimeout(id);
}

/** What a course's LMS is told (src/practice/scorm.ts): each answer as it is checked, and the score once the last one is. */
export interface PracticeReport {
  answered(index: number, exercise: Exercise, choice: number, answers: readonly number[]): void;
  finished(right: number, of: number): { readonly score: number; readonly status: 'passed' | 'failed' | 'completed' };
}

/**
 * Practice (practice.html?seed=N): questions the engine made and checks, one at a time. Each is
 * shown on the stage as its run stood just before the moment it asks about; once answered, the
 * stage moves just past that moment and the engine's explanation says why, with where the rule is
 * written. Keyboard and screen reader: the choices are one radio group named by the question, the
 * verdict is a status, and the keys go to the next step at each step. At the end: the score, the
 * questions missed with their answers, and (in practice) the same set again or another; in a course
 * (`report`), what the LMS recorded instead, since a graded set is answered once.
 */
export function PracticeView({
  options,
  lang,
  t,
  words,
  initialAnswers = [],
  report = null,
  linkExtra = '',
  onProgress,
}: {
  options: CourseOptions;
  lang: Lang;
  t: AppStrings;
  words: ExerciseWords;
  /** Answers a resumed launch already gave (a course's suspend data). */
  initialAnswers?: readonly number[];
  report?: PracticeReport | null;
  /** What another set's link keeps of this page's (inside a course's package: `&sco=1`). */
  linkExtra?: string;
  /** The answers so far, after each one (and none once the set is begun again): the page keeps them across a reload. */
  onProgress?: (answers: readonly number[]) => void;
}) {
  const { seed, count, kinds, lessons } = options;
  const set = useMemo(
    () => exerciseSet({ ...t, exercises: words }, { seed, count, kinds, lessons: lessons ?? undefined }),
    [words, t, seed, count, kinds, lessons],
  );
  const [answers, setAnswers] = useState<readonly number[]>(() => initialAnswers.slice(0, set.length));
  const [at, setAt] = useState(answers.length);
  const [recorded, setRecorded] = useState<ReturnType<PracticeReport['finished']> | null>(null);
  // At the end the keys go to the first thing to do there, not back to the page's top.
  const end = useRef<HTMLElement>(null);
  const over = at >= set.length;
  useEffect(() => (over ? focusSoon(end) : undefined), [over]);
  const p = words.practice;
  const right = answers.filter((a, i) => a === set[i]!.answer).length;
  const answer = (choice: number) => {
    const now = [...answers, choice];
    setAnswers(now);
    onProgress?.(now);
    report?.answered(now.length - 1, set[now.length - 1]!, choice, now);
    // The score is the LMS's as soon as the last answer is checked: a learner may close the page without pressing Next.
    if (report && now.length === set.length) setRecorded(report.finished(now.filter((a, i) => a === set[i]!.answer).length, set.length));
  };
  if (over) {
    const missed = set.flatMap((e, i) => (answers[i] === e.answer ? [] : [{ e, chose: answers[i]! }]));
    return (
      <section className="panel practice practice-end" aria-label={p.title}>
        <h2>{p.title}</h2>
        <p className="practice-score" role="status">
          {p.finished(right, set.length)}
          {recorded ? ` ${p.recorded(recorded.score, recorded.status)}` : ''}
        </p>
        {report ? null : (
          <p className="practice-links">
            <button ref={end as RefObject<HTMLButtonElement>} type="button" className="primary" onClick={() => (setAt(0), setAnswers([]), onProgress?.([]))}>
              {p.again}
            </button>{' '}
            <a href={`?${courseQuery({ ...options, seed: anotherSeed(seed) })}&lang=${lang}${linkExtra}`}>{p.another(count)}</a>
          </p>
        )}
        {missed.length > 0 ? (
          <section
            className="practice-review"
            aria-labelledby={`${seed}-review`}
            ref={report ? (end as RefObject<HTMLElement>) : undefined}
            tabIndex={report ? -1 : undefined}
          >
            <h3 id={`${seed}-review`}>{p.review}</h3>
            <ol>
              {missed.map(({ e, chose }) => (
                <li key={e.id} value={set.indexOf(e) + 1}>
                  <p className="practice-review-question">
                    <QuestionText text={e.question} />
                  </p>
                  <p>
                    {p.yourAnswer(e.choices[chose]!)} {p.wrong(e.choices[e.answer]!)}
                  </p>
                  <p className="practice-explanation">{e.explanation}</p>
                  <p className="practice-reference">{e.reference}</p>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
      </section>
    );
  }
  return (
    <>
      {initialAnswers.length > 0 && at === initialAnswers.length ? (
        <p className="notice" role="status">
          {p.resumed(initialAnswers.length)}
        </p>
      ) : null}
      <Question
        key={`${seed}:${at}`}
        exercise={set[at]!}
        n={at + 1}
        of={set.length}
        right={right}
        words={words}
        t={t}
        onAnswer={answer}
        last={at === set.length - 1}
        onNext={() => setAt((i) => i + 1)}
      />
    </>
  );
}

/** A question's words; lines it quotes (a capture as tcpdump printed them, between its first line and its last) set as code. */
function QuestionText({ text }: { text: string }) {
  const lines = text.split('\n');
  if (lines.length < 3) return <>{text}</>;
  return (
    <>
      {/* The breaks around the quote are the question's own (its text reads back whole); the quote is a block, so they show as nothing more. */}
      {`${lines[0]}\n`}
      <code className="practice-quote">{lines.slice(1, -1).join('\n')}</code>
      {`\n${lines.at(-1)}`}
    </>
  );
}

function Question({
  exercise: e,
  n,
  of,
  right,
  words,
  t,
  onAnswer,
  last,
  onNext,
}: {
  exercise: Exercise;
  n: number;
  of: number;
  right: number;
  words: ExerciseWords;
  t: AppStrings;
  onAnswer: (choice: number) => void;
  /** The set's last question: its button goes on to the score. */
  last: boolean;
  onNext: () => void;
}) {
  const p = words.practice;
  const [chosen, setChosen] = useState<number | null>(null);
  const [checked, setChecked] = useState(false);
  // The run as it stood before the moment asked about (nothing of the answer drawn); once answered, with the answer drawn.
  // A capture's question plays the engine's replay of it (its world replays the captured segments).
  const session = useMemo(
    () =>
      createSession(
        { config: e.script.config ?? {}, steps: e.script.steps, t: Math.max(0, e.before), policy: e.policy },
        undefined,
        e.replay ? REPLAYER : null,
      ),
    [e],
  );
  useEffect(() => {
    if (checked) session.seek(e.after);
  }, [checked, session, e.after]);
  // A moment at the run's very start has no "before" to draw (a listen() at 0 s): the stage waits for the answer.
  const staged = checked || e.before >= 0;
  const frame = useEventFrame(session);
  const name = useId();
  const next = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLInputElement>(null);
  // A new question: the keys start at its choices; once checked, at Next.
  useEffect(() => focusSoon(first), []);
  useEffect(() => (checked ? focusSoon(next) : undefined), [checked]);
  const correct = chosen === e.answer;
  return (
    <section className="panel practice" aria-label={p.title}>
      <div className="practice-ask">
        <p className="practice-progress">{p.progress(n, of, right)}</p>
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            if (checked || chosen === null) return;
            setChecked(true);
            onAnswer(chosen);
          }}
        >
          <fieldset disabled={checked} data-kind={e.kind}>
            <legend className="practice-question">
              <QuestionText text={e.question} />
            </legend>
            <div className="practice-choices">
              {e.choices.map((c, i) => (
                <label key={c} className="practice-choice" data-verdict={checked ? (i === e.answer ? 'right' : i === chosen ? 'wrong' : undefined) : undefined}>
                  <input ref={i === 0 ? first : undefined} type="radio" name={name} value={i} checked={chosen === i} onChange={() => setChosen(i)} />
                  <span>{c}</span>
                  {checked && (i === e.answer || i === chosen) ? (
                    <span className="practice-mark">
                      <span aria-hidden="true">{i === e.answer ? '✓' : '✗'}</span>
                      <span className="visually-hidden"> ({i === e.answer ? p.markRight : p.markWrong})</span>
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
          </fieldset>
          {checked ? null : (
            <button type="submit" className="primary" disabled={chosen === null}>
              {p.check}
            </button>
          )}
        </form>
        <div className="practice-feedback" role="status">
          {checked ? (
            <>
              <p className="practice-verdict" data-verdict={correct ? 'right' : 'wrong'}>
                {correct ? p.right : p.wrong(e.choices[e.answer]!)}
              </p>
              <p className="practice-explanation">{e.explanation}</p>
              <p className="practice-reference">{e.reference}</p>
            </>
          ) : null}
        </div>
        {checked ? (
          <button ref={next} type="button" className="primary" onClick={onNext}>
            {last ? p.toScore : p.next}
          </button>
        ) : null}
      </div>
      <figure className="stage practice-stage" hidden={!staged}>
        <figcaption>{checked ? p.after : p.before}</figcaption>
        <div className="stage-heads">
          {(['client', 'server'] as const).map((end) => (
            <section key={end} className={`head ${end}`} aria-label={t[end]} data-family={stateFamily(frame.state(end))}>
              <h2 className="who">{t[end]}</h2>
              <p className="state">
                <span className="rfc">{frame.state(end)}</span>
              </p>
            </section>
          ))}
        </div>
        <SequenceDiagram session={session} relative t={t} autoHeight={420} />
      </figure>
    </section>
  );
}
