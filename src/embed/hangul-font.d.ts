/** What scripts/hangulFont.ts's Vite plugin tells the embeds about the shipped Hangul faces. */
declare module 'virtual:hangul-font' {
  export const family: string;
  export const range: string;
  /** The @font-face rules, with '@/' where the site's folder goes. */
  export const css: string;
  /** Each face's weight range and its twin script's path in the site. */
  export const twins: readonly [weight: string, script: string][];
}
