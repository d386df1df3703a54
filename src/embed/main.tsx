import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import { parseLink } from '../player/links';
import { readerLang } from '../i18n/strings';
import { EmbedApp } from './EmbedApp';
import { declareHangulFont } from './hangulFont';

// The Hangul faces, from beside embed.html.
declareHangulFont(new URL('./', location.href).href);

const config = parseLink(location.search, 'embed');
if (config.theme !== 'auto') document.documentElement.dataset.theme = config.theme;
// The page's language is the lesson's (a screen reader reads Korean as Korean), as EmbedApp picks it.
document.documentElement.lang = config.lang ?? readerLang();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp config={config} />
  </StrictMode>,
);

// Tell the page around the iframe how tall we are, so it needs no fixed height. The content's own
// height, not the document's scroll height: that is never less than the iframe's, so an embed whose
// column widened (its content now shorter) would never give the page its space back.
if (window.parent !== window) {
  let last = 0;
  const root = document.getElementById('root')!;
  const post = () => {
    const height = Math.ceil(root.getBoundingClientRect().bottom + scrollY + parseFloat(getComputedStyle(document.body).marginBottom));
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'handshake-lab:height', height }, '*');
  };
  new ResizeObserver(post).observe(root);
  // A frame from another origin that is out of view is not rendered, and gets no ResizeObserver
  // callback until it is scrolled to: its first heights are also posted from a timer (timers run).
  let tries = 0;
  const timer = setInterval(() => {
    post();
    if (++tries === 20) clearInterval(timer);
  }, 500);
}
