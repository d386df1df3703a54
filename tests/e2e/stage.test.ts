/**
 * The stage's promises, measured on the built site in Chromium: for every single-connection lesson,
 * at every step, on a 1280x720 screen, on a projector in presentation mode and on a 390x844 phone,
 * both states, the current moment of the diagram and the timeline are on the first screen without
 * scrolling; no two labels in the diagram overlap and no arrow crosses a label; nothing is wider
 * than the screen; in presentation mode no text on the stage is under 22 px. The embed's height is
 * the same at its first and last step. Geometry is read from getBoundingClientRect, as a user sees it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { SITE_CONFIGS } from '../../scripts/browser';
import { launchChromium, withBuiltSite } from './harness';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';

const site = withBuiltSite(SITE_CONFIGS);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const LESSONS = SCENARIOS.filter((s) => !s.fleet).map((s) => s.id);
/** Lessons of one connection (one connect()): the ones that must fit whole at 1280x720. */
const SINGLE = SCENARIOS.filter((s) => !s.fleet && s.script.steps.filter((x) => 'call' in x && x.call === 'connect').length <= 1).map((s) => s.id);

interface Screen {
  name: string;
  width: number;
  height: number;
  present: boolean;
  /** Whether the application's calls must be on the first screen too (they are hidden in a lesson's presentation). */
  calls: boolean;
}

const SCREENS: Screen[] = [
  { name: '1280x720', width: 1280, height: 720, present: false, calls: true },
  { name: 'presentation 1280x720', width: 1280, height: 720, present: true, calls: false },
  { name: 'phone 390x844', width: 390, height: 844, present: false, calls: true },
];

/** Everything wrong with what the page shows now, as readable lines (empty when all is well). */
function problems(page: Page, o: { calls: boolean; present: boolean }): Promise<string[]> {
  return page.evaluate(({ calls, present }) => {
    const out: string[] = [];
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const onScreen = (what: string, el: Element | null) => {
      if (!el) return void out.push(`${what}: missing`);
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return void out.push(`${what}: not shown`);
      if (r.left < -0.5 || r.top < -0.5 || r.right > vw + 0.5 || r.bottom > vh + 0.5)
        out.push(`${what}: at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}, outside ${vw}x${vh}`);
    };
    if (document.documentElement.scrollWidth > vw) out.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    if (window.scrollY !== 0) out.push(`the page is scrolled to ${window.scrollY}`);
    for (const who of ['client', 'server']) {
      onScreen(`${who}'s state`, document.querySelector(`.head.${who} .state .rfc`));
      if (calls) onScreen(`${who}'s calls`, document.querySelector(`.head.${who} .calls`));
    }
    for (const b of document.querySelectorAll('.timeline button')) onScreen(`timeline button ${b.getAttribute('aria-label') ?? b.textContent?.trim()}`, b);
    // The current moment: the now line, inside the diagram's visible box.
    const scroller = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
    const now = document.querySelector('.diagram-layers .now-line')!.getBoundingClientRect();
    if (now.top < scroller.top - 1 || now.bottom > scroller.bottom + 1)
      out.push(`now line at ${Math.round(now.top)}, outside the diagram's box ${Math.round(scroller.top)}–${Math.round(scroller.bottom)}`);
    onScreen('the diagram', document.querySelector('.diagram-scroll'));
    // Labels: no two overlap, no arrow crosses one.
    // Both drawings: the settled marks and, above them, what moves (same size, same place).
    const svg = document.querySelector('.diagram-layers')!;
    const origin = document.querySelector('svg.sequence')!.getBoundingClientRect();
    const labels = [...svg.querySelectorAll<SVGTextElement>('text.segment-label')]
      .filter((l) => getComputedStyle(l).visibility === 'visible')
      .map((l) => {
        const r = l.getBoundingClientRect();
        // Glyph boxes include the line's leading; 1 px inside is what ink there is.
        return { text: l.textContent, x: r.left - origin.left + 1, y: r.top - origin.top + 1, w: r.width - 2, h: r.height - 2 };
      });
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i]!, labels[j]!];
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`labels overlap: "${a.text}" and "${b.text}"`);
      }
    const crosses = (x1: number, y1: number, x2: number, y2: number, b: { x: number; y: number; w: number; h: number }) => {
      let t0 = 0;
      let t1 = 1;
      const dx = x2 - x1;
      const dy = y2 - y1;
      for (const [p, q] of [
        [-dx, x1 - b.x],
        [dx, b.x + b.w - x1],
        [-dy, y1 - b.y],
        [dy, b.y + b.h - y1],
      ] as const) {
        if (p === 0) {
          if (q <= 0) return false;
          continue;
        }
        const r = q / p;
        if (p < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
        if (t0 >= t1) return false;
      }
      return true;
    };
    for (const line of svg.querySelectorAll<SVGLineElement>('g.segment line')) {
      const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)));
      for (const l of labels) if (crosses(x1!, y1!, x2!, y2!, l)) out.push(`an arrow crosses the label "${l.text}"`);
    }
    // Each state chip stands where its state was entered (data-at, the y of that moment): pushed
    // down only by chips entered at the same moment on the same side, never past a silence.
    const chipsBySide = new Map<string, SVGGElement[]>();
    for (const g of document.querySelectorAll<SVGGElement>('svg.sequence g.state-mark')) {
      const side = g.classList.contains('client') ? 'client' : 'server';
      chipsBySide.set(side, [...(chipsBySide.get(side) ?? []), g]);
    }
    for (const chips of chipsBySide.values()) {
      let stack = 0;
      let lastAt = -Infinity;
      for (const g of chips) {
        const at = Number(g.getAttribute('data-at'));
        const rect = g.querySelector('rect')!;
        const [y, h] = [Number(rect.getAttribute('y')), Number(rect.getAttribute('height'))];
        stack = at - lastAt < h ? stack + 1 : 0;
        lastAt = at;
        if (Math.abs(y + h / 2 - at) > (stack + 1) * (h + 2)) out.push(`the chip "${g.textContent}" stands ${Math.round(y + h / 2 - at)} px from its moment`);
      }
    }
    if (present) {
      const texts = [
        ...svg.querySelectorAll('text'),
        ...document.querySelectorAll('.narration-lines > p[data-current="true"]'),
        ...document.querySelectorAll('.head .state .rfc'),
      ];
      for (const t of texts) {
        if (!t.textContent?.trim() || getComputedStyle(t).visibility !== 'visible' || getComputedStyle(t).display === 'none') continue;
        const size = parseFloat(getComputedStyle(t).fontSize);
        if (size < 22) out.push(`"${t.textContent.slice(0, 30)}" is ${size} px`);
      }
    }
    return out;
  }, o);
}

/** Step through a whole lesson with the → key, collecting what is wrong at each step. */
async function walk(page: Page, o: { calls: boolean; present: boolean }): Promise<string[]> {
  const found: string[] = [];
  const forward = page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Step forward', exact: true });
  for (let step = 0; step < 80; step++) {
    // The drawing follows the session within a frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    for (const p of await problems(page, o)) found.push(`step ${step}: ${p}`);
    if (!(await forward.isEnabled())) break;
    await page.keyboard.press('ArrowRight');
  }
  return found;
}

describe('the stage, measured', () => {
  for (const screen of SCREENS) {
    it.each(LESSONS)(`${screen.name}: %s, at every step`, async (id) => {
      const page = await browser.newPage({ viewport: { width: screen.width, height: screen.height }, locale: 'en-US' });
      await page.goto(`${site.origin}/?scenario=${id}&lang=en${screen.present ? '&present=1' : ''}`);
      await page.locator('svg.sequence').waitFor();
      expect(await walk(page, screen)).toEqual([]);
      await page.close();
    });
  }

  it('some lessons are of one connection, some of more', () => {
    expect(SINGLE.length).toBeGreaterThan(8);
    expect(SINGLE.length).toBeLessThan(LESSONS.length);
  });

  it.each(SINGLE)('1280x720: %s fits whole in the diagram, without scrolling it', async (id) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${site.origin}/?scenario=${id}&lang=en`);
    await page.locator('svg.sequence').waitFor();
    await page.waitForTimeout(100);
    expect(await page.locator('svg.sequence').getAttribute('data-fits')).toBe('true');
    await page.close();
  });

  it('at the end of four-way-close, all four closing segments are in view', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
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
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${site.origin}/?scenario=${id}&lang=en&present=1`);
    await page.locator('.pileup canvas').waitFor();
    const clock = page.locator('.pileup output.clock');
    for (let i = 0; i <= 12; i++) {
      const bottom = await page.evaluate(() => document.querySelector('.pileup')!.getBoundingClientRect().bottom);
      expect(bottom, `after ${i} Page Down`).toBeLessThanOrEqual(720);
      await page.keyboard.press('PageDown');
    }
    // Page Down moved its time: ten seconds a press, to the end.
    expect(await clock.textContent()).toBe('120.0 s');
    await page.close();
  });
});

describe('the embed, measured', () => {
  it.each(['three-way-handshake', 'four-way-close', 'fin-wait-2-timeout', 'syn-lost'])(
    '700 px wide: %s keeps one height from its first step to its last, and the handshake and the close fit 600 px whole',
    async (id) => {
      const page = await browser.newPage({ viewport: { width: 700, height: 600 }, locale: 'en-US' });
      await page.goto(`${site.origin}/embed.html?scenario=${id}&lang=en&theme=dark&controls=minimal`);
      await page.locator('svg.sequence').waitFor();
      const height = () => page.evaluate(() => Math.ceil(document.querySelector('main')!.getBoundingClientRect().height));
      const first = await height();
      const forward = page.getByRole('button', { name: 'Step forward', exact: true });
      const problemsSeen: string[] = [];
      for (let i = 0; i < 80 && (await forward.isEnabled()); i++) {
        await forward.click();
        for (const p of await problems(page, { calls: false, present: false }))
          if (!p.startsWith('timeline') && !p.includes("'s state")) problemsSeen.push(`step ${i}: ${p}`);
        expect(await height(), `after step ${i + 1}`).toBe(first);
      }
      expect(problemsSeen).toEqual([]);
      // It ends on the lesson's takeaway.
      expect(await page.locator('.takeaway[data-current="true"]').isVisible()).toBe(true);
      if (id === 'three-way-handshake' || id === 'four-way-close') {
        expect(first).toBeLessThanOrEqual(600);
        expect(await page.locator('svg.sequence').getAttribute('data-fits')).toBe('true');
      }
      await page.close();
    },
  );
});
