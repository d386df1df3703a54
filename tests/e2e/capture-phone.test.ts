/**
 * The capture X-ray on a phone, as a reviewer met it: on a 390x844 screen the list is one long
 * page; a connection opened from far down it must come into view (not the panels that lay below the
 * list), and Back returns to where the list was. A client address followed by "?" says why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { synFlood } from '../../tools/captures/shapes';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();

describe('the capture X-ray on a phone', () => {
  it('a connection opened from far down the list is in view; Back returns to the same place in the list', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US', isMobile: true, hasTouch: true });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'flood.pcap', synFlood(300));
    await expect.poll(() => page.locator('.capture-status').textContent(), { timeout: 60_000 }).toContain('300 TCP connections');
    // Down the list, as a thumb scrolls it, to some row well below the first screen.
    // The page's workspace is what scrolls on a phone.
    const scrollTop = () => page.locator('.workspace').evaluate((el) => el.scrollTop);
    await page.locator('.workspace').evaluate((el) => el.scrollTo(0, 2500));
    const scrolled = await scrollTop();
    expect(scrolled).toBeGreaterThan(844);
    // The first row wholly on screen there (the list draws only the rows in view, so wait for them).
    const onScreen = () =>
      page.evaluate(() => {
        const rows = [...document.querySelectorAll('table.connections tbody tr:not(.spacer)')];
        return rows.findIndex((r) => {
          const b = r.getBoundingClientRect();
          return b.top >= 0 && b.bottom <= window.innerHeight;
        });
      });
    await expect.poll(onScreen).toBeGreaterThanOrEqual(0);
    const row = page.locator('table.connections tbody tr:not(.spacer)').nth(await onScreen());
    const client = await row.locator('td.client').textContent();
    // The card says what the columns it has no room for say (their sort buttons are above it), each named.
    expect(await row.locator('td.size').isVisible()).toBe(true);
    expect(await row.locator('td.size').textContent()).toMatch(/^Duration [\d.]+ m?s · Segments \d+ · Bytes \d+ \/ \d+$/);
    expect(await row.locator('td.segs').isVisible()).toBe(false);
    await row.getByRole('button', { name: 'Open' }).tap();
    const bar = page.locator('.capture-bar');
    await bar.waitFor();
    // The connection's bar is on screen, its top inside the viewport.
    await expect.poll(async () => (await bar.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    expect((await bar.boundingBox())!.y).toBeLessThan(844);
    expect(await bar.textContent()).toContain(client!.replace('?', ''));
    // Back: the list, where it was, with the same row on screen.
    await bar.getByRole('button', { name: /All connections/ }).tap();
    await expect.poll(scrollTop).toBe(scrolled);
    const box = (await page.locator('table.connections tbody tr:not(.spacer) td.client', { hasText: client! }).first().boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    await page.close();
  }, 120_000);

  it('IPv6 addresses break across lines at 1280 px, so that the verdict, the ends and Open stay on screen', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'ftp-ipv6.pcap', new Uint8Array(readFileSync(new URL('../fixtures/zeek/ftp-ipv6.pcap', import.meta.url))));
    const open = page.locator('table.connections tbody tr:not(.spacer)').first().getByRole('button', { name: 'Open' });
    await open.waitFor({ timeout: 60_000 });
    expect(await page.locator('.connections-scroll').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    expect((await open.boundingBox())!.x + (await open.boundingBox())!.width).toBeLessThanOrEqual(1280);
    // The verdict's words are not one to a line.
    const verdict = (await page.locator('table.connections tbody tr:not(.spacer) td.verdict').first().boundingBox())!;
    expect(verdict.width).toBeGreaterThan(150);
    await page.close();
  });

  it('a client whose side is guessed (no SYN in the capture) says so in words', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'missing-syn.pcap', new Uint8Array(readFileSync(new URL('../fixtures/zeek/tcp-missing-syn.pcap', import.meta.url))));
    const mark = page.locator('table.connections td.client abbr.guessed').first();
    await mark.waitFor({ timeout: 60_000 });
    expect(await mark.getAttribute('title')).toBe('Guessed: the capture holds no SYN, so which end opened the connection is inferred');
    await page.close();
  }, 60_000);

  it('a file that joins captures years apart: a late connection starts in days and h:mm:ss, and opens near 0 s on the stage', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    // Zeek's smtp.pcap: its last connections start 183,109,0xx s (about 2,119 days) after its first packet.
    await drop(page, 'smtp.pcap', new Uint8Array(readFileSync(new URL('../fixtures/zeek/smtp.pcap', import.meta.url))));
    await page.locator('table.connections').waitFor({ timeout: 60_000 });
    // Latest first.
    const start = page.locator('table.connections th', { has: page.getByRole('button', { name: /^Start/ }) });
    while ((await start.getAttribute('aria-sort')) !== 'descending') await start.getByRole('button').click();
    const first = page.locator('table.connections tbody tr:not(.spacer)').first();
    await expect.poll(() => first.locator('td.start').textContent()).toMatch(/^2,119 d \d{1,2}:\d\d:\d\d$/);
    await first.getByRole('button', { name: 'Open' }).click();
    await page.locator('.capture-bar').waitFor();
    // The stage's clock starts at the connection: its end is seconds in, not years.
    // The slider spans the connection's run (ms): seconds, not years.
    await expect.poll(async () => Number(await page.locator('input.scrub').getAttribute('max'))).toBeGreaterThan(0);
    expect(Number(await page.locator('input.scrub').getAttribute('max'))).toBeLessThan(600_000);
    const clock = Number((await page.locator('output.clock').textContent())!.replace(/[^\d.]/g, ''));
    expect(clock).toBeLessThan(600);
    await page.close();
  }, 60_000);
});
