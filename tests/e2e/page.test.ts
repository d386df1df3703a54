/**
 * The visualizer in Debian's Chromium, driven as a student would drive it: open a connection
 * by clicking, close it, break it, step back and forward. Screenshots go to screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { withBuiltSite, withChromiumAndDevServer } from './harness';

const env = withChromiumAndDevServer();
mkdirSync('screenshots', { recursive: true });

async function open(width = 1280, height = 720): Promise<{ page: Page; errors: string[] }> {
  const page = await env.browser.newPage({ viewport: { width, height }, locale: 'en-US' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(env.url);
  return { page, errors };
}

const state = (page: Page, who: 'Client' | 'Server') => page.getByRole('region', { name: who }).getByRole('status');
const press = (page: Page, who: 'Client' | 'Server', call: string) =>
  page.getByRole('region', { name: who }).getByRole('button', { name: call, exact: true }).click();
const timeline = (page: Page, name: string) => page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name, exact: true });

/** The server listens, the client connects, and the handshake runs to its end. */
async function openConnection(page: Page) {
  await press(page, 'Server', 'listen()');
  await press(page, 'Client', 'connect()');
  await runOut(page);
}

/** Step forward until nothing is pending (the engine decides when that is). */
async function runOut(page: Page, max = 60) {
  for (let i = 0; i < max && (await timeline(page, 'Step forward').isEnabled()); i++) await timeline(page, 'Step forward').click();
}

/** What of the ss -tan panel is cut at its edge (a line running past the panel, or scrolled within it): nothing, at any size. */
async function ssCut(page: Page): Promise<string[]> {
  await page.locator('.panel.ss').waitFor();
  return page.evaluate(() => {
    const panel = document.querySelector('.panel.ss')!.getBoundingClientRect();
    return [...document.querySelectorAll('.panel.ss pre, .panel.ss .ss-host')]
      .filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > panel.right + 0.5)
      .map((e) => `${window.innerWidth}: ${e.textContent}`);
  });
}

describe('the visualizer', () => {
  it('opens a connection by clicking: both sides reach ESTABLISHED', async () => {
    const { page, errors } = await open();
    await openConnection(page);
    await expect.poll(() => state(page, 'Client').textContent()).toContain('ESTABLISHED');
    await expect.poll(() => state(page, 'Server').textContent()).toContain('ESTABLISHED');
    await page.screenshot({ path: 'screenshots/visualizer-desktop.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('as a newcomer: listen() and connect(), nothing else clicked, and the world moves to ESTABLISHED', async () => {
    const { page, errors } = await open();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    const clock = page.getByRole('region', { name: 'Timeline' }).locator('output');
    await expect.poll(() => clock.textContent(), { timeout: 3000 }).not.toBe('0.000 s');
    await expect.poll(() => state(page, 'Server').textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    expect(await state(page, 'Client').textContent()).toContain('ESTABLISHED');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('as a newcomer: after clicking connect() the keys drive the page (Space pauses, the arrow steps back) and no refusal is left on show', async () => {
    const { page, errors } = await open();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    // The pointer moves on, as a hand does; the keys are the page's again.
    await page.mouse.move(5, 5);
    await expect.poll(() => timeline(page, 'Pause').count()).toBe(1);
    await page.keyboard.press(' ');
    await expect.poll(() => timeline(page, 'Play').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(800);
    // connect() is refused now; its reason shows on hover or on keyboard focus, not after a click and an arrow key.
    const reasons = await page.locator('.reason').evaluateAll((els) => els.filter((e) => getComputedStyle(e).visibility === 'visible').length);
    expect(reasons).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('closes it: TIME-WAIT ends in CLOSED', async () => {
    const { page } = await open();
    await openConnection(page);
    await press(page, 'Client', 'close()');
    await runOut(page, 3);
    await press(page, 'Server', 'close()');
    for (let i = 0; i < 10 && !(await state(page, 'Client').textContent())!.includes('TIME-WAIT'); i++) await timeline(page, 'Step forward').click();
    expect(await state(page, 'Client').textContent()).toContain('TIME-WAIT');
    // The next timer may be either side's: skip until TIME-WAIT's own has fired.
    for (let i = 0; i < 5 && (await state(page, 'Client').textContent())!.includes('TIME-WAIT'); i++) await timeline(page, 'Skip to the next timer').click();
    await expect.poll(() => state(page, 'Client').textContent()).toContain('CLOSED');
    await expect.poll(() => state(page, 'Server').textContent()).toContain('CLOSED');
    await page.close();
  });

  it('drops a SYN and shows it retransmitted', async () => {
    const { page } = await open();
    await press(page, 'Server', 'listen()');
    await page.getByRole('group', { name: 'client → server' }).getByRole('button', { name: 'Drop next' }).click();
    await press(page, 'Client', 'connect()');
    // Between two events (the SYN is lost halfway, 0.3 s after it left; nothing happens until its
    // timer, 1 s after), the cross is there as soon as the SYN has come that far. The world moves
    // from listen() on, so the SYN left at the clock's reading or a little before.
    const clock = Number((await page.getByRole('region', { name: 'Timeline' }).locator('output').textContent())!.replace(' s', ''));
    await page
      .getByRole('region', { name: 'Timeline' })
      .getByRole('slider')
      .fill(String(Math.round(clock * 1000) + 350));
    await expect.poll(() => page.locator('g.segment.lost[data-flags="SYN"] text.cross').count()).toBe(1);
    await runOut(page);
    await expect.poll(() => page.locator('g.segment.lost[data-flags="SYN"]').count()).toBe(1);
    await expect.poll(() => page.locator('g.segment.retransmission[data-flags="SYN"]').count()).toBe(1);
    expect(await state(page, 'Client').textContent()).toContain('ESTABLISHED');
    // Where it was lost, a cross: drawn when the segment reaches that point, between two events.
    await expect.poll(() => page.locator('g.segment.lost[data-flags="SYN"] text.cross').count()).toBe(1);
    await page.close();
  });

  it('drops a segment on its way by clicking it: it stops where it was, and is sent again', async () => {
    const { page } = await open();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    // The SYN travels (classroom latency, 600 ms); the student clicks the moving packet.
    const packet = page.locator('g.segment[data-flags="SYN"] g.packet');
    await packet.waitFor();
    expect(await packet.getAttribute('aria-label')).toBe('SYN on the wire: drop it here');
    await packet.click({ force: true });
    await expect.poll(() => page.locator('g.segment.lost[data-flags="SYN"]').count()).toBe(1);
    // It stopped short of the server: its arrow ends before the server's lifeline.
    const [end, server] = await page.evaluate(() => [
      Number(document.querySelector('g.segment.lost line')!.getAttribute('x2')),
      Number(document.querySelector('line.lifeline.server')!.getAttribute('x1')),
    ]);
    expect(end).toBeLessThan(server - 10);
    await runOut(page);
    expect(await page.locator('g.segment.retransmission[data-flags="SYN"]').count()).toBe(1);
    expect(await state(page, 'Client').textContent()).toContain('ESTABLISHED');
    // From the keyboard too: Tab to a packet in flight and press Enter.
    await press(page, 'Client', 'close()');
    const fin = page.locator('g.segment[data-flags="FIN+ACK"] g.packet');
    await fin.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('g.segment.lost[data-flags="FIN+ACK"]').count()).toBe(1);
    await page.close();
  });

  it("hangs the server's application: CLOSE-WAIT stays", async () => {
    const { page } = await open();
    await openConnection(page);
    await page.getByRole('region', { name: 'Server' }).getByRole('switch', { name: 'Application never calls close()' }).check();
    await press(page, 'Client', 'close()');
    await runOut(page);
    expect(await state(page, 'Server').textContent()).toContain('CLOSE-WAIT');
    expect(await state(page, 'Client').textContent()).toContain('CLOSED');
    const close = page.getByRole('region', { name: 'Server' }).getByRole('button', { name: 'close()', exact: true });
    expect(await close.getAttribute('aria-disabled')).toBe('true');
    // Reached by keyboard, its reason shows (a tap or a click leaves none standing).
    await close.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByRole('tooltip').first().textContent()).toContain('never calls close()');
    await page.close();
  });

  it('steps back to the start and forward again to the same states', async () => {
    const { page } = await open();
    await openConnection(page);
    const seen: string[] = [];
    for (let i = 0; i < 12 && (await timeline(page, 'Step back').isEnabled()); i++) {
      seen.unshift(`${await state(page, 'Client').textContent()}|${await state(page, 'Server').textContent()}`);
      await timeline(page, 'Step back').click();
    }
    // Stepping back stops at 0 s, the start of the run.
    expect(await page.getByRole('region', { name: 'Timeline' }).locator('output').textContent()).toBe('0.000 s');
    expect(seen.length).toBeGreaterThan(2);
    const again: string[] = [];
    for (let i = 0; i < seen.length; i++) {
      await timeline(page, 'Step forward').click();
      again.push(`${await state(page, 'Client').textContent()}|${await state(page, 'Server').textContent()}`);
    }
    expect(again).toEqual(seen);
    await page.close();
  });

  it('lets the student play the network: each segment waits for Deliver or Drop', async () => {
    const { page } = await open();
    await press(page, 'Server', 'listen()');
    await page.getByRole('region', { name: 'Network' }).getByRole('switch', { name: 'I am the network (manual)' }).check();
    await press(page, 'Client', 'connect()');
    await timeline(page, 'Skip to the next timer').click(); // the SYN waited; the client resent it
    expect(await state(page, 'Server').textContent()).toContain('LISTEN');
    await page.getByRole('button', { name: 'Deliver SYN (#1)' }).click();
    await timeline(page, 'Step forward').click();
    expect(await state(page, 'Server').textContent()).toContain('SYN-RECEIVED');
    await page.getByRole('button', { name: 'Drop SYN+ACK (#3)' }).click();
    await expect.poll(() => page.locator('g.segment.lost').count()).toBe(1);
    await page.screenshot({ path: 'screenshots/visualizer-manual.png' });
    await page.close();
  });

  it('plays by itself and pauses where it is', async () => {
    const { page } = await open();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    // The call set the world moving: the button offers Pause.
    await timeline(page, 'Pause').click();
    const clock = page.getByRole('region', { name: 'Timeline' }).locator('output');
    const stopped = await clock.textContent();
    await page.waitForTimeout(400);
    expect(await clock.textContent()).toBe(stopped);
    await timeline(page, 'Play').click();
    await expect.poll(() => state(page, 'Server').textContent(), { timeout: 10_000 }).toContain('ESTABLISHED');
    await page.close();
  });

  it('a step back while playing goes back and stays there', async () => {
    const { page } = await open();
    await page.goto(`${env.url}?scenario=three-way-handshake&lang=en`);
    await timeline(page, 'Play').click();
    await expect.poll(() => state(page, 'Server').textContent(), { timeout: 10_000 }).toContain('ESTABLISHED');
    const clock = page.getByRole('region', { name: 'Timeline' }).locator('output');
    const seconds = async () => Number((await clock.textContent())!.replace(' s', ''));
    // Two steps back, still playing when the first is clicked: to the server's ESTABLISHED, then before it.
    const playing = await seconds();
    await timeline(page, 'Step back').click();
    await timeline(page, 'Step back').click();
    const back = await seconds();
    expect(back).toBeLessThan(playing);
    expect(await state(page, 'Server').textContent()).not.toContain('ESTABLISHED');
    expect(await timeline(page, 'Play').isVisible()).toBe(true); // paused: the button offers Play again
    await page.waitForTimeout(500);
    expect(await seconds()).toBe(back);
    expect(await state(page, 'Server').textContent()).not.toContain('ESTABLISHED');
    await page.close();
  });

  it('keeps "now" in the diagram\'s view while it plays, turning the page as the drawing grows', async () => {
    const { page, errors } = await open();
    await page.goto(`${env.url}?scenario=four-way-close&lang=en`);
    await timeline(page, 'Play').click();
    const outside: string[] = [];
    for (let i = 0; i < 24; i++) {
      await page.waitForTimeout(400);
      const at = await page.evaluate(() => {
        const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
        const now = document.querySelector('.diagram-layers .now-line')!.getBoundingClientRect();
        return { clock: document.querySelector('.clock')!.textContent, inside: now.top >= box.top && now.top <= box.bottom };
      });
      if (!at.inside) outside.push(at.clock!);
    }
    // ss -tan's header whole at 1280 and at 1920 (its Peer column was cut at the rail's edge).
    const cut = await ssCut(page);
    // Stepping on a wide screen, where the box grows with the drawing before it scrolls.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${env.url}?scenario=close-wait-hang&lang=en`);
    await page.locator('svg.sequence').waitFor();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('ArrowRight');
      // What a reader sees: the frame after the step has been drawn.
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      const at = await page.evaluate(() => {
        const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
        const now = document.querySelector('.diagram-layers .now-line')!.getBoundingClientRect();
        return { clock: document.querySelector('.clock')!.textContent, inside: now.top >= box.top && now.top <= box.bottom };
      });
      if (!at.inside) outside.push(`stepping: ${at.clock}`);
    }
    expect(outside, "moments at which the now line was outside the diagram's box").toEqual([]);
    expect([...cut, ...(await ssCut(page))]).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with reduced motion, a segment in flight fades in instead of travelling', async () => {
    const { page } = await open();
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    const scrub = page.getByRole('region', { name: 'Timeline' }).getByRole('slider');
    const syn = page.locator('g.segment[data-flags="SYN"]');
    /** Where the SYN's packet is drawn at `t` ms, and how opaque its arrow is (undefined while it is not in flight). */
    const at = async (t: number) => {
      await scrub.fill(String(t));
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      if ((await syn.locator('g.packet').count()) !== 1) return undefined;
      const opacity = Number((await syn.locator('line').getAttribute('opacity')) ?? 1);
      return opacity < 1 ? { opacity, transform: await syn.locator('g.packet').getAttribute('transform') } : undefined;
    };
    // The SYN leaves when connect() was clicked, which the clock, playing since listen(), reached at a
    // time that depends on how fast the machine clicked: look for the moments it is in flight.
    const flying: number[] = [];
    // (From 50: the slider stands at 0, and filling in the value it has already would not move the clock.)
    for (let t = 50; t <= 3000 && flying.length < 8; t += 50) if (await at(t)) flying.push(t);
    expect(flying.length, 'moments at which the SYN was in flight').toBeGreaterThanOrEqual(3);
    const [early, late] = [flying[0]!, flying[flying.length - 1]!];
    // Through the SYN's trip its whole arrow is there, fading in, and its packet does not move.
    const still = [await at(early), await at(late)];
    expect(still[0]!.transform).toBe(still[1]!.transform);
    expect(still[1]!.opacity).toBeGreaterThan(0.25);
    expect(still[1]!.opacity).toBeLessThan(1);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const packetAt = async (t: number) => {
      await scrub.fill(String(t));
      return syn.locator('g.packet').getAttribute('transform');
    };
    await expect.poll(async () => (await packetAt(early)) !== (await packetAt(late))).toBe(true);
    await page.close();
  });

  it('works from the keyboard alone, with the focus always visible', async () => {
    const { page } = await open();
    /** Tab until the named control has focus, as a keyboard user would. */
    const tabTo = async (region: string, name: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const here = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return {
            text: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '',
            region: el?.closest('section')?.getAttribute('aria-label') ?? '',
            outline: el ? getComputedStyle(el).outlineStyle : '',
          };
        });
        if (here.text === name && here.region === region) return here;
      }
      throw new Error(`could not tab to ${region} ${name}`);
    };
    expect((await tabTo('Server', 'listen()')).outline).toBe('solid');
    await page.keyboard.press('Enter');
    await tabTo('Client', 'connect()');
    await page.keyboard.press('Space');
    await tabTo('Timeline', 'Step forward');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Enter');
    expect(await state(page, 'Client').textContent()).toContain('ESTABLISHED');
    expect(await state(page, 'Server').textContent()).toContain('ESTABLISHED');
    await page.close();
  });

  it.each(['?scenario=time-wait', '?scenario=close-wait-pileup'])('fits a phone on %s too', async (query) => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    await page.goto(env.url + query);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `screenshots/phone-${query.slice(10)}.png`, fullPage: true });
    await page.close();
  });

  it('fits a phone: nothing wider than the screen', async () => {
    const { page } = await open(390, 844);
    await openConnection(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await ssCut(page)).toEqual([]);
    await page.screenshot({ path: 'screenshots/visualizer-phone.png', fullPage: true });
    await page.close();
  });
});

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

describe('themes', () => {
  it('switches between system, light, dark and high contrast', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US', colorScheme: 'light' });
    await page.goto(env.url);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(247, 248, 250)');
    const choose = (v: string) => page.getByRole('combobox', { name: 'Theme' }).selectOption(v);
    await choose('dark');
    expect(await background()).toBe('rgb(17, 19, 24)');
    await choose('contrast');
    expect(await background()).toBe('rgb(0, 0, 0)');
    await choose('light');
    expect(await background()).toBe('rgb(247, 248, 250)');
    await page.close();
  });
});

describe('in front of a class', () => {
  it('presentation mode is driven by a remote: PageDown and PageUp alone', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=three-way-handshake&present=1`);
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    expect(await page.locator('.app.present').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Network' }).isVisible()).toBe(false); // secondary panels hidden
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('PageDown');
      seen.push(`${await state(page, 'Client').textContent()}|${await state(page, 'Server').textContent()}`);
    }
    expect(seen.at(-1)).toBe('ESTABLISHED|ESTABLISHED');
    // The lesson menu says which lesson each key 1 to 9 opens.
    const options = await page.getByRole('combobox', { name: 'Scenario' }).locator('option').allTextContents();
    expect(options.filter((o) => /^[1-9] · /.test(o)).map((o) => o[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // The diagram keeps its state marks on a projector too.
    const marks = page.locator('svg.sequence .state-mark');
    expect(await marks.filter({ hasText: 'ESTABLISHED' }).count()).toBe(2);
    expect(await marks.first().isVisible()).toBe(true);
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageUp');
    expect(await state(page, 'Client').textContent()).toContain('CLOSED');
    await page.keyboard.press('PageDown');
    expect(`${await state(page, 'Client').textContent()}|${await state(page, 'Server').textContent()}`).toBe(seen[0]);
    await page.screenshot({ path: 'screenshots/present-remote.png' });
    await page.close();
  });

  it('the Present button goes full screen with presentation mode, and P leaves both', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=four-way-close`);
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    expect(await page.locator('.app.present').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
    await page.keyboard.press('p');
    expect(await page.locator('.app.present').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    await page.close();
  });

  it('presentation mode fits a 1280x720 projector: the diagram, the states and the timeline on one screen', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    for (const query of ['?present=1', '?scenario=fin-wait-1-timeout&present=1']) {
      await page.goto(`${env.url}${query}`);
      await page.getByRole('region', { name: 'Timeline' }).waitFor();
      // Free play moves by its calls, so they stay; a lesson moves by the remote alone.
      const free = !query.includes('scenario');
      expect(await page.getByRole('region', { name: 'Server' }).getByRole('button', { name: 'listen()' }).isVisible()).toBe(free);
      if (free) {
        await page.getByRole('region', { name: 'Server' }).getByRole('button', { name: 'listen()' }).click();
        await page.getByRole('region', { name: 'Client' }).getByRole('button', { name: 'connect()' }).click();
      }
      // From the first moment to the takeaway at the end.
      for (let i = 0; i < 16; i++) {
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
        for (const name of ['Client', 'Server', 'Sequence diagram', 'Timeline']) {
          const box = (await page.getByRole('region', { name }).boundingBox())!;
          expect(box.y + box.height, `${name} after ${i} steps of ${query}`).toBeLessThanOrEqual(720);
        }
        expect((await page.locator('.diagram-scroll').boundingBox())!.height).toBeGreaterThan(250);
        await page.keyboard.press('PageDown');
      }
    }
    await page.screenshot({ path: 'screenshots/present-1280x720-end.png' });
    await page.close();
  });

  it('the event log follows the newest event', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=time-wait`);
    const log = page.getByRole('region', { name: 'Event log' }).locator('ol');
    await log.waitFor();
    for (let i = 0; i < 14; i++) await timeline(page, 'Step forward').click();
    await expect.poll(() => log.evaluate((el) => el.scrollHeight > el.clientHeight), { message: 'the log overflows' }).toBe(true);
    await expect.poll(() => log.evaluate((el) => Math.abs(el.scrollTop + el.clientHeight - el.scrollHeight) <= 2), { message: 'at its newest' }).toBe(true);
    await page.close();
  });

  it('a held segment says it waits in words, not a missing glyph', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?lang=en`);
    await page.getByRole('region', { name: 'Network' }).getByRole('switch', { name: 'I am the network (manual)' }).check();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    // The app puts Deliver and Drop on it; nowhere a glyph that many fonts lack.
    await expect.poll(() => page.getByRole('button', { name: 'Deliver SYN (#1)' }).count()).toBe(1);
    expect(await page.locator('.stage').textContent()).not.toMatch(/[\u23f8\u23ed\u23ee]/);
    await page.close();
  });

  it('keys: ? lists them all, L switches language, 2 opens the second lesson, P leaves presentation', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?present=1`);
    await page.getByRole('region', { name: 'Timeline' }).waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard and presenter remote' });
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await help.locator('kbd').count()).toBe(9);
    await page.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
    await page.keyboard.press('l');
    await expect.poll(() => page.locator('.app').getAttribute('lang')).toBe('ko');
    // The document's own language too (screen readers, hyphenation, fonts), and the menu's numbers in the order the keys open them.
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    const numbered = await page.locator('.lesson-picker option').evaluateAll((os) => os.map((o) => o.textContent!).filter((x) => /^\d · /.test(x)));
    expect(numbered.map((x) => x[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    await page.keyboard.press('2');
    await expect.poll(() => page.url()).toContain('scenario=four-way-close');
    await page.keyboard.press('p');
    expect(await page.locator('.app.present').count()).toBe(0);
    await page.close();
  });
});

describe('inside a blog post', () => {
  it('embed.html takes its lesson, language, theme, controls, speed and autoplay from the URL', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}embed.html?scenario=syn-lost&lang=ko&theme=dark&controls=minimal&autoplay=1&speed=8`);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await expect.poll(() => page.getByRole('region', { name: '서버' }).getByRole('status').textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    expect(await page.locator('g.segment.lost').count()).toBe(1);
    // controls=minimal: play or pause, and step; no speed, no slider, no reset.
    const timeline = page.getByRole('region', { name: '타임라인' });
    const buttons = (await timeline.getByRole('button').allTextContents()).map((b) => b.trim());
    expect([buttons[0], buttons[2], buttons.length]).toEqual(['한 단계 뒤로', '한 단계 앞으로', 3]);
    expect(await timeline.locator('select, input').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'screenshots/embed-dark-ko.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a malformed embed link says what it ignored and shows the default lesson', async () => {
    const page = await env.browser.newPage({ viewport: { width: 480, height: 700 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}embed.html?scenario=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&speed=999&step=-3&controls=lots`);
    const alerts = await page.getByRole('alert').allTextContents();
    expect(alerts.map((a) => a.split('=')[0])).toEqual(['Ignored scenario', 'Ignored controls', 'Ignored speed', 'Ignored step']);
    expect(await page.locator('img').count()).toBe(0); // shown as text, never as HTML
    expect(await page.locator('.embed-title').textContent()).toBe('The 3-way handshake');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 320 px column: the drawing is as wide as its box, and every mark inside it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 320, height: 700 }, locale: 'en-US' });
    await page.goto(`${env.url}embed.html?scenario=three-way-handshake&step=9`);
    await page.locator('svg.sequence g.state-mark').first().waitFor();
    const fit = await page.evaluate(() => {
      const box = document.querySelector('.diagram-scroll')!;
      const svg = document.querySelector('svg.sequence')!;
      const width = Number(svg.getAttribute('width'));
      const marks = [...svg.querySelectorAll('g.state-mark rect')].map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))] as const);
      return {
        width,
        box: box.clientWidth,
        page: document.documentElement.scrollWidth,
        outside: marks.filter(([x, w]) => x < 0 || x + w > width).length,
        marks: marks.length,
      };
    });
    expect(fit.marks).toBeGreaterThan(3);
    expect(fit.width).toBeLessThanOrEqual(fit.box);
    expect(fit.outside).toBe(0);
    expect(fit.page).toBeLessThanOrEqual(320);
    await page.close();
  });

  it('tells the page around its iframe how tall it is', async () => {
    const page = await env.browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.setContent(`<iframe src="${env.url}embed.html?scenario=three-way-handshake" style="width:600px;height:200px"></iframe>
      <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'handshake-lab:height') heights.push(e.data.height); });</script>`);
    // The first message may come before the lesson is drawn (the empty page's height); the page settles on the drawn one.
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0), { timeout: 15_000 }).toBeGreaterThan(300);
    await page.close();
  });
});

describe('the built embed, as a blog serves it', () => {
  const site = withBuiltSite(['vite.embed.config.ts']);

  it('runs in a sandboxed iframe (allow-scripts only) and posts its height', async () => {
    const page = await env.browser.newPage({ viewport: { width: 800, height: 1000 } });
    await page.setContent(`<iframe sandbox="allow-scripts" src="${site.origin}/embed.html?scenario=abort-rst&lang=en&controls=none&speed=8" style="width:420px;height:300px"></iframe>
      <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'handshake-lab:height') heights.push(e.data.height); });</script>`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.getByRole('region', { name: 'Server' }).getByRole('status').textContent(), { timeout: 20_000 }).toContain('CLOSED');
    expect(await frame.locator('g.segment[data-flags="RST+ACK"]').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
    await page.close();
  });
  it("two iframe snippets pasted into one post each take their own frame's height, not the other's", async () => {
    const snippet = async (id: string) => {
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      await page.goto(`${env.url}?scenario=${id}`);
      await page.getByRole('button', { name: 'Share / Embed' }).click();
      const text = await page.getByRole('dialog', { name: 'Share / Embed' }).getByRole('textbox').nth(1).inputValue();
      await page.close();
      // Served as a static host would (a sandboxed frame's module scripts need CORS, which the dev server refuses to an opaque origin).
      return text.replace(/src="[^"]*embed\.html/, `src="${site.origin}/embed.html`);
    };
    const [a, b] = [await snippet('three-way-handshake'), await snippet('fin-wait-2-timeout')];
    const host = await env.browser.newPage({ viewport: { width: 700, height: 900 } });
    await host.setContent(`<main style="width:700px">${a}<p>Between the two.</p>${b}</main>`);
    const frames = host.locator('iframe');
    await expect.poll(async () => (await frames.nth(0).boundingBox())?.height ?? 0, { timeout: 20_000 }).toBeGreaterThan(200);
    await expect.poll(async () => (await frames.nth(1).boundingBox())?.height ?? 0, { timeout: 20_000 }).toBeGreaterThan(200);
    // Each frame's height is its own page's: the content fills it with nothing left over.
    for (const i of [0, 1]) {
      const own = await host.frames()[i + 1]!.evaluate(() => document.documentElement.scrollHeight);
      expect(Math.abs((await frames.nth(i).boundingBox())!.height - own), `iframe ${i}`).toBeLessThanOrEqual(2);
    }
    await host.close();
  });
});

describe('shared links', () => {
  it('a link reproduces exactly what the sender saw', async () => {
    const { page } = await open();
    await page.getByRole('group', { name: 'client → server' }).getByRole('button', { name: 'Drop next' }).click();
    await openConnection(page);
    await press(page, 'Client', 'close()');
    await timeline(page, 'Step forward').click();
    const sent = {
      client: await state(page, 'Client').textContent(),
      server: await state(page, 'Server').textContent(),
      clock: await page.getByRole('region', { name: 'Timeline' }).locator('output').textContent(),
      lost: await page.locator('g.segment.lost').count(),
    };
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const link = await page.getByRole('dialog', { name: 'Share / Embed' }).getByRole('textbox').first().inputValue();
    const other = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'ko-KR' });
    await other.goto(link);
    await other.getByRole('region', { name: 'Timeline' }).waitFor(); // lang=en came with the link
    expect({
      client: await state(other, 'Client').textContent(),
      server: await state(other, 'Server').textContent(),
      clock: await other.getByRole('region', { name: 'Timeline' }).locator('output').textContent(),
      lost: await other.locator('g.segment.lost').count(),
    }).toEqual(sent);
    await other.close();
    await page.close();
  });

  const b64 = (o: unknown) => `1.${Buffer.from(JSON.stringify(o)).toString('base64url')}`;
  const MALFORMED = [
    '',
    'x',
    '1',
    '1.',
    '2.eyJ9',
    '9999999.abc',
    '1.%%%',
    '1.!!!!',
    '1.' + 'Q'.repeat(9_000),
    b64(null),
    b64([]),
    b64('text'),
    b64({ steps: [], t: 'soon' }),
    b64({ steps: [], t: -1 }),
    b64({ steps: [], t: 1e300 }),
    b64({ steps: [{ at: 0, endpoint: 'client', call: '<img src=x onerror=alert(1)>' }], t: 0 }),
    b64({ config: { preset: 'javascript:alert(1)' }, steps: [], t: 0 }),
    b64({ config: { latencyMs: 1e20 }, steps: [], t: 0 }),
    b64({
      steps: [
        { at: 5, endpoint: 'client', call: 'connect' },
        { at: 1, endpoint: 'server', call: 'listen' },
      ],
      t: 0,
    }),
    b64({ steps: [{ at: 0, endpoint: 'client', call: 'send', bytes: 1e12 }], t: 0 }),
  ];

  it('the Share / Embed dialog gives the link, the iframe snippet and the script-tag snippet', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=time-wait`);
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
    const [link, iframe, script] = await Promise.all([0, 1, 2].map((i) => dialog.getByRole('textbox').nth(i).inputValue()));
    expect(link).toMatch(/\?scenario=time-wait&lang=en&run=1\./);
    expect(iframe).toMatch(/^<iframe src="[^"]*embed\.html\?scenario=time-wait&amp;lang=en[^"]*" sandbox="allow-scripts allow-popups"/);
    expect(script).toMatch(/^<script src="[^"]*tcp-handshake\.js" defer><\/script>\n<tcp-handshake scenario="time-wait" lang="en"/);
    await page.close();
  });

  it("notices repeat at most 40 characters of a value, escaped, in the reader's language, and say what opened instead", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=${'x'.repeat(1000)}${encodeURIComponent('sign in again at evil.example')}`);
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.textContent()).toContain('There is no lesson called');
    expect((await alert.textContent())!.length).toBeLessThan(120);
    expect(await alert.textContent()).not.toContain('evil.example');
    // A valid lesson with a damaged run: the lesson opens, and the notice says so.
    await page.goto(`${env.url}?scenario=four-way-close&run=1.bad`);
    await expect.poll(() => alert.textContent()).toBe("This link's run could not be opened (the link is damaged). Here is the lesson it names instead.");
    expect(await page.locator('.lesson-picker select').inputValue()).toBe('four-way-close');
    // Page settings the page does not know are named, not ignored silently.
    await page.goto(`${env.url}?theme=neon&present=yes`);
    await expect.poll(() => page.getByRole('alert').count()).toBe(2);
    const said = await page.getByRole('alert').allTextContents();
    expect(said).toContain('Ignored theme="neon": not a value this page knows.');
    expect(said).toContain('Ignored present="yes": not a value this page knows.');
    // In Korean, all of it in Korean.
    await page.goto(`${env.url}?lang=ko&scenario=four-way-close&run=1.bad`);
    await expect.poll(() => alert.textContent()).toBe('이 링크의 실행 기록은 열 수 없습니다(링크가 손상되었습니다). 대신 링크가 가리키는 수업을 엽니다.');
    await page.close();
  });

  it('twenty malformed links each get the message and free play, with no uncaught error', async () => {
    expect(MALFORMED).toHaveLength(20);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    for (const bad of MALFORMED) {
      await page.goto(`${env.url}?run=${encodeURIComponent(bad)}`);
      await expect.poll(() => page.getByRole('alert').textContent()).toContain("This link's run could not be opened");
      expect(await state(page, 'Client').textContent()).toContain('CLOSED');
      expect(await page.locator('img').count()).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('export', () => {
  it('downloads the sequence diagram as SVG and PNG, and gives it as Mermaid text', async () => {
    const { page } = await open();
    await openConnection(page);
    const panel = page.getByRole('region', { name: 'Export' });
    const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download SVG' }).click()]);
    const svgText = await (await import('node:fs/promises')).readFile((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('SYN+ACK');
    expect(svgText).toMatch(/fill:\s*rgb/); // the page's colours travel with it
    // Cut to what is drawn: the page's drawing grows in steps and may end in blank space.
    const drawn = await page.locator('svg.sequence-live').getAttribute('data-drawn-height');
    expect(/^<svg[^>]*\sheight="(\d+)"/.exec(svgText)?.[1]).toBe(drawn);
    expect(svgText).not.toContain('data-drawn-height');
    const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download PNG' }).click()]);
    const pngBytes = await (await import('node:fs/promises')).readFile((await png.path())!);
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(pngBytes.length).toBeGreaterThan(5000);
    await panel.getByRole('button', { name: 'Mermaid text' }).click();
    const text = await panel.getByRole('textbox', { name: 'Mermaid text' }).inputValue();
    expect(text.split('\n')[0]).toBe('sequenceDiagram');
    expect(text).toContain('S-->>C: SYN+ACK');
    const [pcap] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download .pcap (Wireshark)' }).click()]);
    const pcapBytes = await (await import('node:fs/promises')).readFile((await pcap.path())!);
    expect(pcapBytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    await page.close();
  });

  it('prints the lesson, both states, the narration and the whole diagram, without the controls', async () => {
    const { page } = await open();
    await openConnection(page);
    await page.emulateMedia({ media: 'print' });
    for (const name of ['Timeline', 'Network', 'Event log']) expect(await page.getByRole('region', { name }).isVisible()).toBe(false);
    for (const name of ['Client', 'Server', 'Lesson', 'Sequence diagram']) expect(await page.getByRole('region', { name }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'connect()' }).first().isVisible()).toBe(false);
    // The diagram spans the page, and the two endpoints share one row.
    const widths = await page.evaluate(() => {
      const svg = document.querySelector('svg.sequence')!.getBoundingClientRect();
      const panel = document.querySelector('.stage')!.getBoundingClientRect();
      const [client, server] = [...document.querySelectorAll('.head.endpoint')].map((e) => e.getBoundingClientRect());
      return { svg: svg.width, panel: panel.width, sameRow: Math.abs(client!.top - server!.top) < 1 };
    });
    expect(widths.svg).toBeGreaterThan(widths.panel * 0.85);
    expect(widths.sameRow).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Paper is white whatever the screen shows: dark and high-contrast themes print in light colours.
    for (const theme of ['dark', 'contrast']) {
      await page.evaluate((name) => (document.documentElement.dataset.theme = name), theme);
      const [text, card] = await page.evaluate(() => {
        const panel = document.querySelector('.stage')!;
        return [getComputedStyle(panel).color, getComputedStyle(panel).backgroundColor];
      });
      expect(text, theme).toBe('rgb(20, 22, 26)');
      expect(card, theme).toBe('rgb(255, 255, 255)');
    }
    await page.close();
  });
});

/** A blog post: three elements (one far below the fold) and an iframe, with styles of its own that must not leak in. */
const POST = `<!doctype html><html><head><style>h2 { color: rgb(255, 0, 0); } .panel { outline: 9px solid rgb(0, 255, 0); }</style></head><body>
  <h2 id="host-heading">A blog post</h2><div class="panel" id="host-panel">not ours</div>
  <tcp-handshake id="first" scenario="syn-lost" controls="none" speed="8" lang="en"></tcp-handshake>
  <tcp-handshake id="second" scenario="three-way-handshake" controls="minimal" lang="ko" theme="dark"></tcp-handshake>
  <iframe id="frame" sandbox="allow-scripts" src="/embed.html?scenario=abort-rst&controls=none&speed=8&lang=en" style="width:100%;height:400px"></iframe>
  <div style="height:4000px"></div>
  <tcp-handshake id="far" scenario="simultaneous-open" lang="en"></tcp-handshake>
  <script src="/tcp-handshake.js"></script></body></html>`;

describe('one script tag: <tcp-handshake>', () => {
  const site = withBuiltSite(['vite.element.config.ts', 'vite.embed.config.ts'], { '/': POST });

  it('two elements and an iframe on one page, each on its own, nothing leaking', async () => {
    const page = await env.browser.newPage({ viewport: { width: 900, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/`);
    const first = page.locator('#first');
    const second = page.locator('#second');
    // The first plays by itself to the end; the second waits at its start.
    await expect.poll(() => first.getByRole('region', { name: 'Server' }).getByRole('status').textContent(), { timeout: 20_000 }).toContain('ESTABLISHED');
    expect(await second.getByRole('region', { name: '클라이언트' }).getByRole('status').textContent()).toContain('CLOSED');
    await second.getByRole('button', { name: '한 단계 앞으로', exact: true }).click();
    expect(await second.getByRole('region', { name: '클라이언트' }).getByRole('status').textContent()).toContain('SYN-SENT');
    expect(await second.getAttribute('data-theme')).toBe('dark');
    // Its text is light on its dark cards, whatever colour the post sets.
    expect(
      await second
        .locator('.state .rfc')
        .first()
        .evaluate((el) => getComputedStyle(el).color),
    ).toBe('rgb(238, 240, 244)');
    // The iframe runs its own lesson (once on screen: Chromium pauses animation frames in an iframe scrolled out of view).
    await page.locator('#frame').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.frameLocator('#frame').getByRole('region', { name: 'Server' }).getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('CLOSED');
    // Nothing leaks in or out.
    expect(
      await first
        .locator('h2')
        .first()
        .evaluate((h) => getComputedStyle(h).color),
    ).not.toBe('rgb(255, 0, 0)');
    expect(
      await first
        .locator('.panel')
        .first()
        .evaluate((p) => getComputedStyle(p).outlineColor),
    ).not.toBe('rgb(0, 255, 0)');
    expect(await page.locator('#host-panel').evaluate((p) => getComputedStyle(p).borderRadius)).toBe('0px');
    // The one far below has not started; it does once scrolled into view.
    expect(await page.locator('#far').evaluate((el) => el.shadowRoot!.lastElementChild!.childElementCount)).toBe(0);
    await page.locator('#far').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('#far').evaluate((el) => el.shadowRoot!.lastElementChild!.childElementCount)).toBeGreaterThan(0);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: 'screenshots/blog-post-embeds.png', fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('embedding a run a student made', () => {
  const site = withBuiltSite(['vite.element.config.ts', 'vite.embed.config.ts'], {
    '/post': '<!doctype html><html><head><title>A post</title></head><body></body></html>',
  });

  it('a free-play run (a lost SYN, a server that never closes) plays the same in the iframe snippet and in the element snippet', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(env.url);
    await page.getByRole('group', { name: 'client → server' }).getByRole('button', { name: 'Drop next' }).click();
    await page.getByRole('region', { name: 'Server' }).getByRole('switch', { name: 'Application never calls close()' }).check();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    await expect.poll(() => state(page, 'Client').textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    await press(page, 'Client', 'close()');
    await expect.poll(() => state(page, 'Server').textContent(), { timeout: 15_000 }).toContain('CLOSE-WAIT');
    // The moment shared is the start: both then step through the same run.
    await page.keyboard.press('Home');
    // Step until the run has nothing more to show (or n steps), reading both states after each.
    const steps = async (p: Page | FrameLocator, n: number, forward: ReturnType<Page['getByRole']>) => {
      const seen: string[] = [];
      for (let i = 0; i < n && (await forward.isEnabled()); i++) {
        await forward.click();
        const [c, s] = await Promise.all(['Client', 'Server'].map((who) => p.getByRole('region', { name: who }).getByRole('status').textContent()));
        seen.push(`${c!.trim()} / ${s!.trim()}`);
      }
      return seen;
    };
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
    const [iframe, script] = (await Promise.all([1, 2].map((i) => dialog.getByRole('textbox').nth(i).inputValue()))) as [string, string];
    expect(iframe).toMatch(/embed\.html\?run=1\./);
    expect(script).toMatch(/<tcp-handshake run="1\.[\w.-]+"/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    const inApp = await steps(page, 40, page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Step forward', exact: true }));
    expect(inApp.at(-1)).toContain('CLOSE-WAIT');
    expect(inApp.some((x) => x.startsWith('SYN-SENT'))).toBe(true);

    // Pasted into a post, served as a static host would (the built embed and script).
    const host = await env.browser.newPage({ viewport: { width: 760, height: 900 } });
    await host.goto(`${site.origin}/post`);
    const local = (s: string) => s.replace(/https?:\/\/[^"]*?(embed\.html|tcp-handshake\.js)/g, `${site.origin}/$1`);
    await host.setContent(`<main>${local(iframe).replace('sandbox="allow-scripts allow-popups"', 'sandbox="allow-scripts"')}</main>`);
    const frame = host.frameLocator('iframe');
    await frame.getByRole('region', { name: 'Timeline' }).waitFor();
    const inFrame = await steps(frame, inApp.length, frame.getByRole('button', { name: 'Step forward' }));
    expect(inFrame).toEqual(inApp);
    expect(await frame.locator('h1').textContent()).toBe('A run made in Handshake Lab');
    expect(await frame.getByRole('region', { name: 'Server' }).locator('.who').textContent()).toContain('never calls close()');

    await host.setContent(`<main>${local(script).replace(' defer', '')}</main>`);
    const element = host.locator('tcp-handshake');
    await element.getByRole('region', { name: 'Timeline' }).waitFor();
    const inElement = await steps(host, inApp.length, element.getByRole('button', { name: 'Step forward' }));
    expect(inElement).toEqual(inApp);
    await host.close();
    await page.close();
  });

  it('a damaged run in an embed gets a clear message and the lesson, and breaks nothing', async () => {
    const page = await env.browser.newPage({ viewport: { width: 760, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/embed.html?scenario=four-way-close&run=1.not-a-run&lang=en`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This run could not be opened');
    expect(await page.locator('h1').textContent()).toBe('The 4-way close, client first');
    expect(errors).toEqual([]);
    await page.close();
  });
});
