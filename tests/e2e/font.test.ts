/**
 * Korean on a machine with no Korean font: Chromium runs with a fontconfig that hides every
 * Korean font of the system (this machine has Debian's Nanum fonts, for screenshots), so a Hangul
 * glyph is either drawn with the shipped face (scripts/hangulFont.ts) or is a box. Chromium's own
 * account of the fonts it drew each element's text with (CDP CSS.getPlatformFontsForNode) must
 * give every Hangul glyph to the shipped face: in the app, in embed.html alone and in a sandboxed
 * iframe, and in the <tcp-handshake> element's shadow root on a host page. An English page never
 * asks for the face at all.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_CONFIGS } from '../../scripts/browser';
import { launchChromium, withBuiltSite } from './harness';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/gu;
/** The PostScript names of the shipped faces (Noto Sans KR, cut to the interface's Hangul). */
const SHIPPED = /^NotoSansKR-(Regular|Bold)$/;

/** A host page two folders down: the element must find its font beside its script, not beside the page. */
const POST = (lang: string) => `<!doctype html><html><head><title>A post</title></head><body>
  <h1>A post</h1>
  <tcp-handshake id="lesson" scenario="four-way-close" lang="${lang}" controls="full"></tcp-handshake>
  <iframe id="frame" sandbox="allow-scripts" src="/embed.html?scenario=three-way-handshake&lang=${lang}" style="width:700px;height:700px;border:0"></iframe>
  <script src="/tcp-handshake.js" defer></script></body></html>`;

/** A page that names only fonts the system has: its Hangul can come from nowhere but the system. */
const BARE = `<!doctype html><html><body><p id="bare" style="font-family: NanumGothic, 'Noto Sans KR', sans-serif">클라이언트가 연결을 엽니다</p></body></html>`;

let browser: Browser;
let fontconfig: string;
beforeAll(async () => {
  fontconfig = mkdtempSync(join(tmpdir(), 'no-korean-font-'));
  // The system's fonts, less any that has Hangul (Debian's fonts-nanum; Noto CJK where installed).
  writeFileSync(
    join(fontconfig, 'fonts.conf'),
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>${fontconfig}/cache</cachedir>
  <selectfont><rejectfont><pattern><patelt name="lang"><string>ko</string></patelt></pattern><glob>/usr/share/fonts/truetype/nanum/*</glob></rejectfont></selectfont>
</fontconfig>`,
  );
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  browser = await launchChromium({ ...env, FONTCONFIG_FILE: join(fontconfig, 'fonts.conf') });
});
afterAll(async () => {
  await browser?.close();
  rmSync(fontconfig, { recursive: true, force: true });
});

interface Drawn {
  /** The element's own text. */
  readonly text: string;
  /** Its Hangul characters. */
  readonly hangul: number;
  /** Whether its children are all text (Chromium's count then covers exactly that text; otherwise its elements' text too). */
  readonly leaf: boolean;
  /** Glyphs Chromium drew with the shipped face, and with any other font (by PostScript name). */
  readonly shipped: number;
  readonly others: Readonly<Record<string, number>>;
}

interface DomNode {
  nodeId: number;
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
  contentDocument?: DomNode;
}

/**
 * Every element of a page (shadow roots included) whose own text has Hangul, and the fonts Chromium drew it with; with
 * `inFrames`, those of the page's same-process frames instead (null if it has none: a frame in a process of its own has a
 * DevTools session of its own).
 */
async function hangulDrawn(cdp: CDPSession, inFrames = false): Promise<Drawn[] | null> {
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const found: { id: number; text: string; leaf: boolean }[] = [];
  let framed = false;
  const walk = (n: DomNode, inFrame: boolean) => {
    const own = (n.children ?? [])
      .filter((c) => c.nodeType === 3)
      .map((c) => c.nodeValue)
      .join('');
    if (n.nodeType === 1 && inFrame === inFrames && HANGUL.test(own))
      found.push({ id: n.nodeId, text: own, leaf: (n.children ?? []).every((c) => c.nodeType === 3) });
    HANGUL.lastIndex = 0;
    for (const c of [...(n.children ?? []), ...(n.shadowRoots ?? [])]) walk(c, inFrame);
    if (n.contentDocument) {
      framed = true;
      walk(n.contentDocument, true);
    }
  };
  walk(root, false);
  if (inFrames && !framed) return null;
  const drawn: Drawn[] = [];
  for (const { id, text, leaf } of found) {
    const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: id })) as {
      fonts: { familyName: string; postScriptName: string; isCustomFont: boolean; glyphCount: number }[];
    };
    // An element not drawn (display: none, a closed <option>) reports no fonts.
    if (fonts.length === 0) continue;
    const others: Record<string, number> = {};
    let shipped = 0;
    for (const f of fonts) {
      if (f.isCustomFont && SHIPPED.test(f.postScriptName)) shipped += f.glyphCount;
      else others[f.postScriptName] = (others[f.postScriptName] ?? 0) + f.glyphCount;
    }
    drawn.push({ text, hangul: text.match(HANGUL)?.length ?? 0, leaf, shipped, others });
  }
  return drawn;
}

/** Every Hangul glyph drawn was drawn with the shipped face, and there was Korean to draw. */
function expectAllShipped(drawn: readonly Drawn[], atLeast: number) {
  expect(drawn.length, 'elements with Korean text drawn').toBeGreaterThanOrEqual(atLeast);
  for (const d of drawn) {
    if (d.leaf) expect({ text: d.text, shipped: d.shipped }).toEqual({ text: d.text, shipped: d.hangul });
    else expect(d.shipped, d.text).toBeGreaterThanOrEqual(d.hangul);
  }
  expect(drawn.filter((d) => d.leaf).length, 'leaf elements with Korean text').toBeGreaterThanOrEqual(atLeast / 2);
}

/** The font requests a page makes (the woff2 faces and their twin scripts). */
function fontRequests(page: Page): string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/fonts/')) asked.push(new URL(r.url()).pathname);
  });
  return asked;
}

async function settle(page: Page | Frame) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(300);
}

describe('Korean with no Korean font on the machine', () => {
  const site = withBuiltSite(SITE_CONFIGS, { '/blog/2026/ko': POST('ko'), '/blog/2026/en': POST('en'), '/bare': BARE });

  it('the machine really has none: Hangul that names only system fonts is drawn with no Korean font', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.origin}/bare`);
    const drawn = (await hangulDrawn(await page.context().newCDPSession(page)))!;
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.shipped).toBe(0);
    expect(Object.keys(drawn[0]!.others).join(' ')).not.toMatch(/Nanum|NotoSans(CJK)?KR|KR-|Malgun|AppleSDGothic/i);
    await page.close();
  });

  it('the app in Korean draws every Hangul glyph with the shipped face, at 1280x720 and on a phone', async () => {
    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ]) {
      const page = await browser.newPage({ viewport });
      const asked = fontRequests(page);
      await page.goto(`${site.origin}/?scenario=four-way-close&lang=ko`);
      await page.getByRole('button', { name: '한 단계 앞으로', exact: true }).first().waitFor();
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      await settle(page);
      expectAllShipped((await hangulDrawn(await page.context().newCDPSession(page)))!, 20);
      // The regular and the bold face, each once, from the site's fonts/ folder.
      expect(asked.sort()).toEqual([expect.stringMatching(/^\/fonts\/hangul-400-\w+\.woff2$/), expect.stringMatching(/^\/fonts\/hangul-700-\w+\.woff2$/)]);
      await page.close();
    }
  });

  it('embed.html in Korean, at 700 px, finds the face beside itself', async () => {
    const page = await browser.newPage({ viewport: { width: 700, height: 800 } });
    const asked = fontRequests(page);
    await page.goto(`${site.origin}/embed.html?scenario=four-way-close&lang=ko`);
    await page.getByRole('button', { name: '한 단계 앞으로', exact: true }).waitFor();
    await page.keyboard.press('ArrowRight');
    await settle(page);
    expectAllShipped((await hangulDrawn(await page.context().newCDPSession(page)))!, 5);
    expect(asked.every((p) => /^\/fonts\/hangul-\d00-\w+\.woff2$/.test(p)) && asked.length > 0).toBe(true);
    await page.close();
  });

  it('a host page: the element (in its shadow root) and a sandboxed iframe embed both draw Hangul with the shipped face', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const asked = fontRequests(page);
    await page.goto(`${site.origin}/blog/2026/ko`);
    const lesson = page.locator('#lesson');
    await lesson.getByRole('button', { name: '한 단계 앞으로', exact: true }).click();
    await settle(page);
    // The element declared the faces on the host page (a shadow root's own @font-face would not apply), its files beside the script, not beside the page.
    const declared = await page.evaluate(() => document.getElementById('handshake-lab-hangul')?.textContent ?? '');
    expect(declared).toContain(`url('${site.origin}/fonts/hangul-400-`);
    expect(asked.filter((p) => p.endsWith('.woff2')).every((p) => p.startsWith('/fonts/'))).toBe(true);
    const session = await page.context().newCDPSession(page);
    const main = (await hangulDrawn(session))!;
    // The element's Korean is in its shadow root.
    expect(main.some((d) => d.text.includes('클라이언트'))).toBe(true);
    expectAllShipped(main, 5);

    // The iframe has an opaque origin: it cannot fetch a font (CORS), so the face's twin script brings the same bytes.
    const frame = page.frame({ url: /embed\.html/ })!;
    await frame.getByRole('button', { name: '한 단계 앞으로', exact: true }).waitFor();
    await expect
      .poll(() => frame.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded' && f.family.includes('Handshake Lab Hangul')).length))
      .toBeGreaterThan(0);
    expect(await frame.evaluate(() => self.origin)).toBe('null');
    expect(asked.some((p) => /^\/fonts\/hangul-\d00-\w+\.js$/.test(p))).toBe(true);
    await settle(frame);
    // Chromium may put a sandboxed frame in a process of its own, with a DevTools session of its own.
    const inFrame = (await hangulDrawn(session, true)) ?? (await hangulDrawn(await page.context().newCDPSession(frame)))!;
    expect(inFrame.some((d) => d.text.includes('핸드셰이크'))).toBe(true);
    expectAllShipped(inFrame, 3);
    await page.close();
  });

  it('a reader who has a Korean font downloads nothing: the face takes it by its local() name (this machine has NanumGothic)', async () => {
    const withFonts = await launchChromium();
    try {
      const page = await withFonts.newPage({ viewport: { width: 1280, height: 720 } });
      const asked = fontRequests(page);
      await page.goto(`${site.origin}/?scenario=four-way-close&lang=ko`);
      await page.getByRole('button', { name: '한 단계 앞으로', exact: true }).first().waitFor();
      await settle(page);
      const drawn = (await hangulDrawn(await page.context().newCDPSession(page)))!;
      expect(drawn.length).toBeGreaterThan(10);
      // Every Hangul glyph from the installed NanumGothic, none from a download.
      for (const d of drawn.filter((x) => x.leaf))
        expect(
          Object.entries(d.others)
            .filter(([name]) => name.startsWith('NanumGothic'))
            .reduce((n, [, c]) => n + c, 0),
          d.text,
        ).toBeGreaterThanOrEqual(d.hangul);
      expect(asked).toEqual([]);
      await page.close();
    } finally {
      await withFonts.close();
    }
  });

  it('an English page never downloads the face: the app (language menu included), embed.html, and a post with the element and the iframe', async () => {
    for (const path of ['/?scenario=four-way-close&lang=en', '/embed.html?scenario=four-way-close&lang=en', '/blog/2026/en']) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const asked = fontRequests(page);
      await page.goto(`${site.origin}${path}`);
      await page.getByRole('button', { name: 'Step forward', exact: true }).first().waitFor();
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await settle(page);
      // The app's language menu names Korean in Korean, drawn by a local font if there is one; nothing is fetched for it.
      if (path.startsWith('/?')) expect(await page.locator('option[value="ko"]').textContent()).toContain('한국어');
      expect(asked, path).toEqual([]);
      await page.close();
    }
  });
});
