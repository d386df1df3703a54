/**
 * The visualizer in Debian's Chromium, driven as a student would drive it: open a connection
 * by clicking, close it, break it, step back and forward; in front of a class; exported.
 * Screenshots go to screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openConnection, opener, press, runOut, ssCut, state, timeline } from './appPage';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const open = opener(env);
mkdirSync('screenshots', { recursive: true });

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

  // Timed by the page's own clock (a click on a packet 600 ms in flight; Tab past controls that change
  // as the run plays): on a machine loaded by the other test files the packet can land first. Again, then.
  it('drops a segment on its way by clicking it: it stops where it was, and is sent again', { retry: 2 }, async () => {
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

  it('a packet that arrives while it has the keys leaves them in the drawing: the next Tab goes on from there, not from the top', async () => {
    const { page } = await open();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    const packet = page.locator('g.segment[data-flags="SYN"] g.packet');
    await packet.focus();
    // The SYN reaches the server (600 ms): its packet is gone.
    await packet.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.matches('svg.sequence') ?? false)).toBe(true);
    await page.keyboard.press('Tab');
    const after = await page.evaluate(() => {
      const svg = document.querySelector('svg.sequence')!;
      const el = document.activeElement!;
      return el !== document.body && (svg.contains(el) || (svg.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
    });
    expect(after).toBe(true);
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
    // Through the SYN's trip its whole arrow is there, fading in, and its packet does not move. (Read again
    // until drawn: under a full run's load two frames may pass before the drawing has caught up with the slider.)
    const drawn = async (t: number) => {
      for (let i = 0; i < 20; i++) {
        const seen = await at(t);
        if (seen) return seen;
        await page.waitForTimeout(50);
      }
      return undefined;
    };
    const still = [await drawn(early), await drawn(late)];
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
    const tabTo = async (region: string, name: string | RegExp) => {
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
        if ((typeof name === 'string' ? here.text === name : name.test(here.text)) && here.region === region) return here;
      }
      throw new Error(`could not tab to ${region} ${name}`);
    };
    // The slowest speed first, by keys too: the handshake plays while the keys travel to Step forward,
    // and once it has played out Step forward is disabled (on a loaded machine 40 presses of Tab
    // outlasted it at 1x).
    // (The speed's select is named by its label; its text is its options.)
    await tabTo('Timeline', /^0\.25x0\.5x/);
    await page.keyboard.press('Home');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('0.25');
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
    expect(await help.locator('kbd').count()).toBe(11);
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
