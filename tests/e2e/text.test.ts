/**
 * Issue 27 in Chromium: a run written as text becomes a live figure on a plain page (a Markdown
 * ```tcp block and the element script), the animated SVG plays as an <img> with no script, and the
 * app's Edit as text pane follows the stage and the stage the text.
 */
import { chromium, type Browser } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../scripts/browser';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { core } from '../../src/i18n/en/core';
import { NO_POLICY } from '../../src/player/policy';
import { animatedSvg } from '../../src/ui/momentSvg';
import { opener, press, state, timeline } from './appPage';
import { withBuiltSite, withChromiumAndApp } from './harness';

const env = withChromiumAndApp();
const open = opener(env);

/** A post as a Markdown renderer writes it: a CommonMark block, kramdown's wrapper around a broken one, a lesson element. */
const POST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title></head><body>
<h1>Sockets that never close</h1>
<p id="before">The server's application never calls close():</p>
<pre><code class="language-tcp">title The server never closes
preset classroom
server never closes

0      server listen
500ms  client connect
3s     client close
4s     server is CLOSE-WAIT   # and it stays there
</code></pre>
<p id="between">And one with a slip in it:</p>
<div class="language-tcp highlighter-rouge"><div class="highlight"><pre class="highlight"><code>0      server listen
500ms  client conect
</code></pre></div></div>
<tcp-handshake id="inline" lang="en" controls="full">
preset classroom
0      server listen
500ms  client connect
2.5s   server is ESTABLISHED
</tcp-handshake>
<script src="/tcp-handshake.js"></script></body></html>`;

/** Hugo's own output (its data-lang names the code's language) on a Korean page: the figure speaks Korean, and says nothing of data-lang. */
const HUGO_KO = `<!doctype html><html lang="ko-KR"><head><meta charset="utf-8"></head><body>
<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-tcp" data-lang="tcp">0      server listen
500ms  client connect
</code></pre></div>
<script src="/tcp-handshake.js"></script></body></html>`;

/** A post with lessons only: the text's reader is never fetched. */
const LESSONS_ONLY = `<!doctype html><html><body><tcp-handshake scenario="four-way-close" lang="en"></tcp-handshake><script src="/tcp-handshake.js"></script></body></html>`;

const ANIMATED = animatedSvg(SCENARIOS.find((s) => s.id === 'four-way-close')!.script, NO_POLICY, core).svg;
const IMAGE = `<!doctype html><html><body style="margin:0"><img id="run" src="/run.svg" alt="The four-way close"></body></html>`;

describe('a run written as text, on a page of its own', () => {
  const site = withBuiltSite(['vite.element.config.ts', 'vite.text.config.ts'], {
    '/post': POST,
    '/hugo': HUGO_KO,
    '/lessons': LESSONS_ONLY,
    '/image': IMAGE,
    '/run.svg': ANIMATED,
  });

  it('a ```tcp block becomes a live figure in its place, and a slip is shown at its line', async () => {
    const page = await env.browser.newPage({ viewport: { width: 900, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/post`);
    const figures = page.locator('tcp-handshake');
    await expect.poll(() => figures.count()).toBe(3);
    // In place: each where its block was, the blocks gone.
    expect(await page.evaluate(() => document.querySelector('#before')!.nextElementSibling!.tagName)).toBe('TCP-HANDSHAKE');
    expect(await page.evaluate(() => document.querySelector('#between')!.nextElementSibling!.tagName)).toBe('TCP-HANDSHAKE');
    expect(await page.evaluate(() => document.querySelectorAll('pre').length)).toBe(0);
    const first = figures.nth(0);
    await expect.poll(() => first.getByRole('heading', { level: 1 }).textContent()).toBe('The server never closes');
    // It steps through the run the text says, to the state it expects; the server's tag says it never closes.
    expect(await first.getByRole('region', { name: 'Server' }).textContent()).toContain('never calls close()');
    const forward = first.getByRole('button', { name: 'Step forward', exact: true });
    for (let i = 0; i < 12 && !(await first.getByRole('region', { name: 'Server' }).getByRole('status').textContent())!.includes('CLOSE-WAIT'); i++)
      await forward.click();
    expect(await first.getByRole('region', { name: 'Server' }).getByRole('status').textContent()).toContain('CLOSE-WAIT');
    // The slip: the line, the column, why, and the line itself with a caret under the place.
    const second = figures.nth(1);
    await expect
      .poll(() => second.getByRole('alert').textContent())
      .toBe(
        'This run\'s text needs a fix: line 2, column 15: client needs one of listen, connect, close, shutdown, abort, send, read, is, receives (got "conect") (did you mean connect?)',
      );
    expect(await second.locator('.text-excerpt').textContent()).toBe('500ms  client conect\n              ^');
    // The element takes the text as its content too.
    const inline = page.locator('#inline');
    await inline.scrollIntoViewIfNeeded();
    await expect.poll(() => inline.getByRole('button', { name: 'Step forward', exact: true }).count()).toBe(1);
    await inline.getByRole('button', { name: 'Step forward', exact: true }).click();
    expect(await inline.getByRole('region', { name: 'Client' }).getByRole('status').textContent()).toContain('SYN-SENT');
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: 'screenshots/text-post.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Hugo's block on a Korean page: a Korean figure, and no word about Hugo's data-lang", async () => {
    const page = await env.browser.newPage({ viewport: { width: 700, height: 900 } });
    await page.goto(`${site.origin}/hugo`);
    const figure = page.locator('tcp-handshake');
    await expect.poll(() => figure.getByRole('button', { name: '한 단계 앞으로', exact: true }).count()).toBe(1);
    expect(await figure.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('a post with lessons only never fetches the text reader', async () => {
    const page = await env.browser.newPage({ viewport: { width: 900, height: 900 } });
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto(`${site.origin}/lessons`);
    await expect.poll(() => page.locator('tcp-handshake').getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(asked).toContain('/tcp-handshake.js');
    expect(asked).not.toContain('/tcp-handshake-text.js');
    await page.close();
  });

  it('the animated SVG plays as an <img>, and stands still for a reader who asks for less motion', async () => {
    const shots = async (browser: Browser) => {
      // The reader's own setting, not an emulated one: Chromium hands emulated media to the page, not to an image's document.
      const page = await browser.newPage({ viewport: { width: 560, height: 900 }, reducedMotion: null });
      await page.goto(`${site.origin}/image`);
      await page.locator('#run').evaluate((img: HTMLImageElement) => img.decode());
      const taken: Buffer[] = [];
      for (let i = 0; i < 3; i++) {
        await page.waitForTimeout(800);
        taken.push(await page.locator('#run').screenshot());
      }
      await page.close();
      return taken;
    };
    const playing = await shots(env.browser);
    expect(playing[0]!.equals(playing[1]!)).toBe(false);
    expect(playing[1]!.equals(playing[2]!)).toBe(false);
    const calm = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [...FLAGS, '--force-prefers-reduced-motion'],
    });
    try {
      const still = await shots(calm);
      expect(still[0]!.equals(still[1]!)).toBe(true);
      expect(still[1]!.equals(still[2]!)).toBe(true);
    } finally {
      await calm.close();
    }
  });
});

describe('the app: Edit as text', () => {
  const textbox = (page: import('playwright-core').Page) => page.getByRole('textbox', { name: 'Edit as text' });

  it('follows the stage, and the stage follows it; a slip is marked at its line and changes nothing', async () => {
    const { page, errors } = await open(1280, 720);
    await page.getByRole('button', { name: 'Edit as text' }).click();
    const text = textbox(page);
    // Free play: its settings, no step yet.
    expect(await text.inputValue()).toBe('preset classroom\nseed 2026\n');
    await press(page, 'Server', 'listen()');
    await press(page, 'Client', 'connect()');
    await expect.poll(() => text.inputValue()).toMatch(/\n\n0\s+server listen\n\d+ms\s+client connect\n$/);
    // The text, edited: the client closes at 3 s. The stage plays it.
    const edited = `${await text.inputValue()}3s  client close\n`;
    await text.fill(edited);
    // Typing in the text is not a key for the stage: Space does not start playing.
    if (await timeline(page, 'Pause').count()) await timeline(page, 'Pause').click();
    await expect.poll(() => timeline(page, 'Play').count()).toBe(1);
    await text.press('End');
    await text.press('Space');
    await text.press('Backspace');
    expect(await timeline(page, 'Play').count()).toBe(1);
    await expect
      .poll(
        async () => {
          await timeline(page, 'Step forward').click();
          return state(page, 'Client').textContent();
        },
        { timeout: 20_000 },
      )
      .toContain('FIN-WAIT-1');
    // The text stays as written (the stage's own change is not written back over it).
    expect(await text.inputValue()).toBe(edited);
    // A slip: said with its line, marked beside it, and the stage keeps its run.
    await text.fill(`${edited}4s  client clsoe\n`);
    const problem = page.locator('.text-problem');
    await expect.poll(() => problem.textContent()).toContain('Line 7, column 12: client needs one of');
    expect(await page.locator('.text-gutter .bad').textContent()).toBe('✕ 7\n');
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    await page.locator('.text-pane').screenshot({ path: 'screenshots/text-pane-slip.png' });
    // The stage changes while the text cannot be read: what was typed is kept, and the stage's run is offered.
    await page.getByRole('region', { name: 'Server' }).getByRole('switch', { name: 'Application never calls close()' }).check();
    expect(await text.inputValue()).toBe(`${edited}4s  client clsoe\n`);
    await page.getByRole('button', { name: 'Write the stage’s run instead' }).click();
    await expect.poll(() => text.inputValue()).toContain('server never closes\n');
    expect(await problem.count()).toBe(0);
    await page.getByRole('region', { name: 'Server' }).getByRole('switch', { name: 'Application never calls close()' }).uncheck();
    await expect.poll(() => text.inputValue()).not.toContain('never closes');
    // Share / Embed gives the same run as a Markdown block, and the script a post needs once.
    await page.getByRole('button', { name: 'Share / Embed' }).click();
    const markdown = await page.getByRole('textbox', { name: /Write it in Markdown/ }).inputValue();
    expect(markdown).toBe(`\`\`\`tcp\n${await text.inputValue()}\`\`\`\n\n<script src="${env.url}tcp-handshake.js" defer></script>`);
    await page.keyboard.press('Escape');
    // An expectation the engine disagrees with is a slip too.
    await text.fill(`${edited}3s  client is CLOSED\n`);
    await expect.poll(() => problem.textContent()).toContain('Line 7, column 15: at 3s the client goes ESTABLISHED → FIN-WAIT-1, not CLOSED');
    // Back on the stage: the server closes; the text follows, the slip gone.
    await text.fill(edited);
    await expect.poll(() => problem.count()).toBe(0);
    await page.getByRole('region', { name: 'Server' }).getByRole('button', { name: 'close()', exact: true }).click();
    await expect.poll(() => text.inputValue()).toMatch(/3s\s+client close\n\S+\s+server close\n$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('writes a lesson as text, with its policy', async () => {
    const { page } = await open(1280, 720);
    await page.goto(`${env.url}?scenario=close-wait-hang&lang=en`);
    await page.getByRole('button', { name: 'Edit as text' }).click();
    expect(await textbox(page).inputValue()).toBe(
      ['preset classroom', 'seed 9293', 'server never closes', '', '0      server listen', '500ms  client connect', '3s     client close', ''].join('\n'),
    );
    await page.close();
  });
});
