/**
 * What the stage tests measure (tests/e2e/stage*.test.ts): a page's problems at one moment, read
 * from getBoundingClientRect as a user sees it, and a walk through a whole run collecting them.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { lineCrossesBox, overlaps } from '../../src/ui/diagramGeometry';
import { SITE_CONFIGS } from '../../scripts/browser';
import { withBuiltSite, withChromium } from './harness';

/** The two-endpoint lessons (a pile-up has a stage of its own). */
export const LESSONS = SCENARIOS.filter((s) => !s.fleet).map((s) => s.id);

export interface Screen {
  name: string;
  width: number;
  height: number;
  present: boolean;
  /** Whether the application's calls must be on the first screen too (they are hidden in a lesson's presentation). */
  calls: boolean;
}

export const SCREENS: Screen[] = [
  { name: '1280x720', width: 1280, height: 720, present: false, calls: true },
  { name: 'presentation 1280x720', width: 1280, height: 720, present: true, calls: false },
  { name: '1920x1080', width: 1920, height: 1080, present: false, calls: true },
  { name: 'phone 390x844', width: 390, height: 844, present: false, calls: true },
];

/** Everything wrong with what the page shows now, as readable lines (empty when all is well). */
export async function problems(page: Page, o: { calls: boolean; present: boolean }): Promise<{ out: string[]; around: string; more: boolean }> {
  const { out, around, more, labels, arrows, chips, lines } = await page.evaluate(async ({ calls, present }) => {
    // The drawing follows the session within a frame.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const out: string[] = [];
    // Where the diagram and what is around it stand, as one line: it must read the same at every step.
    const around = ['.narration', '.narration-lines', '.stage', '.stage-heads', '.diagram-scroll', '.timeline']
      .map((sel) => {
        const el = document.querySelector(sel);
        if (!el) return '';
        const r = el.getBoundingClientRect();
        return `${sel} ${Math.round(r.top + window.scrollY)}+${Math.round(r.height)}`;
      })
      .filter(Boolean)
      .join(', ');
    const more = !(document.querySelector<HTMLButtonElement>('.timeline button.step-forward')?.disabled ?? true);
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
    // The run's first segment: its whole arrow inside the diagram's visible box (never scrolled or folded away).
    const firstLine = document.querySelector('.diagram-layers g.segment line');
    if (firstLine) {
      const r = firstLine.getBoundingClientRect();
      if (r.top < scroller.top - 1 || r.bottom > scroller.bottom + 1)
        out.push(
          `the first segment at ${Math.round(r.top)}–${Math.round(r.bottom)}, outside the diagram's box ${Math.round(scroller.top)}–${Math.round(scroller.bottom)}`,
        );
    }
    if (document.querySelector('.diagram-scroll')!.scrollTop !== 0)
      out.push(`the diagram is scrolled to ${document.querySelector('.diagram-scroll')!.scrollTop}`);
    // The wire's lane buttons stand above the diagram, not over its top edge.
    for (const lane of document.querySelectorAll('.lanes')) {
      const r = lane.getBoundingClientRect();
      if (r.height > 0 && r.bottom > scroller.top + 0.5)
        out.push(`the lane buttons reach ${Math.round(r.bottom)}, below the diagram's top ${Math.round(scroller.top)}`);
    }
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
    // Their geometry is checked outside the page, with the diagram's own tests (src/ui/diagramGeometry.ts).
    const lineOf = (line: SVGLineElement) => {
      const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(line.getAttribute(a)));
      return { x1: x1!, y1: y1!, x2: x2!, y2: y2!, kind: line.classList.contains('lifeline') ? 'lifeline' : 'line' };
    };
    const arrows = [...svg.querySelectorAll<SVGLineElement>('g.segment line')].map(lineOf);
    const drawingWidth = Number(document.querySelector('svg.sequence')!.getAttribute('width'));
    const chips = [...document.querySelectorAll<SVGGElement>('svg.sequence g.state-mark')].map((g) => {
      const r = g.querySelector('rect')!;
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)));
      return { text: g.textContent, x: x! + 0.5, y: y! + 0.5, w: w! - 1, h: h! - 1 };
    });
    for (const c of chips) if (c.x < 0 || c.x + c.w > drawingWidth) out.push(`the chip "${c.text}" is cut at the drawing's edge`);
    const lines = [...svg.querySelectorAll<SVGLineElement>('g.segment line, line.lifeline')].map(lineOf);
    // A folded run's band: no label over it.
    for (const band of svg.querySelectorAll('g.fold rect')) {
      const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(band.getAttribute(a)));
      for (const l of labels) if (l.y < y! + h! && y! < l.y + l.h && l.x < x! + w! && x! < l.x + l.w) out.push(`the label "${l.text}" is over the fold`);
    }
    // Each state chip stands where its state was entered (data-at, the y of that moment), pushed
    // down only as far as the chip before it on its side (or a folded run's band) makes it.
    const foldRect = svg.querySelector('g.fold rect');
    const fold = foldRect
      ? { top: Number(foldRect.getAttribute('y')), bottom: Number(foldRect.getAttribute('y')) + Number(foldRect.getAttribute('height')) }
      : null;
    for (const side of ['client', 'server']) {
      let floor = -Infinity;
      for (const g of document.querySelectorAll<SVGGElement>(`svg.sequence g.state-mark.${side}`)) {
        const rect = g.querySelector('rect')!;
        const [y, h] = [Number(rect.getAttribute('y')), Number(rect.getAttribute('height'))];
        let expected = Math.max(Number(g.getAttribute('data-at')) - h / 2, floor);
        if (fold && expected < fold.bottom && expected + h > fold.top) expected = fold.bottom + 2;
        if (Math.abs(y - expected) > 1.5) out.push(`the chip "${g.textContent}" stands ${Math.round(y - expected)} px from where its moment puts it`);
        floor = y + h + 2;
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
    return { out, around, more, labels, arrows, chips, lines };
  }, o);
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) if (overlaps(labels[i]!, labels[j]!)) out.push(`labels overlap: "${labels[i]!.text}" and "${labels[j]!.text}"`);
  for (const a of arrows) for (const l of labels) if (lineCrossesBox(a.x1, a.y1, a.x2, a.y2, l)) out.push(`an arrow crosses the label "${l.text}"`);
  for (const c of chips) for (const l of lines) if (lineCrossesBox(l.x1, l.y1, l.x2, l.y2, c)) out.push(`a ${l.kind} crosses the chip "${c.text}"`);
  return { out, around, more };
}

/**
 * Step through a whole run (the → key in the app, the Step forward button in an embed, which has no
 * keys of its own), collecting what is wrong at each step, and whether anything around the diagram moved.
 */
export async function walk(page: Page, o: { calls: boolean; present: boolean; embed?: boolean; ignore?: (p: string) => boolean }): Promise<string[]> {
  const found: string[] = [];
  let first: string | null = null;
  for (let step = 0; step < 80; step++) {
    const { out, around, more } = await problems(page, { calls: o.calls, present: o.present });
    for (const p of out) if (!o.ignore?.(p)) found.push(`step ${step}: ${p}`);
    first ??= around;
    if (around !== first) found.push(`step ${step}: around the diagram, ${around} (at the start: ${first})`);
    if (!more) break;
    // An embed's frame is as tall as its page: the host, not the reader, scrolls it; the button is pressed where it is.
    if (o.embed) await page.evaluate(() => document.querySelector<HTMLButtonElement>('.timeline button.step-forward')!.click());
    else await page.keyboard.press('ArrowRight');
  }
  return found;
}

/** Every lesson walked step by step on each of `screens`, each on a fresh page of the built site. */
export function walkEveryLesson(screens: readonly Screen[]): void {
  const site = withBuiltSite(SITE_CONFIGS);
  const chromium = withChromium();
  describe('the stage, measured', () => {
    for (const screen of screens) {
      it.each(LESSONS)(`${screen.name}: %s, at every step`, async (id) => {
        const page = await chromium.browser.newPage({ viewport: { width: screen.width, height: screen.height }, locale: 'en-US' });
        await page.goto(`${site.origin}/?scenario=${id}&lang=en${screen.present ? '&present=1' : ''}`);
        await page.locator('svg.sequence').waitFor();
        expect(await walk(page, screen)).toEqual([]);
        await page.close();
      });
    }
  });
}
