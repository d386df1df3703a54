/**
 * A blog author's own run, shared: made in free play with the pointer, embedded through Share /
 * Embed with the options chosen there, pasted into a post of the author's own (the iframe snippet,
 * then the script snippet) and played by a reader, as the site is served from a static host.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, FrameLocator, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_CONFIGS } from '../../scripts/browser';
import { launchChromium, withBuiltSite } from './harness';

mkdirSync('screenshots', { recursive: true });

/** The blog posts the test writes once it has the snippets: served beside the built site. */
const posts: Record<string, string> = {};
/** A post's column, as wide as the dialog's preview draws the embed. */
const COLUMN = 600;
const post = (snippet: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>My post</title></head><body style="margin:0"><main style="width:${COLUMN}px;margin:0 auto"><h1>How TCP closes</h1><p>Here is a run I made.</p>${snippet}<p>The end.</p></main></body></html>`;

const site = withBuiltSite(SITE_CONFIGS, posts);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The reader's view of an embed: its timeline, its buttons, its clock and the narration line it shows. */
function reader(root: FrameLocator | Locator) {
  const timeline = root.getByRole('region', { name: '타임라인' });
  return {
    timeline,
    play: timeline.getByRole('button', { name: /^(재생|일시 정지)$/ }),
    forward: timeline.getByRole('button', { name: '한 단계 앞으로' }),
    back: timeline.getByRole('button', { name: '한 단계 뒤로' }),
    clock: async () => Number.parseFloat((await timeline.locator('output').textContent()) ?? 'NaN'),
    said: async () => (await root.locator('.narration-lines > p[data-current="true"]').allTextContents()).map((s) => s.trim()),
    state: (who: '클라이언트' | '서버') => root.getByRole('region', { name: who }).getByRole('status').textContent(),
  };
}

/** Play to the end, reading the narration line as often as the page answers: what it said, in order, each change once. */
async function playThrough(r: ReturnType<typeof reader>): Promise<string[]> {
  await r.play.click();
  const said: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const now = await r.said();
    expect(now.length, 'exactly one narration line is shown').toBe(1);
    if (now[0] !== said.at(-1)) said.push(now[0]!);
    if (i % 10 === 9 && (await r.play.textContent())!.includes('재생') && !(await r.forward.isEnabled())) break;
  }
  return said;
}

describe('a run made in free play, shared as an embed and played by a reader', () => {
  let author: BrowserContext;
  let readers: BrowserContext;
  let iframe = '';
  let script = '';
  let previewHeight = 0;
  let sharedAt = 0;

  beforeAll(async () => {
    author = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    // Another browser: the author's service worker must not answer the reader's pages.
    readers = await browser.newContext({ viewport: { width: 1000, height: 1100 }, locale: 'en-US' });
  });
  afterAll(async () => {
    await author?.close();
    await readers?.close();
  });

  it('the author makes a run with the pointer, opens Share / Embed, chooses Korean, dark, full controls and the start, and sees a preview', async () => {
    const page = await author.newPage();
    await page.goto(`${site.origin}/`);
    const head = (who: string) => page.getByRole('region', { name: who, exact: true });
    const state = (who: string) => head(who).getByRole('status').textContent();
    await head('Server').getByRole('button', { name: 'listen()', exact: true }).click();
    await head('Client').getByRole('button', { name: 'connect()', exact: true }).click();
    await expect.poll(() => state('Client'), { timeout: 20_000 }).toContain('ESTABLISHED');
    await head('Client').getByRole('button', { name: 'close()', exact: true }).click();
    await expect.poll(() => state('Server'), { timeout: 20_000 }).toContain('CLOSE-WAIT');
    // The run plays to its end (the client's orphaned FIN-WAIT-2 times out): nothing more will happen.
    const forward = page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Step forward', exact: true });
    await expect.poll(() => forward.isEnabled(), { timeout: 30_000 }).toBe(false);
    await expect.poll(() => page.getByRole('region', { name: 'Timeline' }).locator('button.play').textContent(), { timeout: 10_000 }).toContain('Play');
    sharedAt = Number.parseFloat((await page.getByRole('region', { name: 'Timeline' }).locator('output').textContent())!);
    expect(sharedAt).toBeGreaterThan(3);

    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
    await dialog.getByRole('textbox').first().waitFor();
    await dialog.getByLabel('Language', { exact: true }).selectOption('ko');
    await dialog.getByLabel('Theme', { exact: true }).selectOption('dark');
    await dialog.getByLabel('Controls', { exact: true }).selectOption('full');
    // "This moment" is offered (the author is past the start); the start is chosen.
    expect(await dialog.getByLabel('Opens at', { exact: true }).locator('option').allTextContents()).toEqual([
      'the start',
      `this moment (${sharedAt.toFixed(3)} s)`,
    ]);
    await dialog.getByLabel('Opens at', { exact: true }).selectOption('start');
    // Once the preview has posted its height, the iframe snippet starts that tall.
    const preview = dialog.locator('iframe.share-preview-frame');
    await expect.poll(() => preview.getAttribute('data-height'), { timeout: 20_000 }).not.toBeNull();
    await expect
      .poll(() => dialog.getByRole('textbox').nth(2).inputValue())
      .toContain(`height:${Math.ceil(Number(await preview.getAttribute('data-height')))}px`);
    [iframe, script] = (await Promise.all([2, 3].map((i) => dialog.getByRole('textbox').nth(i).inputValue()))) as [string, string];
    // The snippets follow the choices.
    expect(iframe).toMatch(/embed\.html\?run=1\.[\w-]+&amp;lang=ko&amp;theme=dark&amp;controls=full"/);
    expect(iframe).not.toContain('at=');
    expect(script).toMatch(/<tcp-handshake run="1\.[\w-]+" lang="ko" theme="dark" controls="full"><\/tcp-handshake>/);
    // Choosing "this moment" writes it; choosing the start again takes it out.
    await dialog.getByLabel('Opens at', { exact: true }).selectOption('now');
    expect(await dialog.getByRole('textbox').nth(2).inputValue()).toContain(`&amp;at=${Math.round(sharedAt * 1000)}`);
    await dialog.getByLabel('Opens at', { exact: true }).selectOption('start');
    await expect.poll(() => dialog.getByRole('textbox').nth(2).inputValue(), { timeout: 20_000 }).toBe(iframe);

    // The preview is the embed itself, as chosen: in Korean, dark, at its start, as tall as it says it is.
    expect(await preview.getAttribute('src')).toBe(/src="([^"]+)"/.exec(iframe)![1]!.replace(/&amp;/g, '&'));
    await expect.poll(() => preview.getAttribute('data-height'), { timeout: 20_000 }).not.toBeNull();
    const inPreview = page.frameLocator('iframe.share-preview-frame');
    expect(await inPreview.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await inPreview.getByRole('region', { name: '타임라인' }).locator('output').textContent()).toBe('0.000 s');
    // The embed is laid out a column wide and as tall as it posted; on this screen it may be shown
    // shrunk (the caption says so), keeping those proportions, so the dialog stays one screen.
    previewHeight = Number(await preview.getAttribute('data-height'));
    expect(await preview.evaluate((el) => [(el as HTMLElement).offsetWidth, (el as HTMLElement).offsetHeight])).toEqual([COLUMN, previewHeight]);
    const shown = (await preview.boundingBox())!;
    expect(Math.abs(shown.height / shown.width - previewHeight / COLUMN)).toBeLessThanOrEqual(0.01);
    if (shown.width < COLUMN - 1) expect(await dialog.locator('figcaption').textContent()).toMatch(/\d+%/);
    const fits = await dialog.evaluate((el) => el.scrollHeight <= el.clientHeight + 1);
    expect(fits, 'the dialog scrolls inside itself').toBe(true);
    await page.screenshot({ path: 'screenshots/share-embed-dialog.png' });
    // Every choice is named, and the dialog (the preview inside it too) has no accessibility violation.
    const axe = await new AxeBuilder({ page }).include('dialog.share').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await page.close();
  }, 90_000);

  it('pasted as an iframe, it opens at its start, plays with a line for every event, and Play at the end plays it again', async () => {
    expect(iframe).not.toBe('');
    posts['/post'] = post(iframe);
    const page = await readers.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/post`);
    const frame = page.frameLocator('iframe');
    const r = reader(frame);
    await r.timeline.waitFor({ timeout: 20_000 });
    expect(await frame.locator('html').getAttribute('data-theme')).toBe('dark');
    // At its start: step 0, every step ahead, nothing behind.
    expect(await r.clock()).toBe(0);
    expect(await r.forward.isEnabled()).toBe(true);
    expect(await r.back.isEnabled()).toBe(false);
    // Full controls: the slider, the speed, reset.
    expect(await r.timeline.locator('input[type="range"]').count()).toBe(1);
    const first = await r.said();
    expect(first).toHaveLength(1);
    expect(first[0]).toContain('LISTEN');
    // Step by step, each event says something new, in Korean.
    await r.forward.click();
    const second = await r.said();
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]).toMatch(/[가-힣]/);
    await r.back.click();
    expect(await r.clock()).toBe(0);

    // The iframe takes the height the preview had: the post does not move when it is published.
    const frameBox = (await page.locator('iframe').boundingBox())!;
    expect(frameBox.width).toBe(COLUMN);
    expect(Math.abs(frameBox.height - previewHeight), `iframe ${frameBox.height} px, preview ${previewHeight} px`).toBeLessThanOrEqual(2);

    await r.timeline.getByRole('combobox', { name: '속도' }).selectOption('2');
    const said = await playThrough(r);
    // A line for the events as they happened: the handshake, the close, the server's CLOSE-WAIT.
    expect(said.length).toBeGreaterThan(5);
    expect(said.some((s) => s.includes('ESTABLISHED'))).toBe(true);
    expect(said.some((s) => s.includes('CLOSE-WAIT'))).toBe(true);
    expect(said.join(' ')).not.toContain('재생을 누르거나');
    const end = await r.clock();
    expect(end).toBeGreaterThanOrEqual(sharedAt - 0.01);
    expect(await r.state('서버')).toContain('CLOSE-WAIT');
    // Nothing around the diagram moved while it played.
    expect(Math.abs((await page.locator('iframe').boundingBox())!.height - frameBox.height)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: 'screenshots/share-embed-post-end.png', fullPage: true });

    // Play at the end: the run again, from its start.
    await r.play.click();
    await expect.poll(() => r.clock(), { timeout: 10_000 }).toBeLessThan(end / 2);
    await expect.poll(() => r.state('서버'), { timeout: 10_000 }).not.toContain('CLOSE-WAIT');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('pasted as one script tag, the element opens at its start and plays the same way', async () => {
    expect(script).not.toBe('');
    posts['/post-element'] = post(script);
    const page = await readers.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/post-element`);
    const element = page.locator('tcp-handshake');
    const r = reader(element);
    await r.timeline.waitFor({ timeout: 20_000 });
    expect(await element.getAttribute('data-theme')).toBe('dark');
    expect(await r.clock()).toBe(0);
    expect(await r.forward.isEnabled()).toBe(true);
    expect((await r.said())[0]).toContain('LISTEN');
    // As tall as the preview.
    const box = (await element.boundingBox())!;
    expect(box.width).toBe(COLUMN);
    expect(Math.abs(box.height - previewHeight), `element ${box.height} px, preview ${previewHeight} px`).toBeLessThanOrEqual(2);
    await r.timeline.getByRole('combobox', { name: '속도' }).selectOption('2');
    const said = await playThrough(r);
    expect(said.length).toBeGreaterThan(5);
    expect(said.some((s) => s.includes('CLOSE-WAIT'))).toBe(true);
    const end = await r.clock();
    await r.play.click();
    await expect.poll(() => r.clock(), { timeout: 10_000 }).toBeLessThan(end / 2);
    await page.screenshot({ path: 'screenshots/share-embed-post-element.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
