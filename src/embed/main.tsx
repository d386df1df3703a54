import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import { parseLink } from '../player/links';
import { EmbedApp } from './EmbedApp';
import { declareHangulFont } from './hangulFont';

// The Hangul faces, from beside embed.html.
declareHangulFont(new URL('./', location.href).href);

const config = parseLink(location.search, 'embed');
if (config.theme !== 'auto') document.documentElement.dataset.theme = config.theme;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp config={config} />
  </StrictMode>,
);

// Tell the page around the iframe how tall we are, so it needs no fixed height.
if (window.parent !== window) {
  let last = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'handshake-lab:height', height }, '*');
  }).observe(document.documentElement);
}
