/**
 * npm run --silent exercises -- --format gift|moodle-xml --seed N --count N --lang en|ko [-o FILE] [--kinds next-state,ack-number] [--lessons id,id]
 * A question bank made and checked by the engine (src/exercises), the same for the same options;
 * written to FILE, or to standard output. A bad option: one line saying which, exit 2.
 */
import { writeFileSync } from 'node:fs';
import { usage } from './io';
import { EXERCISE_KINDS, type ExerciseKind } from '../i18n/exerciseStrings';
import { core as enCore } from '../i18n/en/core';
import { explain as enExplain } from '../i18n/en/explain';
import { exercises as enExercises } from '../i18n/en/exercises';
import { core as koCore } from '../i18n/ko/core';
import { explain as koExplain } from '../i18n/ko/explain';
import { exercises as koExercises } from '../i18n/ko/exercises';
import { EXERCISE_LESSONS, exerciseSet, type ExerciseStrings } from '../exercises/generate';
import type { Scenario } from '../scenarios/catalog';
import { toGift } from '../exercises/gift';
import { toMoodleXml } from '../exercises/moodleXml';

const WORDS: Record<'en' | 'ko', ExerciseStrings> = {
  en: { ...enCore, ...enExplain, exercises: enExercises },
  ko: { ...koCore, ...koExplain, exercises: koExercises },
};
const FORMATS = ['gift', 'moodle-xml'] as const;
const USAGE = 'usage: npm run --silent exercises -- --format gift|moodle-xml --seed N --count N --lang en|ko [-o FILE] [--kinds a,b] [--lessons a,b]';

function main(args: string[]): number {
  const given = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]!;
    const value = args[i + 1];
    if (!['--format', '--seed', '--count', '--lang', '-o', '--kinds', '--lessons'].includes(name)) return usage(`unknown option ${name}; ${USAGE}`);
    if (value === undefined || value.startsWith('-')) return usage(`${name} needs a value; ${USAGE}`);
    if (given.has(name)) return usage(`${name} given twice`);
    given.set(name, value);
  }
  const format = given.get('--format') ?? 'gift';
  if (!(FORMATS as readonly string[]).includes(format)) return usage(`--format ${format}: one of ${FORMATS.join(', ')} (a SCORM package is not made yet)`);
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
  const set = exerciseSet(words, { seed, count, kinds: kinds as ExerciseKind[], lessons: lessons as Scenario['id'][] | undefined });
  const text =
    format === 'gift'
      ? toGift(set, words.exercises, `${words.exercises.bank}: ${set.length} exercises, seed ${seed}, ${lang} (npm run exercises)`)
      : toMoodleXml(set, words.exercises);
  const out = given.get('-o');
  try {
    if (out === undefined) process.stdout.write(text);
    else writeFileSync(out, text);
  } catch (e) {
    return usage(`${out}: cannot write the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (set.length < count) process.stderr.write(`${set.length} exercises: the lessons chosen hold no more distinct ones\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
