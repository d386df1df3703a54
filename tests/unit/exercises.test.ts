/**
 * Issue 26's exercises: every answer is the engine's (checked here against a fresh run of the
 * exercise's own script, read another way), no set asks one thing twice, and the question banks are
 * read back by other people's parsers: GIFT by gift-pegjs (the parser Moodle-minded tools use),
 * Moodle XML by fast-xml-parser against Moodle's question format.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseGift } from 'gift-pegjs';
import { describe, expect, it } from 'vitest';
import { exerciseSet, type Exercise, type ExerciseStrings, type RunCache } from '../../src/exercises/generate';
import { toGift } from '../../src/exercises/gift';
import { toMoodleXml } from '../../src/exercises/moodleXml';
import { questionImage } from '../../src/ui/momentSvg';
import type { Strings } from '../../src/i18n/strings';
import { CLAIM_IDS, EXERCISE_KINDS, type ClaimId } from '../../src/i18n/exerciseStrings';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { neverClosing } from '../../src/player/policy';
import { core as enCore } from '../../src/i18n/en/core';
import { explain as enExplain } from '../../src/i18n/en/explain';
import { exercises as enExercises } from '../../src/i18n/en/exercises';
import { core as koCore } from '../../src/i18n/ko/core';
import { explain as koExplain } from '../../src/i18n/ko/explain';
import { exercises as koExercises } from '../../src/i18n/ko/exercises';
import { Run } from '../../src/player/run';
import { COURSE_DEFAULTS, anotherSeed, courseQuery, learnerSeed, readCourse, type CourseOptions } from '../../src/exercises/course';
import { linkedFiles, scoLink, selfContained, scoPlans, scormFiles, scormZip, type PackageOptions } from '../../src/exercises/scorm';
import { timespan } from '../../src/practice/scorm';
import { SYN, formatFlags } from '../../src/model/segment';
import { causeText } from '../../src/model/cause';
import { connectionsOf } from '../../src/capture/connections';
import { inferStates } from '../../src/capture/infer';
import { readCapture } from '../../src/capture/read';
import type { WireSegment } from '../../src/model/history';

const en: ExerciseStrings & Strings = { ...enCore, ...enExplain, exercises: enExercises };
const ko: ExerciseStrings & Strings = { ...koCore, ...koExplain, exercises: koExercises };
const ALL = { kinds: EXERCISE_KINDS };

/** A lesson's run, worked out afresh. */
function lessonRun(id: string) {
  const lesson = SCENARIOS.find((l) => l.id === id)!;
  const run = new Run(lesson.script.config ?? {}, lesson.script.steps);
  run.extendToEnd(100_000);
  return run.frameAt(Infinity, neverClosing(lesson.neverCloses));
}
const states = (id: string, e: 'client' | 'server') =>
  lessonRun(id)
    .transitions.filter((x) => x.endpoint === e)
    .map((x) => x.to);

/** Each claim read from the lessons' runs here, in the test's own way (src/exercises/claims.ts reads them in its own). */
const claimHolds: Record<ClaimId, () => boolean> = {
  'close-wait-kernel': () => states('close-wait-hang', 'server').at(-1) !== 'CLOSE-WAIT',
  'time-wait-forever': () => states('four-way-close', 'client').slice(-2).join() !== 'TIME-WAIT,CLOSED',
  'fin-rst-same': () =>
    [...states('abort-rst', 'client'), ...states('abort-rst', 'server')].includes('TIME-WAIT') === states('four-way-close', 'client').includes('TIME-WAIT'),
  'listen-sends': () => lessonRun('three-way-handshake').wire[0]!.from === 'server',
  'second-closer-time-wait': () => states('four-way-close', 'server').includes('TIME-WAIT'),
  'ack-uses-seq': () => {
    const wire = lessonRun('four-way-close').wire.filter((w) => w.from === 'client');
    const i = wire.findIndex((w) => formatFlags(w.segment.flags) === 'ACK' && w.segment.len === 0);
    return wire[i + 1]!.segment.seq !== wire[i]!.segment.seq;
  },
  'first-closer-time-wait': () => states('four-way-close', 'client').includes('TIME-WAIT') && states('server-closes-first', 'server').includes('TIME-WAIT'),
  'fin-wait-2-timer': () => states('fin-wait-2-timeout', 'client').join().includes('FIN-WAIT-2,CLOSED'),
  'syn-resent': () => lessonRun('syn-lost').wire.filter((w) => w.from === 'client' && formatFlags(w.segment.flags) === 'SYN').length > 1,
  'close-wait-ends-on-close': () => states('four-way-close', 'server').join().includes('CLOSE-WAIT,LAST-ACK'),
};

/** A segment as the English questions name it. */
const segName = (w: WireSegment): string => en.exercises.segment(en.endpointName[w.from], en.endpointName[w.to], formatFlags(w.segment.flags));

/**
 * What the engine says, read from a fresh run of the exercise's script and said in the English
 * words: the state at the moment, what made a change, the segment's ack, the order the segments
 * were sent in, or the segment that never arrived.
 */
function engineSays(e: Exercise): string {
  const c = e.check;
  if ('capture' in c) {
    // Read from the case's pcap (not tcpdump's lines), replayed: where that end ended; and Linux's own ss saw it there last.
    const fixture = new URL(`../fixtures/linux-pcap/${c.capture}`, import.meta.url);
    const [connection] = connectionsOf(readCapture(new Uint8Array(readFileSync(`${fixture.pathname}.pcap`))).segments);
    const ended = inferStates(connection!).states[c.endpoint].at(-1)!.state;
    const ss = (JSON.parse(readFileSync(`${fixture.pathname}.json`, 'utf8')) as { states: Record<string, string[]> }).states[c.endpoint]!.at(-1)!;
    expect(({ ESTAB: 'ESTABLISHED', 'SYN-RECV': 'SYN-RECEIVED' } as Record<string, string>)[ss] ?? ss, e.id).toBe(ended);
    return ended;
  }
  const run = new Run(e.script.config ?? {}, e.script.steps);
  run.extendToEnd(100_000);
  const frame = run.frameAt(Infinity, e.policy);
  if ('state' in c) {
    // The state the side is in once the moment has passed (a frame a hair later than the change).
    const after = run.frameAt(e.at + 0.5, e.policy);
    return after.state(c.endpoint);
  }
  if ('cause' in c) {
    const tr = frame.transitions.find((x) => x.endpoint === c.endpoint && x.t === e.at && causeText(x.cause) === c.cause)!;
    expect(tr, e.id).toBeDefined();
    const who = en.endpointName[tr.endpoint];
    const cause = tr.cause;
    if (cause.kind === 'call') return en.causeCall(who, cause.call);
    if (cause.kind === 'timer') return en.causeTimer[cause.timer](who);
    if (cause.kind === 'segment') return en.causeSegment(who, formatFlags(frame.wire[cause.id - 1]!.segment.flags));
    throw new Error(`${e.id}: a cause no question is made of`);
  }
  if ('order' in c) {
    const sent = c.order.map((id) => frame.wire.find((w) => w.id === id)!).sort((a, b) => a.sentAt - b.sentAt);
    // Each sent at its own moment, all arrived: one order.
    expect(new Set(sent.map((w) => w.sentAt)).size, e.id).toBe(sent.length);
    expect(
      sent.every((w) => w.delivered && w.lost === null),
      e.id,
    ).toBe(true);
    return en.exercises.order.sequence(sent.map(segName));
  }
  if ('claims' in c) {
    for (const claim of c.claims) expect(claimHolds[claim.id](), `${e.id}: ${claim.id}`).toBe(claim.holds);
    expect(
      c.claims.filter((x) => x.holds === c.claims[0]!.holds),
      e.id,
    ).toHaveLength(1);
    return en.exercises.claims[c.claims[0]!.id].statement;
  }
  if ('reads' in c) {
    // The application's read at the moment the gap was filled: all the bytes at once.
    const read = frame.history.reads.find((r) => r.endpoint === c.reads && r.t === c.t);
    expect(read?.bytes, e.id).toBe(c.bytes);
    return String(read!.bytes);
  }
  if ('lost' in c) {
    const listed = c.listed.map((id) => frame.wire.find((w) => w.id === id)!);
    expect(
      listed.filter((w) => w.lost !== null).map((w) => w.id),
      e.id,
    ).toEqual([c.lost]);
    const lost = listed.find((w) => w.id === c.lost)!;
    return en.exercises.lost.choice(listed.indexOf(lost) + 1, segName(lost));
  }
  const w = frame.wire.find((x) => x.id === c.segment)!;
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
    // Every exercise of sixty seeds, each run again from its script: 3 s under a full run's load.
  }, 60_000);

  it("every claim is asked: each one's run reads as its words say", () => {
    const asked = new Set(
      exerciseSet(en, { seed: 1, count: 1000, kinds: ['claim'] }).flatMap((e) => ('claims' in e.check ? e.check.claims.map((c) => c.id) : [])),
    );
    expect([...asked].sort()).toEqual([...CLAIM_IDS].sort());
  });

  it('a thousand seeds: the same seed gives the same set, no set asks one thing twice, and seeds differ', () => {
    const cache: RunCache = new Map();
    const firsts = new Set<string>();
    for (let seed = 0; seed < 1000; seed++) {
      const set = exerciseSet(en, { seed, count: 20, ...ALL }, cache);
      expect(set).toHaveLength(20);
      // One thing once: a question's words (a claim's are always "which is true?", so with its answer).
      expect(new Set(set.map((e) => `${e.question}\n${e.kind === 'claim' ? e.choices[e.answer] : ''}`)).size).toBe(20);
      firsts.add(set.map((e) => e.id).join());
      if (seed % 250 === 0) expect(exerciseSet(en, { seed, count: 20, ...ALL })).toEqual(set);
    }
    expect(firsts.size).toBe(1000);
    // Four thousand runs worked out (each seed's own four): seconds of CPU, more on a loaded machine.
  }, 60_000);

  it('a set of ten holds every kind; "another set" repeats few of its questions (two on average)', () => {
    const cache: RunCache = new Map();
    let repeated = 0;
    for (let seed = 0; seed < 100; seed++) {
      const set = exerciseSet(en, { seed, count: 10, ...ALL }, cache);
      expect(new Set(set.map((e) => e.kind)).size, `seed ${seed}`).toBe(EXERCISE_KINDS.length);
      const other = exerciseSet(en, { seed: anotherSeed(seed), count: 10, ...ALL }, cache);
      repeated += other.filter((e) => set.some((x) => x.question === e.question)).length;
    }
    expect(repeated / 100).toBeLessThan(3);
  }, 60_000);

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

  it('GIFT: gift-pegjs reads every question back, its right choice and its general feedback', () => {
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
          globalFeedback: { text: string } | null;
        };
        const e = bank.find((x) => x.id === mc.title)!;
        expect(mc.stem.text).toBe(e.question);
        expect(mc.choices.map((c) => c.text.text)).toEqual(e.choices);
        expect(mc.choices.findIndex((c) => c.isCorrect)).toBe(e.answer);
        // Why, for every student (a wrong answer's above all): the general feedback.
        expect(mc.globalFeedback!.text).toBe(`${e.explanation} (${e.reference})`);
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

  it("Moodle XML with pictures: each question's run at its moment, an SVG file the question carries, named in its HTML", () => {
    const text = toMoodleXml(set, en.exercises, (e) => questionImage(e, en, 'the run'));
    expect(XMLValidator.validate(text)).toBe(true);
    const quiz = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'question' }).parse(text).quiz as {
      question: {
        '@_type': string;
        name?: { text: string };
        questiontext?: { '@_format': string; text: string; file?: { '@_name': string; '#text': string } };
      }[];
    };
    let pictured = 0;
    for (const q of quiz.question.filter((x) => x['@_type'] === 'multichoice')) {
      const e = set.find((x) => x.id === q.name!.text)!;
      const file = q.questiontext!.file;
      if (!file) {
        // No picture: a claim's or an order's (it would be the answer), or a moment with nothing drawn yet.
        expect(q.questiontext!['@_format']).toBe('plain_text');
        continue;
      }
      pictured++;
      expect(q.questiontext!['@_format']).toBe('html');
      expect(q.questiontext!.text).toContain(`<img src="@@PLUGINFILE@@/${file['@_name']}"`);
      // Its alt text says where each end is at that moment.
      expect(q.questiontext!.text).toMatch(/alt="the run: Client [A-Z0-9-]+, Server [A-Z0-9-]+"/);
      const svg = Buffer.from(file['#text'], 'base64').toString('utf8');
      expect(XMLValidator.validate(svg)).toBe(true);
      // The heads say where each side is at the moment: a next-state question's side is in the state it names.
      if ('state' in e.check) expect(svg).toContain(`>${/ is in ([A-Z0-9-]+)\./.exec(e.question)![1]}</text>`);
      // Nothing after the moment is drawn: a next-state question's answer is not in its heads.
      if ('state' in e.check) {
        const heads = [...svg.matchAll(/font-size="16.9" font-weight="700" fill="#14161a">([A-Z0-9-]+)</g)].map((m) => m[1]);
        expect(heads[e.check.endpoint === 'client' ? 0 : 1]).not.toBe(e.check.state);
      }
    }
    expect(pictured).toBeGreaterThan(set.length / 2);
  });

  it('the command line: the same options give the same bank; a bad option is one line and exit 2', () => {
    const run = (...args: string[]) => spawnSync('node', ['scripts/exercises.mjs', ...args], { encoding: 'utf8' });
    const a = run('--format', 'gift', '--seed', '42', '--count', '25', '--lang', 'en');
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(toGift(set, en.exercises, 'Handshake Lab: 25 exercises, seed 42, en (npm run exercises)'));
    expect(run('--format', 'gift', '--seed', '42', '--count', '25', '--lang', 'en').stdout).toBe(a.stdout);
    const xml = run('--format', 'moodle-xml', '--seed', '42', '--count', '25', '--lang', 'en');
    expect(xml.stdout).toBe(toMoodleXml(set, en.exercises, (e) => questionImage(e, en, en.exercises.practice.before)));
    expect(run('--format', 'moodle-xml', '--seed', '42', '--count', '25', '--lang', 'en', '--images', 'no').stdout).toBe(toMoodleXml(set, en.exercises));
    for (const bad of [
      ['--format', 'pdf'],
      ['--seed', 'x'],
      ['--count', '-1'],
      ['--lang', 'fr'],
      ['--kinds', 'riddle'],
      ['--lessons', 'nope'],
      ['--colour', 'red'],
      ['--seed'],
      ['--format', 'moodle-xml', '--images', 'maybe'],
      ['--format', 'gift', '--images', 'yes'],
    ]) {
      const r = run(...bad);
      expect(r.status, bad.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    // Node started a dozen times over: seconds under a full run's load.
  }, 60_000);
});

describe('a SCORM 1.2 package', () => {
  const PAGE = `<!doctype html><html><head><link rel="icon" href="./favicon.svg" type="image/svg+xml" /><style>@font-face{src:local('X'),url('./fonts/hangul-400-abc.woff2') format('woff2')}</style></head><body><div id="root"></div></body></html>`;
  const page = {
    html: PAGE,
    files: { 'fonts/hangul-400-abc.woff2': new Uint8Array([119, 79, 70, 50]), 'favicon.svg': new Uint8Array([60, 115, 118, 103, 62]) },
  };
  const options: PackageOptions = {
    seed: 5,
    count: 8,
    kinds: EXERCISE_KINDS,
    lessons: ['four-way-close', 'close-wait-hang'],
    mastery: 70,
    perLearner: true,
    lang: 'en',
    scos: 'per-lesson',
  };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['item', 'resource', 'file'].includes(name) });

  it('one SCO a lesson: each an item with the pass mark, a launch page opening practice.html with its own set, and every file named', () => {
    const files = scormFiles(options, en, page);
    expect(Object.keys(files).sort()).toEqual([
      'favicon.svg',
      'fonts/hangul-400-abc.woff2',
      'imsmanifest.xml',
      'practice.html',
      'sco-close-wait-hang.html',
      'sco-four-way-close.html',
    ]);
    const text = files['imsmanifest.xml'] as string;
    expect(XMLValidator.validate(text)).toBe(true);
    const m = parser.parse(text).manifest;
    expect(m.metadata.schemaversion).toBe(1.2);
    // Under the package's own title; no schemaLocation naming XSD files the package does not carry.
    expect(m.organizations.organization.title).toBe('Handshake Lab: TCP practice (seed 5)');
    expect(text).not.toContain('schemaLocation');
    const items = m.organizations.organization.item as { '@identifierref': string; title: string; 'adlcp:masteryscore': number }[];
    expect(items.map((i) => i.title)).toEqual([en.lessons['four-way-close'].title, en.lessons['close-wait-hang'].title]);
    expect(items.every((i) => i['adlcp:masteryscore'] === 70)).toBe(true);
    const resources = m.resources.resource as { '@identifier': string; '@href'?: string; '@adlcp:scormtype': string; file: { '@href': string }[] }[];
    for (const item of items) {
      const r = resources.find((x) => x['@identifier'] === item['@identifierref'])!;
      expect(r['@adlcp:scormtype']).toBe('sco');
      expect(files[r['@href']!]).toBeDefined();
    }
    // Every file the manifest names is in the package, and every file in it is named.
    const named = resources.flatMap((r) => r.file.map((f) => f['@href']));
    expect(named.sort()).toEqual(
      Object.keys(files)
        .filter((f) => f !== 'imsmanifest.xml')
        .sort(),
    );
    // Each launch page's link, read as the page reads it, is that lesson's set.
    for (const plan of scoPlans(options, en)) {
      const launch = files[`sco-${plan.id}.html`] as string;
      expect(launch).toContain(JSON.stringify(scoLink(plan, 'en')));
      const read = readCourse(new URL(scoLink(plan, 'en'), 'https://lms.example/').searchParams);
      expect(read.ignored).toEqual([]);
      expect(read.options).toEqual({ ...plan.options, kinds: [...plan.options.kinds] });
    }
  });

  it('the same options make the same bytes; no pass mark, no masteryscore', () => {
    expect(scormZip(scormFiles(options, en, page))).toEqual(scormZip(scormFiles(options, en, page)));
    const one = scormFiles({ ...options, mastery: null, scos: 'one' }, ko, page);
    expect(one['imsmanifest.xml']).not.toContain('masteryscore');
    expect(Object.keys(one).filter((f) => f.startsWith('sco-'))).toEqual(['sco-set.html']);
    expect(() => scormFiles(options, en, { ...page, files: {} })).toThrow(/favicon.svg, fonts\/hangul-400-abc.woff2/);
    expect(linkedFiles(PAGE)).toEqual(['favicon.svg', 'fonts/hangul-400-abc.woff2']);
    expect(selfContained(PAGE)).toBe(true);
    expect(selfContained(PAGE.replace('</head>', '<script type="module" src="/src/practice/main.tsx"></script></head>'))).toBe(false);
  });

  it("a link's options read back; a value the page cannot use is ignored and said; each learner a seed of their own", () => {
    const o: CourseOptions = { seed: 9, count: 12, kinds: ['ack-number'], lessons: ['four-way-close'], mastery: 0, perLearner: true };
    expect(readCourse(courseQuery(o))).toEqual({ options: o, ignored: [] });
    expect(readCourse(courseQuery({ ...COURSE_DEFAULTS, seed: 3 })).options).toEqual({ ...COURSE_DEFAULTS, seed: 3 });
    const bad = readCourse(new URLSearchParams('seed=x&count=0&kinds=riddle&lessons=nope&mastery=101&learner=maybe'));
    expect(bad.options).toEqual({ ...COURSE_DEFAULTS, seed: null });
    expect(bad.ignored.map((i) => i.name)).toEqual(['seed', 'count', 'kinds', 'lessons', 'mastery', 'learner']);
    expect(learnerSeed(7, 'alice')).toBe(learnerSeed(7, 'alice'));
    expect(new Set(['alice', 'bob', 'carol', 'dave'].map((l) => learnerSeed(7, l))).size).toBe(4);
  });

  it("SCORM 1.2's time span", () => {
    expect(timespan(0)).toBe('00:00:00.00');
    expect(timespan(3_723_450)).toBe('01:02:03.45');
    expect(timespan(-5)).toBe('00:00:00.00');
  });

  it('the command line: a package from a built practice page; a bad option is one line and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'handshake-scorm-cli-'));
    try {
      mkdirSync(join(dir, 'fonts'));
      writeFileSync(join(dir, 'practice.html'), PAGE);
      for (const [path, bytes] of Object.entries(page.files)) writeFileSync(join(dir, path), bytes);
      const run = (...args: string[]) => spawnSync('node', ['scripts/exercises.mjs', ...args], { encoding: 'utf8' });
      const zip = join(dir, 'course.zip');
      const made = run(
        '--format',
        'scorm',
        '--seed',
        '5',
        '--count',
        '8',
        '--lang',
        'en',
        '--lessons',
        'four-way-close,close-wait-hang',
        '--mastery',
        '70',
        '--scos',
        'per-lesson',
        '--practice',
        join(dir, 'practice.html'),
        '-o',
        zip,
      );
      expect(made.stderr).toBe('');
      expect(made.status).toBe(0);
      const unzipped = unzipSync(readFileSync(zip));
      const expected = scormFiles(options, en, page);
      expect(Object.keys(unzipped).sort()).toEqual(Object.keys(expected).sort());
      expect(new TextDecoder().decode(unzipped['imsmanifest.xml'])).toBe(expected['imsmanifest.xml']);
      for (const bad of [
        ['--format', 'scorm', '--practice', join(dir, 'practice.html')],
        ['--format', 'scorm', '--mastery', '101', '-o', zip],
        ['--format', 'scorm', '--scos', 'two', '-o', zip],
        ['--format', 'scorm', '--per-learner', 'maybe', '-o', zip],
        ['--format', 'scorm', '--count', '51', '-o', zip],
        ['--format', 'scorm', '--practice', join(dir, 'nothing.html'), '-o', zip],
        ['--format', 'gift', '--mastery', '80'],
      ]) {
        const r = run(...bad);
        expect(r.status, bad.join(' ')).toBe(2);
        expect(r.stderr.trim().split('\n'), bad.join(' ')).toHaveLength(1);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Node started a dozen times over: seconds under a full run's load.
  }, 60_000);
});
