/**
 * A run too long for its box, as an instructor steps through it on a projector (presentation,
 * 1280x720, the → key) and a student on a phone: the fold hides only what must go, so "now" stays
 * near the box's bottom instead of leaving it empty; the fold, once made, begins at the same place
 * at every later step; no arrow crosses the band's words; and the FIN that the lesson is about
 * stays in view. Measured on the built site with getBoundingClientRect.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SITE_CONFIGS } from '../../scripts/browser';
import { withBuiltSite, withChromium } from './harness';

const site = withBuiltSite(SITE_CONFIGS);
const chromium = withChromium();

interface Seen {
  /** How far the now line is above the box's bottom. */
  room: number;
  /** The fold's band (top, in the drawing), if there is one, and what it says. */
  fold: { top: number; text: string } | null;
  /** Arrows drawn across the band's words. */
  crossing: string[];
  /** The first FIN's arrow: whether it is in the box. */
  firstFin: boolean | null;
}

function look(page: Page): Promise<Seen> {
  return page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
    const now = document.querySelector('.diagram-layers .now-line')!.getBoundingClientRect();
    const origin = document.querySelector('svg.sequence')!.getBoundingClientRect();
    const band = document.querySelector('g.fold rect');
    const words = document.querySelector('g.fold text');
    const crossing: string[] = [];
    if (words) {
      const w = words.getBoundingClientRect();
      for (const g of document.querySelectorAll('.diagram-layers g.segment')) {
        const line = g.querySelector('line')!;
        const r = line.getBoundingClientRect();
        if (r.height === 0 && r.width === 0) continue;
        const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)) + (a[0] === 'x' ? origin.left : origin.top));
        // Where the line is at the words' height, if it spans it.
        const mid = w.top + w.height / 2;
        if ((y1! - mid) * (y2! - mid) < 0) {
          const x = x1! + ((x2! - x1!) * (mid - y1!)) / (y2! - y1!);
          if (x > w.left && x < w.right) crossing.push(g.getAttribute('data-flags') ?? '?');
        }
      }
    }
    const fin = [...document.querySelectorAll('.diagram-layers g.segment.from-client')].find((g) => g.getAttribute('data-flags')?.includes('FIN'));
    const finBox = fin?.querySelector('line')?.getBoundingClientRect();
    return {
      room: box.bottom - now.bottom,
      fold: band ? { top: Number(band.getAttribute('y')), text: words?.textContent ?? '' } : null,
      crossing,
      firstFin: finBox ? finBox.top >= box.top - 1 && finBox.bottom <= box.bottom + 1 : null,
    };
  });
}

describe('a long run folded to fit', () => {
  for (const { name, scenario, path, width, height } of [
    { name: 'presentation 1280x720', scenario: 'fin-wait-2-timeout', path: '&present=1', width: 1280, height: 720 },
    { name: 'phone 390x844', scenario: 'fin-wait-2-timeout', path: '', width: 390, height: 844 },
    { name: 'presentation 1280x720', scenario: 'zero-window', path: '&present=1', width: 1280, height: 720 },
  ]) {
    const fin = scenario === 'fin-wait-2-timeout';
    it(`${name}: ${scenario}, stepped to its end, folds only the overflow, in one place${fin ? ", and keeps the client's first FIN in view" : ''}`, async () => {
      const page = await chromium.browser.newPage({ viewport: { width, height }, locale: 'en-US' });
      await page.goto(`${site.origin}/?scenario=${scenario}&lang=en${path}`);
      await page.locator('svg.sequence').waitFor();
      const steps: Seen[] = [];
      for (let i = 0; i < 40; i++) {
        steps.push(await look(page));
        if (await page.locator('.timeline button.step-forward').isDisabled()) break;
        await page.keyboard.press('ArrowRight');
      }
      const folded = steps.filter((s) => s.fold);
      // The run is too long for the box: it is folded by its end, and says so.
      expect(folded.length).toBeGreaterThan(0);
      expect(folded.at(-1)!.fold!.text).toMatch(/folded to fit/);
      for (const s of folded) {
        // Folded: now is near the box's bottom, not above an empty stretch (a chip's height at most).
        expect(s.room, JSON.stringify(s)).toBeLessThan(height > 800 ? 60 : 80);
        expect(s.crossing, JSON.stringify(s)).toEqual([]);
      }
      // On a phone the wire's two lanes share one row: the diagram under them gets the other's height.
      if (width < 500)
        expect(await page.evaluate(() => new Set([...document.querySelectorAll('.lane')].map((l) => Math.round(l.getBoundingClientRect().top))).size)).toBe(1);
      // Once made, the fold stays where it began.
      expect(new Set(folded.map((s) => Math.round(s.fold!.top))).size).toBe(1);
      // The FIN that put the client in FIN-WAIT-2, at the end.
      if (fin) expect(steps.at(-1)!.firstFin).toBe(true);
      // How the first connection ended (its FIN-WAIT-2 timer, the server's reset), folded away: the
      // band says a tap shows it all, and a tap on it does.
      if (fin) {
        expect(folded.at(-1)!.fold!.text).toMatch(/show all/);
        await page.locator('g.fold').click();
        const shown = await page.evaluate(async () => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const box = document.querySelector('.diagram-scroll')!.getBoundingClientRect();
          const inBox = (el: Element | null | undefined) => {
            const r = el?.getBoundingClientRect();
            return !!r && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
          };
          const timer = [...document.querySelectorAll('g.state-mark')].find((g) => g.textContent?.includes('timer 6 s'));
          const reset = [...document.querySelectorAll('.diagram-layers g.segment')].find((g) => g.getAttribute('data-flags')?.includes('RST'));
          return { timer: inBox(timer), reset: inBox(reset?.querySelector('line')) };
        });
        expect(shown).toEqual({ timer: true, reset: true });
      }
      await page.close();
    });
  }
});
