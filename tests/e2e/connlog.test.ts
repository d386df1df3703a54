/**
 * Issue 24's conn.log on the page, in Chromium: a newcomer drops Zeek's own conn.log on the
 * capture X-ray and sees the census (by state, by server) and the rows, each with both ends'
 * states and its verdict in words; dropped with the capture Zeek read, a row's packets open on the
 * stage; and a large gzipped fleet log is censused with only the rows on screen drawn.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ConnLogReader } from '../../src/capture/connlog';
import { ConnLogCensus } from '../../src/capture/connlogCensus';
import { fleetConnLog, PILE_SERVER } from '../../tools/zeek/fleet-connlog';
import { withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const FIX = new URL('../fixtures/zeek-logs/', import.meta.url);
const POP3_LOG = readFileSync(new URL('scripts.base.protocols.pop3.basic.conn.log', FIX));
const POP3_PCAP = readFileSync(new URL('pop3.pcap', FIX));

/** Drop files on the X-ray together, as a user drags them from their file manager. */
async function drop(page: Page, files: readonly { name: string; bytes: Uint8Array }[]): Promise<void> {
  const data = await page.evaluateHandle(
    (list) => {
      const dt = new DataTransfer();
      for (const { name, b64 } of list) {
        const bin = atob(b64);
        const buf = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
        dt.items.add(new File([buf], name));
      }
      return dt;
    },
    files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') })),
  );
  await page.dispatchEvent('.capture-view', 'dragover', { dataTransfer: data });
  await page.dispatchEvent('.capture-view', 'drop', { dataTransfer: data });
}

/** Found as a newcomer finds it: the lesson menu's last entry. */
async function openXray(page: Page, lang: 'en' | 'ko' = 'en'): Promise<void> {
  const label = lang === 'en' ? 'Capture X-ray: open a .pcap or tcpdump text…' : '캡처 엑스레이: .pcap 또는 tcpdump 텍스트 열기…';
  await page.getByRole('combobox', { name: lang === 'en' ? 'Scenario' : '시나리오' }).selectOption({ label });
  await page.locator('.capture-view').waitFor();
}

const cell = (page: Page, state: string, end: 'client' | 'server') => page.locator(`.connlog-states tr[data-state="${state}"] .${end}-count`).textContent();

describe("Zeek's conn.log on the capture X-ray", () => {
  it("Zeek's pop3 log dropped: the census by state and by server, and a row's ends explained in words", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?lang=en`);
    await openXray(page);
    await drop(page, [{ name: 'conn.log', bytes: POP3_LOG }]);
    await expect.poll(() => page.locator('.connlog-summary').textContent()).toBe('conn.log: 11 rows, 11 TCP');
    expect(await cell(page, 'CLOSED', 'client')).toBe('11');
    expect(await cell(page, 'CLOSED', 'server')).toBe('6');
    expect(await cell(page, 'TIME-WAIT', 'server')).toBe('5');
    expect(await cell(page, 'TIME-WAIT', 'client')).toBe('0');
    expect(await page.locator('.connlog-servers li').first().textContent()).toContain('212.227.15.166:110');
    expect(await page.locator('.connlog-servers li').first().textContent()).toContain('5 rows');

    const rows = page.locator('.connlog-window button.connlog-row');
    await expect.poll(() => rows.count()).toBe(11);
    // The first rows are on screen, inside the viewport.
    const box = await rows.first().boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    expect(await rows.first().textContent()).toContain('Sr');
    const sf = rows.filter({ hasText: 'ShAdDafF' }).first();
    await sf.click();
    const detail = page.locator('.connlog-detail');
    expect(await detail.locator('.connlog-ends').textContent()).toBe('the originator (client)CLOSEDthe responder (server)TIME-WAIT');
    expect(await detail.textContent()).toContain("The responder closed first and acknowledged the originator's FIN: it waits out TIME-WAIT");
    expect(await detail.textContent()).toContain('opened and closed in order (a FIN each way)');
    // No capture beside it: nothing to open, but a way to add one.
    expect(await detail.getByRole('button', { name: 'Open its packets' }).count()).toBe(0);

    // The keys move along the rows: the focus and the detail follow.
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('26284');
    expect(await detail.locator('h4').textContent()).toContain('192.168.0.4:26284 → 212.227.15.166:110');

    // The census filters the rows: the responders left in TIME-WAIT.
    await page.locator('.connlog-states tr[data-state="TIME-WAIT"] .server-count button').click();
    await expect.poll(() => rows.count()).toBe(5);
    expect(await page.locator('.filtered').textContent()).toContain('5 rows with the responder (server) in TIME-WAIT.');
    await page.close();
  });

  it('dropped with the capture Zeek read, a row opens its packets on the stage', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?lang=en`);
    await openXray(page);
    await drop(page, [
      { name: 'conn.log', bytes: POP3_LOG },
      { name: 'pop3.pcap', bytes: POP3_PCAP },
    ]);
    // Eleven: one for each of Zeek's TCP rows (the capture's four-tuples split as Zeek splits them).
    await expect.poll(() => page.locator('.connlog-detail').textContent()).toContain('pop3.pcap beside the log (11 TCP connections)');
    await page.locator('.connlog-window button.connlog-row').filter({ hasText: '26304' }).click();
    await page.getByRole('button', { name: 'Open its packets' }).click();
    await page.locator('.capture-bar').waitFor();
    expect(await page.locator('.capture-bar .addr').textContent()).toContain('192.168.0.4:26304 → 212.227.15.166:110');
    // Back: the log is where it was, its row still picked.
    await page.locator('.capture-bar .back').click();
    await page.locator('.connlog-view').waitFor();
    expect(await page.locator('.connlog-row[aria-pressed="true"]').textContent()).toContain('26304');
    await page.close();
  });

  it('a large gzipped fleet log: its census on screen, the CLOSE-WAIT pile-up found, and only the rows seen drawn (in Korean, on a phone)', async () => {
    const N = 120_000;
    const text = [...fleetConnLog(N)].join('');
    const census = new ConnLogCensus();
    const reader = new ConnLogReader((r) => census.add(r));
    reader.push(text);
    reader.end();
    const want = census.result();
    const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' });
    await page.goto(`${env.url}?lang=ko`);
    await openXray(page, 'ko');
    await page.setInputFiles('.capture-view input[type=file]', { name: 'conn.00:00:00-01:00:00.log.gz', mimeType: 'application/gzip', buffer: gzipSync(text) });
    await expect
      .poll(() => page.locator('.connlog-summary').textContent(), { timeout: 60_000 })
      .toBe(`conn.00:00:00-01:00:00.log.gz: ${N.toLocaleString('ko')}행, 그중 TCP ${want.tcp.toLocaleString('ko')}행`);
    await expect.poll(() => page.locator('.connlog-status').textContent(), { timeout: 60_000 }).toBe('');
    expect(await cell(page, 'CLOSE-WAIT', 'server')).toBe(want.states.server['CLOSE-WAIT']!.toLocaleString('ko'));
    expect(await cell(page, 'TIME-WAIT', 'client')).toBe(want.states.client['TIME-WAIT']!.toLocaleString('ko'));
    // Where the servers' CLOSE-WAIT piles up: the one service, first.
    const pile = page.locator('.connlog-piles li').first();
    expect(await pile.textContent()).toContain('CLOSE-WAIT 상태인 응답 측(서버)');
    expect(await pile.textContent()).toContain(`${PILE_SERVER} (${want.piles.server['CLOSE-WAIT']![0]!.rows.toLocaleString('ko')})`);
    // Over a hundred thousand rows, a few dozen drawn.
    const drawn = await page.locator('.connlog-window li').count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(60);
    // Scrolled to the end, the last rows come.
    await page.locator('.connlog-viewport').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect
      .poll(() => page.locator('.connlog-range').textContent())
      .toMatch(new RegExp(`${want.tcp.toLocaleString('ko')}행 중 .*–${want.tcp.toLocaleString('ko')}행`));
    // A row whose server did not close, explained in Korean.
    await page.locator('.connlog-states tr[data-state="CLOSE-WAIT"] .server-count button').click();
    await page.locator('.connlog-window button.connlog-row').first().click();
    expect(await page.locator('.connlog-why li').nth(1).textContent()).toBe(
      '발신 측의 FIN은 왔지만 응답 측은 FIN을 보내지 않았습니다. 애플리케이션이 소켓을 닫지 않았습니다.',
    );
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.capture-view').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    // Each drawn row shows its responder and both ends' states, inside the screen.
    const ends = await page.locator('.connlog-window button.connlog-row .ends').first().boundingBox();
    expect(ends!.x + ends!.width).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('a damaged log gets one clear line naming where: a bad row, a cut gzip stream', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?lang=en`);
    await openXray(page);
    const lines = POP3_LOG.toString('utf8').split('\n');
    lines[12] = lines[12]!.split('\t').slice(0, 5).join('\t');
    await drop(page, [{ name: 'conn.log', bytes: new TextEncoder().encode(lines.join('\n')) }]);
    await expect
      .poll(() => page.locator('.connlog-status [role="alert"]').textContent())
      .toBe('That log could not be read: line 13: 5 fields where the #fields header names 22');
    await page.locator('.connlog-close').click();
    const cut = gzipSync([...fleetConnLog(2000)].join('')).subarray(0, 20_000);
    await drop(page, [{ name: 'conn.log.gz', bytes: cut }]);
    await expect
      .poll(() => page.locator('.connlog-status [role="alert"]').textContent())
      .toMatch(/^That log could not be read: the gzip stream is damaged after line \d+$/);
    await page.close();
  });

  it.each(['light', 'dark'] as const)('has no accessibility violations (axe-core), %s', async (scheme) => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${env.url}?lang=en`);
    await openXray(page);
    await drop(page, [{ name: 'conn.log', bytes: readFileSync(new URL('core.tunnels.teredo.conn.log', FIX)) }]);
    await page.locator('.connlog-window button.connlog-row').first().click();
    await page.locator('.connlog-states tr[data-state="CLOSE-WAIT"] .client-count button').click();
    await page.waitForTimeout(500);
    const results = await new AxeBuilder({ page }).include('.capture-view').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await context.close();
  });
});
