/**
 * The conn.log view as a fresh reader met it, in Chromium: addresses shown whole (192.168.2.158:2200
 * never cut to read as port 22) at 1280, 1920, a 390 px phone and in presentation; on a phone each
 * row a small card that keeps originator, responder, verdict, history and both ends' states; the
 * detail panel spelling the history out and saying the verdict in words; "Where it piles up" saying
 * why it is empty (and TIME-WAIT said apart); one row, not "1 rows".
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { dropCapture, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const FIX = new URL('../fixtures/zeek-logs/', import.meta.url);
const SSH_LOG = readFileSync(new URL('scripts.base.protocols.ssh.basic.conn.log', FIX));
const TEREDO_LOG = readFileSync(new URL('core.tunnels.teredo.conn.log', FIX));

async function openLog(page: Page, lang: 'en' | 'ko', bytes: Uint8Array = SSH_LOG, name = 'ssh.conn.log'): Promise<void> {
  await page.goto(`${env.url}?capture=1&lang=${lang}`);
  await page.locator('.capture-view').waitFor();
  await dropCapture(page, name, bytes);
  await page.locator('.connlog-window button.connlog-row').first().waitFor();
}

/** Every drawn row's addresses: whole (nothing clipped or hidden), the port on one line, each inside its row and the screen; and both ends' states whole. */
async function addressesWhole(page: Page, width: number): Promise<string[]> {
  return page.locator('.connlog-window button.connlog-row').evaluateAll((rows, width) => {
    const wrong: string[] = [];
    for (const row of rows) {
      const r = row.getBoundingClientRect();
      if (row.scrollHeight > row.clientHeight + 1) wrong.push(`row ${row.textContent}: taller than its line (${row.scrollHeight} > ${row.clientHeight})`);
      for (const addr of row.querySelectorAll<HTMLElement>('.addr')) {
        const a = addr.getBoundingClientRect();
        const port = addr.querySelector('.port')!;
        if (a.width === 0 || getComputedStyle(addr).display === 'none') wrong.push(`${addr.textContent}: hidden`);
        if (addr.scrollWidth > addr.clientWidth + 1 || addr.scrollHeight > addr.clientHeight + 1) wrong.push(`${addr.textContent}: clipped`);
        if (port.getClientRects().length !== 1) wrong.push(`${addr.textContent}: its port broken over lines`);
        if (a.left < r.left - 1 || a.right > r.right + 1 || a.top < r.top - 1 || a.bottom > r.bottom + 1) wrong.push(`${addr.textContent}: outside its row`);
        if (a.left < 0 || a.right > width) wrong.push(`${addr.textContent}: off the screen`);
      }
      // Both ends' states too, whole.
      const ends = row.querySelector<HTMLElement>('.ends')!;
      if (ends.scrollWidth > ends.clientWidth + 1) wrong.push(`${row.textContent}: its ends' states cut`);
    }
    return wrong;
  }, width);
}

const row2200 = (page: Page) => page.locator('.connlog-window button.connlog-row').filter({ hasText: '2200' });

describe('the conn.log view, as a reader meets it', () => {
  it.each([
    [1280, 720],
    [1920, 1080],
    [390, 844],
  ])('at %ix%i every address is whole: 192.168.2.158:2200 never reads as port 22', async (width, height) => {
    const page = await env.browser.newPage({ viewport: { width, height } });
    await openLog(page, 'en');
    const row = row2200(page);
    expect(await row.locator('.addr').allTextContents()).toEqual(['192.168.2.1:55179', '192.168.2.158:2200']);
    await row.scrollIntoViewIfNeeded();
    expect(await addressesWhole(page, width)).toEqual([]);
    // The originators too (the reviewer saw 192.168.1.79:518…).
    expect(await page.locator('.connlog-window button.connlog-row .addr').first().textContent()).toBe('192.168.1.79:51880');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.close();
  });

  it.each([
    [1280, 720],
    [390, 844],
  ])('IPv6 addresses and long states (a Teredo log) stay whole in their rows at %ix%i', async (width, height) => {
    const page = await env.browser.newPage({ viewport: { width, height } });
    await openLog(page, 'en', TEREDO_LOG, 'teredo.conn.log');
    expect((await page.locator('.connlog-window button.connlog-row .addr').allTextContents()).some((a) => a.startsWith('['))).toBe(true);
    expect(await page.locator('.connlog-window button.connlog-row .ends').first().textContent()).toBe('CLOSE-WAIT FIN-WAIT-2');
    expect(await addressesWhole(page, width)).toEqual([]);
    await page.close();
  });

  it('on a 390x844 phone, in Korean, each row is a card with originator, responder, verdict, history and both ends, all on screen', async () => {
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    await openLog(page, 'ko');
    const row = row2200(page);
    await row.scrollIntoViewIfNeeded();
    const box = (await row.boundingBox())!;
    const parts = {
      originator: row.locator('.addr').nth(0),
      responder: row.locator('.addr').nth(1),
      history: row.locator('.history'),
      verdict: row.locator('.verdict'),
      ends: row.locator('.ends'),
    };
    const texts = Object.fromEntries(await Promise.all(Object.entries(parts).map(async ([k, l]) => [k, await l.textContent()])));
    expect(texts).toEqual({ originator: '192.168.2.1:55179', responder: '192.168.2.158:2200', history: 'ShADadFr', verdict: 'RSTR', ends: 'CLOSED CLOSED' });
    for (const [name, l] of Object.entries(parts)) {
      const b = await l.boundingBox();
      expect(b, name).not.toBeNull();
      expect(b!.width, name).toBeGreaterThan(10);
      expect(b!.x, name).toBeGreaterThanOrEqual(0);
      expect(b!.x + b!.width, name).toBeLessThanOrEqual(390);
      expect(b!.y, name).toBeGreaterThanOrEqual(box.y - 1);
      expect(b!.y + b!.height, name).toBeLessThanOrEqual(box.y + box.height + 1);
      expect(await l.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `${name} not cut`).toBe(true);
    }
    // Both states whole, side by side.
    const states = await row.locator('.ends .mini').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.right]));
    expect(states).toHaveLength(2);
    expect(states[1]![0]).toBeGreaterThanOrEqual(states[0]![1]!);
    expect(states[1]![1]).toBeLessThanOrEqual(390);
    // Rows do not overlap: the next card starts below this one.
    const next = (await page.locator('.connlog-window button.connlog-row').filter({ hasText: '56594' }).boundingBox())!;
    expect(next.y).toBeGreaterThanOrEqual(box.y + box.height - 1);
    await page.close();
  });

  it('in presentation (the P key) at 1280x720 a row keeps its addresses whole and its verdict and states', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await openLog(page, 'en');
    await page.locator('.connlog-head h3').click();
    await page.keyboard.press('p');
    await page.locator('.app.present').waitFor();
    const row = row2200(page);
    await row.scrollIntoViewIfNeeded();
    expect(await addressesWhole(page, 1280)).toEqual([]);
    for (const part of ['.verdict', '.history', '.ends']) {
      const b = await row.locator(part).boundingBox();
      expect(b!.width, part).toBeGreaterThan(10);
      expect(b!.x + b!.width, part).toBeLessThanOrEqual(1280);
    }
    // IPv6 too (a Teredo log), in the large type.
    await dropCapture(page, 'teredo.conn.log', TEREDO_LOG);
    await expect.poll(() => page.locator('.connlog-summary').textContent()).toContain('teredo.conn.log');
    await page.locator('.connlog-window button.connlog-row').first().waitFor();
    expect(await addressesWhole(page, 1280)).toEqual([]);
    await page.close();
  });

  it('the detail panel spells the history out and says the verdict in words (English and Korean)', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await openLog(page, 'en');
    // The table's history and verdict say what they are, to a pointer.
    expect(await row2200(page).locator('.history').getAttribute('title')).toContain('r = server reset');
    expect(await row2200(page).locator('.verdict').getAttribute('title')).toBe('opened, then reset by the server');
    await row2200(page).click();
    const detail = page.locator('.connlog-detail');
    expect(await detail.locator('.connlog-verdict').textContent()).toBe("Zeek's verdict RSTR: opened, then reset by the server");
    const steps = detail.locator('.connlog-history li');
    expect(await steps.allTextContents()).toEqual([
      'S = client SYN',
      'h = server SYN+ACK',
      'A = client pure ACK',
      'D = client data',
      'a = server pure ACK',
      'd = server data',
      'F = client FIN',
      'r = server reset',
    ]);
    // Visible text, on screen (not a tooltip).
    for (const b of await steps.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect)))
      expect(b.width > 0 && b.x + b.width <= 1280 && b.y + b.height <= 720).toBe(true);

    await openLog(page, 'ko');
    await row2200(page).click();
    expect(await detail.locator('.connlog-verdict').textContent()).toBe('Zeek 판정 RSTR: 열린 뒤 서버가 리셋함');
    expect(await steps.first().textContent()).toBe('S = 클라이언트 SYN');
    expect(await steps.last().textContent()).toBe('r = 서버 리셋');
    await page.close();
  });

  it('"Where it piles up" says why it is empty, and says TIME-WAIT apart', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await openLog(page, 'en');
    const piles = page.locator('.connlog-piles');
    expect(await piles.locator('.connlog-no-piles').textContent()).toBe(
      'Nothing piles up: no row left an end stuck waiting (CLOSE-WAIT, FIN-WAIT-1/2, LAST-ACK, SYN-SENT, SYN-RECEIVED).',
    );
    expect(await piles.locator('.connlog-time-wait').textContent()).toBe(
      'Not counted as piling up, as it clears itself after 60 s: TIME-WAIT, 22 rows of the originator (client), most at 192.168.2.158:22 (11).',
    );
    const b = (await piles.locator('.connlog-no-piles').boundingBox())!;
    expect(b.y + b.height).toBeLessThanOrEqual(720);
    await page.close();
  });

  it('one row is "1 row" (and 1행), and the heading reads with a space before the file', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
    await openLog(page, 'en');
    expect(await page.locator('.connlog-head h3').textContent()).toBe('Zeek conn.log ssh.conn.log: 25 rows, 23 TCP');
    expect(await page.locator('.connlog-servers li').filter({ hasText: '128.2.6.88:41644' }).locator('strong').textContent()).toBe('1 row');
    await page.locator('.connlog-states tr[data-state="CLOSED"] .client-count button').click();
    expect(await page.locator('.filtered').textContent()).toContain('1 row with the originator (client) in CLOSED.');
    await openLog(page, 'ko');
    expect(await page.locator('.connlog-servers li').filter({ hasText: '128.2.6.88:41644' }).locator('strong').textContent()).toBe('1행');
    await page.close();
  });
});
