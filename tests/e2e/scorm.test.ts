/**
 * Issue 26: the SCORM 1.2 package, as an LMS plays it. The package is made by the command line
 * (`npm run exercises -- --format scorm`) from the run's build of practice.html, unzipped, and
 * launched in an iframe of a host page whose SCORM 1.2 API is scorm-again's (a maintained LMS-side
 * run-time from npm): the page must find that API up its parents as the run-time says, and what the
 * learner does must reach it: a learner who answers right scores 100 and passes, one who answers
 * wrong fails, the status stays after LMSFinish, each learner has their own questions, and a set
 * left half done goes on where it was left. Opened with no LMS, the same package is plain practice.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../scripts/browser';
import { EXERCISE_KINDS } from '../../src/i18n/exerciseStrings';
import { app as enApp } from '../../src/i18n/en/app';
import { exercises as enExercises } from '../../src/i18n/en/exercises';
import { exerciseSet, type Exercise } from '../../src/exercises/generate';
import { learnerSeed } from '../../src/exercises/course';
import { builtSite } from '../builtSite';
import { withChromium } from './harness';

const env = withChromium();
const SEED = 7;
const COUNT = 6;

/** The LMS: scorm-again's SCORM 1.2 API on the host page, loaded with what the LMS knows of the learner (?cmi=JSON), the SCO in an iframe. */
const HOST = `<!doctype html><html><head><meta charset="utf-8"><title>LMS</title><script src="/scorm12.min.js"></script><script>
const q = new URLSearchParams(location.search);
window.API = new Scorm12API({ logLevel: 5, autocommit: false });
API.loadFromJSON(JSON.parse(q.get('cmi') || '{}'), '');
window.calls = [];
window.sets = {};
for (const name of ['LMSInitialize', 'LMSCommit', 'LMSFinish']) API.on(name, () => calls.push(name));
API.on('LMSSetValue.cmi.*', (element, value) => { window.sets[element] = value; });
// Every call the run-time refuses (a value of the wrong form, an element it does not have), kept for the test.
window.refused = [];
for (const name of ['LMSSetValue', 'LMSGetValue', 'LMSCommit', 'LMSFinish']) {
  const call = API[name].bind(API);
  API[name] = (...args) => { const r = call(...args); const code = API.LMSGetLastError(); if (code !== '0' && code !== 0) window.refused.push(name + '(' + args.join(', ') + '): ' + code); return r; };
}
</script></head><body><iframe id="sco" title="course" style="width:1240px;height:700px;border:0"></iframe>
<script>document.getElementById('sco').src = q.get('sco');</script></body></html>`;

let server: Server | undefined;
let origin = '';
let folder = '';
beforeAll(async () => {
  const site = await builtSite();
  folder = mkdtempSync(join(tmpdir(), 'handshake-scorm-'));
  const zip = join(folder, 'course.zip');
  // As an instructor makes it: the command line, from the practice page npm run build made.
  execFileSync(
    process.execPath,
    [
      'scripts/exercises.mjs',
      '--format',
      'scorm',
      '--seed',
      String(SEED),
      '--count',
      String(COUNT),
      '--lang',
      'en',
      '--mastery',
      '80',
      '--practice',
      join(site, 'practice.html'),
      '-o',
      zip,
    ],
    { stdio: 'pipe' },
  );
  const unpacked = join(folder, 'course');
  for (const [path, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    mkdirSync(dirname(join(unpacked, path)), { recursive: true });
    writeFileSync(join(unpacked, path), bytes);
  }
  const scormAgain = join(dirname(createRequire(import.meta.url).resolve('scorm-again/scorm12')), 'scorm12.min.js');
  writeFileSync(join(unpacked, 'scorm12.min.js'), readFileSync(scormAgain));
  ({ server, origin } = await serveStatic(unpacked, { '/lms.html': HOST }));
}, 120_000);
afterAll(() => {
  server?.closeAllConnections();
  server?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The set a learner is asked: the set's seed made theirs by their id. */
const setOf = (learner: string): Exercise[] =>
  exerciseSet({ ...enApp, exercises: enExercises }, { seed: learnerSeed(SEED, learner), count: COUNT, kinds: EXERCISE_KINDS });

/** Open the course in the LMS as `learner`, with what the LMS kept of them; the page inside, once it shows a question. */
async function launch(page: Page, learner: string, cmi: object = {}): Promise<Frame> {
  const json = { core: { student_id: learner, student_name: learner }, student_data: { mastery_score: '80' }, ...cmi };
  await page.goto(`${origin}/lms.html?sco=sco-set.html&cmi=${encodeURIComponent(JSON.stringify(json))}`);
  const inside = () => page.frames().find((f) => f.url().includes('practice.html'));
  await expect.poll(() => inside() !== undefined).toBe(true);
  const frame = inside()!;
  await frame.locator('section.practice legend').waitFor();
  return frame;
}

/** Answer the questions from `from` on: right, or the first wrong choice. */
async function answer(frame: Frame, set: readonly Exercise[], right: boolean, from = 0): Promise<void> {
  for (const e of set.slice(from)) {
    await expect.poll(() => frame.locator('section.practice legend').textContent()).toBe(e.question);
    const pick = right ? e.answer : e.answer === 0 ? 1 : 0;
    await frame.locator('label.practice-choice').nth(pick).click();
    await frame.getByRole('button', { name: 'Check' }).click();
    await frame.getByRole('button', { name: /^(Next question|See the score)$/ }).click();
  }
}

/**
 * What the LMS holds now: the status and score from the API's data (readable after LMSFinish too),
 * and the last value the SCO set for each element (some, like cmi.core.exit, are write-only to read back).
 */
const lms = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as {
      API: { cmi: { core: { lesson_status: string; score: { raw: string } } } };
      calls: string[];
      sets: Record<string, string>;
      refused: string[];
    };
    const interactions = Object.keys(w.sets)
      .filter((k) => /^cmi\.interactions\.\d+\.id$/.test(k))
      .map((k) => k.slice(0, -'.id'.length))
      .map((n) => ({ id: w.sets[`${n}.id`], type: w.sets[`${n}.type`], response: w.sets[`${n}.student_response`], result: w.sets[`${n}.result`] }));
    return {
      status: w.API.cmi.core.lesson_status,
      raw: w.API.cmi.core.score.raw,
      min: w.sets['cmi.core.score.min'],
      max: w.sets['cmi.core.score.max'],
      exit: w.sets['cmi.core.exit'],
      suspend: w.sets['cmi.suspend_data'],
      interactions,
      calls: w.calls,
      refused: w.refused,
    };
  });

/** The learner leaves: the LMS closes the SCO's frame. */
const leave = (page: Page) => page.evaluate(() => void ((document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank'));

describe('the SCORM 1.2 package in an LMS (scorm-again)', () => {
  it('holds a manifest naming the launch page, the practice page and its fonts, with the pass mark', () => {
    const text = readFileSync(join(folder, 'course', 'imsmanifest.xml'), 'utf8');
    expect(text).toContain('<schemaversion>1.2</schemaversion>');
    expect(text).toContain('adlcp:scormtype="sco" href="sco-set.html"');
    expect(text).toContain('<adlcp:masteryscore>80</adlcp:masteryscore>');
    for (const f of text.matchAll(/<file href="([^"]+)"/g)) expect(readFileSync(join(folder, 'course', f[1]!)).length).toBeGreaterThan(0);
  });

  it('a learner who answers right scores 100 and passes; the status stays after LMSFinish; each answer is an interaction', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const frame = await launch(page, 'alice');
    const set = setOf('alice');
    expect(await frame.locator('legend').textContent()).toBe(set[0]!.question);
    // Found, opened, and under way.
    expect((await lms(page)).calls[0]).toBe('LMSInitialize');
    expect((await lms(page)).status).toBe('incomplete');
    // Inside a package there are no lessons to go back to.
    expect(await frame.getByRole('link', { name: enApp.title }).count()).toBe(0);
    await answer(frame, set, true);
    await expect
      .poll(() => frame.locator('.practice-score').textContent())
      .toBe(`You answered ${COUNT} of ${COUNT} right. Your course has recorded 100 out of 100: passed. You can close this page.`);
    // No second try at a graded set from inside it.
    expect(await frame.getByRole('button', { name: 'The same questions again' }).count()).toBe(0);
    let now = await lms(page);
    expect([now.status, now.raw, now.min, now.max]).toEqual(['passed', '100', '0', '100']);
    expect(now.interactions).toHaveLength(COUNT);
    expect(now.interactions.every((i) => i.type === 'choice' && i.result === 'correct')).toBe(true);
    expect(now.interactions[0]!.id).toBe(set[0]!.id.replace(/[^\w.:-]/g, '_'));
    await page.screenshot({ path: 'screenshots/scorm-passed-1280.png' });
    await leave(page);
    await expect.poll(async () => (await lms(page)).calls.at(-1)).toBe('LMSFinish');
    now = await lms(page);
    expect([now.status, now.raw, now.exit]).toEqual(['passed', '100', '']);
    // Nothing the page asked of the LMS was refused.
    expect(now.refused).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a learner who answers wrong fails, with the ones missed listed; another learner gets other questions', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 760 } });
    const frame = await launch(page, 'bob');
    const set = setOf('bob');
    expect(set.map((e) => e.question)).not.toEqual(setOf('alice').map((e) => e.question));
    await answer(frame, set, false);
    await expect.poll(() => frame.locator('.practice-score').textContent()).toContain('recorded 0 out of 100: not passed');
    expect(await frame.getByRole('region', { name: 'The ones you missed' }).locator('li').count()).toBe(COUNT);
    const now = await lms(page);
    expect([now.status, now.raw]).toEqual(['failed', '0']);
    expect(now.interactions.every((i) => i.result === 'wrong')).toBe(true);
    await leave(page);
    await expect.poll(async () => (await lms(page)).calls.at(-1)).toBe('LMSFinish');
    expect((await lms(page)).status).toBe('failed');
    await page.close();
  });

  it('a learner who leaves half way is suspended, and the next launch goes on from there', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 760 } });
    let frame = await launch(page, 'carol');
    const set = setOf('carol');
    await answer(frame, set.slice(0, 2), true);
    await expect.poll(() => frame.locator('legend').textContent()).toBe(set[2]!.question);
    await leave(page);
    await expect.poll(async () => (await lms(page)).calls.at(-1)).toBe('LMSFinish');
    const kept = await lms(page);
    expect([kept.status, kept.exit]).toEqual(['incomplete', 'suspend']);
    // The LMS launches it again with what it kept (a suspended exit makes the next entry "resume").
    frame = await launch(page, 'carol', { core: { student_id: 'carol', entry: 'resume', lesson_status: 'incomplete' }, suspend_data: kept.suspend });
    expect(await frame.locator('legend').textContent()).toBe(set[2]!.question);
    expect(await frame.getByText('Going on where you left off: 2 answered.').count()).toBe(1);
    expect(await frame.getByText(`Question 3 of ${COUNT} · 2 right so far`).count()).toBe(1);
    await answer(frame, set, true, 2);
    await expect.poll(async () => (await lms(page)).status).toBe('passed');
    expect((await lms(page)).raw).toBe('100');
    // The resumed launch's answers were taken as interactions too (appended after the first launch's, at _count).
    expect((await lms(page)).refused).toEqual([]);
    await page.close();
  });

  it('a learner back after passing sees what was recorded, and practising again cannot undo it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 760 } });
    const frame = await launch(page, 'dave', { core: { student_id: 'dave', lesson_status: 'passed', score: { raw: '100' } } });
    expect(await frame.getByText('Your course has recorded 100 out of 100: passed. This is practice now: nothing you answer changes that.').count()).toBe(1);
    await answer(frame, setOf('dave'), false);
    await expect.poll(() => frame.locator('.practice-score').textContent()).toBe(`You answered 0 of ${COUNT} right.`);
    const now = await lms(page);
    expect([now.status, now.raw, now.interactions.length]).toEqual(['passed', '100', 0]);
    await leave(page);
    await expect.poll(async () => (await lms(page)).calls.at(-1)).toBe('LMSFinish');
    expect((await lms(page)).status).toBe('passed');
    await page.close();
  });

  it('opened with no LMS, the package is plain practice', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/sco-set.html`);
    await page.locator('section.practice legend').waitFor();
    // Said once, so no learner thinks it counts.
    expect(await page.getByText('No course is recording this page: it is practice, and your answers go nowhere.').count()).toBe(1);
    const set = exerciseSet({ ...enApp, exercises: enExercises }, { seed: SEED, count: COUNT, kinds: EXERCISE_KINDS });
    expect(await page.locator('legend').textContent()).toBe(set[0]!.question);
    expect(errors).toEqual([]);
    await page.close();
  });
});
