/**
 * Issue 24's light page, in Chromium: a capture of 100,000 connections is listed with only the
 * rows in view drawn, and the list stays usable (scrolling reveals later rows, the keyboard
 * reaches them); a connection with thousands of things that stand out draws only those in view
 * too. Counts of elements, never timings (those are in bench/capture.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pcapOf, resendingRun, synFlood } from '../../tools/captures/shapes';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

const drawnRows = (page: Page) => page.locator('table.connections tbody tr:not(.spacer)').count();
/** The client address of each row drawn, in order. */
const drawnClients = (page: Page) => page.locator('table.connections tbody tr:not(.spacer) td.client').allTextContents();

describe('the capture X-ray on a big capture', () => {
  it('100,000 connections: a bounded number of rows drawn; scrolling and the keyboard reach the last ones', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'flood.pcap', synFlood(100_000));
    await expect.poll(() => page.locator('.capture-status').textContent(), { timeout: 60_000 }).toContain('100,000 TCP connections');
    // Only the rows in view (and a few either side) are in the page.
    const first = await drawnRows(page);
    expect(first).toBeGreaterThan(5);
    expect(first).toBeLessThan(100);
    expect((await drawnClients(page))[0]).toBe('192.0.2.10:10000');
    // The table says how many rows it has, for a screen reader.
    expect(await page.locator('table.connections').getAttribute('aria-rowcount')).toBe('100001');

    // Scrolling to the end draws the last connection, on screen, and still only a window of rows.
    const scroller = await page.evaluateHandle(() => {
      for (let p = document.querySelector('table.connections')!.parentElement; p; p = p.parentElement)
        if (p.scrollHeight > p.clientHeight + 1 && /auto|scroll/.test(getComputedStyle(p).overflowY)) return p;
      return document.scrollingElement!;
    });
    // (As a reader drags the scrollbar to its end: the rows' room is estimated until they are drawn, so the end may move once.)
    await expect
      .poll(async () => {
        await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
        return (await drawnClients(page)).at(-1);
      })
      .toBe('192.0.2.11:59999');
    expect(await drawnRows(page)).toBeLessThan(100);
    const last = page.locator('table.connections tbody tr:not(.spacer)').last();
    const box = await last.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    expect(box!.y).toBeGreaterThan(0);

    // Back to the top; then the keyboard: Tab from one Open button to the next, well past the rows first drawn.
    await scroller.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(() => drawnClients(page).then((c) => c[0])).toBe('192.0.2.10:10000');
    await page.locator('table.connections tbody tr:not(.spacer)').first().getByRole('button', { name: 'Open' }).focus();
    for (let i = 0; i < first + 20; i++) await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const b = document.activeElement as HTMLElement;
      const row = b.closest('tr');
      const r = b.getBoundingClientRect();
      return { open: b.classList.contains('open-connection'), client: row?.querySelector('td.client')?.textContent, top: r.top, bottom: r.bottom };
    });
    expect(focused.open).toBe(true);
    // The connection first + 20 down the list, and it is on screen.
    expect(focused.client).toBe(`192.0.2.10:${10_000 + first + 20}`);
    expect(focused.top).toBeGreaterThanOrEqual(0);
    expect(focused.bottom).toBeLessThanOrEqual(720);
    expect(await drawnRows(page)).toBeLessThan(100);
    await page.close();
  }, 180_000);

  it('a connection of 4,000 segments, a third of them resent: what stands out draws only the items in view, and scrolls to its last', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    const wire = resendingRun(4000);
    await drop(page, 'resent.pcap', pcapOf(wire));
    await expect
      .poll(() => page.locator('.capture-status').textContent(), { timeout: 60_000 })
      .toContain(`${wire.length.toLocaleString('en-US')} packets, 1 TCP connection`);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.locator('.capture-bar').waitFor({ timeout: 60_000 });
    const toggle = page.getByRole('button', { name: /What stands out \(\d+\)/ });
    const count = Number((await toggle.textContent())!.match(/\((\d+)\)/)![1]);
    expect(count).toBeGreaterThan(1000);
    await toggle.click();
    const items = page.locator('ol.anomalies li:not(.spacer)');
    await expect.poll(() => items.count()).toBeGreaterThan(3);
    expect(await items.count()).toBeLessThan(100);
    // Scrolled to its end, the list draws its last item, in the list's box.
    // (As a reader drags the scrollbar to its end: the items' room is estimated until they are drawn, so the end may move.)
    // No room is left below the items drawn: the last one is among them.
    await expect
      .poll(() =>
        page.locator('ol.anomalies').evaluate((ol) => {
          ol.scrollTop = ol.scrollHeight;
          return ol.lastElementChild?.classList.contains('spacer') ?? true;
        }),
      )
      .toBe(false);
    const list = (await page.locator('ol.anomalies').boundingBox())!;
    const lastItem = (await items.last().boundingBox())!;
    expect(lastItem.y + lastItem.height).toBeLessThanOrEqual(list.y + list.height + 1);
    expect(await items.count()).toBeLessThan(100);
    // Its button still works: the stage moves to that moment.
    await items.last().getByRole('button').click();
    await expect.poll(() => page.locator('ol.anomalies').count()).toBe(0);
    await page.close();
  }, 180_000);
});
