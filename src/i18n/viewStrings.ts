/**
 * The words of the app's on-demand parts (the keys' list, Share / Embed, Export, the quiz, ss -tan),
 * in both languages: imported only by those parts, so they load with them and not with the first
 * view (0.66 KB gzip in English, 0.78 KB in Korean). Both languages, because the page can switch language while a part
 * is open; the words themselves are in en/views.ts and ko/views.ts, both in ./viewWords.ts. A key missing from one language
 * fails the build.
 */
export interface ViewStrings {
  ssTitle: string;
  keys: readonly (readonly [string, string])[];
  exportTitle: string;
  exportSvg: string;
  exportPng: string;
  exportMermaid: string;
  exportPcap: string;
  /** The whole run as an SVG that plays by itself (CSS only): for a README or a feed, where no script runs. */
  exportAnimated: string;
  /** The Edit as text pane: its title, what it does, the format in a line, and a text that cannot be used yet (`problem`: the reader's message, in English). */
  textTitle: string;
  textHelp: string;
  textProblem: (problem: string) => string;
  textReplay: string;
  /** The stage changed while the text had a mistake: the text is kept; the button writes the stage's run in its place. */
  textStale: string;
  textFollow: string;
  shareLink: string;
  shareIframe: string;
  shareScript: string;
  shareRunIframe: string;
  shareRunScript: string;
  /** The run as a Markdown ```tcp block, with the script a page needs once. */
  shareMarkdown: string;
  /** Share / Embed: how the embed looks and where it opens (its snippets and its preview follow). */
  embedOptions: string;
  embedControls: string;
  controlsNames: Record<'full' | 'minimal' | 'none', string>;
  embedStart: string;
  /** Where the embed opens: its start, or the moment the author is looking at (`seconds`). */
  startNames: { start: string; now: (seconds: string) => string };
  embedAutoplay: string;
  /** The preview's caption: the column width it is drawn at, and how much it is shrunk to fit the screen (100: not at all). */
  embedPreview: (width: number, percent: number) => string;
  copy: string;
  copied: string;
  quizQuestion: (who: string, now: string) => string;
  quizAnswer: string;
  quizRight: string;
  quizWrong: (state: string) => string;
  quizScore: (right: number, asked: number, skipped: number) => string;
  quizSkip: string;
  quizSkipped: (state: string) => string;
  quizNext: string;
  /** Said when a step or Play was stopped by a question waiting for its answer. */
  quizWaits: string;
  ssHelp: string;
}
