/**
 * npm run --silent exercises -- --format gift|moodle-xml|scorm --seed N --count N --lang en|ko [-o FILE] [--kinds next-state,ack-number] [--lessons id,id]
 *   [--images yes|no] (a Moodle XML question's picture of its run; yes unless said)
 *   and for a SCORM package: [--mastery 0-100] [--scos one|per-lesson] [--per-learner yes|no] [--practice dist/practice.html]
 * A question bank made and checked by the engine (src/exercises), the same for the same options;
 * written to FILE, or to standard output (a SCORM package, a zip, only to a FILE). A bad option:
 * one line saying which, exit 2.
 */
import { writeFileSync } from 'node:fs';
import { builtPracticePage, readPracticePage } from './practicePage';
import type { PackageOptions, PracticePageFiles } from '../exercises/scorm';
import { courseFile, COURSE_FORMATS, type CourseFormat } from '../exercises/export';
import { usage } from './io';
import { EXERCISE_KINDS, type ExerciseKind } from '../i18n/exerciseStrings';
import { core as enCore } from '../i18n/en/core';
import { explain as enExplain } from '../i18n/en/explain';
import { exercises as enExercises } from '../i18n/en/exercises';
import { core as koCore } from '../i18n/ko/core';
import { explain as koExplain } from '../i18n/ko/explain';
import { exercises as koExercises } from '../i18n/ko/exercises';
import { EXERCISE_LESSONS, type Exercise, type ExerciseStrings } from '../exercises/generate';
import { questionImage } from '../ui/momentSvg';
import type { Strings } from '../i18n/strings';
import { PAGE_MAX_COUNT } from '../exercises/course';
import type { Scenario } from '../scenarios/catalog';

const WORDS: Record<'en' | 'ko', ExerciseStrings & Strings> = {
  en: { ...enCore, ...enExplain, exercises: enExercises },
  ko: { ...koCore, ...koExplain, exercises: koExercises },
};
const FORMATS = COURSE_FORMATS;
const USAGE =
  'usage: npm run --silent exercises -- --format gift|moodle-xml|scorm --seed N --count N --lang en|ko [-o FILE] [--kinds a,b] [--lessons a,b] [--images yes|no] [--mastery 0-100] [--scos one|per-lesson] [--per-learner yes|no] [--practice FILE]';
const OPTIONS = ['--format', '--seed', '--count', '--lang', '-o', '--kinds', '--lessons', '--images', '--mastery', '--scos', '--per-learner', '--practice'];
/** Options only a SCORM package has. */
const SCORM_ONLY = ['--mastery', '--scos', '--per-learner', '--practice'];

function main(args: string[]): number {
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    const value = args[i + 1];
    if (!OPTIONS.includes(name)) return usage(`unknown option ${name}; ${USAGE}`);
    if (value === undefined || value.startsWith('-')) return usage(`${name} needs a value; ${USAGE}`);
    if (given.has(name)) return usage(`${name} given twice`);
    given.set(name, value);
  }
  const format = given.get('--format') ?? 'gift';
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`--format ${format}: one of ${FORMATS.join(', ')}`);
  const scormOnly = SCORM_ONLY.find((o) => given.has(o));
  if (format !== 'scorm' && scormOnly !== undefined) return usage(`${scormOnly} is for --format scorm only`);
  if (format === 'scorm' && !given.has('-o')) return usage('--format scorm writes a zip: name it with -o FILE.zip');
  const whole = (name: string, fallback: number, max: number): number | string => {
    const text = given.get(name);
    if (text === undefined) return fallback;
    return /^\d{1,10}$/.test(text) && Number(text) <= max ? Number(text) : `${name} ${text}: a whole number from 0 to ${max}`;
  };
  const seed = whole('--seed', 1, 4_294_967_295);
  if (typeof seed === 'string') return usage(seed);
  const count = whole('--count', 20, 1000);
  if (typeof count === 'string') return usage(count);
  const lang = given.get('--lang') ?? 'en';
  if (lang !== 'en' && lang !== 'ko') return usage(`--lang ${lang}: en or ko`);
  const kinds = (given.get('--kinds') ?? EXERCISE_KINDS.join(',')).split(',');
  const badKind = kinds.find((k) => !(EXERCISE_KINDS as readonly string[]).includes(k));
  if (badKind !== undefined) return usage(`--kinds: ${badKind} is not a kind (${EXERCISE_KINDS.join(', ')})`);
  const lessons = given.get('--lessons')?.split(',');
  const badLesson = lessons?.find((l) => !EXERCISE_LESSONS.some((s) => s.id === l));
  if (badLesson !== undefined) return usage(`--lessons: ${badLesson} is not a one-connection lesson (${EXERCISE_LESSONS.map((s) => s.id).join(', ')})`);
  const words = WORDS[lang];
  const mastery = whole('--mastery', -1, 100);
  if (typeof mastery === 'string') return usage(mastery);
  const scos = given.get('--scos') ?? 'one';
  if (scos !== 'one' && scos !== 'per-lesson') return usage(`--scos ${scos}: one or per-lesson`);
  const perLearner = given.get('--per-learner') ?? 'yes';
  if (perLearner !== 'yes' && perLearner !== 'no') return usage(`--per-learner ${perLearner}: yes or no`);
  let page: PracticePageFiles | null = null;
  if (format === 'scorm') {
    if (count < 1 || count > PAGE_MAX_COUNT) return usage(`--count ${count}: a SCORM set asks from 1 to ${PAGE_MAX_COUNT} questions`);
    const practice = given.get('--practice');
    const read = practice === undefined ? builtPracticePage() : readPracticePage(practice);
    if (typeof read === 'string') return usage(read);
    page = read;
  }
  const options: PackageOptions = {
    seed,
    count,
    kinds: kinds as ExerciseKind[],
    lessons: (lessons as Scenario['id'][] | undefined) ?? null,
    mastery: mastery === -1 ? null : mastery,
    perLearner: perLearner === 'yes',
    lang,
    scos,
  };
  const images = given.get('--images') ?? 'yes';
  if (images !== 'yes' && images !== 'no') return usage(`--images ${images}: yes or no`);
  if (images === 'yes' && given.has('--images') && format !== 'moodle-xml')
    return usage('--images is for --format moodle-xml (GIFT carries no files; a SCORM package shows the run itself)');
  const drawn = (e: Exercise) => (format === 'moodle-xml' && images === 'yes' ? questionImage(e, words, words.exercises.practice.before) : null);
  const file = courseFile(format as CourseFormat, options, words, page, 'npm run exercises', drawn);
  const out = given.get('-o');
  if (out === undefined) process.stdout.write(file.body);
  else if (write(out, file.body) !== 0) return 2;
  if (file.questions < count) process.stderr.write(`${file.questions} exercises: the lessons chosen hold no more distinct ones\n`);
  return 0;
}

function write(out: string, body: string | Uint8Array): number {
  try {
    writeFileSync(out, body);
    return 0;
  } catch (e) {
    return usage(`${out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

process.exitCode = main(process.argv.slice(2));
