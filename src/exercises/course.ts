/**
 * A course's set, as an instructor chooses it: which kinds, which lessons, how many questions, the
 * seed, the pass mark, and whether each learner gets a seed of their own. It travels in
 * practice.html's link (the page reads it; a SCORM package's launch pages, the instructor's dialog
 * and the command line write it), so one reader of the link decides what a set is.
 */
import { EXERCISE_KINDS, type ExerciseKind } from '../i18n/exerciseStrings';
import type { Scenario } from '../scenarios/catalog';
import { EXERCISE_LESSONS, hash } from './generate';

export interface CourseOptions {
  readonly seed: number;
  /** How many questions (fewer if the lessons hold fewer). */
  readonly count: number;
  readonly kinds: readonly ExerciseKind[];
  /** The lessons drawn from; null for every one-connection lesson and the seed's own data runs. */
  readonly lessons: readonly Scenario['id'][] | null;
  /** The pass mark in percent (SCORM's mastery score); null: a finished set is "completed", neither passed nor failed. */
  readonly mastery: number | null;
  /** Each learner's own seed, made from the set's and the LMS's learner id, so neighbours do not share answers. */
  readonly perLearner: boolean;
}

/** A question set on the page asks at most this many: a sitting, not a bank (the command line's banks may hold more). */
export const PAGE_MAX_COUNT = 50;

export const COURSE_DEFAULTS: Omit<CourseOptions, 'seed'> = { count: 10, kinds: EXERCISE_KINDS, lessons: null, mastery: null, perLearner: false };

/** A learner's own seed: the set's seed mixed with their id (an LMS's cmi.core.student_id), the same every time they open it. */
export const learnerSeed = (seed: number, learner: string): number => (seed ^ hash(`learner:${learner}`)) >>> 0;

/** "Another set"'s seed: far from this one (seed + 1 shuffled a small pool nearly the same way). */
export const anotherSeed = (seed: number): number => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0) % 1_000_000;

const SEED = /^\d{1,10}$/;
const isSeed = (text: string): boolean => SEED.test(text) && Number(text) <= 0xffffffff;

/** The link's query for these options (only what differs from the defaults, with the seed always). */
export function courseQuery(o: CourseOptions): URLSearchParams {
  const q = new URLSearchParams({ seed: String(o.seed) });
  if (o.count !== COURSE_DEFAULTS.count) q.set('count', String(o.count));
  if (o.kinds.length !== EXERCISE_KINDS.length) q.set('kinds', o.kinds.join(','));
  if (o.lessons !== null) q.set('lessons', o.lessons.join(','));
  if (o.mastery !== null) q.set('mastery', String(o.mastery));
  if (o.perLearner) q.set('learner', '1');
  return q;
}

/** A parameter the page ignored, and what it was given (the page says so once, in a notice). */
export interface Ignored {
  readonly name: string;
  readonly value: string;
}

/**
 * The options a link asks for. A value the page cannot use is ignored (and reported), never
 * guessed at; no seed at all gives `seed: null` (the page draws one and writes it into the link).
 */
export function readCourse(params: URLSearchParams): { options: Omit<CourseOptions, 'seed'> & { seed: number | null }; ignored: Ignored[] } {
  const ignored: Ignored[] = [];
  const read = <T>(name: string, parse: (text: string) => T | null, fallback: T): T => {
    const text = params.get(name);
    if (text === null) return fallback;
    const value = parse(text);
    if (value === null) ignored.push({ name, value: text });
    return value ?? fallback;
  };
  const list =
    <T extends string>(all: readonly T[]) =>
    (text: string): T[] | null => {
      const items = text.split(',');
      return items.length > 0 && items.every((i) => (all as readonly string[]).includes(i)) ? [...new Set(items as T[])] : null;
    };
  const whole =
    (min: number, max: number) =>
    (text: string): number | null =>
      /^\d{1,3}$/.test(text) && Number(text) >= min && Number(text) <= max ? Number(text) : null;
  return {
    options: {
      seed: read('seed', (t) => (isSeed(t) ? Number(t) : null), null),
      count: read('count', whole(1, PAGE_MAX_COUNT), COURSE_DEFAULTS.count),
      kinds: read('kinds', list(EXERCISE_KINDS), COURSE_DEFAULTS.kinds),
      lessons: read<readonly Scenario['id'][] | null>('lessons', list(EXERCISE_LESSONS.map((l) => l.id)), null),
      mastery: read<number | null>('mastery', whole(0, 100), null),
      perLearner: read('learner', (t) => (t === '1' ? true : t === '0' ? false : null), false),
    },
    ignored,
  };
}
