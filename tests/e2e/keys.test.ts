/**
 * Issue 23, "keys belong to the page": a newcomer clicks a control with the pointer, then uses the
 * keys the key list promises (Space, the arrows, Page Up/Down, Home, 1-9, P). Each test clicks one
 * kind of control, presses keys, and checks what the page shows (the state, playing or paused,
 * presentation mode, the clock, where focus is) and that the clicked control was not pressed again.
 * And a control reached with Tab still takes Space and Enter, as a keyboard user expects.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MENU_ORDER } from '../../src/scenarios/catalog';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

async function open(query = '', width = 1280, height = 720): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width, height }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.url}?lang=en${query}`);
  await page.locator('.timeline, .pileup, .capture-view').first().waitFor();
  return { page, errors };
}

const timeline = (page: Page, name: string) => page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name, exact: true });
const call = (page: Page, who: 'Client' | 'Server', name: string) => page.getByRole('region', { name: who }).getByRole('button', { name, exact: true });
const state = (page: Page, who: 'Client' | 'Server') => page.getByRole('region', { name: who }).getByRole('status').textContent();
const clock = (page: Page) => page.locator('.timeline .clock-time').textContent();
const seconds = async (page: Page) => Number((await clock(page))!.replace(' s', ''));
const presenting = (page: Page) => page.locator('.app.present').count();
/** Playing or paused, as the timeline's Play button says. */
const playing = async (page: Page) => (await timeline(page, 'Pause').count()) === 1;
/** What has focus: its accessible name, or the page itself. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return !el || el === document.body ? 'page' : (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim();
  });
/** The pointer moves on, as a hand does after a click. */
const away = (page: Page) => page.mouse.move(3, 3);
/** The key the menu gives the first lesson that is a pile-up of this kind. */
const pileupKey = (kind: 'time-wait' | 'close-wait') => String(MENU_ORDER.findIndex((s) => s.fleet === kind) + 1);

describe('keys belong to the page after any click', () => {
  it("a presenter remote alone: Page Down through a lesson's end opens the next lesson and Page Up at its start the one before, B or . blacks the screen and brings it back, Escape leaves presentation", async () => {
    const { page, errors } = await open('&scenario=three-way-handshake&present=1');
    const lesson = () => page.evaluate(() => new URL(location.href).searchParams.get('scenario'));
    for (let i = 0; i < 40 && (await timeline(page, 'Step forward').isEnabled()); i++) await page.keyboard.press('PageDown');
    expect(await timeline(page, 'Step forward').isEnabled()).toBe(false);
    // At the end, "next" is the next lesson in the menu, from its start, still presented.
    const next = MENU_ORDER[MENU_ORDER.findIndex((s) => s.id === 'three-way-handshake') + 1]!.id;
    await page.keyboard.press('PageDown');
    await expect.poll(lesson).toBe(next);
    expect(await seconds(page)).toBe(0);
    expect(await presenting(page)).toBe(1);
    // "Back" at its start is the lesson before; then "next" again, through it, returns.
    await page.keyboard.press('PageUp');
    await expect.poll(lesson).toBe('three-way-handshake');
    for (let i = 0; i < 40 && (await timeline(page, 'Step forward').isEnabled()); i++) await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expect.poll(lesson).toBe(next);
    // Past its start, "back" is a step back, not another lesson.
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageUp');
    expect(await lesson()).toBe(next);
    expect(await seconds(page)).toBe(0);
    // B: the projector shows black, over everything; B again, the stage as it was.
    const onTop = () =>
      page.evaluate(() => {
        // What covers the middle of the screen: the app's black cover (its ::after), or the stage's own marks.
        const app = document.querySelector('.app')!;
        const cover = getComputedStyle(app, '::after');
        return app.classList.contains('blank') &&
          cover.position === 'fixed' &&
          cover.backgroundColor === 'rgb(0, 0, 0)' &&
          document.elementFromPoint(640, 360) === app
          ? 'blank'
          : 'stage';
      });
    await page.keyboard.press('b');
    expect(await onTop()).toBe('blank');
    await page.keyboard.press('b');
    expect(await onTop()).not.toBe('blank');
    // On the black screen, a key that would move the run brings the screen back instead: nothing moves unseen.
    for (const key of ['PageDown', 'ArrowRight', ' ']) {
      await page.keyboard.press('b');
      expect(await onTop()).toBe('blank');
      await page.keyboard.press(key);
      expect(await onTop(), key).not.toBe('blank');
      expect(await seconds(page), key).toBe(0);
      expect(await timeline(page, 'Play').isVisible(), key).toBe(true);
    }
    // The period (some remotes' blank button) does the same; Escape brings the screen back first, then leaves presentation.
    await page.keyboard.press('.');
    expect(await onTop()).toBe('blank');
    await page.keyboard.press('Escape');
    expect(await onTop()).not.toBe('blank');
    expect(await presenting(page)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await presenting(page)).toBe(0);
    expect(await lesson()).toBe(next);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a presenter remote alone: Page Down through a pile-up, ten seconds a press, goes on to the next lesson once its two minutes have run; Page Up at its start, to the lesson before', async () => {
    const { page, errors } = await open('&scenario=time-wait-pileup&present=1');
    const lesson = () => page.evaluate(() => new URL(location.href).searchParams.get('scenario'));
    const at = MENU_ORDER.findIndex((s) => s.id === 'time-wait-pileup');
    const [before, next] = [MENU_ORDER[at - 1]!.id, MENU_ORDER[at + 1]!.id];
    const pileClock = () => page.getByRole('region', { name: 'Many sockets' }).locator('output.clock').textContent();
    // Past its start, Page Up is a step back, not another lesson.
    await page.keyboard.press('PageDown');
    await expect.poll(pileClock).toBe('10.0 s');
    await page.keyboard.press('PageUp');
    await expect.poll(pileClock).toBe('0.0 s');
    expect(await lesson()).toBe('time-wait-pileup');
    let presses = 0;
    while ((await lesson()) === 'time-wait-pileup' && presses < 30) {
      await page.keyboard.press('PageDown');
      presses++;
    }
    // Twelve presses run its two minutes; the next one opens the next lesson, still presented.
    expect(presses).toBeGreaterThanOrEqual(12);
    expect(presses).toBeLessThanOrEqual(14);
    await expect.poll(lesson).toBe(next);
    expect(await presenting(page)).toBe(1);
    // Page Up at that lesson's start comes back to the pile-up, at its start; Page Up there opens the lesson before it.
    await page.keyboard.press('PageUp');
    await expect.poll(lesson).toBe('time-wait-pileup');
    await expect.poll(pileClock).toBe('0.0 s');
    await page.keyboard.press('PageUp');
    await expect.poll(lesson).toBe(before);
    expect(await presenting(page)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("outside presentation, Page Down at a lesson's end stays on it, as the arrow does (a student's step never leaves the lesson)", async () => {
    const { page } = await open('&scenario=three-way-handshake');
    for (let i = 0; i < 40 && (await timeline(page, 'Step forward').isEnabled()); i++) await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => new URL(location.href).searchParams.get('scenario'))).toBe('three-way-handshake');
    expect(await timeline(page, 'Step forward').isEnabled()).toBe(false);
    await page.close();
  });

  it('the Present button: Space then plays and pauses, presentation mode stays, and the button is not pressed again', async () => {
    const { page, errors } = await open('&scenario=three-way-handshake');
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    expect(await presenting(page)).toBe(1);
    await away(page);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    expect(await presenting(page)).toBe(1);
    expect(await page.getByRole('button', { name: 'Leave presentation' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(false);
    expect(await presenting(page)).toBe(1);
    // The button let go of focus: the next key is the page's too, and no focus ring is left on it.
    expect(await focused(page)).toBe('page');
    // The arrows step and Home goes back to the start, in presentation.
    await page.keyboard.press('Home');
    await expect.poll(() => clock(page)).toBe('0.000 s');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seconds(page)).toBeGreaterThan(0);
    await page.keyboard.press('PageUp');
    await expect.poll(() => clock(page)).toBe('0.000 s');
    // P leaves presentation (the key list's own way out).
    await page.keyboard.press('p');
    expect(await presenting(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a pile-up opened with its number key: Present, then Space plays it and presentation stays', async () => {
    const { page, errors } = await open();
    await page.keyboard.press(pileupKey('close-wait'));
    const pileup = page.getByRole('region', { name: 'Many sockets' });
    await pileup.waitFor();
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    await away(page);
    await page.keyboard.press(' ');
    await expect.poll(() => pileup.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    expect(await presenting(page)).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => pileup.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    expect(await presenting(page)).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a pile-up's own controls: its Play, its slider and its checkbox clicked, the keys still play, step by ten seconds and go home", async () => {
    const { page, errors } = await open();
    await page.keyboard.press(pileupKey('time-wait'));
    const pileup = page.getByRole('region', { name: 'Many sockets' });
    const pileClock = () => pileup.locator('output.clock').textContent();
    await pileup.waitFor();
    // Its Play clicked, then Space: paused once (the button is not pressed a second time by the same key); Space again plays it.
    await pileup.getByRole('button', { name: 'Play', exact: true }).click();
    await away(page);
    await page.keyboard.press(' ');
    await expect.poll(() => pileup.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    const paused = await pileClock();
    await page.keyboard.press(' ');
    await expect.poll(() => pileup.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    await expect.poll(() => pileClock()).not.toBe(paused);
    await page.keyboard.press(' ');
    await expect.poll(() => pileup.getByRole('button', { name: 'Play', exact: true }).count()).toBe(1);
    await page.keyboard.press('Home');
    await expect.poll(() => pileClock()).toBe('0.0 s');
    // Its slider clicked at the start (a pointer's drag), then the arrow: ten seconds, not a slider's tenth.
    const slider = pileup.getByRole('slider');
    const box = (await slider.boundingBox())!;
    await page.mouse.click(box.x + 2, box.y + box.height / 2);
    await away(page);
    await page.keyboard.press('Home');
    await expect.poll(() => pileClock()).toBe('0.0 s');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => pileClock()).toBe('10.0 s');
    await page.keyboard.press('PageDown');
    await expect.poll(() => pileClock()).toBe('20.0 s');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => pileClock()).toBe('10.0 s');
    // Its checkbox clicked, then Space: it plays; the checkbox is not ticked off again.
    const reuse = pileup.getByRole('checkbox');
    await reuse.click();
    expect(await reuse.isChecked()).toBe(true);
    await away(page);
    await page.keyboard.press(' ');
    await expect.poll(() => pileup.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    expect(await reuse.isChecked()).toBe(true);
    await page.keyboard.press(' ');
    // A number field keeps its typing keys while it is typed in: digits are digits there, not lessons.
    const rate = pileup.getByRole('spinbutton').first();
    await rate.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('37');
    expect(await rate.inputValue()).toBe('37');
    expect(await page.getByRole('region', { name: 'Many sockets' }).count()).toBe(1);
    // Enter: done typing; the keys are the page's again.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await expect.poll(() => pileClock()).toBe('0.0 s');
    // At the end of its two minutes, Space plays them again from the start (not nothing).
    for (let i = 0; i < 12; i++) await page.keyboard.press('PageDown');
    await expect.poll(() => pileClock()).toBe('120.0 s');
    await page.keyboard.press(' ');
    await expect.poll(async () => parseFloat((await pileClock())!)).toBeLessThan(60);
    await expect.poll(() => pileup.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the timeline's Play, Step forward and Reset clicked: Space toggles once, the arrow steps once more, nothing is pressed twice", async () => {
    const { page, errors } = await open('&scenario=four-way-close');
    await timeline(page, 'Step forward').click();
    await away(page);
    const one = await seconds(page);
    expect(one).toBeGreaterThan(0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seconds(page)).toBeGreaterThan(one);
    const two = await seconds(page);
    // Step back, then again with Page Up: each goes back one moment, never two.
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => seconds(page)).toBe(one);
    // Play clicked, then Space: paused (Space played nothing a second time and paused nothing twice).
    await timeline(page, 'Play').click();
    await away(page);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(false);
    const stopped = await seconds(page);
    await page.waitForTimeout(400);
    expect(await seconds(page)).toBe(stopped);
    // Reset clicked, then Space plays from the start (Reset is not pressed again by Space or Enter).
    await timeline(page, 'Reset').click();
    await away(page);
    expect(await clock(page)).toBe('0.000 s');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seconds(page)).toBeGreaterThan(0);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    expect(two).toBeGreaterThan(one);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a call clicked (connect()), a lane button clicked (Block): Space pauses, the arrows step, the lane is not unblocked again', async () => {
    const { page, errors } = await open();
    await call(page, 'Server', 'listen()').click();
    await call(page, 'Client', 'connect()').click();
    await away(page);
    await expect.poll(() => playing(page)).toBe(true);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(false);
    // Its refusal ("connection already exists") is not left on show by the keys.
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(800);
    const reasons = await page.locator('.reason').evaluateAll((els) => els.filter((e) => getComputedStyle(e).visibility === 'visible').length);
    expect(reasons).toBe(0);
    const block = page.getByRole('group', { name: /client to server|client → server/i }).getByRole('button', { name: 'Block' });
    await block.click();
    await away(page);
    const unblock = page.getByRole('group', { name: /client to server|client → server/i }).getByRole('button', { name: 'Unblock' });
    await expect.poll(() => unblock.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(false);
    // Play went on from the block (a run that had nothing more to do when the lane was blocked plays
    // its quiet moment after it, not the run again from before the block), so the lane stays blocked.
    expect(await unblock.getAttribute('aria-pressed')).toBe('true');
    // Enter, paused, changes nothing: not the lane (the button the pointer clicked), not the time.
    const lane = page.getByRole('group', { name: /client to server|client → server/i }).locator('button[aria-pressed]');
    const shown = async () => ({
      lane: await lane.evaluateAll((els) => els.map((e) => `${e.textContent} ${e.getAttribute('aria-pressed')}`)),
      at: await seconds(page),
    });
    const before = await shown();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    expect(await shown()).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the lesson menu, the theme and the language chosen with the pointer: the arrows step the lesson, not the menus', async () => {
    const { page, errors } = await open();
    const menu = page.getByRole('combobox', { name: 'Scenario' });
    await menu.click();
    await menu.selectOption('three-way-handshake');
    await page.keyboard.press('Escape');
    await away(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seconds(page)).toBeGreaterThan(0);
    expect(await menu.inputValue()).toBe('three-way-handshake');
    await page.keyboard.press('ArrowDown');
    expect(await menu.inputValue()).toBe('three-way-handshake');
    for (const [name, value] of [
      ['Theme', 'dark'],
      ['Language', 'en'],
    ] as const) {
      const select = page.getByRole('combobox', { name });
      await select.click();
      await select.selectOption(value);
      await page.keyboard.press('Escape');
      await away(page);
      const at = await seconds(page);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => seconds(page)).toBeGreaterThan(at);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      expect(await select.inputValue()).toBe(value);
      expect(await menu.inputValue()).toBe('three-way-handshake');
    }
    // Home goes back to the start; Space plays.
    await page.keyboard.press('Home');
    await expect.poll(() => clock(page)).toBe('0.000 s');
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a capture's connection opened, its bar's button clicked: Space plays, the arrows step, the list is not toggled again, and Escape closes it", async () => {
    const { page, errors } = await open('&capture=1');
    const text = [
      '10:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 100, win 64240, length 0',
      '10:00:00.010000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 500, ack 101, win 65160, length 0',
      '10:00:00.020000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 501, win 502, length 0',
      '10:00:00.030000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 101, ack 501, win 502, length 0',
      '10:00:00.040000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 102, win 509, length 0',
    ].join('\n');
    await page.locator('details.paste summary').click();
    await page.locator('details.paste textarea').fill(text);
    await page.locator('details.paste').getByRole('button').first().click();
    await page.locator('table.connections tbody tr').first().getByRole('button', { name: 'Open' }).click();
    const bar = page.locator('.capture-bar');
    await bar.waitFor();
    const toggle = bar.locator('.anomalies-toggle');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await away(page);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => seconds(page)).toBeGreaterThan(0);
    await expect.poll(() => state(page, 'Client')).toContain('SYN-SENT');
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(false);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    // Escape closes what stands out (it covers the narration in presentation); the next Escape leaves presentation.
    await page.keyboard.press('p');
    await expect.poll(() => presenting(page)).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('ol.anomalies').count()).toBe(0);
    expect(await presenting(page)).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => presenting(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("in every lesson, after a click on Step forward (or a pile-up's Play) and on Present, Space plays and pauses, the arrow steps, and presentation stays", async () => {
    const { page, errors } = await open();
    const menu = page.getByRole('combobox', { name: 'Scenario' });
    for (const lesson of MENU_ORDER) {
      // As a newcomer picks a lesson: from the menu, with the pointer.
      await menu.click();
      await menu.selectOption(lesson.id);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Present', exact: true }).click();
      await away(page);
      if (lesson.fleet) {
        const pileup = page.getByRole('region', { name: 'Many sockets' });
        await pileup.getByRole('button', { name: 'Play', exact: true }).click();
        await away(page);
        await page.keyboard.press(' ');
        await expect.poll(() => pileup.getByRole('button', { name: 'Play', exact: true }).count(), { message: lesson.id }).toBe(1);
        await page.keyboard.press('Home');
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => pileup.locator('output.clock').textContent(), { message: lesson.id }).toBe('10.0 s');
      } else {
        await timeline(page, 'Step forward').click();
        await away(page);
        const at = await seconds(page);
        await page.keyboard.press(' ');
        await expect.poll(() => playing(page), { message: lesson.id }).toBe(true);
        await page.keyboard.press(' ');
        await expect.poll(() => playing(page), { message: lesson.id }).toBe(false);
        await page.keyboard.press('Home');
        await expect.poll(() => clock(page), { message: lesson.id }).toBe('0.000 s');
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => seconds(page), { message: lesson.id }).toBeGreaterThan(0);
        expect(at, lesson.id).toBeGreaterThan(0);
      }
      expect(await presenting(page), lesson.id).toBe(1);
      await page.keyboard.press('p');
      expect(await presenting(page), lesson.id).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the keys list opened with the pointer and closed: Space plays, and does not open the list again', async () => {
    const { page, errors } = await open('&scenario=three-way-handshake');
    await page.getByRole('button', { name: 'Keyboard and presenter remote' }).click();
    const list = page.getByRole('dialog');
    await expect.poll(() => list.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => list.count()).toBe(0);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    // Its Close button clicked: the same.
    await page.keyboard.press(' ');
    await page.getByRole('button', { name: 'Keyboard and presenter remote' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press(' ');
    await expect.poll(() => playing(page)).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a button reached with Tab still takes Space and Enter; a lesson menu reached with Tab still takes its arrows', async () => {
    const { page, errors } = await open('&scenario=three-way-handshake');
    await page.getByRole('button', { name: 'Present', exact: true }).focus();
    // The pointer had clicked elsewhere first; Tab makes the next control the keyboard's.
    await page.mouse.click(640, 5);
    await page.getByRole('combobox', { name: 'Scenario' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('Present');
    await page.keyboard.press('Enter');
    await expect.poll(() => presenting(page)).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => presenting(page)).toBe(0);
    expect(await focused(page)).toBe('Present');
    // Shift+Tab back to the lesson menu: its arrows choose a lesson, as a keyboard user expects.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).not.toBe('page');
    const menu = page.getByRole('combobox', { name: 'Scenario' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => menu.inputValue()).not.toBe('three-way-handshake');
    // A step button reached with Tab: Space presses it.
    await page.goto(`${env.url}?lang=en&scenario=three-way-handshake`);
    await timeline(page, 'Play').waitFor();
    await timeline(page, 'Step back').evaluate((el) => (el as HTMLButtonElement).closest('.row')?.querySelector<HTMLButtonElement>('.play')?.focus());
    await page.keyboard.press('Tab');
    expect(await focused(page)).toContain('Step forward');
    await page.keyboard.press(' ');
    await expect.poll(() => seconds(page)).toBeGreaterThan(0);
    expect(await focused(page)).toContain('Step forward');
    expect(await playing(page)).toBe(false);
    // Enter to the run's end: Step forward is disabled there, and the keys go on to Play (not to the
    // page, where the next Tab would start again from the top); Step back at the start does the same.
    const isPlay = () => page.evaluate(() => document.activeElement?.classList.contains('play') ?? false);
    for (let i = 0; i < 40 && (await timeline(page, 'Step forward').isEnabled()); i++) await page.keyboard.press('Enter');
    expect(await timeline(page, 'Step forward').isEnabled()).toBe(false);
    await expect.poll(isPlay).toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toContain('Step back');
    for (let i = 0; i < 40 && (await timeline(page, 'Step back').isEnabled()); i++) await page.keyboard.press('Enter');
    expect(await seconds(page)).toBe(0);
    await expect.poll(isPlay).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the time slider reached with Tab: an arrow moves a hundredth of the run, and it reads out as the clock does', async () => {
    const { page, errors } = await open('&scenario=four-way-close');
    const slider = page.getByRole('region', { name: 'Timeline' }).getByRole('slider');
    await slider.focus();
    const end = Number(await slider.getAttribute('max'));
    await page.keyboard.press('ArrowRight');
    const step = Math.max(100, end / 100);
    await expect.poll(() => seconds(page)).toBeCloseTo(Math.round(step) / 1000, 3);
    expect(await slider.getAttribute('aria-valuetext')).toBe(await clock(page));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => seconds(page)).toBeCloseTo(Math.round(step) / 1000, 3);
    expect(await playing(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('smaller things a newcomer met', () => {
  it("a refused call's tooltip goes when the pointer clicks elsewhere, even on the diagram right under it", async () => {
    const { page, errors } = await open();
    const visible = () => page.locator('.reason').evaluateAll((els) => els.filter((e) => getComputedStyle(e).visibility === 'visible').length);
    const close = call(page, 'Client', 'close()');
    expect(await close.getAttribute('aria-disabled')).toBe('true');
    await close.hover({ force: true });
    await expect.poll(visible).toBe(1);
    const tip = (await page.locator('.head.client .call:has(button:text-is("close()")) .reason').boundingBox())!;
    const diagram = (await page.locator('svg.sequence').boundingBox())!;
    // The tip lies over the diagram; the newcomer clicks the diagram there.
    expect(tip.y + tip.height).toBeGreaterThan(diagram.y);
    await page.mouse.click(tip.x + 20, tip.y + tip.height - 4);
    await expect.poll(visible, { timeout: 500 }).toBe(0);
    await page.waitForTimeout(800);
    expect(await visible()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in Korean, the badge shown while paused reads as a state, not as the Pause button', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'ko-KR' });
    await page.goto(`${env.url}?lang=ko&scenario=three-way-handshake`);
    const play = page.getByRole('region', { name: '타임라인' }).locator('button.play');
    await play.click();
    // While playing, the button says what it does: pause.
    const pauseLabel = (await play.textContent())!.trim();
    expect(pauseLabel).toBe('일시 정지');
    await play.click();
    const badge = page.locator('.paused-mark[data-shown="true"]');
    await expect.poll(() => badge.textContent()).toBe(' 일시 정지됨');
    // The badge says the state the run is in, in other words than the button's command.
    expect((await badge.textContent())!.trim()).not.toBe(pauseLabel);
    const buttons = await page.getByRole('button').evaluateAll((els) => els.map((e) => (e.getAttribute('aria-label') ?? e.textContent ?? '').trim()));
    expect(buttons).not.toContain((await badge.textContent())!.trim());
    await page.close();
  });

  it('free play: the narration says what happened and the panel beside it why, never the same sentence; in presentation the narration says why', async () => {
    const { page, errors } = await open();
    await call(page, 'Server', 'listen()').click();
    await call(page, 'Client', 'connect()').click();
    await away(page);
    await page.keyboard.press(' ');
    const line = page.locator('.narration [data-current="true"]');
    const panel = page.getByRole('region', { name: 'Why it happened' }).locator('p');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(150);
      const said = (await line.textContent())!.trim();
      const why = (await panel.textContent())!.trim();
      expect(said.length).toBeGreaterThan(5);
      expect(why.startsWith(said)).toBe(false);
      expect(why).not.toContain(said);
    }
    // Presentation hides the panel: the narration then says why itself.
    const why = (await panel.textContent())!.trim();
    await page.keyboard.press('p');
    await expect.poll(async () => why.startsWith((await line.textContent())!.trim())).toBe(true);
    expect((await line.textContent())!.length).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('free play on a phone: the panel is below the stage, out of sight, so the narration says why itself', async () => {
    const { page, errors } = await open('', 390, 844);
    await call(page, 'Server', 'listen()').click();
    await call(page, 'Client', 'connect()').click();
    await away(page);
    await page.keyboard.press(' ');
    await page.keyboard.press('ArrowRight');
    const line = page.locator('.narration [data-current="true"]');
    const panel = page.getByRole('region', { name: 'Why it happened' }).locator('p');
    await expect.poll(async () => (await panel.textContent())!.trim().startsWith((await line.textContent())!.trim())).toBe(true);
    expect((await line.textContent())!.length).toBeGreaterThan(20);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a damaged share link that names no lesson says free play opened, and says nothing about the lesson chosen after', async () => {
    const { page, errors } = await open('&run=1.bad');
    const alerts = () => page.getByRole('alert').allTextContents();
    await expect.poll(alerts).toEqual(["This link's run could not be opened (the link is damaged). Here is free play instead."]);
    expect(await page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('');
    await page.keyboard.press('2');
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe(MENU_ORDER[1]!.id);
    expect((await alerts()).join(' ')).not.toContain('the lesson it names');
    expect(await alerts()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('one pile-up after another', () => {
  it('a pile-up opened after another one ran to its end starts at 0 s, not at the end', async () => {
    const { page, errors } = await open();
    await page.keyboard.press(pileupKey('time-wait'));
    const clock = () => page.getByRole('region', { name: 'Many sockets' }).locator('output.clock').textContent();
    await expect.poll(clock).toBe('0.0 s');
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(clock).toBe('120.0 s');
    await page.keyboard.press(pileupKey('close-wait'));
    await expect.poll(() => page.getByRole('combobox', { name: 'Scenario' }).inputValue()).toBe('close-wait-pileup');
    await expect.poll(clock).toBe('0.0 s');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('nothing beside the Play button moves when it turns into Pause', () => {
  it.each([
    ['en', 1280, 720],
    ['ko', 1280, 720],
    ['ko', 390, 844],
  ] as const)('in %s at %d px: Step forward and the slider stay put, and the button is named by its one word', async (lang, width, height) => {
    const page = await env.browser.newPage({ viewport: { width, height }, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    await page.goto(`${env.url}?lang=${lang}&scenario=four-way-close`);
    await page.locator('.timeline').waitFor();
    const where = () =>
      page.evaluate(() => {
        const box = (el: Element | null) => el!.getBoundingClientRect();
        const [play, , forward] = [...document.querySelectorAll('.timeline button')];
        return {
          play: Math.round(box(play!).width),
          forward: Math.round(box(forward!).left),
          slider: Math.round(box(document.querySelector('.timeline input[type=range]')).left),
        };
      });
    const bar = page.locator('.timeline');
    const paused = await where();
    const [playWord, pauseWord] = lang === 'ko' ? ['재생', '일시 정지'] : ['Play', 'Pause'];
    expect(await bar.getByRole('button', { name: playWord, exact: true }).count()).toBe(1);
    await bar.getByRole('button', { name: playWord, exact: true }).click();
    await expect.poll(() => bar.getByRole('button', { name: pauseWord, exact: true }).count()).toBe(1);
    expect(await where()).toEqual(paused);
    await page.close();
  });
});
