/**
 * npm run bench (late-frames part), or on its own: `npx tsx bench/late-frames.ts` (BENCH_SITE=<dir>
 * reuses a built site; LATE_FRAMES_SECONDS changes the 8 s).
 *
 * Late frames under 4x CPU throttling (the DevTools protocol's Emulation.setCPUThrottlingRate),
 * for the app and the embed playing the four-way-close lesson at 1x and for the ProtoViz-like
 * floor, one after the other in the same browser. A frame is late as bench/browser.ts counts it:
 * its requestAnimationFrame timestamp came more than 1.5 refresh intervals (25 ms) after the one
 * before, so it missed a 16.7 ms refresh. The percentage is of the frames that followed another
 * one (the gaps between timestamps), so a page that skips every other refresh reads 100%.
 */
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { recordFrames, type Frames } from './browser';
import { ANIMATED, standalone, type AnimatedPage } from './pages';

const SECONDS = Number(process.env.LATE_FRAMES_SECONDS ?? 8);
export const THROTTLE = 4;

export interface LateFrames extends Frames {
  readonly page: AnimatedPage;
  /** Late frames as a percentage of the gaps between frames. */
  readonly latePercent: number;
}

export async function lateFrames(browser: Browser, origin: string, pages: readonly AnimatedPage[] = ANIMATED, seconds = SECONDS): Promise<LateFrames[]> {
  const out: LateFrames[] = [];
  for (const target of pages) {
    const { page, start } = await target.open(browser, origin);
    const frames = await recordFrames(browser, page, seconds, THROTTLE, start);
    await page.close();
    out.push({ ...frames, page: target, latePercent: frames.frames > 1 ? (100 * frames.late) / (frames.frames - 1) : 0 });
  }
  return out;
}

/** The Markdown section bench/run.ts prints. */
export function lateFramesMarkdown(results: readonly LateFrames[], seconds = SECONDS): string {
  const lines = [
    `## Late frames under ${THROTTLE}x CPU throttling: four-way-close playing at 1x, ${seconds} s from the click on Play (1280x720)`,
    '',
    '| page | frames | fps | frames over 16.7 ms | % of frames over 16.7 ms | longest frame ms | longest task ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results)
    lines.push(
      `| ${r.page.name} | ${r.frames} | ${(r.frames / r.seconds).toFixed(1)} | ${r.late} | ${r.latePercent.toFixed(1)}% | ${r.longestFrameMs.toFixed(1)} | ${r.longestTaskMs.toFixed(1)} |`,
    );
  return lines.join('\n') + '\n';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await standalone(async (browser, origin) => console.log(lateFramesMarkdown(await lateFrames(browser, origin))));
}
