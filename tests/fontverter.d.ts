/** fontverter (a dependency of subset-font) ships no types: the one function the font test uses. */
declare module 'fontverter' {
  export function convert(font: Buffer, to: 'sfnt' | 'woff' | 'woff2'): Promise<Buffer>;
}
