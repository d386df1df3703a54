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
import { EmbedApp } from './EmbedApp';
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
let textReader: Promise<TextReader> | undefined;

/** The text's reader, from beside this script, once per page. */
const loadTextReader = (): Promise<TextReader> =>
  (textReader ??= new Promise((resolve, reject) => {
    const script = document.head.appendChild(document.createElement('script'));
    script.onload = () => resolve((self as typeof self & { HandshakeLabText: TextReader }).HandshakeLabText);
    script.onerror = reject;
    script.src = `${APP_BASE}tcp-handshake-text.js`;
  }));

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
    // A run written as text: the element's content, unless a scenario or a run is named. Its reader
    // draws what to fix in place of the figure; without a reader (a host that lacks the file) the
    // slot shows the text as written.
    const text = this.hasAttribute('scenario') || this.hasAttribute('run') ? '' : this.textContent!;
    const asked = (this.textRead = text + this.getAttribute('lang'));
    if (!text.trim()) return this.draw();
    void loadTextReader().then(
      (reader) => this.textRead === asked && this.isConnected && this.draw(reader.read(text, this.getAttribute('lang'), Run)),
      () => this.draw({ shown: document.createElement('slot') }),
    );
  }

  private textRead = '';

  private draw(given?: TextModule.TextRead): void {
    const params = new URLSearchParams();
    for (const name of ATTRIBUTES) {
      const value = this.getAttribute(name);
      if (value !== null) params.set(name, value);
    }
    const config = parseLink(`?${params}`, 'embed');
    if (config.theme === 'auto') this.removeAttribute('data-theme');
    else this.setAttribute('data-theme', config.theme);
    const box = this.shadowRoot!.lastElementChild!;
    if (given && 'shown' in given) {
      // A text that needs a fix: what, and where, in place of the figure (made by the reader).
      this.root?.unmount();
      this.root = null;
      return box.replaceChildren(given.shown);
    }
    this.root ??= createRoot(box);
    // A new key restarts the lesson when an attribute changes.
    this.root.render(<EmbedApp key={params + this.textRead} config={config} appBase={APP_BASE} given={given} />);
  }
}

if (!customElements.get('tcp-handshake')) customElements.define('tcp-handshake', TcpHandshakeElement);

/**
 * Where Markdown's ```tcp blocks become on a page: `<pre><code class="language-tcp">` (CommonMark,
 * markdown-it, Hugo), `<pre class="language-tcp">` (Prism's own), kramdown's `<div class="language-tcp
 * highlighter-rouge">` and pandoc's `<pre class="tcp">`.
 */
const BLOCKS = '.language-tcp,pre.tcp';

/**
 * Turn every ```tcp block under `root` (the document by default) into a live figure in its place,
 * with the same text: done when this script loads; a page that adds posts later calls
 * TcpHandshake.run() again. The reader is fetched only where there is a block.
 */
export const run = async (root: ParentNode = document): Promise<HTMLElement[]> =>
  root.querySelector(BLOCKS) ? (await loadTextReader()).replaceBlocks(root, BLOCKS) : [];

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void run(), { once: true });
else void run();
