/**
 * tcp-handshake-text.js: everything a run written as text needs beyond drawing it, a classic script
 * of its own beside tcp-handshake.js. The element fetches it only where a page has such a text (a
 * ```tcp block, or text inside <tcp-handshake>), so a post that embeds only lessons never downloads
 * it; a classic script needs no CORS from the host that serves it. It reads the text
 * (src/player/runText.ts), checks its expected states against the element's own engine, and turns
 * a page's ```tcp blocks into elements.
 */
import { TEXT_WORDS } from '../i18n/textStrings';
import { readerLang } from '../i18n/strings';
import type { Run } from '../player/run';
import { encodeRun, type SharedRun } from '../player/shareLink';
import { RunTextError, readRunText, sayError } from '../player/runText';

/** A text read: its run, title and link into the app; or what to show in its place (what to fix, in the element's language, and the line with a caret under the place). */
export type TextRead = { run: SharedRun; title: string | null; link: string } | { shown: Element };

/** `lang`: the element's attribute (its reader's language without one); `Engine`: the element's Run, to check the text's expected states. */
export function read(text: string, lang: string | null, Engine: typeof Run): TextRead {
  const fix = (e: RunTextError): TextRead => {
    const line = (text.split(/\r\n|\r|\n/)[e.line - 1] ?? '').slice(0, 120);
    const words = TEXT_WORDS[lang === 'ko' || lang === 'en' ? lang : readerLang()];
    const shown = document.createElement('main');
    shown.className = 'app embed';
    const notice = shown.appendChild(document.createElement('p'));
    notice.className = 'notice';
    notice.setAttribute('role', 'alert');
    notice.textContent = words.badText(sayError(e, words));
    const excerpt = shown.appendChild(document.createElement('pre'));
    excerpt.className = 'notice text-excerpt';
    excerpt.style.cssText = 'overflow-x:auto;font:0.9rem ui-monospace,monospace';
    excerpt.textContent = `${line}\n${' '.repeat(Math.min(e.column - 1, line.length))}^`;
    return { shown };
  };
  try {
    const { script, policy, title } = readRunText(text, Engine);
    const { config = {}, steps } = script;
    const run: SharedRun = { config, steps, t: 0, policy };
    return { run, title, link: encodeRun(run) };
  } catch (e) {
    if (e instanceof RunTextError) return fix(e);
    throw e;
  }
}

/**
 * Turn every block of `selector` under `root` into a <tcp-handshake> in its place, with the same
 * text, in the page's language (its lang), and the block's data-theme, data-controls, data-autoplay
 * and data-speed as its attributes. Returns the figures made.
 */
export function replaceBlocks(root: ParentNode, selector: string): HTMLElement[] {
  const made: HTMLElement[] = [];
  for (const found of Array.from(root.querySelectorAll<HTMLElement>(selector))) {
    // The outermost block: the <pre> of a <code>, kramdown's wrapper around its <pre>.
    const block = found.closest('div.language-tcp') ?? found.closest('pre') ?? found;
    if (!block.isConnected || block.closest('tcp-handshake')) continue;
    const figure = document.createElement('tcp-handshake');
    // The page's language where it is one the figure speaks (Hugo's data-lang names the code's language, not the reader's).
    const lang = (block.closest('[lang]')?.getAttribute('lang') ?? '').slice(0, 2);
    if (lang === 'ko' || lang === 'en') figure.setAttribute('lang', lang);
    for (const name of ['theme', 'controls', 'autoplay', 'speed'])
      for (const from of [found, block]) {
        const value = from.getAttribute(`data-${name}`);
        if (value !== null && !figure.hasAttribute(name)) figure.setAttribute(name, value);
      }
    figure.textContent = (found.matches('pre, div') ? (found.querySelector('code') ?? found) : found).textContent ?? '';
    block.replaceWith(figure);
    made.push(figure);
  }
  return made;
}
