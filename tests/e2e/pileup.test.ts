/**
 * The pile-ups as a student uses them, on the built site in Chromium: types a number out of range
 * (and is told so, beside the field, while the run goes on with the last good value), runs the two
 * minutes, and reads the census off the screen: every row, in a state or ended, adds up to the
 * total, which is the rate times the time. The orphan pile-up reaches the kernel's own messages, and
 * its resets match the kernel's counter; in presentation mode at 1280x720 each pile-up is one
 * screen, and on a phone in Korean nothing is wider than the screen.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { withBuiltSite, withChromium } from './harness';

const site = withBuiltSite(['vite.config.ts']);
const chromium = withChromium();

const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

async function open(query: string, width = 1280, height = 720, locale = 'en-US'): Promise<{ page: Page; view: Locator }> {
  const page = await chromium.browser.newPage({ viewport: { width, height }, locale });
  await page.goto(`${site.origin}/${query}`);
  await page.locator('.pileup canvas').waitFor();
  return { page, view: page.locator('section.pileup') };
}

/** The census as the screen shows it: each row's name and number, and the total row's. */
async function censusOnScreen(view: Locator): Promise<{ rows: Record<string, number>; total: number; totalText: string }> {
  const rows: Record<string, number> = {};
  for (const row of await view.locator('table.census tr:not(.total)').all())
    rows[(await row.getAttribute('data-state'))!] = num(await row.locator('td.num').textContent());
  const total = view.locator('table.census tr.total');
  return { rows, total: num(await total.locator('td.num').textContent()), totalText: (await total.textContent()) ?? '' };
}

async function toEnd(page: Page, view: Locator): Promise<void> {
  await view.getByRole('slider').fill('120000');
  await expect.poll(() => view.locator('output.clock').textContent()).toBe('120.0 s');
}

/** Types into a number field and checks what the student sees: a message beside it, on screen, and the field marked invalid. */
async function typeOutOfRange(page: Page, field: Locator, value: string, message: string): Promise<void> {
  await field.fill(value);
  const alert = field.locator('xpath=..').getByRole('alert');
  await expect.poll(() => alert.textContent()).toBe(message);
  expect(await field.getAttribute('aria-invalid')).toBe('true');
  const box = (await alert.boundingBox())!;
  expect(box.width).toBeGreaterThan(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

describe('the pile-ups add up and check what is typed', () => {
  it("close-wait-pileup, the issue's case: 5,000 a second and ulimit -n 100,000 make 600,000 attempts in 120 s, every one on screen", async () => {
    const { page, view } = await open('?scenario=close-wait-pileup&lang=en');
    const rate = view.getByRole('spinbutton', { name: /^New connections a second/ });
    await typeOutOfRange(page, rate, '9000', 'Enter a whole number from 1 to 5,000. Still using 200.');
    // The run goes on with the value still in use.
    await toEnd(page, view);
    expect((await censusOnScreen(view)).total).toBe(200 * 120);
    await rate.fill('5000');
    await expect.poll(() => rate.getAttribute('aria-invalid')).toBe('false');
    expect(await view.getByRole('alert').count()).toBe(0);
    const fds = view.getByRole('spinbutton', { name: /^Open-file limit/ });
    await typeOutOfRange(page, fds, '0', 'Enter a whole number from 16 to 100,000. Still using 1,024.');
    await fds.fill('100000');
    await expect.poll(async () => (await censusOnScreen(view)).total).toBe(600_000);
    const { rows, total, totalText } = await censusOnScreen(view);
    expect(Object.values(rows).reduce((a, b) => a + b, 0)).toBe(total);
    expect(rows['CLOSE-WAIT']).toBe(100_128);
    expect(totalText).toContain('= 5,000 a second × 120 s');
    // The field's note tells the true total.
    expect(await view.locator('.pileup-field figcaption').textContent()).toContain('the first 10,000 of the 600,000 attempts so far');
    // Whose memory, against what.
    expect(await view.locator('p.memory').textContent()).toMatch(
      /^The server kernel's socket memory \(slab\): 226\.1 MiB, of at most 226\.1 MiB that ulimit -n 100,000/,
    );
    await page.close();
  });

  it('time-wait-pileup: at 2,000 a second every attempt is a TIME-WAIT socket, a freed port or a failed connect, adding up to 240,000', async () => {
    const { page, view } = await open('?scenario=time-wait-pileup&lang=en');
    const buckets = view.getByRole('spinbutton', { name: /^tcp_max_tw_buckets/ });
    await typeOutOfRange(page, buckets, '2000000', 'Enter a whole number from 0 to 1,000,000. Still using 262,144.');
    await view.getByRole('spinbutton', { name: /^New connections a second/ }).fill('2000');
    await toEnd(page, view);
    await expect.poll(async () => (await censusOnScreen(view)).total).toBe(240_000);
    const { rows, total } = await censusOnScreen(view);
    expect(Object.values(rows).reduce((a, b) => a + b, 0)).toBe(total);
    expect(rows.failed).toBeGreaterThan(100_000);
    await page.close();
  });

  it('orphan-pileup: 4 GiB, 200 clients vanishing a second: pressure, then "out of memory -- consider tuning tcp_mem", and the resets counted', async () => {
    const { page, view } = await open('?scenario=orphan-pileup&lang=en');
    // Linux's defaults for the machine, cited.
    const sysctls = (await view.locator('.sysctls').textContent()) ?? '';
    expect(sysctls).toContain('tcp_max_orphans = 16,384');
    expect(sysctls).toContain('tcp_mem = 46,692 62,259 93,384 pages');
    expect(sysctls).toContain('tcp_orphan_retries = 0');
    expect(sysctls).toContain('tcp_fin_timeout = 60');
    await typeOutOfRange(page, view.getByRole('spinbutton', { name: /^tcp_orphan_retries/ }), '99', 'Enter a whole number from 0 to 15. Still using 0.');
    expect(await view.locator('pre.dmesg').textContent()).toBe('(nothing yet)');
    await toEnd(page, view);
    const { rows, total, totalText } = await censusOnScreen(view);
    expect(total).toBe(24_000);
    expect(totalText).toContain('= 200 a second × 120 s');
    expect(Object.values(rows).reduce((a, b) => a + b, 0)).toBe(total);
    const log = (await view.locator('pre.dmesg').textContent()) ?? '';
    // The first line says when memory ran out: the 5,494th orphan, at 36.6 s.
    expect(log.split('\n')[0]).toMatch(/^\[\s+36\.6\d+\] TCP: out of memory -- consider tuning tcp_mem$/);
    expect(await view.locator('.counters').textContent()).toContain(`TcpExtTCPAbortOnMemory ${rows['ended-reset-memory']!.toLocaleString('en-US')}`);
    expect(rows['ended-reset-memory']).toBeGreaterThan(9000);
    expect(await view.locator('.what-it-did').textContent()).toContain('sent the orphan a RST');
    expect(await view.locator('p.memory').first().textContent()).toMatch(
      /^The server kernel's socket buffers, charged to tcp_mem: [\d,]+ pages \([\d.]+ MiB\) of its max, 93,384 pages/,
    );
    await page.close();
  });

  it('orphan-pileup: small responses at 1,000 a second reach tcp_max_orphans first: "too many orphaned sockets"', async () => {
    const { page, view } = await open('?scenario=orphan-pileup&lang=en');
    await view.getByRole('spinbutton', { name: /^Clients vanishing/ }).fill('1000');
    await view.getByRole('spinbutton', { name: /^Unacknowledged data/ }).fill('4');
    await view.getByRole('spinbutton', { name: /^Clients that ACK/ }).fill('0');
    await toEnd(page, view);
    const log = (await view.locator('pre.dmesg').textContent()) ?? '';
    expect(log.split('\n')[0]).toMatch(/^\[\s+16\.400000\] TCP: too many orphaned sockets$/);
    const { rows, total } = await censusOnScreen(view);
    expect(total).toBe(120_000);
    expect(Object.values(rows).reduce((a, b) => a + b, 0)).toBe(total);
    expect(rows['ended-reset-orphans']).toBeGreaterThan(50_000);
    // A bigger machine has a higher default, and the field follows it.
    await view.getByRole('combobox', { name: /^Server's memory/ }).selectOption('16');
    await expect.poll(() => view.getByRole('spinbutton', { name: /^tcp_max_orphans/ }).inputValue()).toBe('65536');
    await page.close();
  });
});

describe('the orphan lesson as its takeaway tells it, and the field told apart', () => {
  it('at its defaults it says which limit comes first, and its recipe for the other reaches it; tcp_orphan_retries 0 says it means 8 retries', async () => {
    const { page, view } = await open('?scenario=orphan-pileup&lang=en');
    const retries = view.getByRole('spinbutton', { name: /^tcp_orphan_retries/ });
    expect(await retries.locator('xpath=..').locator('.field-hint').textContent()).toBe('0 means 8 retries: about 102 s');
    await toEnd(page, view);
    const takeaway = (await page.locator('.narration .takeaway').textContent()) ?? '';
    expect(takeaway).toContain("Here tcp_mem's max comes first");
    expect((await view.locator('pre.dmesg').textContent())?.split('\n')[0]).toMatch(/TCP: out of memory -- consider tuning tcp_mem$/);
    // The takeaway's own recipe for the other limit, the other fields left as they are.
    expect(takeaway).toContain('4 KiB responses to 1,000 clients a second reach tcp_max_orphans first: "too many orphaned sockets"');
    await view.getByRole('spinbutton', { name: /^Clients vanishing/ }).fill('1000');
    await view.getByRole('spinbutton', { name: /^Unacknowledged data/ }).fill('4');
    await expect.poll(async () => (await view.locator('pre.dmesg').textContent())?.split('\n')[0]).toMatch(/TCP: too many orphaned sockets$/);
    await retries.fill('3');
    await expect.poll(() => retries.locator('xpath=..').locator('.field-hint').textContent()).toBe('3 retries: about 3 s');
    await page.close();
  });

  it('every census row has a swatch of its own, and the field draws each in that colour; the faint cells are named', async () => {
    const { page, view } = await open('?scenario=orphan-pileup&lang=en');
    await view.getByRole('slider').fill('60000');
    await expect.poll(() => view.locator('output.clock').textContent()).toBe('60.0 s');
    const looks = await view.locator('table.census tr:not(.total) .swatch').evaluateAll((els) =>
      els.map((el) => {
        const cs = getComputedStyle(el);
        return `${cs.backgroundColor} ${cs.backgroundImage}`;
      }),
    );
    const rows = await view.locator('table.census tr:not(.total)').evaluateAll((els) => els.map((el) => el.getAttribute('data-state')));
    const swatchOf = (row: string) => looks[rows.indexOf(row)];
    expect(swatchOf('FIN-WAIT-1')).not.toBe(swatchOf('FIN-WAIT-2'));
    expect(swatchOf('ended-reset-orphans')).not.toBe(swatchOf('ended-reset-memory'));
    expect(new Set([swatchOf('ended-timed-out'), swatchOf('ended-fin-timeout'), swatchOf('ended-tw-overflow')]).size).toBe(3);
    // At 60 s the field holds FIN-WAIT-1, FIN-WAIT-2 and reset sockets: three colours of cell, at least.
    const colours = await view.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const ctx = c.getContext('2d')!;
      const seen = new Set<string>();
      for (let k = 0; k < 10_000; k += 7) seen.add(ctx.getImageData((k % 100) * 6 + 2, Math.floor(k / 100) * 6 + 2, 1, 1).data.join(','));
      return seen.size;
    });
    expect(colours).toBeGreaterThanOrEqual(3);
    await page.close();
    const cw = await open('?scenario=close-wait-pileup&lang=en');
    expect(await cw.view.locator('.field-legend').textContent()).toContain('Not attempted yet');
    expect(await cw.view.locator('.pileup-field figcaption').textContent()).toContain('the first ones are those that stay in CLOSE-WAIT');
    await cw.page.close();
  });
});

describe('a number typed as a person types it', () => {
  /** Clicks into the field, selects what is there, and types `digits` one key at a time, as a person does. */
  async function typeDigits(page: Page, field: Locator, digits: string): Promise<void> {
    await field.click();
    await page.keyboard.press('ControlOrMeta+a');
    for (const d of digits) await page.keyboard.press(d);
  }

  it('99999999 into "New connections a second": the run keeps the 200 it had before the edit (not the 999 typed on the way), and says so', async () => {
    const { page, view } = await open('?scenario=close-wait-pileup&lang=en');
    const rate = view.getByRole('spinbutton', { name: /^New connections a second/ });
    await typeDigits(page, rate, '99999999');
    await expect.poll(() => rate.locator('xpath=..').getByRole('alert').textContent()).toBe('Enter a whole number from 1 to 5,000. Still using 200.');
    await toEnd(page, view);
    const { total, totalText } = await censusOnScreen(view);
    expect(total).toBe(200 * 120);
    expect(totalText).toContain('= 200 a second × 120 s');
    // A good value typed next is used, and the next bad one goes back to it.
    await typeDigits(page, rate, '300');
    await expect.poll(async () => (await censusOnScreen(view)).total).toBe(300 * 120);
    await rate.blur();
    await typeDigits(page, rate, '70000');
    await expect.poll(() => rate.locator('xpath=..').getByRole('alert').textContent()).toBe('Enter a whole number from 1 to 5,000. Still using 300.');
    expect((await censusOnScreen(view)).total).toBe(300 * 120);
    await page.close();
  });

  it('orphan-pileup: every field typed 99999999 keeps the run as it was, and each message names its own value from before', async () => {
    const { page, view } = await open('?scenario=orphan-pileup&lang=en');
    await toEnd(page, view);
    const before = await censusOnScreen(view);
    const logBefore = await view.locator('pre.dmesg').textContent();
    const fields = await view.getByRole('spinbutton').all();
    expect(fields.length).toBe(6);
    for (const field of fields) {
      const was = Number(await field.inputValue());
      await typeDigits(page, field, '99999999');
      await expect.poll(() => field.locator('xpath=..').getByRole('alert').textContent()).toMatch(new RegExp(`Still using ${was.toLocaleString('en-US')}\\.$`));
      await field.blur();
    }
    expect(await censusOnScreen(view)).toEqual(before);
    expect(await view.locator('pre.dmesg').textContent()).toBe(logBefore);
    await page.close();
  });
});

describe('the pile-ups on every screen', () => {
  it.each(['time-wait-pileup', 'close-wait-pileup', 'orphan-pileup'])(
    'presentation 1280x720: %s is one screen at every moment, its charts whole',
    async (id) => {
      const { page, view } = await open(`?scenario=${id}&lang=en&present=1`);
      for (const at of ['0', '30000', '60000', '90000', '120000']) {
        await view.getByRole('slider').fill(at);
        await expect.poll(() => view.locator('output.clock').textContent()).toBe(`${(Number(at) / 1000).toFixed(1)} s`);
        expect(await page.evaluate(() => document.querySelector('.pileup')!.getBoundingClientRect().bottom), `at ${at} ms`).toBeLessThanOrEqual(720);
        for (const svg of await view.locator('svg.pileup-chart').all()) {
          const box = (await svg.boundingBox())!;
          expect(box.y + box.height).toBeLessThanOrEqual(720);
          expect(box.x + box.width).toBeLessThanOrEqual(1280);
        }
      }
      await page.close();
    },
  );

  it.each([
    ['time-wait-pileup', 'en'],
    ['close-wait-pileup', 'en'],
    ['orphan-pileup', 'en'],
    ['orphan-pileup', 'ko'],
    ['close-wait-pileup', 'ko'],
    // A big machine: tcp_mem's marks and tcp_max_orphans far above the lines, their legends longer.
    ['orphan-pileup', 'en', '64'],
  ])('presentation 1280x720: every word of %s (%s) is at least 22 px and on screen, at every moment', async (id, lang, gib?: string) => {
    const { page, view } = await open(`?scenario=${id}&lang=${lang}&present=1`, 1280, 720, lang === 'ko' ? 'ko-KR' : 'en-US');
    if (gib) await view.getByRole('combobox').selectOption(gib);
    for (const at of ['0', '45000', '120000']) {
      await view.getByRole('slider').fill(at);
      await expect.poll(() => view.locator('output.clock').textContent()).toBe(`${(Number(at) / 1000).toFixed(1)} s`);
      // Every text the lesson shows (its line and the pile-up), as drawn: an SVG's words at the size its scale gives them.
      const seen = await page.evaluate(() => {
        const out: { px: number; text: string; bottom: number; right: number }[] = [];
        for (const root of document.querySelectorAll('.narration, section.pileup')) {
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = (n.textContent ?? '').trim();
            const el = n.parentElement!;
            if (!text || el.closest('option')) continue;
            const range = document.createRange();
            range.selectNodeContents(n);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
            if (!rects.length || getComputedStyle(el).visibility === 'hidden') continue;
            const svg = el.closest('svg');
            const px = parseFloat(getComputedStyle(el).fontSize) * (svg ? svg.getScreenCTM()!.a : 1);
            out.push({ px, text, bottom: Math.max(...rects.map((r) => r.bottom)), right: Math.max(...rects.map((r) => r.right)) });
          }
          // The controls' own words: the numbers in the fields, the machine's size, Play and Reset.
          for (const el of root.querySelectorAll<HTMLElement>('input[type=number], select, button, output')) {
            const r = el.getBoundingClientRect();
            if (r.width > 0) out.push({ px: parseFloat(getComputedStyle(el).fontSize), text: `<${el.tagName}>`, bottom: r.bottom, right: r.right });
          }
        }
        return out;
      });
      expect(seen.length, `at ${at} ms`).toBeGreaterThan(40);
      const smallest = seen.reduce((a, b) => (b.px < a.px ? b : a));
      expect(smallest.px, `at ${at} ms, the smallest is "${smallest.text}"`).toBeGreaterThanOrEqual(22);
      const lowest = seen.reduce((a, b) => (b.bottom > a.bottom ? b : a));
      expect(lowest.bottom, `at ${at} ms, the lowest is "${lowest.text}"`).toBeLessThanOrEqual(720);
      expect(Math.max(...seen.map((x) => x.right)), `at ${at} ms`).toBeLessThanOrEqual(1280);
      // One screen: nothing to scroll to.
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(720);
    }
    await page.close();
  });

  it('presentation 1280x720: a bad number is said on screen, over what is under its field, and nothing moves below the fold', async () => {
    const { page, view } = await open('?scenario=orphan-pileup&lang=en&present=1');
    const bodyTop = async () => (await view.locator('.pileup-body').boundingBox())!.y;
    const before = await bodyTop();
    for (const name of [/^orphan_retries/, /^max_orphans/, /^Vanishing/]) {
      const field = view.getByRole('spinbutton', { name });
      await field.fill('99999999');
      const alert = field.locator('xpath=..').getByRole('alert');
      await expect.poll(() => alert.textContent()).toMatch(/^Enter a whole number from/);
      const box = (await alert.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(1280);
      expect(box.y + box.height).toBeLessThanOrEqual(720);
      expect(await bodyTop()).toBe(before);
      expect(await page.evaluate(() => document.querySelector('.pileup')!.getBoundingClientRect().bottom)).toBeLessThanOrEqual(720);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
      await field.fill('1');
    }
    await page.close();
  });

  it.each(['close-wait-pileup', 'orphan-pileup'])('390x844 in Korean: %s is no wider than the phone, and a bad number is explained in Korean', async (id) => {
    const { page, view } = await open(`?scenario=${id}&lang=ko`, 390, 844, 'ko-KR');
    await view.getByRole('spinbutton').first().fill('0');
    await expect.poll(() => view.getByRole('alert').textContent()).toMatch(/^1에서 5,000 사이의 정수를 입력하세요/);
    await toEnd(page, view);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const { rows, total } = await censusOnScreen(view);
    expect(Object.values(rows).reduce((a, b) => a + b, 0)).toBe(total);
    if (id === 'orphan-pileup') {
      // The kernel speaks English in every country; what it did is said in Korean beside it.
      expect(await view.locator('pre.dmesg').textContent()).toContain('TCP: out of memory -- consider tuning tcp_mem');
      expect(await view.locator('.what-it-did').textContent()).toContain('RST를 보내고');
    }
    await page.close();
  });
});

describe('the pile-ups, to axe-core', () => {
  it.each([
    ['orphan-pileup', 'light'],
    ['orphan-pileup', 'dark'],
    ['close-wait-pileup', 'dark'],
  ] as const)('%s (%s), at its end and with a number out of range, has no violations', async (id, scheme) => {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${site.origin}/?scenario=${id}&lang=en`);
    const view = page.locator('section.pileup');
    await view.locator('canvas').waitFor();
    await view.getByRole('spinbutton').first().fill('0');
    await toEnd(page, view);
    await page.waitForTimeout(300);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await context.close();
  });
});
