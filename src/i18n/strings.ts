/**
 * The strings every view needs, embeds included (the diagram, the timeline, the narration, each
 * lesson's words); the app's own are in appStrings.ts. Each language's are in its own folder
 * (en/, ko/): the app loads the reader's language only, an embed carries both. A key missing from
 * one language fails the build.
 */
import type { ScenarioId } from '../scenarios/catalog';
import type { EndpointId, TcpState } from '../model/types';

/** A side entering a state: "client:FIN-WAIT-2" (any time), or "client:FIN-WAIT-1#2" (the second time only). */
export type MomentKey = `${EndpointId}:${TcpState}` | `${EndpointId}:${TcpState}#${number}`;

/** What one lesson says, in one language. */
export interface LessonWords {
  readonly title: string;
  /** What to say when a side enters a state (the lesson's own narration). */
  readonly moments?: Readonly<Partial<Record<MomentKey, string>>>;
  /** What the lesson leaves the student with, said once it is over (the app and every embed end on it). */
  readonly takeaway: string;
}

export type LessonTexts = Readonly<Record<ScenarioId, LessonWords>>;

/**
 * The lessons drawn as many sockets at once (the app's pile-up view). An embed never opens one
 * (src/player/links.ts: an embed draws one connection), so their words load with the app's strings
 * only (en/pileupLessons.ts, ko/pileupLessons.ts), not in every embed.
 */
export type PileupLessonId = 'close-wait-pileup' | 'orphan-pileup' | 'time-wait-pileup';
/** The words of every lesson an embed can open. */
export type OneConnectionLessonTexts = Readonly<Record<Exclude<ScenarioId, PileupLessonId>, LessonWords>>;

/**
 * Why a share link's run cannot be trusted, as a code each language words (with the bad field,
 * when a script's). Declared beside its words; src/player/shareLink.ts gives it to a link.
 */
export type LinkProblemCode = 'too-long' | 'no-version' | 'newer' | 'damaged' | 'bad-time' | 'bad-switches' | 'bad-field';

export interface Strings {
  /** Each one-connection lesson's words (the app's strings add the pile-ups': AppStrings.lessons). */
  lessons: OneConnectionLessonTexts;
  /** An embed's narration before the lesson's first moment. */
  startHint: string;
  client: string;
  server: string;
  timeline: string;
  time: string;
  play: string;
  pause: string;
  stepForward: string;
  stepBack: string;
  skipToTimer: string;
  reset: string;
  speed: string;
  scrub: string;
  deliver: (what: string) => string;
  drop: (what: string) => string;
  waiting: string;
  /** A packet in flight, as a button: what pressing it does. */
  dropInFlight: (flags: string) => string;
  sequenceDiagram: string;
  /** A long run whose end is still being worked out (so the diagram can be laid out whole): how far it has got. */
  workingOut: (seconds: string) => string;
  stopWorkingOut: string;
  /** A far moment asked for (a link's time, the slider) still being worked out: where to, and how far it has got. */
  catchingUp: (target: string, reached: string) => string;
  /** A run too long to draw whole: the diagram draws its first `count` segments. */
  drawnOnly: (count: string, untilSeconds: string) => string;
  lost: string;
  retransmission: string;
  /** A label's note on a zero-window probe, as "retransmission" is on a segment sent again. */
  windowProbe: string;
  /** A label's note on a replayed capture's segment that is not in the capture (assumed or inferred; drawn dashed). */
  inferred: string;
  /** A silence drawn short: how long it lasted, in ms (said in ms under a second, else in seconds). */
  compressed: (ms: number) => string;
  /** On a waiting state's chip: no timer ends it (CLOSE-WAIT; FIN-WAIT-2 of a socket the application still holds). */
  noTimer: string;
  /** On a waiting state's chip: the timer that ends it, in seconds. */
  timerNote: (seconds: string) => string;
  /** The middle of a run too long for its box, folded into a band: how long it lasted (ms), how many segments it held, and that a tap shows it all. */
  folded: (ms: number, segments: number) => string;
  takeaway: string;
  badEmbedParam: (name: string, value: string) => string;
  /** A run= that could not be opened: why, and that the lesson is shown instead. */
  badEmbedRun: (reason: string) => string;
  /** Why a link's run could not be opened, by the share-link reader's code (`field`: the script's field at fault). */
  linkProblems: Record<LinkProblemCode, (field: string) => string>;
  /** The title of an embedded run made in free play. */
  sharedRun: string;
  /** Beside an endpoint whose application never calls close(). */
  neverClosesTag: string;
  openFull: string;
}

export type Lang = 'en' | 'ko';

export function detectLang(languages: readonly string[]): Lang {
  const first = languages.find((l) => /^(ko|en)\b/i.test(l));
  return first?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The language this browser's reader prefers, of the two there are. */
export const readerLang = (): Lang => detectLang(navigator.languages ?? [navigator.language]);
