/**
 * The three animated pages the frame parts of `npm run bench` compare (bench/frame-cost.ts,
 * bench/late-frames.ts): the app and the embed playing the four-way-close lesson at 1x, and a
 * ProtoViz-like floor (bench/protoviz-floor.html, served by the same static host). Also what
 * those parts need to run on their own: a build, the host and Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { SITE_CONFIGS, buildProduction, launchChromium, removeBuild, serveStatic } from '../scripts/browser';

/** Where the floor page is served, next to the built site. */
export const FLOOR_PATH = '/protoviz-floor.html';

/** The extra pages to hand serveStatic alongside the site. */
export const benchPages = (): Record<string, string> => ({ [FLOOR_PATH]: readFileSync(new URL('./protoviz-floor.html', import.meta.url), 'utf8') });

export interface AnimatedPage {
  readonly name: string;
  /** Open it at 1280x720, ready; `start` sets the animation going. */
  open(browser: Browser, origin: string): Promise<{ page: Page; start: () => Promise<void> }>;
}

const lesson = (name: string, path: string): AnimatedPage => ({
  name,
  async open(browser, origin) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${origin}${path}`);
    await page.locator('svg.sequence').waitFor();
    // Pressing Play, as the existing autoplay bench does: the recording then starts at simulated
    // 0 s in both the app and the embed. (embed.html's autoplay=1 would start playing as the page
    // mounts, before the trace can be started, so the two windows would not cover the same part.)
    const start = () => page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Play', exact: true }).click();
    return { page, start };
  },
});

export const APP = lesson('app (?scenario=four-way-close)', '/?scenario=four-way-close');
export const EMBED = lesson('embed.html (four-way-close, controls=full)', '/embed.html?scenario=four-way-close&controls=full');
export const FLOOR: AnimatedPage = {
  name: 'ProtoViz-like floor (bench/protoviz-floor.html)',
  async open(browser, origin) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${origin}${FLOOR_PATH}`);
    await page.locator('svg.sequence').waitFor();
    // It animates from the moment it loads.
    return { page, start: async () => {} };
  },
};

export const ANIMATED: readonly AnimatedPage[] = [APP, EMBED, FLOOR];

/**
 * Run a browser part on its own (`npx tsx bench/frame-cost.ts`): build the site (or use the
 * built one in BENCH_SITE), serve it with the floor page, launch Chromium, then clean up.
 */
export async function standalone(body: (browser: Browser, origin: string) => Promise<void>): Promise<void> {
  const prebuilt = process.env.BENCH_SITE;
  const site = prebuilt ?? (await buildProduction(SITE_CONFIGS));
  const host = await serveStatic(site, benchPages());
  const browser = await launchChromium();
  // A fresh browser is busy for a moment with a renderer of its own: let it settle first (in
  // `npm run bench` these parts come after others, on a settled browser).
  await new Promise((resolve) => setTimeout(resolve, 3000));
  try {
    await body(browser, host.origin);
  } finally {
    await browser.close();
    host.server.close();
    if (!prebuilt) removeBuild(site);
  }
}
