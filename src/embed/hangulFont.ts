/**
 * The shipped Hangul faces (scripts/hangulFont.ts makes them), declared on the document by the
 * embeds: embed.html with the files beside itself, the <tcp-handshake> script with the files
 * beside the script. A shadow root's own @font-face would not apply, so the rules go in the
 * document's head, once. The browser fetches a face only when it draws Hangul (unicode-range).
 *
 * Where the font cannot be fetched (a sandboxed iframe has an opaque origin, and a font from
 * another origin needs CORS headers that most static hosts do not send), the face's twin script
 * brings the same bytes: a classic script needs no CORS.
 */
import { css, family, range, twins } from 'virtual:hangul-font';

const page = self as typeof self & { handshakeLabHangul?: [weight: string, base64: string][]; handshakeLabHangulLoaded?: () => void };

/** `base`: the folder the site's files are in (a URL ending in /). */
export function declareHangulFont(base: string): void {
  if (document.getElementById('handshake-lab-hangul')) return;
  const style = document.createElement('style');
  style.id = 'handshake-lab-hangul';
  // An opaque origin could not fetch the woff2 itself: a local font, else the twin, asked for when the empty source in
  // its place fails (as the woff2, only once Hangul is drawn; a face of local() sources alone would fail at once).
  style.textContent = self.origin === 'null' ? css.replace(/url\('@\/[^)]*\)/g, 'url(data:,)') : css.replaceAll('@/', base);
  document.head.append(style);

  page.handshakeLabHangulLoaded = () => {
    for (const [weight, data] of (page.handshakeLabHangul ??= []).splice(0))
      document.fonts.add(
        new FontFace(
          family,
          Uint8Array.from(atob(data), (c) => c.charCodeAt(0)),
          { weight, unicodeRange: range },
        ),
      );
  };
  const asked = new Set<string>();
  document.fonts.addEventListener('loadingerror', (e) => {
    for (const { family: f, weight } of e.fontfaces) {
      const twin = twins.find(([w]) => w === weight)?.[1];
      if (!twin || !f.includes(family) || asked.has(weight)) continue;
      asked.add(weight);
      const script = document.createElement('script');
      script.src = base + twin;
      document.head.append(script);
    }
  });
}
