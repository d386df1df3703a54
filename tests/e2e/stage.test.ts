/**
 * The stage's promises, measured on the built site in Chromium: for every two-endpoint lesson
 * (walked in stage-desk.test.ts and stage-wide-phone.test.ts, with tests/e2e/stageCheck.ts), at every step (stepped with the keys, as a remote does), on a 1280x720 screen, on a projector in
 * presentation mode, on 1920x1080 and on a 390x844 phone: both states, the run's first segment,
 * the current moment of the diagram and the timeline are on the first screen without scrolling
 * anything (a run too long for its box is folded, never scrolled); no two labels in the diagram
 * overlap, no line crosses a label or a state chip; nothing around the diagram changes height from
 * step to step; nothing is wider than the screen; in presentation mode no text on the stage is
 * under 22 px. The same for the capture X-ray's connections and for embeds 700 px wide and on a
 * phone, whose height is the same at their first and last step. Geometry is read from
 * getBoundingClientRect, as a user sees it.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { SITE_CONFIGS } from '../../scripts/browser';
import { withBuiltSite, withChromium } from './harness';
import { LESSONS, SCREENS, walk } from './stageCheck';

const site = withBuiltSite(SITE_CONFIGS);
const chromium = withChromium();

/** Lessons of one connection (one connect()): the ones that must fit whole at 1280x720. */
const SINGLE = SCENARIOS.filter((s) => !s.fleet && s.script.steps.filter((x) => 'call' in x && x.call === 'connect').length <= 1).map((s) => s.id);

describe('the stage, measured', () => {
  it('presentation 1280x720: at the end of zero-window, too long to draw whole, its SYN and its last segment are both in view, and the figure says what is folded', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${site.origin}/?scenario=zero-window&lang=en&present=1`);
    await page.locator('svg.sequence').waitFor();
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowRight');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const seen = await page.evaluate(() => {
      const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
      const lines = [...document.querySelectorAll('.diagram-layers g.segment')];
      const inView = (g: Element | undefined) => {
        const r = g?.querySelector('line')?.getBoundingClientRect();
        return !!r && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
      };
      return {
        first: lines[0]?.getAttribute('data-flags'),
        firstIn: inView(lines[0]),
        lastIn: inView(lines.at(-1)),
        fold: document.querySelector('g.fold text')?.textContent,
      };
    });
    expect(seen).toEqual({ first: 'SYN', firstIn: true, lastIn: true, fold: expect.stringMatching(/folded to fit: \d+\.\d s, \d+ segments/) });
    await page.close();
  });

  it('some lessons are of one connection, some of more', () => {
    expect(SINGLE.length).toBeGreaterThan(8);
    expect(SINGLE.length).toBeLessThan(LESSONS.length);
  });

  it.each(SINGLE)('1280x720: %s fits whole in the diagram, without scrolling it', async (id) => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${site.origin}/?scenario=${id}&lang=en`);
    await page.locator('svg.sequence').waitFor();
    await page.waitForTimeout(100);
    expect(await page.locator('svg.sequence').getAttribute('data-fits')).toBe('true');
    await page.close();
  });

  it('at the end of four-way-close, all four closing segments are in view', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${site.origin}/?scenario=four-way-close&lang=en`);
    await page.locator('svg.sequence').waitFor();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const seen = await page.evaluate(() => {
      const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
      return [...document.querySelectorAll('g.segment')]
        .filter((g) => {
          const r = g.querySelector('line')!.getBoundingClientRect();
          return r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && r.bottom <= window.innerHeight;
        })
        .map((g) => g.getAttribute('data-flags'));
    });
    // The handshake's three, then FIN, ACK, FIN, ACK: the whole story.
    expect(seen).toEqual(['SYN', 'SYN+ACK', 'ACK', 'FIN+ACK', 'ACK', 'FIN+ACK', 'ACK']);
    await page.close();
  });
});

describe('the pile-ups on a projector, measured', () => {
  it.each(['time-wait-pileup', 'close-wait-pileup'])('presentation 1280x720: %s stays on one screen as a remote steps it through two minutes', async (id) => {
    const page = await chromium.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${site.origin}/?scenario=${id}&lang=en&present=1`);
    await page.locator('.pileup canvas').waitFor();
    const clock = page.locator('.pileup output.clock');
    for (let i = 0; i <= 12; i++) {
      const bottom = await page.evaluate(() => document.querySelector('.pileup')!.getBoundingClientRect().bottom);
      expect(bottom, `after ${i} Page Down`).toBeLessThanOrEqual(720);
      // (A thirteenth would go on to the next lesson: tests/e2e/keys.test.ts.)
      if (i < 12) await page.keyboard.press('PageDown');
    }
    // Page Down moved its time: ten seconds a press, to the end.
    expect(await clock.textContent()).toBe('120.0 s');
    await page.close();
  });
});

describe('the embed, measured', () => {
  /** An embed has no state heads' calls or keys of its own; its timeline is minimal. */
  const embedIgnore = (p: string) => p.startsWith('timeline') || p.includes("'s state") || p.startsWith('the page is scrolled');
  it.each(['three-way-handshake', 'four-way-close', 'fin-wait-2-timeout', 'syn-lost', 'close-wait-hang', 'zero-window'])(
    '700 px wide: %s keeps one height from its first step to its last, and the handshake and the close fit 600 px whole',
    async (id) => {
      const page = await chromium.browser.newPage({ viewport: { width: 700, height: 600 }, locale: 'en-US' });
      await page.goto(`${site.origin}/embed.html?scenario=${id}&lang=en&theme=dark&controls=minimal`);
      await page.locator('svg.sequence').waitFor();
      const height = () => page.evaluate(() => Math.ceil(document.querySelector('main')!.getBoundingClientRect().height));
      const first = await height();
      expect(await walk(page, { calls: false, present: false, embed: true, ignore: embedIgnore })).toEqual([]);
      expect(await height()).toBe(first);
      // It ends on the lesson's takeaway.
      expect(await page.locator('.takeaway[data-current="true"]').isVisible()).toBe(true);
      if (id === 'three-way-handshake' || id === 'four-way-close') {
        expect(first).toBeLessThanOrEqual(600);
        expect(await page.locator('svg.sequence').getAttribute('data-fits')).toBe('true');
      }
      await page.close();
    },
  );

  it.each(['three-way-handshake', 'four-way-close', 'close-wait-hang', 'fin-wait-2-timeout', 'connection-refused', 'tcp-promises'])(
    'on a 390x844 phone: %s shows its first segment and now, no chip crossed, the heading on one line, at every step',
    async (id) => {
      const page = await chromium.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
      await page.goto(`${site.origin}/embed.html?scenario=${id}&lang=en`);
      await page.locator('svg.sequence').waitFor();
      expect(await walk(page, { calls: false, present: false, embed: true, ignore: embedIgnore })).toEqual([]);
      // Each head's words fit their line: the server's "never calls close()" does not wrap.
      const heads = await page.evaluate(() =>
        [...document.querySelectorAll('.head .who')].map((h) => {
          const lines = Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight));
          return `${h.textContent}: ${lines} line(s), ${getComputedStyle(h.querySelector('.policy') ?? h).textTransform}`;
        }),
      );
      for (const h of heads) expect(h).not.toMatch(/: [3-9] line|policy.*uppercase/);
      await page.close();
    },
  );
});

describe('the capture X-ray, measured', () => {
  // A 9-segment connection whose SYN and SYN+ACK the issue saw clipped, and longer ones.
  const CAPTURES = ['close-wait-hang', 'fin-wait-1-timeout', 'synack-lost', 'zero-window'];
  for (const screen of [SCREENS[0]!, SCREENS[1]!, SCREENS[3]!])
    it.each(CAPTURES)(`${screen.name}: %s.pcap's connection, at every step`, async (name) => {
      const page = await chromium.browser.newPage({ viewport: { width: screen.width, height: screen.height }, locale: 'en-US' });
      await page.goto(`${site.origin}/?capture=1&lang=en${screen.present ? '&present=1' : ''}`);
      await page.locator('.pick input').setInputFiles(`tests/fixtures/linux-pcap/${name}.pcap`);
      await page.locator('.open-connection').first().click();
      await page.locator('.capture-bar').waitFor();
      await page.locator('svg.sequence').waitFor();
      // A capture replays what was seen: no application calls to make.
      expect(await walk(page, { calls: false, present: false })).toEqual([]);
      await page.close();
    });
});
