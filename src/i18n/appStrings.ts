/** The app's own strings (calls, lessons, network, pile-ups; the on-demand parts' words are in ./viewStrings), on top of those every view needs and the words that explain a moment (./explainStrings); the words themselves are in en/app.ts and ko/app.ts. A key missing from one language fails the build. */
import type { CallName } from '../model/types';
import type { TimerName } from '../model/endpoint/tcb';
import type { LessonTexts, Strings } from './strings';
import type { ExplainWords } from './explainStrings';
import type { ScenarioId } from '../scenarios/catalog';

export interface AppStrings extends Strings, ExplainWords {
  /** Every lesson's words, the pile-ups' included. */
  lessons: LessonTexts;
  /** The lesson menu's last entry, which opens the capture X-ray (whose own words load with it: ./captureStrings), and its group. */
  captureOpen: string;
  captureGroup: string;
  /** The menu's entry for a set of exercises (a new seed each time it is chosen). */
  practiceOpen: string;
  /** What each lesson says before it starts. Only the app shows it: an embed sits inside a post that already introduces the lesson. */
  summaries: Readonly<Record<ScenarioId, string>>;
  enlarge: string;
  why: string;
  rfcLink: (section: string) => string;
  title: string;
  tagline: string;
  language: string;
  theme: string;
  themes: Record<'auto' | 'light' | 'dark' | 'contrast', string>;
  network: string;
  calls: string;
  /** What a call stands for in a real program, where the name alone would mislead. */
  callHints: Partial<Record<CallName, string>>;
  neverCloses: string;
  neverClosesHelp: string;
  timers: string;
  /** Bytes received ahead of a gap, not yet given to the application. */
  heldBytes: (bytes: string) => string;
  heldBytesHelp: string;
  /** Bytes waiting in the receive buffer for an application that reads only when it calls read(), and the window that leaves. */
  unreadBytes: (bytes: string) => string;
  windowNow: (window: string) => string;
  unreadBytesHelp: string;
  /** Bytes written that the peer's closed (or small) window holds back in the send queue. */
  queuedBytes: (bytes: string) => string;
  queuedBytesHelp: string;
  /** The event log lists the newest entries of a long run: how many earlier ones it leaves out. */
  earlierEntries: (count: string) => string;
  noTimers: string;
  timerEffects: Record<TimerName, string>;
  inSeconds: (s: string) => string;
  profile: string;
  profiles: Record<'linux' | 'rfc' | 'classroom', string>;
  latency: string;
  /** A number field's text that cannot be used: the range it must be in, and the value still in use. */
  invalidNumber: (min: string, max: string, using: string) => string;
  dropNext: string;
  delayNext: string;
  block: string;
  manual: string;
  manualHelp: string;
  paused: string;
  /** The controls on each direction of the wire, beside the diagram. */
  wire: string;
  delayBy: (s: string) => string;
  delayShort: string;
  dropShort: string;
  neverClosesShort: string;
  /** The rail beside the stage (everything that is not the diagram). */
  more: string;
  unblock: string;
  stateDiagram: string;
  views: string;
  relativeNumbers: string;
  eventLog: string;
  sent: (who: string, flags: string) => string;
  lesson: string;
  scenario: string;
  freePlay: string;
  groups: Record<'opening' | 'normal-close' | 'abnormal-close' | 'promises' | 'rarer', string>;
  unknownScenario: (id: string) => string;
  /** This language's code: the pile-ups load their own words (./pileupStrings) in it, on demand. */
  lang: 'en' | 'ko';
  pileup: string;
  quiz: string;
  present: string;
  leavePresent: string;
  keysTitle: string;
  close: string;
  share: string;
  /** A link whose run could not be opened: why, and what opened instead (the lesson it named, or free play). */
  badLink: (reason: string, lesson: boolean) => string;
  /** A page setting (theme, lang, present) with a value the page does not know. */
  badParam: (name: string, value: string) => string;
  errorNames: Record<'connection refused' | 'connection reset' | 'connection timed out', string>;
  /** How a socket its application had closed ended in error: there is no application left to be told. */
  orphanGaveUp: string;
  orphanGaveUpHelp: string;
}
