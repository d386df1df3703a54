/**
 * Issue 14's proof on the page, in Chromium: a capture dropped on the X-ray is listed; its
 * connection opens on the stage; stepping reaches the server's CLOSE-WAIT with its explanation;
 * what stands out jumps to its moment; and a call there forks the capture into the simulator.
 * Also: a pasted tcpdump text, a file that is not a capture, and a busy server's census.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { busyServerCapture } from '../../tools/captures/busy-server';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const CLOSE_WAIT = readFileSync(new URL('../fixtures/linux-pcap/close-wait-hang.pcap', import.meta.url));

const serverState = (page: Page) => page.locator('.head.server .state').textContent();
const clientState = (page: Page) => page.locator('.head.client .state').textContent();

describe('the capture X-ray', () => {
  it('a dropped capture is listed; its connection opens on the stage, steps to CLOSE-WAIT with the reason, and forks into the simulator', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?lang=en`);
    // A newcomer finds it in the lesson menu, after the lessons.
    await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Capture X-ray: open a .pcap or tcpdump text…' });
    await expect.poll(() => page.locator('.privacy').textContent()).toContain('Nothing leaves your browser');
    await drop(page, 'close-wait-hang.pcap', CLOSE_WAIT);
    await expect.poll(() => page.locator('.capture-status').textContent()).toContain('close-wait-hang.pcap: 7 packets, 1 TCP connection');
    const row = page.locator('table.connections tbody tr');
    expect(await row.count()).toBe(1);
    // The client's reset came after a FIN each way: Zeek's verdict stays SF (its rule, not an abort).
    expect(await row.first().textContent()).toContain('SF');
    // The end states arrive after the list.
    await expect.poll(() => row.first().locator('.ends').textContent()).toBe('CLOSED / CLOSED');

    await row.first().getByRole('button', { name: 'Open' }).click();
    await page.locator('.capture-bar').waitFor();
    expect(await page.locator('.capture-bar .addr').textContent()).toContain('127.0.0.1:40000 → 127.0.0.1:5000');
    // The stage takes the screen below the bar: both heads and the diagram, above the fold.
    // (The diagram's visible box: a drawing longer than it is folded as it plays, never scrolled.)
    const diagram = await page.locator('.diagram-scroll').boundingBox();
    expect(diagram!.y).toBeLessThan(400);
    expect(diagram!.y + diagram!.height).toBeLessThanOrEqual(720);
    // Step as a student does, with the arrow key, until the server sits in CLOSE-WAIT.
    for (let i = 0; i < 12 && (await serverState(page)) !== 'CLOSE-WAIT'; i++) await page.keyboard.press('ArrowRight');
    expect(await serverState(page)).toBe('CLOSE-WAIT');
    expect(await clientState(page)).toMatch(/FIN-WAIT-(1|2)/);
    // The narration says what happened; the "Why it happened" panel beside it says why (not the same sentence twice).
    expect(await page.locator('.narration [data-current="true"]').textContent()).toContain('CLOSE-WAIT');
    await expect.poll(() => page.getByRole('region', { name: 'Why it happened' }).textContent()).toContain('it waits for its own application to call close()');
    // What the packet said that the diagram does not draw: its window field and options.
    expect(await page.locator('.packet-line').textContent()).toMatch(/^In the capture, packet 4 \(FIN\+ACK\): window field \d+, timestamps \d+\/\d+$/);
    // Every segment drawn so far is the capture's (the handshake, the FIN): nothing of the model's own.
    expect(await page.locator('svg.sequence g.segment').count()).toBe(4);

    // What stands out: the CLOSE-WAIT that lasted 5 s, a button to its moment.
    await page.getByRole('button', { name: /What stands out \(3\)/ }).click();
    const item = page.locator('.anomalies button', { hasText: 'sat in CLOSE-WAIT for 5' });
    expect(await item.count()).toBe(1);
    await item.click();
    await expect.poll(() => serverState(page)).toBe('CLOSE-WAIT');
    expect(await page.locator('.clock-time').textContent()).toMatch(/^0\.30/);

    // Fork: the server's application closes now, which it never did in the capture.
    expect(await page.locator('.capture-note [data-shown="true"]').textContent()).toContain('forks the capture into the simulator');
    await page.locator('.head.server').getByRole('button', { name: 'close()', exact: true }).click();
    await expect.poll(() => page.locator('.capture-note [data-shown="true"]').textContent()).toContain('Forked');
    await expect.poll(() => serverState(page), { timeout: 10_000 }).toBe('LAST-ACK');
    for (let i = 0; i < 6 && (await serverState(page)) !== 'CLOSED'; i++) await page.keyboard.press('ArrowRight');
    expect(await serverState(page)).toBe('CLOSED');
    expect(await clientState(page)).toBe('TIME-WAIT');

    // Back to the list, which is still there.
    await page.getByRole('button', { name: /All connections/ }).click();
    expect(await page.locator('table.connections tbody tr').count()).toBe(1);
    // In presentation (P) the room reads the verdict's words under its code, as the normal view gives them.
    await page.keyboard.press('p');
    await page.locator('.app.present').waitFor();
    const meaning = row.first().locator('.meaning');
    expect(await meaning.isVisible()).toBe(true);
    // Zeek keeps SF when one end resets after both FINs (here the client, 5 s into the server's CLOSE-WAIT): the words say so.
    expect(await meaning.textContent()).toBe('opened and closed in order (a FIN each way); then a reset from the client');
    await page.close();
  });

  it('pasted tcpdump -n text reads as a capture; a file that is none gets one clear line', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'notes.txt', new TextEncoder().encode('hello, this is not a capture'));
    await expect
      .poll(() => page.locator('.capture-status [role=alert]').textContent())
      .toBe('notes.txt could not be read: it is not a packet capture (not a pcap or pcapng file, nor tcpdump -n text)');
    await page.getByText('Or paste tcpdump -n output').click();
    await page.locator('.paste textarea').fill(readFileSync(new URL('../fixtures/linux-pcap/four-way-close.tcpdump.txt', import.meta.url), 'utf8'));
    await page.getByRole('button', { name: 'Read the text' }).click();
    await expect.poll(() => page.locator('.capture-status').textContent()).toContain('7 packets, 1 TCP connection');
    // On a phone the list fits the width: the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('a busy server’s capture: 2,000 connections listed, the census counts the sockets left, CLOSE-WAIT among them', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'busy.pcap', busyServerCapture(2000));
    await expect.poll(() => page.locator('.capture-status').textContent(), { timeout: 20_000 }).toContain('2,000 TCP connections');
    // The list draws only the rows in view (issue 24: tests/e2e/capture-big.test.ts scrolls it); the census fills in as the ends are worked out.
    const drawn = await page.locator('table.connections tbody tr:not(.spacer)').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(100);
    // While the connections are replayed the census says it is counting; then it shows the counts.
    await expect.poll(() => page.locator('.census .counting').count(), { timeout: 30_000 }).toBe(0);
    const census = await page.locator('.census li').allTextContents();
    expect(census.some((c) => /^CLOSE-WAIT \d/.test(c))).toBe(true);
    expect(census.some((c) => c.startsWith('CLOSED'))).toBe(false);
    // A click on a state in the census lists only the connections with an end in it: the hung ones.
    await page.locator('.census button', { hasText: 'CLOSE-WAIT' }).click();
    expect(await page.locator('.filtered').textContent()).toMatch(/^\d+ connections with an end in CLOSE-WAIT/);
    const ends = await page.locator('table.connections tbody td.ends').allTextContents();
    expect(ends.length).toBeGreaterThan(0);
    expect(ends.every((e) => e.includes('CLOSE-WAIT'))).toBe(true);
    await page.getByRole('button', { name: 'Show all' }).click();
    // Sorting by where the ends were puts the most troubled first.
    await page.getByRole('button', { name: /^Ends in/ }).click();
    expect(await page.locator('table.connections tbody td.ends').first().textContent()).toContain('CLOSE-WAIT');
    await page.close();
  });
});
