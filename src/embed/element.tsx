/**
 * <tcp-handshake scenario="four-way-close" lang="ko" theme="dark" controls="minimal"> from one
 * script tag: a lesson in a shadow root (nothing leaks in or out), drawn only once it comes within a
 * screen of the view, each element with its own state.
 */
import { createRoot, type Root } from 'react-dom/client';
import css from '../ui/base.css?inline';
import { parseLink } from '../player/links';
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
    this.root.render(<EmbedApp key={params.toString()} config={config} appBase={APP_BASE} />);
  }
}

if (!customElements.get('tcp-handshake')) customElements.define('tcp-handshake', TcpHandshakeElement);
