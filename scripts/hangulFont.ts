/**
 * The Hangul the interface uses, shipped as a small web font so that a reader with no Korean font
 * never sees boxes. At build time every Hangul character in the sources (src/, index.html,
 * embed.html: the Korean strings, the lessons, the capture words, the embeds' words and the
 * language menu's "한국어") is collected, and Noto Sans KR (SIL Open Font License 1.1, from the
 * @openfonts/noto-sans-kr_korean package: its 2,350 common syllables, KS X 1001) is cut down to
 * exactly those glyphs with HarfBuzz's subsetter (subset-font, WebAssembly).
 *
 * One face per weight (regular for 100-500, bold for 600-900), each a woff2 under fonts/, declared
 * with local() names first (the Korean fonts of macOS, Windows and Linux: no download where one is
 * installed) and a unicode-range of the Hangul blocks, so a browser fetches it only when it draws
 * Korean. The app declares the faces in index.html; the embeds declare them from their script
 * (src/embed/hangulFont.ts), with the file found beside embed.html or beside tcp-handshake.js.
 * Each woff2 has a twin script carrying the same bytes, for pages that may not fetch the font
 * itself: a sandboxed iframe has an opaque origin, and a font from another origin needs CORS
 * headers that most static hosts do not send (a classic script needs none).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';

/** The family the stylesheets name (base.css: --font-ui, --font-mono). */
export const HANGUL_FAMILY = 'Handshake Lab Hangul';
/** Hangul Jamo, Compatibility Jamo, Jamo Extended-A, Syllables, Jamo Extended-B. */
export const HANGUL_RANGE = 'U+1100-11FF, U+3130-318F, U+A960-A97F, U+AC00-D7A3, U+D7B0-D7FF';
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]/u;

/** Where the source faces are, and which local fonts stand in for them (full and PostScript names, as local() matches). */
const WEIGHTS = [
  {
    weight: 400,
    range: '100 500',
    local: [
      'Pretendard Regular',
      'Pretendard-Regular',
      'Noto Sans KR Regular',
      'NotoSansKR-Regular',
      'Noto Sans CJK KR Regular',
      'NotoSansCJKkr-Regular',
      'Apple SD Gothic Neo Regular',
      'AppleSDGothicNeo-Regular',
      'Malgun Gothic',
      'MalgunGothic',
      'NanumGothic',
    ],
  },
  {
    weight: 700,
    range: '600 900',
    local: [
      'Pretendard Bold',
      'Pretendard-Bold',
      'Noto Sans KR Bold',
      'NotoSansKR-Bold',
      'Noto Sans CJK KR Bold',
      'NotoSansCJKkr-Bold',
      'Apple SD Gothic Neo Bold',
      'AppleSDGothicNeo-Bold',
      'Malgun Gothic Bold',
      'MalgunGothicBold',
      'NanumGothic Bold',
      'NanumGothicBold',
    ],
  },
] as const;

export interface HangulFace {
  /** The CSS font-weight range the face serves. */
  readonly weight: string;
  readonly local: readonly string[];
  /** Paths relative to the built site's root. */
  readonly file: string;
  readonly script: string;
  readonly bytes: Uint8Array;
}

const SOURCES = ['src', 'index.html', 'embed.html'];

/** Every Hangul character in the sources, once each, in code point order. */
export function hangulUsed(root = process.cwd()): string {
  const found = new Set<string>();
  const read = (path: string): void => {
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) read(join(path, name));
    else if (/\.(tsx?|html|css)$/.test(path)) for (const ch of readFileSync(path, 'utf8')) if (HANGUL.test(ch)) found.add(ch);
  };
  for (const s of SOURCES) if (existsSync(join(root, s))) read(join(root, s));
  return [...found].sort().join('');
}

const cache = new Map<string, Promise<HangulFace[]>>();

/** The subset faces for the Hangul of the sources under `root` (made once per set of characters in a process: the four builds share them). */
export function hangulFaces(root = process.cwd()): Promise<HangulFace[]> {
  const text = hangulUsed(root);
  let made = cache.get(text);
  if (!made) {
    // One weight at a time: the WebAssembly woff2 codec beneath subset-font is not to be entered twice at once.
    made = WEIGHTS.reduce<Promise<HangulFace[]>>(
      (before, { weight, range, local }) =>
        before.then(async (done) => {
          const source = readFileSync(createRequire(import.meta.url).resolve(`@openfonts/noto-sans-kr_korean/files/noto-sans-kr-korean-${weight}.woff2`));
          // Name IDs 0, 13 and 14 (copyright, licence, licence URL: the source has 0 and 14) are kept: the OFL travels with the font.
          const bytes = new Uint8Array(await subsetFont(source, text, { targetFormat: 'woff2', preserveNameIds: [0, 13, 14] }));
          const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
          return [...done, { weight: range, local, file: `fonts/hangul-${weight}-${hash}.woff2`, script: `fonts/hangul-${weight}-${hash}.js`, bytes }];
        }),
      Promise.resolve([]),
    );
    cache.set(text, made);
  }
  return made;
}

/** The @font-face rules, with the files under `base` (a URL or a path ending in /). */
export function fontFaceCss(faces: readonly Pick<HangulFace, 'weight' | 'local' | 'file'>[], base: string): string {
  return faces
    .map(
      (f) =>
        `@font-face{font-family:'${HANGUL_FAMILY}';font-weight:${f.weight};font-display:swap;unicode-range:${HANGUL_RANGE};` +
        `src:${f.local.map((n) => `local('${n}')`).join(',')},url('${base}${f.file}') format('woff2')}`,
    )
    .join('\n');
}

/** The twin script: the same bytes, handed to the page's loader (src/embed/hangulFont.ts) by a classic script, which needs no CORS. */
const twinScript = (face: HangulFace): string =>
  `(self.handshakeLabHangul||(self.handshakeLabHangul=[])).push(${JSON.stringify([face.weight, Buffer.from(face.bytes).toString('base64')])});` +
  `typeof self.handshakeLabHangulLoaded=='function'&&self.handshakeLabHangulLoaded();\n`;

const VIRTUAL = 'virtual:hangul-font';

/**
 * The Vite plugin, in all four configs: emits the faces and their twins, declares them in
 * index.html (the app), and gives the embeds their names through `virtual:hangul-font`.
 */
export function hangulFont(options: { declareInHtml: boolean }): Plugin {
  let root = process.cwd();
  let serving = false;
  return {
    name: 'handshake-lab:hangul-font',
    configResolved(config) {
      root = config.root;
      serving = config.command === 'serve';
    },
    async buildStart() {
      // The dev server serves the faces itself (configureServer).
      if (serving) return;
      for (const face of await hangulFaces(root)) {
        this.emitFile({ type: 'asset', fileName: face.file, source: face.bytes });
        this.emitFile({ type: 'asset', fileName: face.script, source: twinScript(face) });
      }
    },
    resolveId(id) {
      return id === VIRTUAL ? `\0${VIRTUAL}` : null;
    },
    async load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      // The rules ready-made (the page puts its base where '@/' is), and each face's twin script.
      const faces = await hangulFaces(root);
      return [
        `export const family = ${JSON.stringify(HANGUL_FAMILY)};`,
        `export const range = ${JSON.stringify(HANGUL_RANGE)};`,
        `export const css = ${JSON.stringify(fontFaceCss(faces, '@/'))};`,
        `export const twins = ${JSON.stringify(faces.map((f) => [f.weight, f.script]))};`,
      ].join('\n');
    },
    async transformIndexHtml() {
      if (!options.declareInHtml) return [];
      return [{ tag: 'style', attrs: { id: 'hangul-font' }, children: fontFaceCss(await hangulFaces(root), './'), injectTo: 'head' }];
    },
    configureServer(server) {
      // The dev server serves the faces too.
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\//, '');
        if (!path.startsWith('fonts/hangul-')) return next();
        hangulFaces(root).then((faces) => {
          const face = faces.find((f) => f.file === path || f.script === path);
          if (!face) return next();
          const woff2 = face.file === path;
          res.setHeader('content-type', woff2 ? 'font/woff2' : 'text/javascript; charset=utf-8');
          res.end(woff2 ? face.bytes : twinScript(face));
        }, next);
      });
    },
  };
}
