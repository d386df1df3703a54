/**
 * Issue 24, on the page: a capture that saw one direction only (Zeek's tcp/missing-syn.pcap, the
 * server's side kept) opens on the stage with the client's segments inferred, drawn dotted and
 * labelled as inferred, and both ends reach the states Zeek gives; the list says so in "What
 * stands out".
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const ONE_SIDED = readFileSync(new URL('../fixtures/zeek-infer/missing-syn.server-only.pcap', import.meta.url));

const state = (page: Page, side: 'client' | 'server') => page.locator(`.head.${side} .state`).textContent();

describe('a one-sided capture on the stage', () => {
  it('draws the unseen side’s segments dotted and labelled “inferred”, the seen side’s solid, and reaches TIME-WAIT and CLOSED', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'missing-syn.server-only.pcap', ONE_SIDED);
    const row = page.locator('table.connections tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    await row.first().getByRole('button', { name: 'Open' }).click();
    await page.locator('.capture-bar').waitFor();
    for (let i = 0; i < 80 && (await state(page, 'client')) !== 'TIME-WAIT'; i++) await page.keyboard.press('ArrowRight');
    expect(await state(page, 'client')).toBe('TIME-WAIT');
    for (let i = 0; i < 10 && (await state(page, 'server')) !== 'CLOSED'; i++) await page.keyboard.press('ArrowRight');
    expect(await state(page, 'server')).toBe('CLOSED');
    // Every inferred segment is the client's, dotted (its own dash pattern), and says so where its label fits.
    const inferred = page.locator('svg.sequence .segment.assumed');
    expect(await inferred.count()).toBeGreaterThan(3);
    expect(await page.locator('svg.sequence .segment.assumed.from-server').count()).toBe(0);
    expect(await page.locator('svg.sequence .segment.from-server:not(.assumed)').count()).toBeGreaterThan(3);
    const dash = await inferred
      .first()
      .locator('line')
      .evaluate((l) => getComputedStyle(l).strokeDasharray);
    const solid = await page
      .locator('svg.sequence .segment.from-server:not(.assumed):not(.retransmission) line')
      .first()
      .evaluate((l) => getComputedStyle(l).strokeDasharray);
    expect(dash).not.toBe('none');
    expect(solid).toBe('none');
    const labels = await inferred.locator('.segment-label').allTextContents();
    expect(labels.some((t) => t.endsWith('(inferred)'))).toBe(true);
    // What stands out names it.
    await page.getByRole('button', { name: /What stands out/ }).click();
    await expect.poll(() => page.locator('body').textContent()).toContain('The capture saw only one direction');
    await page.close();
  });
});
