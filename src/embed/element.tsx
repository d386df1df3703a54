/**
 * <tcp-handshake scenario="four-way-close" lang="ko" theme="dark" controls="minimal"> from one
 * script tag: a lesson in a shadow root (nothing leaks in or out), drawn only once it comes within a
 * screen of the view, each element with its own state. A run written as text (docs/text-format.md)
 * is drawn too: as the element's content, or from a Markdown ```tcp block, which the script turns
 * into an element in place, as Mermaid's run() turns its blocks into diagrams. The text's reader is a
 * script of its own (tcp-handshake-text.js), fetched only where a page has such a text.
 */
import { createRoot, type Root } from 'react-dom/client';
import css from '../ui/base.css?inline';
import { parseLink } from '../player/links';
import { Run } from '../player/run';
import type * as TextModule from './textEntry';
import { EmbedApp, type GivenRun } from './EmbedApp';
import { declareHangulFont } from './hangulFont';

const ATTRIBUTES = ['scenario', 'run', 'lang', 'theme', 'controls', 'autoplay', 'speed', 'at', 'step'] as const;

/** The page stylesheet, aimed at the shadow host instead of the document root. */
const SHADOW_CSS = css
  .replace(/:root:not\(\[([^\]]+)\]\)/g, ':host(:not([$1]))')
  .replace(/:root\[([^\]]+)\]/g, ':host([$1])')
  .replace(/:root/g, ':host');

/** Where the full app lives: beside this script. */
const APP_BASE = new URL('./', (document.currentScript as HTMLScriptElement | null)?.src ?? location.href).toString();

// The Hangul faces, on the host page (a shadow root's @font-face would not apply), from beside this script.
declareHangulFont(APP_BASE);

type TextReader = typeof TextModule;
let textReader: Promise<TextReader> | null = null;

/** The text's reader, from beside this script, once per page. */
function loadTextReader(): Promise<TextReader> {
  return (textReader ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${APP_BASE}tcp-handshake-text.js`;
    script.onload = () => {
      const reader = (self as typeof self & { HandshakeLabText?: TextReader }).HandshakeLabText;
      if (reader) resolve(reader);
      else reject(new Error('tcp-handshake-text.js defined no reader'));
    };
    script.onerror = () => {
      textReader = null;
      reject(new Error(`${script.src} could not be loaded`));
    };
    document.head.append(script);
  }));
}

/** The most events a text's expectations are checked over (a script's own limits keep a run far below). */
const MAX_EVENTS = 1_000_000;

/** A run's text read: the run, or the one message that says where it needs a fix (with its line, and a caret under the place). */
async function readText(text: string): Promise<GivenRun> {
  let reader: TextReader;
  try {
    reader = await loadTextReader();
  } catch (e) {
    return { run: null, title: null, problem: (e as Error).message, excerpt: null };
  }
  const where = (e: { line: number; column: number; message: string }): GivenRun => {
    const line = (text.split(/\r\n|\r|\n/)[e.line - 1] ?? '').slice(0, 120);
    return { run: null, title: null, problem: e.message, excerpt: `${line}\n${' '.repeat(Math.min(e.column - 1, line.length))}^` };
  };
  try {
    const read = reader.parseRunText(text);
    const { config = {}, steps } = read.script;
    if (read.expects.length > 0) {
      const last = Math.max(...read.expects.map((x) => x.at));
      const run = new Run(config, steps);
      run.extendTowards(last + 1, MAX_EVENTS);
      const wrong = reader.checkExpectations(read.expects, run.frameAt(last, read.policy).history.transitions);
      if (wrong) return where(wrong);
    }
    return { run: { config, steps, t: 0, policy: read.policy }, title: read.title, problem: null, excerpt: null };
  } catch (e) {
    if (e instanceof reader.RunTextError) return where(e);
    throw e;
  }
}

/** A run's text the element holds: its own text content, unless a scenario or a run is named. */
const ownText = (element: HTMLElement): string | null =>
  element.hasAttribute('scenario') || element.hasAttribute('run') || (element.textContent ?? '').trim() === '' ? null : element.textContent;

class TcpHandshakeElement extends HTMLElement {
  static observedAttributes = [...ATTRIBUTES];
  private root: Root | null = null;
  private visible = false;
  private observer: IntersectionObserver | null = null;

  connectedCallback(): void {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      // The page sets text colour on body; a shadow root must set its own, or it inherits the post's.
      style.textContent = `${SHADOW_CSS}\n:host { display: block; color: var(--fg); background: var(--bg); border-radius: 12px; }`;
      shadow.append(style, document.createElement('div'));
    }
    // Drawn a screen's height before it scrolls into view: it takes its height below the fold, where
    // the text it pushes down is not being read yet, not under the reader's eyes.
    this.observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.visible = true;
        this.observer?.disconnect();
        this.render();
      },
      { rootMargin: '100% 0px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.root?.unmount();
    this.root = null;
  }

  attributeChangedCallback(): void {
    if (this.visible) this.render();
  }

  private render(): void {
    const text = ownText(this);
    if (text !== null) {
      // Read once, then drawn as any run is; a new text is read again.
      if (this.textRead?.text !== text) this.textRead = { text, given: readText(text) };
      const asked = this.textRead;
      void asked.given.then((given) => {
        if (this.textRead === asked && this.isConnected) this.draw(given);
      });
      return;
    }
    this.draw(undefined);
  }

  private textRead: { text: string; given: Promise<GivenRun> } | null = null;

  private draw(given: GivenRun | undefined): void {
    const params = new URLSearchParams();
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) params.set(name, value);
    }
    const config = parseLink(`?${params}`, 'embed');
    if (config.theme === 'auto') this.removeAttribute('data-theme');
    else this.setAttribute('data-theme', config.theme);
    this.root ??= createRoot(this.shadowRoot!.lastElementChild!);
    // A new key restarts the lesson when an attribute changes.
    this.root.render(<EmbedApp key={`${params}${this.textRead?.text ?? ''}`} config={config} appBase={APP_BASE} given={given} />);
  }
}

if (!customElements.get('tcp-handshake')) customElements.define('tcp-handshake', TcpHandshakeElement);

/**
 * Where Markdown's ```tcp blocks become on a page: `<pre><code class="language-tcp">` (CommonMark,
 * markdown-it, Hugo), `<pre class="language-tcp">` (Prism's own), kramdown's `<div class="language-tcp
 * highlighter-rouge">` and pandoc's `<pre class="tcp">`.
 */
const BLOCKS = 'pre > code.language-tcp, pre.language-tcp, div.language-tcp, pre.tcp';

/**
 * Turn every ```tcp block under `root` (the document by default) into a live figure in its place,
 * with the same text. Run when this script loads; a page that adds posts later calls
 * TcpHandshake.run() again. Returns the figures made.
 */
export function run(root: ParentNode = document): HTMLElement[] {
  const made: HTMLElement[] = [];
  for (const found of Array.from(root.querySelectorAll<HTMLElement>(BLOCKS))) {
    // The outermost block of the ones above: the <pre> of a <code>, kramdown's wrapper around its <pre>.
    const block = found.closest('div.language-tcp') ?? found.closest('pre') ?? found;
    if (!block.isConnected || block.closest('tcp-handshake')) continue;
    const figure = document.createElement('tcp-handshake');
    // The page's own choices for its figures, from the block when a renderer kept them.
    for (const name of ['lang', 'theme', 'controls', 'autoplay', 'speed'])
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

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => run(), { once: true });
else run();
