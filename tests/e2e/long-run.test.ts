/**
 * Issue 13's links, in Chromium: each froze the tab before (a run that never settled, or one whose
 * every arrow was laid out). Now each opens, says what it shows, and answers the next click.
 */
import { describe, expect, it } from 'vitest';
import { encodeRun } from '../../src/player/shareLink';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

const open = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 0, endpoint: 'client', call: 'connect' },
] as const;

/** Three 1 MB sends at mss 100 (about 60,000 segments), as a link shared at `t` ms. */
const bulkLink = (t: number) =>
  encodeRun({
    config: { mss: 100 },
    steps: [...open, ...[100, 101, 102].map((at) => ({ at, endpoint: 'client' as const, call: 'send' as const, bytes: 1_000_000 }))],
    t,
  });

/** The clock's text, as a user reads it under the timeline. */
const clock = (page: import('playwright-core').Page) => page.locator('.clock-time').textContent();

describe('links that froze the tab', () => {
  it('three 1 MB sends at mss 100 (60,000 segments): the diagram draws the first 400, says so, and Play still plays', async () => {
    const link = bulkLink(0);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?run=${link}&lang=en`);
    await expect.poll(() => page.locator('.diagram-status').textContent()).toContain('the diagram draws its first 400 segments');
    expect(await page.locator('svg.sequence g.segment, svg.sequence .segment').count()).toBeLessThanOrEqual(400);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => clock(page)).not.toMatch(/^0\.000/);
    await page.close();
  });

  it('the same link shared at 1.9 s opens, works its way there between frames, and stands at 1.9 s', async () => {
    const link = bulkLink(1900);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?run=${link}&lang=en`);
    await expect.poll(() => clock(page), { timeout: 30_000 }).toMatch(/^1\.900/);
    expect(await page.locator('.diagram-status').textContent()).toContain('the diagram draws its first 400 segments');
    // The event log lists the newest entries and says how many it leaves out.
    expect(await page.locator('.panel.log li').count()).toBeLessThanOrEqual(301);
    await page.close();
  });

  it('an injected out-of-window ACK (answered for ever before the rate limit) opens and plays to its end', async () => {
    const link = encodeRun({
      config: {},
      steps: [...open, { at: 100, endpoint: 'client', segment: { flags: 'ACK', seq: 314344337, ack: 2527132012, len: 1 } as never }],
      t: 0,
    });
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}?run=${link}&lang=en`);
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('svg.sequence').getAttribute('data-fits')).not.toBeNull();
    expect(await page.locator('.diagram-status').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
