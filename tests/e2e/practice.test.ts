/**
 * Issue 26: practice (practice.html, a page of its own), as a student does it. A set opened from the
 * app's menu (its seed in the link), answered with the pointer and with the keys alone, on a desk screen and on a phone in
 * Korean: the verdict, the engine's explanation and its citation, the stage moving past the moment,
 * the score, and the end of the set.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXERCISE_KINDS } from '../../src/i18n/exerciseStrings';
import { app as enApp } from '../../src/i18n/en/app';
import { exercises as enExercises } from '../../src/i18n/en/exercises';
import { app as koApp } from '../../src/i18n/ko/app';
import { exercises as koExercises } from '../../src/i18n/ko/exercises';
import { exerciseSet, type Exercise } from '../../src/exercises/generate';
import { toMoodleXml } from '../../src/exercises/moodleXml';
import { anotherSeed } from '../../src/exercises/course';
import { questionImage } from '../../src/ui/momentSvg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { core as enCore } from '../../src/i18n/en/core';
import { explain as enExplain } from '../../src/i18n/en/explain';
import { builtSite } from '../builtSite';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
/** The set the page makes for a seed: the same generator, the same words. */
const setFor = (seed: number, lang: 'en' | 'ko'): Exercise[] =>
  exerciseSet(lang === 'en' ? { ...enApp, exercises: enExercises } : { ...koApp, exercises: koExercises }, { seed, count: 10, kinds: EXERCISE_KINDS });

const practice = (page: Page) => page.locator('section.practice');
const choice = (page: Page, text: string) =>
  practice(page).locator('label.practice-choice', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) });
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.closest('label')?.textContent ?? document.activeElement?.textContent ?? '');

describe('practice', () => {
  it('opened from the menu: its seed goes in the link; a right answer with the pointer, a wrong one with the keys alone, to the end of the set', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}?lang=en`);
    // Once the app's offline worker has taken the page (as it has for any reader after a moment), practice must still be practice.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: enApp.practiceOpen });
    await practice(page).locator('legend').waitFor();
    expect(new URL(page.url()).pathname).toMatch(/practice\.html$/);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    const seed = Number(new URL(page.url()).searchParams.get('seed'));
    expect(Number.isInteger(seed)).toBe(true);
    const set = setFor(seed, 'en');
    const first = set[0]!;
    expect(await practice(page).locator('legend').textContent()).toBe(first.question);
    expect(await practice(page).getByText('Question 1 of 10 · 0 right so far').count()).toBe(1);
    // The question and its run on one screen: the choices, Check and the stage's drawing all in view
    // (a question whose evidence is its words, a claim's or a capture's, shows its run once answered).
    const boxes = [await practice(page).locator('fieldset').boundingBox()];
    if (first.before >= 0) boxes.push(await practice(page).locator('svg.sequence').boundingBox());
    else expect(await practice(page).locator('figure.practice-stage').isVisible()).toBe(false);
    for (const box of boxes) expect(box!.y + Math.min(box!.height, 200)).toBeLessThanOrEqual(720);
    // The right answer, with the pointer.
    await choice(page, first.choices[first.answer]!).click();
    await practice(page).getByRole('button', { name: 'Check' }).click();
    const status = practice(page).getByRole('status');
    await expect.poll(() => status.textContent()).toContain('Right.');
    expect(await status.textContent()).toContain(first.explanation);
    expect(await status.textContent()).toContain(first.reference);
    const check = first.check;
    if ('state' in check)
      await expect
        .poll(() =>
          practice(page)
            .getByRole('region', { name: check.endpoint === 'client' ? 'Client' : 'Server' })
            .locator('.rfc')
            .textContent(),
        )
        .toBe(check.state);
    expect(await practice(page).getByText('1 right so far').count()).toBe(1);
    // The keys alone from here: Next has them, then the choices do.
    await expect.poll(() => focusedText(page)).toBe('Next question');
    await page.keyboard.press('Enter');
    const second = set[1]!;
    await expect.poll(() => practice(page).locator('legend').textContent()).toBe(second.question);
    await expect.poll(() => focusedText(page)).toBe(second.choices[0]);
    // A wrong one: the arrows move to it, Tab to Check, Enter.
    const wrong = second.answer === 0 ? 1 : 0;
    if (wrong === 1) await page.keyboard.press('ArrowDown');
    else {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
    }
    expect(await focusedText(page)).toBe(second.choices[wrong]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.textContent()).toContain(enExercises.practice.wrong(second.choices[second.answer]!));
    // Each marked by more than its colour: a mark, and its meaning for a screen reader.
    expect(await practice(page).locator('label.practice-choice[data-verdict="wrong"]').textContent()).toBe(`${second.choices[wrong]}✗ (your answer, wrong)`);
    expect(await practice(page).locator('label.practice-choice[data-verdict="right"]').textContent()).toBe(`${second.choices[second.answer]}✓ (right answer)`);
    await page.keyboard.press('Enter');
    // A reload (a phone dropping the tab) loses nothing: the set goes on at its third question.
    await expect.poll(() => practice(page).locator('legend').textContent()).toBe(set[2]!.question);
    await page.reload();
    await expect.poll(() => practice(page).locator('legend').textContent()).toBe(set[2]!.question);
    expect(await page.getByText('Going on where you left off: 2 answered.').count()).toBe(1);
    expect(await practice(page).getByText('Question 3 of 10 · 1 right so far').count()).toBe(1);
    for (const e of set.slice(2)) {
      await expect.poll(() => practice(page).locator('legend').textContent()).toBe(e.question);
      await choice(page, e.choices[e.answer]!).click();
      await practice(page).getByRole('button', { name: 'Check' }).click();
      await practice(page)
        .getByRole('button', { name: e === set.at(-1) ? 'See the score' : 'Next question' })
        .click();
    }
    await expect.poll(() => practice(page).getByRole('status').textContent()).toBe('You answered 9 of 10 right.');
    // The one missed, under the score: the question, what was answered, the answer and why.
    const review = practice(page).getByRole('region', { name: 'The ones you missed' });
    expect(await review.locator('li').count()).toBe(1);
    expect(await review.locator('li').getAttribute('value')).toBe('2');
    expect(await review.textContent()).toContain(second.question);
    expect(await review.textContent()).toContain(
      `${enExercises.practice.yourAnswer(second.choices[wrong]!)} ${enExercises.practice.wrong(second.choices[second.answer]!)}`,
    );
    expect(await review.textContent()).toContain(second.explanation);
    // The keys are on "again"; "10 others" is another seed's set (far from this one: seed + 1 drew on nearly the same shuffle).
    await expect.poll(() => focusedText(page)).toBe('The same questions again');
    expect(await practice(page).getByRole('link', { name: '10 other questions' }).getAttribute('href')).toBe(`?seed=${anotherSeed(seed)}&lang=en`);
    await page.screenshot({ path: 'screenshots/practice-end-1280.png' });
    await practice(page).getByRole('button', { name: 'The same questions again' }).click();
    await expect.poll(() => practice(page).locator('legend').textContent()).toBe(first.question);
    // The way back to the lessons, in the same language.
    await page.getByRole('link', { name: enApp.title }).click();
    await page.getByRole('combobox', { name: 'Scenario' }).waitFor();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a phone in Korean: every choice a whole row to tap, nothing wider than the screen, the verdict in Korean', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}practice.html?seed=11&lang=ko`);
    await practice(page).locator('legend').waitFor();
    const [first] = setFor(11, 'ko');
    expect(await practice(page).locator('legend').textContent()).toBe(first!.question);
    const rows = await practice(page)
      .locator('label.practice-choice')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ h: r.height, w: r.width })));
    for (const r of rows) {
      expect(r.h).toBeGreaterThanOrEqual(44);
      expect(r.w).toBeGreaterThan(300);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    // The two heads of the stage do not run into each other.
    const heads = await practice(page)
      .locator('.stage-heads .head')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
    expect(heads[0]![1]).toBeLessThanOrEqual(heads[1]![0]! + 1);
    const wrong = first!.answer === 0 ? 1 : 0;
    await choice(page, first!.choices[wrong]!).click();
    await practice(page).getByRole('button', { name: '확인' }).click();
    await expect.poll(() => practice(page).getByRole('status').textContent()).toContain(koExercises.practice.wrong(first!.choices[first!.answer]!));
    await page.screenshot({ path: 'screenshots/practice-390-ko.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad seed in the link is said and a new set opens, its seed in the link; no seed, the same without a word', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    for (const bad of ['banana', '-1', '99999999999']) {
      await page.goto(`${env.url}practice.html?seed=${bad}&lang=en`);
      await practice(page).locator('legend').waitFor();
      expect(await page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining(bad)]);
      expect(new URL(page.url()).searchParams.get('seed')).toMatch(/^\d+$/);
    }
    await page.goto(`${env.url}practice.html?lang=en`);
    await practice(page).locator('legend').waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    const seed = Number(new URL(page.url()).searchParams.get('seed'));
    expect(await practice(page).locator('legend').textContent()).toBe(setFor(seed, 'en')[0]!.question);
    await page.close();
  });

  it('an instructor makes a Moodle bank and a SCORM package from the dialog, with the pointer and then the keys', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US', acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}practice.html?seed=21&lang=en`);
    await practice(page).locator('legend').waitFor();
    await page.getByRole('button', { name: 'For a course…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Exercises for your course' });
    await dialog.waitFor();
    // The set's seed is the page's; a Moodle XML bank of 12 questions is what the command line makes for the same options.
    expect(await dialog.getByRole('spinbutton', { name: 'Seed' }).inputValue()).toBe('21');
    await dialog.getByRole('spinbutton', { name: 'Questions' }).fill('12');
    let download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const bank = await download;
    expect(bank.suggestedFilename()).toBe('handshake-lab-21-en.moodle.xml');
    const words = { ...enCore, ...enExplain, exercises: enExercises };
    const xml = readFileSync((await bank.path())!);
    // With each question's picture of its run, as the command line draws it.
    expect(xml.toString('utf8')).toBe(
      toMoodleXml(exerciseSet(words, { seed: 21, count: 12, kinds: EXERCISE_KINDS }), enExercises, (e) => questionImage(e, words, enExercises.practice.before)),
    );
    expect(xml.toString('utf8')).toContain('@@PLUGINFILE@@/');
    const kb = Math.round(xml.length / 1024);
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(`handshake-lab-21-en.moodle.xml: 12 questions, ${kb} KB. Saved to your downloads.`);
    // A seed that is no seed is said, and nothing is made from the old one.
    await dialog.getByRole('spinbutton', { name: 'Seed' }).fill('-5');
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe(enExercises.course.badSeed);
    expect(await dialog.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
    await dialog.getByRole('spinbutton', { name: 'Seed' }).fill('21');
    // Fewer questions than asked are said: the order kind alone holds three.
    for (const kind of EXERCISE_KINDS) if (kind !== 'order') await dialog.getByRole('checkbox', { name: enExercises.kindNames[kind] }).uncheck();
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    await download;
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toMatch(/^handshake-lab-21-en\.moodle\.xml: 3 questions \(the kinds and lessons chosen hold only 3\), \d+ KB/);
    for (const kind of EXERCISE_KINDS) await dialog.getByRole('checkbox', { name: enExercises.kindNames[kind] }).check();
    // A SCORM package of two lessons, one activity each, with the keys alone: the lessons' list opens when "every lesson" is unchecked.
    await dialog.getByRole('radio', { name: /SCORM 1\.2 package/ }).focus();
    await page.keyboard.press('Space');
    await dialog.getByRole('checkbox', { name: enExercises.course.allLessons }).focus();
    await page.keyboard.press('Space');
    const keep = [enApp.lessons['three-way-handshake'].title, enApp.lessons['close-wait-hang'].title];
    for (const box of await dialog.locator('.course-lesson-list label').all()) {
      const name = (await box.textContent())!;
      if (!keep.includes(name)) {
        await box.locator('input').focus();
        await page.keyboard.press('Space');
      }
    }
    await dialog.getByRole('checkbox', { name: enExercises.course.perLesson }).focus();
    await page.keyboard.press('Space');
    await dialog.getByRole('spinbutton', { name: 'Pass mark (%)' }).fill('60');
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).focus();
    await page.keyboard.press('Enter');
    const zip = unzipSync(readFileSync((await (await download).path())!));
    const text = (name: string) => new TextDecoder().decode(zip[name]);
    expect(
      Object.keys(zip)
        .filter((f) => f.startsWith('sco-'))
        .sort(),
    ).toEqual(['sco-close-wait-hang.html', 'sco-three-way-handshake.html']);
    expect(text('imsmanifest.xml').match(/<adlcp:masteryscore>60<\/adlcp:masteryscore>/g)).toHaveLength(2);
    // The package carries this very site's practice page.
    expect(text('practice.html')).toBe(readFileSync(join(await builtSite(), 'practice.html'), 'utf8'));
    // No lesson, no package: said, and Download waits.
    for (const name of keep) await dialog.getByRole('checkbox', { name }).uncheck();
    expect(await dialog.getByRole('status').textContent()).toBe('Choose at least one lesson.');
    expect(await dialog.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
    await page.screenshot({ path: 'screenshots/practice-course-dialog-1280.png' });
    // Escape closes it, and the keys are back on the button that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => focusedText(page)).toBe('For a course…');
    expect(errors).toEqual([]);
    await page.close();
  });
});
