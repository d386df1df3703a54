/**
 * Issue 26's exercises: every answer is the engine's (checked here against a fresh run of the
 * exercise's own script, read another way), no set asks one thing twice, and the question banks are
 * read back by other people's parsers: GIFT by gift-pegjs (the parser Moodle-minded tools use),
 * Moodle XML by fast-xml-parser against Moodle's question format.
 */
import { spawnSync } from 'node:child_process';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseGift } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import { exerciseSet, type Exercise, type ExerciseStrings, type RunCache } from '../../src/exercises/generate';
import { toGift } from '../../src/exercises/gift';
import { toMoodleXml } from '../../src/exercises/moodleXml';
import { EXERCISE_KINDS } from '../../src/i18n/exerciseStrings';
import { core as enCore } from '../../src/i18n/en/core';
import { explain as enExplain } from '../../src/i18n/en/explain';
import { exercises as enExercises } from '../../src/i18n/en/exercises';
import { core as koCore } from '../../src/i18n/ko/core';
import { explain as koExplain } from '../../src/i18n/ko/explain';
import { exercises as koExercises } from '../../src/i18n/ko/exercises';
import { Run } from '../../src/player/run';
import { SYN } from '../../src/model/segment';

const en: ExerciseStrings = { ...enCore, ...enExplain, exercises: enExercises };
const ko: ExerciseStrings = { ...koCore, ...koExplain, exercises: koExercises };
const ALL = { kinds: EXERCISE_KINDS };

/** What the engine says, read from a fresh run of the exercise's script: the state at the moment, or the segment's ack. */
function engineSays(e: Exercise): string {
  const run = new Run(e.script.config ?? {}, e.script.steps);
  run.extendToEnd(100_000);
  if ('state' in e.check) {
    // The state the side is in once the moment has passed (a frame a hair later than the change).
    const after = run.frameAt(e.at + 0.5, e.policy);
    return after.state(e.check.endpoint);
  }
  const frame = run.frameAt(Infinity, e.policy);
  const w = frame.wire.find((x) => x.id === (e.check as { segment: number }).segment)!;
  // The acknowledged side's first number in this connection: its last SYN before the reply (a lesson may open two connections).
  const isn = frame.wire.filter((x) => x.from === w.to && (x.segment.flags & SYN) !== 0 && x.sentAt <= w.sentAt).at(-1)!.segment.seq;
  return String((w.segment.ack - isn) >>> 0);
}

describe('exercises the engine makes and checks', () => {
  it('every answer is what a fresh run of its own script does, and every wrong choice is not', () => {
    const cache: RunCache = new Map();
    let checked = 0;
    for (let seed = 1; seed <= 60; seed++)
      for (const e of exerciseSet(en, { seed, count: 1000, ...ALL }, cache)) {
        const truth = engineSays(e);
        expect(e.choices[e.answer], e.id).toBe(truth);
        expect(
          e.choices.filter((c) => c === truth),
          e.id,
        ).toHaveLength(1);
        expect(new Set(e.choices).size, e.id).toBe(e.choices.length);
        expect(e.choices.length, e.id).toBeGreaterThanOrEqual(3);
        checked++;
      }
    expect(checked).toBeGreaterThan(60 * 60);
  });

  it('a thousand seeds: the same seed gives the same set, no set asks one thing twice, and seeds differ', () => {
    const cache: RunCache = new Map();
    const firsts = new Set<string>();
    for (let seed = 0; seed < 1000; seed++) {
      const set = exerciseSet(en, { seed, count: 20, ...ALL }, cache);
      expect(set).toHaveLength(20);
      expect(new Set(set.map((e) => e.question)).size).toBe(20);
      firsts.add(set.map((e) => e.id).join());
      if (seed % 250 === 0) expect(exerciseSet(en, { seed, count: 20, ...ALL })).toEqual(set);
    }
    expect(firsts.size).toBe(1000);
  });

  it('each kind alone, each lesson alone, and both languages ask the same questions with the same answers', () => {
    for (const kind of EXERCISE_KINDS) expect(exerciseSet(en, { seed: 3, count: 10, kinds: [kind] }).every((e) => e.kind === kind)).toBe(true);
    const close = exerciseSet(en, { seed: 3, count: 50, kinds: EXERCISE_KINDS, lessons: ['four-way-close'] });
    expect(close.length).toBeGreaterThan(5);
    expect(close.every((e) => e.lesson === 'four-way-close')).toBe(true);
    const [a, b] = [exerciseSet(en, { seed: 9, count: 30, ...ALL }), exerciseSet(ko, { seed: 9, count: 30, ...ALL })];
    expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id));
    expect(b.map((e) => e.answer)).toEqual(a.map((e) => e.answer));
    expect(b[0]!.question).not.toBe(a[0]!.question);
  });
});

describe('question banks for a course', () => {
  const set = exerciseSet(en, { seed: 42, count: 25, ...ALL });

  it('GIFT: gift-pegjs reads every question back, its right choice and its feedback', () => {
    for (const words of [en, ko]) {
      const bank = exerciseSet(words, { seed: 42, count: 25, ...ALL });
      const parsed = parseGift(toGift(bank, words.exercises, 'test bank'));
      const questions = parsed.filter((q) => q.type === 'MC');
      expect(questions).toHaveLength(bank.length);
      expect(parsed.filter((q) => q.type === 'Category').map((q) => (q as { title: string }).title)).toEqual([
        ...new Set([...bank].sort((x, y) => x.kind.localeCompare(y.kind)).map((e) => `$course$/${words.exercises.bank}/${words.exercises.kindNames[e.kind]}`)),
      ]);
      for (const q of questions) {
        const mc = q as unknown as {
          title: string;
          stem: { text: string };
          choices: { isCorrect: boolean; text: { text: string }; feedback: { text: string } | null }[];
        };
        const e = bank.find((x) => x.id === mc.title)!;
        expect(mc.stem.text).toBe(e.question);
        expect(mc.choices.map((c) => c.text.text)).toEqual(e.choices);
        expect(mc.choices.findIndex((c) => c.isCorrect)).toBe(e.answer);
        expect(mc.choices[e.answer]!.feedback!.text).toContain(e.reference);
      }
    }
  });

  it('Moodle XML: well-formed, one category per kind, multichoice questions with one answer at 100%', () => {
    const text = toMoodleXml(set, en.exercises);
    expect(XMLValidator.validate(text)).toBe(true);
    const quiz = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'question' || name === 'answer' }).parse(text).quiz as {
      question: {
        '@_type': string;
        name?: { text: string };
        questiontext?: { text: string };
        single?: boolean;
        answer?: { '@_fraction': string; text: string | number }[];
      }[];
    };
    const mc = quiz.question.filter((q) => q['@_type'] === 'multichoice');
    expect(mc).toHaveLength(set.length);
    expect(quiz.question.filter((q) => q['@_type'] === 'category').length).toBe(new Set(set.map((e) => e.kind)).size);
    for (const q of mc) {
      const e = set.find((x) => x.id === q.name!.text)!;
      expect(q.questiontext!.text).toBe(e.question);
      expect(q.single).toBe(true);
      expect(q.answer!.map((a) => String(a.text))).toEqual(e.choices);
      expect(q.answer!.map((a) => a['@_fraction'])).toEqual(e.choices.map((_, i) => (i === e.answer ? '100' : '0')));
    }
  });

  it('the command line: the same options give the same bank; a bad option is one line and exit 2', () => {
    const run = (...args: string[]) => spawnSync('node', ['scripts/exercises.mjs', ...args], { encoding: 'utf8' });
    const a = run('--format', 'gift', '--seed', '42', '--count', '25', '--lang', 'en');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(toGift(set, en.exercises, 'Handshake Lab: 25 exercises, seed 42, en (npm run exercises)'));
    expect(run('--format', 'gift', '--seed', '42', '--count', '25', '--lang', 'en').stdout).toBe(a.stdout);
    const xml = run('--format', 'moodle-xml', '--seed', '42', '--count', '25', '--lang', 'en');
    expect(xml.stdout).toBe(toMoodleXml(set, en.exercises));
    for (const bad of [
      ['--format', 'pdf'],
      ['--seed', 'x'],
      ['--count', '-1'],
      ['--lang', 'fr'],
      ['--kinds', 'order'],
      ['--lessons', 'nope'],
      ['--colour', 'red'],
      ['--seed'],
    ]) {
      const r = run(...bad);
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
