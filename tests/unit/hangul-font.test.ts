/**
 * The shipped Hangul faces (scripts/hangulFont.ts) against the words they must draw: every Hangul
 * character of the Korean strings (src/i18n/ko: the app, the lessons, the capture X-ray, the
 * embeds' core words) and of the language menu is in both faces, drawn no wider than a full em
 * (what the diagram's layout assumes: src/ui/diagramGeometry.ts textWidth), and the faces carry
 * the font's licence. A Korean word added later with a syllable the source font lacks fails here.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convert } from 'fontverter';
import * as hb from 'harfbuzzjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hangulFaces, hangulUsed, type HangulFace } from '../../scripts/hangulFont';
import { textWidth } from '../../src/ui/diagramGeometry';

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]/u;
const hangulOf = (text: string) => [...new Set([...text].filter((c) => HANGUL.test(c)))].sort();

/** A face as HarfBuzz reads it: which characters it maps, how wide each is, and its names. */
interface Read {
  readonly blob: hb.Blob;
  readonly unicodes: ReadonlySet<number>;
  readonly upem: number;
  /** Advance of each character's glyph (0 where the face draws it with .notdef). */
  advance(ch: string): { glyph: number; width: number };
  name(id: number): string;
}

async function read(face: HangulFace): Promise<Read> {
  const sfnt = await convert(Buffer.from(face.bytes), 'sfnt');
  // HarfBuzz's objects free their memory once collected: the blob is held as long as the face is read.
  const blob = new hb.Blob(sfnt);
  const hbFace = new hb.Face(blob);
  const font = new hb.Font(hbFace);
  return {
    blob,
    unicodes: new Set(hbFace.collectUnicodes()),
    upem: hbFace.upem,
    advance(ch) {
      const buffer = new hb.Buffer();
      buffer.addText(ch);
      buffer.guessSegmentProperties();
      hb.shape(font, buffer);
      const [info] = buffer.getGlyphInfos();
      const [pos] = buffer.getGlyphPositions();
      return { glyph: info!.codepoint, width: pos!.xAdvance };
    },
    name: (id) => hbFace.getName(id, 'en'),
  };
}

/** The characters of `text` a face lacks. */
const missing = (face: Read, text: string) => hangulOf(text).filter((c) => !face.unicodes.has(c.codePointAt(0)!));

describe('the shipped Hangul faces', () => {
  let faces: HangulFace[];
  let regular: Read;
  let bold: Read;
  beforeAll(async () => {
    faces = await hangulFaces();
    // One at a time: the WebAssembly decoder is not to be entered twice at once.
    regular = await read(faces[0]!);
    bold = await read(faces[1]!);
  }, 60_000);

  const koStrings = () =>
    readdirSync('src/i18n/ko')
      .map((f) => readFileSync(join('src/i18n/ko', f), 'utf8'))
      .join('');

  it('hold every Hangul character of the Korean strings (app, lessons, capture, embeds) and of the language menu, in both weights', () => {
    const ko = koStrings();
    expect(hangulOf(ko).length).toBeGreaterThan(300);
    // The language menu names Korean in Korean on every page.
    const menu = readFileSync('src/ui/App.tsx', 'utf8');
    expect(menu).toContain('한국어');
    for (const face of [regular, bold]) {
      expect(missing(face, ko)).toEqual([]);
      expect(missing(face, menu)).toEqual([]);
      expect(missing(face, hangulUsed())).toEqual([]);
    }
  });

  it('hold only those characters: the faces are cut to what the interface shows', () => {
    const used = hangulUsed().length;
    for (const face of [regular, bold]) expect([...face.unicodes].filter((u) => HANGUL.test(String.fromCodePoint(u))).length).toBe(used);
    // What a Korean reader downloads, at most (both weights); an English reader downloads neither.
    for (const f of faces) expect(f.bytes.length).toBeLessThan(60_000);
  });

  it('draw every syllable no wider than a full em, as the diagram lays out Korean text', () => {
    for (const face of [regular, bold]) {
      for (const ch of hangulUsed()) {
        const { glyph, width } = face.advance(ch);
        expect(glyph, ch).not.toBe(0);
        expect(width, ch).toBeLessThanOrEqual(face.upem);
        expect(width, ch).toBeGreaterThan(face.upem * 0.8);
      }
    }
    // textWidth's estimate of a Korean label is never short of the face's own width.
    const label = '클라이언트가 연결을 엽니다';
    const drawn = [...label].reduce((w, ch) => w + (ch === ' ' ? 0 : regular.advance(ch).width), 0) / regular.upem;
    expect(textWidth(label, 1)).toBeGreaterThanOrEqual(drawn);
  });

  it('carry Noto Sans KR’s copyright and where its licence, the SIL Open Font License, is (as the source font does)', () => {
    for (const face of [regular, bold]) {
      expect(face.name(1)).toMatch(/Noto Sans KR/);
      expect(face.name(0)).toMatch(/^Copyright © 2014, 2015 Adobe/);
      expect(face.name(14)).toMatch(/scripts\.sil\.org\/OFL/);
    }
  });
});

describe('a Korean word whose syllable the source font lacks', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'hangul-font-'));
    mkdirSync(join(root, 'src'));
    // 똠 (as in 똠양꿍) is one of the modern syllables outside KS X 1001's 2,350, which the source font holds.
    writeFileSync(join(root, 'src', 'words.ts'), "export const soup = '똠양꿍';\n");
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is caught: the subset cannot hold it, and the check above reports it', async () => {
    expect(hangulUsed(root)).toBe([...'꿍똠양'].sort().join(''));
    const [face] = await hangulFaces(root);
    expect(missing(await read(face!), '똠양꿍')).toEqual(['똠']);
  }, 60_000);
});
