/**
 * The app inside other people's pages, in Debian's Chromium: embeds in a blog post (iframe and
 * script tag), shared links and the runs students share. Screenshots go to screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { FrameLocator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openConnection, opener, press, state, timeline } from './appPage';
import { withBuiltSite, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const open = opener(env);
mkdirSync('screenshots', { recursive: true });

describe('inside a blog post', () => {
  it('embed.html takes its lesson, language, theme, controls, speed and autoplay from the URL', async () => {
    const page = await env.browser.newPage({ viewport: { width: 360, height: 700 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}embed.html?scenario=syn-lost&lang=ko&theme=dark&controls=minimal&autoplay=1&speed=8`);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    // A Korean lesson is a Korean document (a screen reader reads it as Korean).
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await expect.poll(() => page.getByRole('region', { name: '서버' }).getByRole('status').textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    expect(await page.locator('g.segment.lost').count()).toBe(1);
    // controls=minimal: play or pause, and step; no speed, no slider, no reset.
    const timeline = page.getByRole('region', { name: '타임라인' });
    const buttons = (await timeline.getByRole('button').allTextContents()).map((b) => b.trim());
    expect([buttons[0], buttons[2], buttons.length]).toEqual(['한 단계 뒤로', '한 단계 앞으로', 3]);
    expect(await timeline.locator('select, input').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: 'screenshots/embed-dark-ko.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a malformed embed link says what it ignored and shows the default lesson', async () => {
    const page = await env.browser.newPage({ viewport: { width: 480, height: 700 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.url}embed.html?scenario=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&speed=999&step=-3&controls=lots`);
    const alerts = await page.getByRole('alert').allTextContents();
    expect(alerts.map((a) => a.split('=')[0])).toEqual(['Ignored scenario', 'Ignored controls', 'Ignored speed', 'Ignored step']);
    expect(await page.locator('img').count()).toBe(0); // shown as text, never as HTML
    expect(await page.locator('.embed-title').textContent()).toBe('The 3-way handshake');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 320 px column: the drawing is as wide as its box, and every mark inside it', async () => {
    const page = await env.browser.newPage({ viewport: { width: 320, height: 700 }, locale: 'en-US' });
    await page.goto(`${env.url}embed.html?scenario=three-way-handshake&step=9`);
    await page.locator('svg.sequence g.state-mark').first().waitFor();
    const fit = await page.evaluate(() => {
      const box = document.querySelector('.diagram-scroll')!;
      const svg = document.querySelector('svg.sequence')!;
      const width = Number(svg.getAttribute('width'));
      const marks = [...svg.querySelectorAll('g.state-mark rect')].map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('width'))] as const);
      return {
        width,
        box: box.clientWidth,
        page: document.documentElement.scrollWidth,
        outside: marks.filter(([x, w]) => x < 0 || x + w > width).length,
        marks: marks.length,
      };
    });
    expect(fit.marks).toBeGreaterThan(3);
    expect(fit.width).toBeLessThanOrEqual(fit.box);
    expect(fit.outside).toBe(0);
    expect(fit.page).toBeLessThanOrEqual(320);
    await page.close();
  });

  it('tells the page around its iframe how tall it is', async () => {
    const page = await env.browser.newPage({ viewport: { width: 800, height: 900 } });
    await page.setContent(`<iframe src="${env.url}embed.html?scenario=three-way-handshake" style="width:600px;height:200px"></iframe>
      <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'handshake-lab:height') heights.push(e.data.height); });</script>`);
    // The first message may come before the lesson is drawn (the empty page's height); the page settles on the drawn one.
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1) ?? 0), { timeout: 15_000 }).toBeGreaterThan(300);
    await page.close();
  });
});

describe('the built embed, as a blog serves it', () => {
  const site = withBuiltSite(['vite.embed.config.ts']);

  it('runs in a sandboxed iframe (allow-scripts only) and posts its height', async () => {
    const page = await env.browser.newPage({ viewport: { width: 800, height: 1000 } });
    await page.setContent(`<iframe sandbox="allow-scripts" src="${site.origin}/embed.html?scenario=abort-rst&lang=en&controls=none&speed=8" style="width:420px;height:300px"></iframe>
      <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'handshake-lab:height') heights.push(e.data.height); });</script>`);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.getByRole('region', { name: 'Server' }).getByRole('status').textContent(), { timeout: 20_000 }).toContain('CLOSED');
    expect(await frame.locator('g.segment[data-flags="RST+ACK"]').count()).toBe(1);
    await expect.poll(() => page.evaluate(() => (window as unknown as { heights: number[] }).heights.length)).toBeGreaterThan(0);
    await page.close();
  });
  it("iframe snippets pasted into one post (one of them twice) each take their own frame's height, from the first paint, and give it back when the column widens", async () => {
    const snippet = async (id: string) => {
      const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      await page.goto(`${env.url}?scenario=${id}`);
      await page.getByRole('button', { name: 'Share / Embed' }).click();
      const box = page.getByRole('dialog', { name: 'Share / Embed' }).getByRole('textbox').nth(2);
      // Once its preview has posted its height, the snippet starts the frame that tall (no 150 px frame below the fold).
      await expect.poll(() => box.inputValue(), { timeout: 20_000 }).toMatch(/style="width:100%;height:\d+px;border:0"/);
      const text = await box.inputValue();
      await page.close();
      // Served as a static host would (a sandboxed frame's module scripts need CORS, which the dev server refuses to an opaque origin).
      return text.replace(/src="[^"]*embed\.html/, `src="${site.origin}/embed.html`);
    };
    const [a, b] = [await snippet('three-way-handshake'), await snippet('fin-wait-2-timeout')];
    expect(a).not.toContain(' id=');
    const host = await env.browser.newPage({ viewport: { width: 700, height: 900 } });
    await host.setContent(`<main id="column" style="width:700px">${a}<p>Between the two.</p>${b}<p>And the first again.</p>${a}</main>`);
    const frames = host.locator('iframe');
    const heights = () => frames.evaluateAll((fs) => fs.map((f) => Math.round(f.getBoundingClientRect().height)));
    // Each frame's height is its own page's: the content fills it with nothing left over.
    const fitted = async () => {
      for (const i of [0, 1, 2]) {
        // As a reader comes to it (a frame out of view is not rendered, and may size itself only then).
        await frames.nth(i).scrollIntoViewIfNeeded();
        const own = await host.frames()[i + 1]!.evaluate(() => Math.ceil(document.getElementById('root')!.getBoundingClientRect().bottom));
        await expect
          .poll(async () => Math.abs((await frames.nth(i).boundingBox())!.height - own), { message: `iframe ${i}`, timeout: 10_000 })
          .toBeLessThanOrEqual(2);
      }
    };
    await expect.poll(async () => Math.min(...(await heights())), { timeout: 20_000 }).toBeGreaterThan(200);
    await fitted();
    const wide = await heights();
    // The same snippet twice: both copies are sized, alike.
    expect(wide[2]).toBe(wide[0]);
    // A narrow column makes them taller; widened again, each gives the height back.
    await host.evaluate(() => (document.getElementById('column')!.style.width = '340px'));
    await expect.poll(async () => (await heights())[0], { timeout: 10_000 }).toBeGreaterThan(wide[0]! + 20);
    await host.evaluate(() => (document.getElementById('column')!.style.width = '700px'));
    await expect.poll(async () => (await heights())[0], { timeout: 10_000 }).toBeLessThanOrEqual(wide[0]! + 2);
    await fitted();
    await host.close();
  });
});

describe('shared links', () => {
  it('a link reproduces exactly what the sender saw', async () => {
    const { page } = await open();
    await page.getByRole('group', { name: 'client → server' }).getByRole('button', { name: 'Drop next' }).click();
    await openConnection(page);
    await press(page, 'Client', 'close()');
    await timeline(page, 'Step forward').click();
    const sent = {
      client: await state(page, 'Client').textContent(),
      server: await state(page, 'Server').textContent(),
      clock: await page.getByRole('region', { name: 'Timeline' }).locator('output').textContent(),
      lost: await page.locator('g.segment.lost').count(),
    };
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const link = await page.getByRole('dialog', { name: 'Share / Embed' }).getByRole('textbox').first().inputValue();
    const other = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'ko-KR' });
    await other.goto(link);
    await other.getByRole('region', { name: 'Timeline' }).waitFor(); // lang=en came with the link
    expect({
      client: await state(other, 'Client').textContent(),
      server: await state(other, 'Server').textContent(),
      clock: await other.getByRole('region', { name: 'Timeline' }).locator('output').textContent(),
      lost: await other.locator('g.segment.lost').count(),
    }).toEqual(sent);
    await other.close();
    await page.close();
  });

  const b64 = (o: unknown) => `1.${Buffer.from(JSON.stringify(o)).toString('base64url')}`;
  const MALFORMED = [
    '',
    'x',
    '1',
    '1.',
    '2.eyJ9',
    '9999999.abc',
    '1.%%%',
    '1.!!!!',
    '1.' + 'Q'.repeat(9_000),
    b64(null),
    b64([]),
    b64('text'),
    b64({ steps: [], t: 'soon' }),
    b64({ steps: [], t: -1 }),
    b64({ steps: [], t: 1e300 }),
    b64({ steps: [{ at: 0, endpoint: 'client', call: '<img src=x onerror=alert(1)>' }], t: 0 }),
    b64({ config: { preset: 'javascript:alert(1)' }, steps: [], t: 0 }),
    b64({ config: { latencyMs: 1e20 }, steps: [], t: 0 }),
    b64({
      steps: [
        { at: 5, endpoint: 'client', call: 'connect' },
        { at: 1, endpoint: 'server', call: 'listen' },
      ],
      t: 0,
    }),
    b64({ steps: [{ at: 0, endpoint: 'client', call: 'send', bytes: 1e12 }], t: 0 }),
  ];

  it('the Share / Embed dialog gives the link, the iframe snippet and the script-tag snippet', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=time-wait`);
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
    const [link, iframe, script] = await Promise.all([0, 2, 3].map((i) => dialog.getByRole('textbox').nth(i).inputValue()));
    expect(link).toMatch(/\?scenario=time-wait&lang=en&run=1\./);
    expect(iframe).toMatch(
      /^<iframe src="[^"]*embed\.html\?scenario=time-wait&amp;lang=en[^"]*" sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"/,
    );
    expect(script).toMatch(/^<script src="[^"]*tcp-handshake\.js" defer><\/script>\n<tcp-handshake scenario="time-wait" lang="en"/);
    await page.close();
  });

  it("notices repeat at most 40 characters of a value, escaped, in the reader's language, and say what opened instead", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    await page.goto(`${env.url}?scenario=${'x'.repeat(1000)}${encodeURIComponent('sign in again at evil.example')}`);
    const alert = page.getByRole('alert').first();
    await expect.poll(() => alert.textContent()).toContain('There is no lesson called');
    expect((await alert.textContent())!.length).toBeLessThan(120);
    expect(await alert.textContent()).not.toContain('evil.example');
    // A valid lesson with a damaged run: the lesson opens, and the notice says so.
    await page.goto(`${env.url}?scenario=four-way-close&run=1.bad`);
    await expect.poll(() => alert.textContent()).toBe("This link's run could not be opened (the link is damaged). Here is the lesson it names instead.");
    expect(await page.locator('.lesson-picker select').inputValue()).toBe('four-way-close');
    // Page settings the page does not know are named, not ignored silently.
    await page.goto(`${env.url}?theme=neon&present=yes`);
    await expect.poll(() => page.getByRole('alert').count()).toBe(2);
    const said = await page.getByRole('alert').allTextContents();
    expect(said).toContain('Ignored theme="neon": not a value this page knows.');
    expect(said).toContain('Ignored present="yes": not a value this page knows.');
    // In Korean, all of it in Korean.
    await page.goto(`${env.url}?lang=ko&scenario=four-way-close&run=1.bad`);
    await expect.poll(() => alert.textContent()).toBe('이 링크의 실행 기록은 열 수 없습니다(링크가 손상되었습니다). 대신 링크가 가리키는 수업을 엽니다.');
    await page.close();
  });

  it('twenty malformed links each get the message and free play, with no uncaught error', async () => {
    expect(MALFORMED).toHaveLength(20);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => {
      errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    for (const bad of MALFORMED) {
      await page.goto(`${env.url}?run=${encodeURIComponent(bad)}`);
      await expect.poll(() => page.getByRole('alert').textContent()).toContain("This link's run could not be opened");
      expect(await state(page, 'Client').textContent()).toContain('CLOSED');
      expect(await page.locator('img').count()).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('export', () => {
  it('downloads the sequence diagram as SVG and PNG, and gives it as Mermaid text', async () => {
    const { page } = await open();
    await openConnection(page);
    const panel = page.getByRole('region', { name: 'Export' });
    const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download SVG' }).click()]);
    const svgText = await (await import('node:fs/promises')).readFile((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('SYN+ACK');
    expect(svgText).toMatch(/fill:\s*rgb/); // the page's colours travel with it
    // Cut to what is drawn: the page's drawing grows in steps and may end in blank space.
    const drawn = await page.locator('svg.sequence-live').getAttribute('data-drawn-height');
    expect(/^<svg[^>]*\sheight="(\d+)"/.exec(svgText)?.[1]).toBe(drawn);
    expect(svgText).not.toContain('data-drawn-height');
    const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download PNG' }).click()]);
    const pngBytes = await (await import('node:fs/promises')).readFile((await png.path())!);
    expect([...pngBytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(pngBytes.length).toBeGreaterThan(5000);
    await panel.getByRole('button', { name: 'Mermaid text' }).click();
    const text = await panel.getByRole('textbox', { name: 'Mermaid text' }).inputValue();
    expect(text.split('\n')[0]).toBe('sequenceDiagram');
    expect(text).toContain('S-->>C: SYN+ACK');
    const [pcap] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download .pcap (Wireshark)' }).click()]);
    const pcapBytes = await (await import('node:fs/promises')).readFile((await pcap.path())!);
    expect(pcapBytes.readUInt32LE(0)).toBe(0xa1b2c3d4);
    await page.close();
  });

  it('prints the lesson, both states, the narration and the whole diagram, without the controls', async () => {
    const { page } = await open();
    await openConnection(page);
    await page.emulateMedia({ media: 'print' });
    for (const name of ['Timeline', 'Network', 'Event log']) expect(await page.getByRole('region', { name }).isVisible()).toBe(false);
    for (const name of ['Client', 'Server', 'Lesson', 'Sequence diagram']) expect(await page.getByRole('region', { name }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'connect()' }).first().isVisible()).toBe(false);
    // The diagram spans the page, and the two endpoints share one row.
    const widths = await page.evaluate(() => {
      const svg = document.querySelector('svg.sequence')!.getBoundingClientRect();
      const panel = document.querySelector('.stage')!.getBoundingClientRect();
      const [client, server] = [...document.querySelectorAll('.head.endpoint')].map((e) => e.getBoundingClientRect());
      return { svg: svg.width, panel: panel.width, sameRow: Math.abs(client!.top - server!.top) < 1 };
    });
    expect(widths.svg).toBeGreaterThan(widths.panel * 0.85);
    expect(widths.sameRow).toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Paper is white whatever the screen shows: dark and high-contrast themes print in light colours.
    for (const theme of ['dark', 'contrast']) {
      await page.evaluate((name) => (document.documentElement.dataset.theme = name), theme);
      const [text, card] = await page.evaluate(() => {
        const panel = document.querySelector('.stage')!;
        return [getComputedStyle(panel).color, getComputedStyle(panel).backgroundColor];
      });
      expect(text, theme).toBe('rgb(20, 22, 26)');
      expect(card, theme).toBe('rgb(255, 255, 255)');
    }
    await page.close();
  });
});

/** A blog post: three elements (one far below the fold) and an iframe, with styles of its own that must not leak in. */
const POST = `<!doctype html><html><head><style>h2 { color: rgb(255, 0, 0); } .panel { outline: 9px solid rgb(0, 255, 0); }</style></head><body>
  <h2 id="host-heading">A blog post</h2><div class="panel" id="host-panel">not ours</div>
  <tcp-handshake id="first" scenario="syn-lost" controls="none" speed="8" lang="en"></tcp-handshake>
  <tcp-handshake id="second" scenario="three-way-handshake" controls="minimal" lang="ko" theme="dark"></tcp-handshake>
  <iframe id="frame" sandbox="allow-scripts" src="/embed.html?scenario=abort-rst&controls=none&speed=8&lang=en" style="width:100%;height:400px"></iframe>
  <div style="height:4000px"></div>
  <tcp-handshake id="far" scenario="simultaneous-open" lang="en"></tcp-handshake>
  <script src="/tcp-handshake.js"></script></body></html>`;

describe('one script tag: <tcp-handshake>', () => {
  const site = withBuiltSite(['vite.element.config.ts', 'vite.embed.config.ts'], { '/': POST });

  it('two elements and an iframe on one page, each on its own, nothing leaking', async () => {
    const page = await env.browser.newPage({ viewport: { width: 900, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/`);
    const first = page.locator('#first');
    const second = page.locator('#second');
    // The first plays by itself to the end; the second waits at its start.
    await expect.poll(() => first.getByRole('region', { name: 'Server' }).getByRole('status').textContent(), { timeout: 20_000 }).toContain('ESTABLISHED');
    expect(await second.getByRole('region', { name: '클라이언트' }).getByRole('status').textContent()).toContain('CLOSED');
    await second.getByRole('button', { name: '한 단계 앞으로', exact: true }).click();
    expect(await second.getByRole('region', { name: '클라이언트' }).getByRole('status').textContent()).toContain('SYN-SENT');
    expect(await second.getAttribute('data-theme')).toBe('dark');
    // Its text is light on its dark cards, whatever colour the post sets.
    expect(
      await second
        .locator('.state .rfc')
        .first()
        .evaluate((el) => getComputedStyle(el).color),
    ).toBe('rgb(238, 240, 244)');
    // The iframe runs its own lesson (once on screen: Chromium pauses animation frames in an iframe scrolled out of view).
    await page.locator('#frame').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.frameLocator('#frame').getByRole('region', { name: 'Server' }).getByRole('status').textContent(), { timeout: 20_000 })
      .toContain('CLOSED');
    // Nothing leaks in or out.
    expect(
      await first
        .locator('h2')
        .first()
        .evaluate((h) => getComputedStyle(h).color),
    ).not.toBe('rgb(255, 0, 0)');
    expect(
      await first
        .locator('.panel')
        .first()
        .evaluate((p) => getComputedStyle(p).outlineColor),
    ).not.toBe('rgb(0, 255, 0)');
    expect(await page.locator('#host-panel').evaluate((p) => getComputedStyle(p).borderRadius)).toBe('0px');
    // The one far below has not started; it does once scrolled into view.
    expect(await page.locator('#far').evaluate((el) => el.shadowRoot!.lastElementChild!.childElementCount)).toBe(0);
    await page.locator('#far').scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('#far').evaluate((el) => el.shadowRoot!.lastElementChild!.childElementCount)).toBeGreaterThan(0);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: 'screenshots/blog-post-embeds.png', fullPage: false });
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('embedding a run a student made', () => {
  const site = withBuiltSite(['vite.element.config.ts', 'vite.embed.config.ts'], {
    '/post': '<!doctype html><html><head><title>A post</title></head><body></body></html>',
  });

  it('a free-play run (a lost SYN, a server that never closes) plays the same in the iframe snippet and in the element snippet', async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await page.goto(env.url);
    await page.getByRole('group', { name: 'client → server' }).getByRole('button', { name: 'Drop next' }).click();
    await page.getByRole('region', { name: 'Server' }).getByRole('switch', { name: 'Application never calls close()' }).check();
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    await expect.poll(() => state(page, 'Client').textContent(), { timeout: 15_000 }).toContain('ESTABLISHED');
    await press(page, 'Client', 'close()');
    await expect.poll(() => state(page, 'Server').textContent(), { timeout: 15_000 }).toContain('CLOSE-WAIT');
    // The moment shared is the start: both then step through the same run.
    await page.keyboard.press('Home');
    // Step until the run has nothing more to show (or n steps), reading both states after each.
    const steps = async (p: Page | FrameLocator, n: number, forward: ReturnType<Page['getByRole']>) => {
      const seen: string[] = [];
      for (let i = 0; i < n && (await forward.isEnabled()); i++) {
        await forward.click();
        const [c, s] = await Promise.all(['Client', 'Server'].map((who) => p.getByRole('region', { name: who }).getByRole('status').textContent()));
        seen.push(`${c!.trim()} / ${s!.trim()}`);
      }
      return seen;
    };
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Share / Embed' });
    const [iframe, script] = (await Promise.all([2, 3].map((i) => dialog.getByRole('textbox').nth(i).inputValue()))) as [string, string];
    expect(iframe).toMatch(/embed\.html\?run=1\./);
    expect(script).toMatch(/<tcp-handshake run="1\.[\w.-]+"/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    const inApp = await steps(page, 40, page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: 'Step forward', exact: true }));
    expect(inApp.at(-1)).toContain('CLOSE-WAIT');
    expect(inApp.some((x) => x.startsWith('SYN-SENT'))).toBe(true);

    // Pasted into a post, served as a static host would (the built embed and script).
    const host = await env.browser.newPage({ viewport: { width: 760, height: 900 } });
    await host.goto(`${site.origin}/post`);
    const local = (s: string) => s.replace(/https?:\/\/[^"]*?(embed\.html|tcp-handshake\.js)/g, `${site.origin}/$1`);
    await host.setContent(
      `<main>${local(iframe).replace('sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"', 'sandbox="allow-scripts"')}</main>`,
    );
    const frame = host.frameLocator('iframe');
    await frame.getByRole('region', { name: 'Timeline' }).waitFor();
    const inFrame = await steps(frame, inApp.length, frame.getByRole('button', { name: 'Step forward' }));
    expect(inFrame).toEqual(inApp);
    expect(await frame.locator('h1').textContent()).toBe('A run made in Handshake Lab');
    expect(await frame.getByRole('region', { name: 'Server' }).locator('.who').textContent()).toContain('never calls close()');

    await host.setContent(`<main>${local(script).replace(' defer', '')}</main>`);
    const element = host.locator('tcp-handshake');
    await element.getByRole('region', { name: 'Timeline' }).waitFor();
    const inElement = await steps(host, inApp.length, element.getByRole('button', { name: 'Step forward' }));
    expect(inElement).toEqual(inApp);
    await host.close();
    await page.close();
  });

  it("the iframe snippet's “Open in Handshake Lab” opens the app at its lesson, in its language, out of the iframe's sandbox", async () => {
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
    await page.goto(`${env.url}?scenario=time-wait&lang=ko`);
    await page.getByRole('button', { name: /Share|공유/ }).click();
    const iframe = await page.getByRole('dialog').getByRole('textbox').nth(2).inputValue();
    const host = await env.browser.newPage({ viewport: { width: 700, height: 900 } });
    await host.goto(`${site.origin}/post`);
    // Pasted as given, sandbox and all (a popup of a sandboxed frame is sandboxed too unless the snippet lets it out).
    await host.setContent(`<main>${iframe.replace(/https?:\/\/[^"]*?embed\.html/g, `${site.origin}/embed.html`)}</main>`);
    const frame = host.frameLocator('iframe');
    const [opened] = await Promise.all([host.context().waitForEvent('page'), frame.getByRole('link').first().click()]);
    await opened.getByRole('region', { name: '타임라인' }).waitFor({ timeout: 15_000 });
    expect(new URL(opened.url()).searchParams.get('scenario')).toBe('time-wait');
    expect(new URL(opened.url()).searchParams.get('lang')).toBe('ko');
    await opened.close();
    await host.close();
    await page.close();
  });

  it('a damaged run in an embed gets a clear message and the lesson, and breaks nothing', async () => {
    const page = await env.browser.newPage({ viewport: { width: 760, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/embed.html?scenario=four-way-close&run=1.not-a-run&lang=en`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This run could not be opened');
    expect(await page.locator('h1').textContent()).toBe('The 4-way close, client first');
    expect(errors).toEqual([]);
    await page.close();
  });
});
