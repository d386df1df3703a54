/**
 * Zeek's history on the page: a capture that misses its SYN (Zeek's tcp/missing-syn.pcap) lists its
 * connection with Zeek's verdict and its history letters, small, on screen, spelled out in their
 * tooltip in the reader's language; the connection's header on the stage shows them too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dropCapture as drop, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const MISSING_SYN = readFileSync(new URL('../fixtures/zeek/tcp-missing-syn.pcap', import.meta.url));

describe("Zeek's history in the capture X-ray", () => {
  it.each([
    [1280, 720, 'en', 'Zeek’s history', '^ = Zeek turned the connection round', 'h = server SYN+ACK'],
    [390, 844, 'ko', 'Zeek의 history', '^ = Zeek이 연결 방향을 뒤집음', 'h = 서버 SYN+ACK'],
  ])('at %ix%i in %s: the list and the header show the letters, spelled out', async (width, height, lang, legend, flip, synAck) => {
    const page = await env.browser.newPage({ viewport: { width, height }, locale: lang === 'ko' ? 'ko-KR' : 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=${lang}`);
    await drop(page, 'missing-syn.pcap', MISSING_SYN);
    const row = page.locator('table.connections tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    const history = row.first().locator('.history');
    // Zeek's own conn.log for this trace: SF, ^hADdFaf.
    expect(await row.first().locator('.verdict abbr').first().textContent()).toBe('SF');
    expect(await history.textContent()).toBe('^hADdFaf');
    const title = (await history.getAttribute('title'))!;
    expect(title).toContain(legend);
    expect(title).toContain(flip);
    expect(title).toContain(synAck);
    // Small, and on the screen: not cut off at the right edge.
    const box = (await history.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(box.height).toBeLessThan(24);

    await row.first().locator('button.open-connection').click();
    await page.locator('.capture-bar').waitFor();
    const header = page.locator('.capture-line .history');
    expect(await header.textContent()).toBe('^hADdFaf');
    const hb = (await header.boundingBox())!;
    expect(hb.x + hb.width).toBeLessThanOrEqual(width);
    expect(hb.y).toBeLessThan(height);
    await page.close();
  });

  it('one four-tuple that is several connections: the census counts the sockets of the last one only', async () => {
    // Linux's four-way close, then the same again 10 s later on the same addresses and ports (a new SYN after the close).
    const pcap = readFileSync(new URL('../fixtures/linux-pcap/four-way-close.pcap', import.meta.url));
    const records = pcap.subarray(24);
    const again = Buffer.from(records);
    for (let off = 0; off + 16 <= again.length; off += 16 + again.readUInt32LE(off + 8)) again.writeUInt32LE(again.readUInt32LE(off) + 10, off);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?capture=1&lang=en`);
    await drop(page, 'twice.pcap', Buffer.concat([pcap, again]));
    const rows = page.locator('table.connections tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().locator('.history').textContent()).toBe('ShAFaf');
    // Each replayed alone, both clients would still be in TIME-WAIT; the first's socket is the second's now.
    await expect.poll(() => rows.nth(1).locator('.ends').textContent()).toBe('TIME-WAIT / CLOSED');
    // The first says its addresses and ports were used again, and why the census leaves it out.
    expect(await rows.first().locator('.ends').textContent()).toBe('TIME-WAIT / CLOSED (used again)');
    expect(await rows.first().locator('.ends abbr.reused').getAttribute('title')).toContain('the census does not count this one');
    expect(await page.locator('.census').textContent()).toMatch(/TIME-WAIT\s*1/);
    await page.close();
  });
});
