/**
 * One exercise set as a file for a course: a GIFT or Moodle XML question bank, or a SCORM 1.2
 * package. The command line (src/cli/exercises.ts) and the instructor's dialog on the practice page
 * (src/ui/CourseDialog.tsx) both make theirs here, so the same choices give the same file wherever
 * an instructor makes it.
 */
import { exerciseSet, type Exercise, type ExerciseStrings } from './generate';
import { toGift } from './gift';
import { toMoodleXml, type QuestionImage } from './moodleXml';
import { scoPlans, scormFiles, scormZip, type PackageOptions, type PracticePageFiles } from './scorm';

export const COURSE_FORMATS = ['moodle-xml', 'gift', 'scorm'] as const;
export type CourseFormat = (typeof COURSE_FORMATS)[number];

export interface CourseFile {
  /** A name to save it under: what it is, its seed and its language. */
  readonly name: string;
  readonly type: string;
  readonly body: string | Uint8Array;
  /** How many questions a bank holds, or a package's smallest part asks (fewer than asked when the lessons hold fewer). */
  readonly questions: number;
  /** A package's parts (SCOs); 1 for a bank. */
  readonly parts: number;
}

/**
 * The file for these options. A SCORM package needs the practice page it carries (`page`); a bank
 * does not. `maker` says in a GIFT bank's first line what made it. `image` draws a Moodle XML
 * question's picture (GIFT has no files to carry one).
 */
export function courseFile(
  format: CourseFormat,
  o: PackageOptions,
  words: ExerciseStrings,
  page: PracticePageFiles | null,
  maker: string,
  image: (e: Exercise) => QuestionImage | null = () => null,
): CourseFile {
  const base = `handshake-lab-${o.seed}-${o.lang}`;
  if (format === 'scorm') {
    if (page === null) throw new Error('a SCORM package carries the practice page: none was given');
    // Each part's set as a learner with no id of their own gets it (a learner's own seed draws on the same pool).
    const plans = scoPlans(o, words);
    const sizes = plans.map(
      (p) => exerciseSet(words, { seed: p.options.seed, count: p.options.count, kinds: p.options.kinds, lessons: p.options.lessons ?? undefined }).length,
    );
    return {
      name: `${base}-scorm.zip`,
      type: 'application/zip',
      body: scormZip(scormFiles(o, words, page)),
      questions: Math.min(...sizes),
      parts: plans.length,
    };
  }
  const set = exerciseSet(words, { seed: o.seed, count: o.count, kinds: o.kinds, lessons: o.lessons ?? undefined });
  if (format === 'gift')
    return {
      name: `${base}.gift.txt`,
      type: 'text/plain;charset=utf-8',
      body: toGift(set, words.exercises, `${words.exercises.bank}: ${set.length} exercise${set.length === 1 ? '' : 's'}, seed ${o.seed}, ${o.lang} (${maker})`),
      questions: set.length,
      parts: 1,
    };
  return { name: `${base}.moodle.xml`, type: 'application/xml;charset=utf-8', body: toMoodleXml(set, words.exercises, image), questions: set.length, parts: 1 };
}
