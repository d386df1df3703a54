/**
 * The guided lessons in Debian's Chromium: each opens from its URL and plays to its end, narrates,
 * and holds its quiz. Screenshots go to screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { state, timeline } from './appPage';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
mkdirSync('screenshots', { recursive: true });

describe('the guided lessons', () => {
  const lessons = SCENARIOS.filter((s) => !s.fleet).map((s) => [s.id, s.final.client, s.final.server] as const);

  it.each(lessons)('%s opens from its URL, paused at its start, and plays to its end', async (id, client, server) => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=${id}`);
    expect(await page.getByRole('region', { name: 'Timeline' }).locator('output').textContent()).toBe('0.000 s');
    await page.getByRole('region', { name: 'Timeline' }).getByRole('combobox').selectOption('8');
    await timeline(page, 'Play').click();
    await expect.poll(() => timeline(page, 'Play').isVisible(), { timeout: 20_000 }).toBe(true); // it stopped by itself
    expect(await state(page, 'Client').textContent()).toContain(client);
    expect(await state(page, 'Server').textContent()).toContain(server);
    await expect.poll(() => page.getByRole('region', { name: 'Lesson' }).textContent()).toContain('Takeaway');
    await page.close();
  });

  it('fin-wait-1-timeout: the orphaned client gives up with nobody to tell, and the explanation counts its retries', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=fin-wait-1-timeout`);
    const why = page.getByRole('region', { name: 'Why it happened' });
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('ArrowRight');
      seen.push((await why.textContent()) ?? '');
    }
    expect(seen.some((x) => /FIN\+ACK again, retry 2 of 3/.test(x))).toBe(true);
    const client = page.getByRole('region', { name: 'Client' });
    await expect.poll(() => client.getByRole('status').textContent()).toContain('CLOSED');
    expect(await client.locator('.who').textContent()).toContain('gave up');
    expect(await client.locator('.who .error').getAttribute('title')).toContain('no error reaches anyone');
    expect(await client.locator('.who').textContent()).not.toContain('connection timed out');
    await page.close();
  });

  it('time-wait-pileup: 500 connections a second run out of ports; tcp_tw_reuse prevents it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=time-wait-pileup`);
    const view = page.getByRole('region', { name: 'Many sockets' });
    await view.getByRole('slider').fill('60000');
    const failed = () => view.locator('tr[data-state="failed"] td.num').textContent();
    await expect.poll(() => view.locator('tr[data-state="TIME-WAIT"] td.num').textContent()).toMatch(/^2\d,\d{3}$/);
    expect(Number((await failed())!.replace(/,/g, ''))).toBeGreaterThan(1000);
    await page.screenshot({ path: 'screenshots/pileup-time-wait-10000.png', fullPage: true });
    await view.getByRole('checkbox', { name: /tcp_tw_reuse/ }).check();
    await expect.poll(failed).toBe('0');
    await page.close();
  });

  it('close-wait-pileup: CLOSE-WAIT fills the server until new clients hang in SYN-SENT', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    await page.goto(`${env.url}?scenario=close-wait-pileup`);
    const view = page.getByRole('region', { name: '수많은 소켓' });
    await view.getByRole('slider').fill('30000');
    await expect.poll(() => view.locator('tr[data-state="CLOSE-WAIT"] td.num').textContent()).toBe('1,152');
    expect(Number((await view.locator('tr[data-state="SYN-SENT"] td.num').textContent())!.replace(/,/g, ''))).toBeGreaterThan(1000);
    await page.screenshot({ path: 'screenshots/pileup-close-wait-ko.png', fullPage: true });
    await page.close();
  });

  it("close-wait-pileup: its limit line says what it adds up, each panel's key wears its line's colour, and it ends on its takeaway", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=close-wait-pileup&theme=dark`);
    const view = page.getByRole('region', { name: 'Many sockets' });
    await view.locator('svg.pileup-chart').first().waitFor();
    // 1,024 descriptors and a backlog of 128: the line at 1,152 says so, and follows the input.
    expect(await view.locator('.chart-limits li').textContent()).toBe('ulimit -n 1,024 + listen backlog 128');
    await view.getByRole('spinbutton', { name: 'Open-file limit of the server (ulimit -n)' }).fill('2048');
    await expect.poll(() => view.locator('.chart-limits li').textContent()).toBe('ulimit -n 2,048 + listen backlog 128');
    const colours = await page.evaluate(() =>
      [...document.querySelectorAll('.chart-title .key')].map((k) => {
        const family = [...k.classList].find((c) => c.startsWith('family-') || c === 'failed')!;
        const series = document.querySelector(`.pileup-chart polyline.series.${family}`)!;
        return [getComputedStyle(k).borderTopColor, getComputedStyle(series).stroke];
      }),
    );
    expect(colours.length).toBe(3);
    for (const [key, line] of colours) expect(key).toBe(line);
    const narration = page.getByRole('region', { name: 'Lesson' });
    expect(await narration.locator('[data-current="true"]').getAttribute('class')).toBe('summary');
    // A presenter's remote, once the number box has let go of the keys.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 12; i++) await page.keyboard.press('PageDown');
    await expect.poll(() => narration.locator('[data-current="true"]').getAttribute('class')).toBe('takeaway');
    await page.close();
  });

  it('the quiz asks before each state change, is answered by keyboard, and keeps score', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=three-way-handshake`);
    const quiz = page.getByRole('region', { name: 'Quiz me: ask before each state change' });
    await quiz.getByRole('switch').focus();
    await page.keyboard.press('Space');
    // The handshake's state changes after its start (listen() is made at 0 s), in order.
    const answers = ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'ESTABLISHED'];
    for (const [i, answer] of answers.entries()) {
      const radio = quiz.getByRole('radio', { name: answer, exact: true });
      await radio.focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      await expect.poll(() => quiz.locator('.verdict').textContent()).toBe('Right.');
      // The answer comes with why it happened, and the next question waits to be asked for.
      expect(await quiz.locator('.quiz-why').textContent()).toContain(answer);
      expect(await quiz.locator('fieldset').count()).toBe(0);
      if (i < answers.length - 1) await quiz.getByRole('button', { name: 'Next question' }).click();
    }
    expect(await quiz.locator('.score').textContent()).toBe('Score: 4 of 4');
    expect(await quiz.getByRole('button', { name: 'Next question' }).count()).toBe(0); // nothing more to ask
    expect(await state(page, 'Client').textContent()).toContain('ESTABLISHED');
    expect(await state(page, 'Server').textContent()).toContain('ESTABLISHED');
    await page.close();
  });

  it('a quiz question holds the run: Step forward and Play stop short of the change until it is answered or skipped', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=four-way-close`);
    const quiz = page.getByRole('region', { name: 'Quiz me: ask before each state change' });
    await quiz.getByRole('switch').click();
    await expect.poll(() => quiz.locator('legend').textContent()).toContain('The client is in CLOSED');
    for (let i = 0; i < 3; i++) await timeline(page, 'Step forward').click();
    await timeline(page, 'Play').click();
    await page.waitForTimeout(800);
    // Still before the client's change: it waits, and says so.
    expect(await state(page, 'Client').textContent()).toContain('CLOSED');
    await expect.poll(() => quiz.getByRole('alert').textContent()).toContain('waits here for your answer');
    // No wrong answer is a state that could come next from CLOSED (LISTEN, SYN-SENT).
    const offered = await quiz.getByRole('radio').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(offered).toContain('SYN-SENT');
    expect(offered).not.toContain('LISTEN');
    await quiz.getByRole('button', { name: 'Skip' }).click();
    await expect.poll(() => state(page, 'Client').textContent()).toContain('SYN-SENT');
    expect(await quiz.locator('.verdict').textContent()).toBe('Skipped: it enters SYN-SENT.');
    expect(await quiz.locator('.score').textContent()).toBe('Score: 0 of 0 (1 skipped)');
    await page.close();
  });

  it('a lesson narrates in its own words as it plays', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    await page.goto(`${env.url}?scenario=three-way-handshake`);
    const lesson = page.getByRole('region', { name: '수업' });
    await page.getByRole('region', { name: '타임라인' }).getByRole('button', { name: '한 단계 앞으로', exact: true }).click();
    await expect.poll(() => lesson.locator('.moment[data-current="true"]').textContent()).toContain('초기 순서 번호');
    await page.close();
  });

  it('an unknown lesson id gets a clear message and free play', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}?scenario=%3Cscript%3Ealert(1)%3C%2Fscript%3E`);
    expect(await page.getByRole('alert').textContent()).toContain('There is no lesson called "<script>alert(1)</script>"');
    expect(await state(page, 'Client').textContent()).toContain('CLOSED');
    expect(errors).toEqual([]);
    await page.close();
  });
});
