import { useModal } from './useModal';
import { useId, useState } from 'react';
import type { AppStrings } from '../i18n/appStrings';
import { EXERCISE_KINDS, type ExerciseKind, type ExerciseWords } from '../i18n/exerciseStrings';
import type { Lang } from '../i18n/strings';
import { loadAppStrings, loadExerciseWords } from '../i18n/load';
import { PAGE_MAX_COUNT } from '../exercises/course';
import { COURSE_FORMATS, courseFile, type CourseFormat } from '../exercises/export';
import { EXERCISE_LESSONS } from '../exercises/generate';
import { linkedFiles, selfContained, type PracticePageFiles } from '../exercises/scorm';
import type { Scenario } from '../scenarios/catalog';
import { questionImage } from './momentSvg';
import './dialogs.css';

/** A question bank may hold more than one sitting asks. */
const BANK_MAX_COUNT = 200;

interface Choice {
  format: CourseFormat;
  lang: Lang;
  count: number;
  seed: number;
  kinds: readonly ExerciseKind[];
  /** null: every lesson and the seed's data runs. */
  lessons: readonly Scenario['id'][] | null;
  mastery: number | null;
  perLesson: boolean;
  perLearner: boolean;
}

/** This site's practice.html and the files it names, fetched beside the page (the offline worker has them once the page has been opened). */
async function fetchPracticePage(): Promise<PracticePageFiles> {
  const get = async (path: string): Promise<Response> => {
    const r = await fetch(new URL(path, location.href));
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r;
  };
  const html = await (await get('practice.html')).text();
  if (!selfContained(html)) throw new Error('this is not the built site (npm run build)');
  const files: Record<string, Uint8Array> = {};
  for (const path of linkedFiles(html)) files[path] = new Uint8Array(await (await get(path)).arrayBuffer());
  return { html, files };
}

/** Save bytes or text under a name, as a download. */
function save(name: string, type: string, body: string | Uint8Array): void {
  const url = URL.createObjectURL(new Blob([body as BlobPart], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * For a course: the instructor chooses a set (its kinds, lessons, size and seed) and a file for
 * their LMS (a Moodle XML or GIFT question bank, or a graded SCORM 1.2 package), and downloads it.
 * Made here in the browser, by the same code as the command line's (src/exercises/export.ts): no
 * server. A SCORM package carries this very site's practice page, fetched from beside it.
 */
export function CourseDialog({
  open,
  onClose,
  seed,
  lang,
  t,
  words,
}: {
  open: boolean;
  onClose: () => void;
  seed: number;
  lang: Lang;
  t: AppStrings;
  words: ExerciseWords;
}) {
  const c = words.course;
  const dialog = useModal(open);
  const [choice, setChoice] = useState<Choice>({
    format: 'moodle-xml',
    lang,
    count: 10,
    seed,
    kinds: EXERCISE_KINDS,
    lessons: null,
    mastery: 80,
    perLesson: false,
    perLearner: true,
  });
  const choose = (patch: Partial<Choice>) => (setChoice((old) => ({ ...old, ...patch })), setStatus(null));
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  // The seed as typed: a value that is no seed is said, and nothing is made from an old one.
  const [seedText, setSeedText] = useState(String(seed));
  const [busy, setBusy] = useState(false);
  const id = useId();
  const scorm = choice.format === 'scorm';
  const maxCount = scorm ? PAGE_MAX_COUNT : BANK_MAX_COUNT;
  const seedOk = /^\d{1,10}$/.test(seedText) && Number(seedText) <= 4294967295;
  const problem = !seedOk ? c.badSeed : choice.kinds.length === 0 ? c.noKind : choice.lessons?.length === 0 ? c.noLesson : null;
  const toggle = <T,>(list: readonly T[], item: T, on: boolean): T[] => (on ? [...list, item] : list.filter((x) => x !== item));

  const download = async () => {
    if (problem) return;
    setBusy(true);
    setStatus({ text: c.making, failed: false });
    try {
      const [app, exercises] = await Promise.all([loadAppStrings(choice.lang), loadExerciseWords(choice.lang)]);
      const page = scorm ? await fetchPracticePage() : null;
      const count = Math.min(Math.max(1, choice.count), maxCount);
      const file = courseFile(
        choice.format,
        {
          seed: choice.seed,
          count,
          kinds: choice.kinds,
          lessons: choice.lessons,
          mastery: choice.mastery,
          perLearner: choice.perLearner,
          lang: choice.lang,
          scos: choice.perLesson ? 'per-lesson' : 'one',
        },
        { ...app, exercises },
        page,
        `${t.title}, ${location.host || 'practice page'}`,
        // A Moodle XML question carries its run's picture at its moment.
        (e) => (choice.format === 'moodle-xml' ? questionImage(e, app, exercises.practice.before) : null),
      );
      save(file.name, file.type, file.body);
      const bytes = typeof file.body === 'string' ? new TextEncoder().encode(file.body).length : file.body.length;
      setStatus({ text: c.made(file.name, file.questions, count, file.parts, Math.max(1, Math.round(bytes / 1024))), failed: false });
    } catch (e) {
      setStatus({ text: c.failed(e instanceof Error ? e.message : String(e)), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const whole = (text: string, min: number, max: number): number | null =>
    /^\d{1,10}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : null;
  return (
    <dialog ref={dialog} className="share course-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <div className="share-head">
        <h2 id={`${id}-title`}>{c.title}</h2>
        <button type="button" className="primary" onClick={onClose}>
          {c.close}
        </button>
      </div>
      <p className="course-intro">{c.intro}</p>
      <form
        className="course-form"
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <fieldset className="course-formats">
          <legend>{c.format}</legend>
          {COURSE_FORMATS.map((f) => (
            <label key={f} className="course-check">
              <input type="radio" name={`${id}-format`} value={f} checked={choice.format === f} onChange={() => choose({ format: f })} />
              <span>{c.formats[f]}</span>
            </label>
          ))}
          <p className="course-note">{c.formatNotes[choice.format]}</p>
        </fieldset>
        <div className="course-numbers">
          <label>
            <span>{c.language}</span>
            <select value={choice.lang} onChange={(e) => choose({ lang: e.target.value === 'ko' ? 'ko' : 'en' })}>
              <option value="ko">한국어</option>
              <option value="en">English</option>
            </select>
          </label>
          <label>
            <span>{scorm && choice.perLesson ? c.countPerPart : c.count}</span>
            <input
              type="number"
              min={1}
              max={maxCount}
              value={Math.min(choice.count, maxCount)}
              onChange={(e) => {
                const n = whole(e.target.value, 1, maxCount);
                if (n !== null) choose({ count: n });
              }}
            />
          </label>
          <label>
            <span>{c.seed}</span>
            <input
              type="number"
              min={0}
              max={4294967295}
              value={seedText}
              aria-invalid={!seedOk}
              onChange={(e) => {
                setSeedText(e.target.value);
                const n = whole(e.target.value, 0, 4294967295);
                if (n !== null) choose({ seed: n });
                else setStatus(null);
              }}
            />
          </label>
        </div>
        <fieldset>
          <legend>{c.kinds}</legend>
          {EXERCISE_KINDS.map((k) => (
            <label key={k} className="course-check">
              <input type="checkbox" checked={choice.kinds.includes(k)} onChange={(e) => choose({ kinds: toggle(choice.kinds, k, e.target.checked) })} />
              <span>{words.kindNames[k]}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="course-lessons">
          <legend>{c.lessons}</legend>
          <label className="course-check">
            <input
              type="checkbox"
              checked={choice.lessons === null}
              onChange={(e) => choose({ lessons: e.target.checked ? null : EXERCISE_LESSONS.map((l) => l.id) })}
            />
            <span>{c.allLessons}</span>
          </label>
          {choice.lessons === null ? null : (
            <div className="course-lesson-list">
              {EXERCISE_LESSONS.map((l) => (
                <label key={l.id} className="course-check">
                  <input
                    type="checkbox"
                    checked={choice.lessons!.includes(l.id)}
                    onChange={(e) => choose({ lessons: toggle(choice.lessons!, l.id, e.target.checked) })}
                  />
                  <span>{t.lessons[l.id].title}</span>
                </label>
              ))}
            </div>
          )}
        </fieldset>
        {scorm ? (
          <fieldset>
            <legend>{c.formats.scorm.split(':')[0]}</legend>
            <label className="course-mastery">
              <span>{c.mastery}</span>
              <input
                type="number"
                min={0}
                max={100}
                value={choice.mastery ?? ''}
                aria-describedby={`${id}-mastery`}
                onChange={(e) => choose({ mastery: e.target.value === '' ? null : (whole(e.target.value, 0, 100) ?? choice.mastery) })}
              />
              <small id={`${id}-mastery`}>{c.masteryNone}</small>
            </label>
            <label className="course-check">
              <input type="checkbox" checked={choice.perLesson} onChange={(e) => choose({ perLesson: e.target.checked })} />
              <span>{c.perLesson}</span>
            </label>
            <label className="course-check">
              <input type="checkbox" checked={choice.perLearner} onChange={(e) => choose({ perLearner: e.target.checked })} />
              <span>{c.perLearner}</span>
            </label>
          </fieldset>
        ) : null}
        <div className="course-go">
          <button type="submit" className="primary" disabled={busy || problem !== null}>
            {c.download}
          </button>
          <p role="status" className="course-status" data-failed={status?.failed || undefined}>
            {problem ?? status?.text ?? ''}
          </p>
        </div>
      </form>
    </dialog>
  );
}
