/**
 * Which line a narration says at a moment, decided once for the app and the embeds: a lesson's
 * summary before it starts, its own words at each moment it narrates, its takeaway at the end;
 * otherwise the latest moment. In free play (and a replayed capture) with the "Why it happened"
 * panel on screen beside it, the line says only what just happened: the panel says why, and the
 * same sentence is never shown twice. With no such panel (presentation mode, an embed) the line
 * says why itself. lineWords words the latest moment's line (src/player/narrate.ts has the
 * sentences); runLines lists every such line a run will say, so a view can lay them all out in one
 * cell and keep its height from the first step to the last.
 */
import type { ExplainWords } from '../i18n/explainStrings';
import type { MomentKey, Strings } from '../i18n/strings';
import type { Frame } from './frame';
import type { Policy } from './policy';
import type { Run } from './run';
import { lastNarrated, momentOf, narratedKey, type Moment } from './moment';
import { describe, happenedLine, startHint, type LaneNames } from './narrate';

/** What a lesson has words for, or null in free play. */
export interface LessonText {
  readonly summary: boolean;
  readonly takeaway: boolean;
  readonly moments: Readonly<Partial<Record<MomentKey, string>>>;
  /** A pile-up lesson: its time is its own view's, not this run's. */
  readonly fleet: boolean;
  /**
   * Each moment the lesson narrates stays said until the next one (an embed of a lesson as written;
   * the events before its first are said as they happen); otherwise every event it does not narrate
   * is said as it happens (the app, a run someone made).
   */
  readonly standing?: boolean;
}

export type NarrationLine =
  /** The lesson's summary: what it will show. */
  | { readonly kind: 'summary' }
  /** The lesson's takeaway, at its end. */
  | { readonly kind: 'takeaway' }
  /** The lesson's own words for this change of state. */
  | { readonly kind: 'moment'; readonly key: MomentKey }
  /** Why the latest thing happened, in the explanation's own words. */
  | { readonly kind: 'why'; readonly moment: Moment }
  /** What just happened, and no more: the explanation beside the stage says why. */
  | { readonly kind: 'what'; readonly moment: Moment }
  /** Nothing has happened yet: how to start. */
  | { readonly kind: 'start' };

export interface NarrationContext {
  /** A pile-up lesson has run its two minutes. */
  readonly fleetOver?: boolean;
  /** The "Why it happened" panel is on screen beside the stage (the app's normal view, not presentation mode). */
  readonly explained?: boolean;
}

export function narrationLine(frame: Frame, lesson: LessonText | null, { fleetOver = false, explained = false }: NarrationContext = {}): NarrationLine {
  const latest = (): NarrationLine => {
    const moment = momentOf(frame);
    return moment === null ? { kind: 'start' } : { kind: 'why', moment };
  };
  if (lesson === null) {
    const line = latest();
    return line.kind === 'why' && explained ? { kind: 'what', moment: line.moment } : line;
  }
  if (lesson.fleet) return fleetOver && lesson.takeaway ? { kind: 'takeaway' } : { kind: 'summary' };
  const over = frame.nextEventAt() === null && frame.transitions.length > 0;
  if (over && lesson.takeaway) return { kind: 'takeaway' };
  if (lesson.standing) {
    // At its start, how to start (what its script sets up at 0 s is the stage, not news). Before its
    // first narrated moment, each event is said as it happens: a reader who steps through a handshake
    // the lesson does not narrate is told what happened, not still how to start.
    const standing = lastNarrated(frame.transitions, lesson.moments);
    return standing ? { kind: 'moment', key: standing } : frame.now === 0 ? { kind: 'start' } : latest();
  }
  const key = narratedKey(frame.transitions, frame.transitions.length - 1, lesson.moments);
  if (key) return { kind: 'moment', key };
  // Until the lesson reaches a moment it narrates, its summary says what it will show; a lesson that
  // narrates no moment (its words are the events' own) leaves its summary once something happens.
  const narrated = Object.keys(lesson.moments).length > 0 ? lastNarrated(frame.transitions, lesson.moments) !== null : (frame.instants.at(-1) ?? 0) > 0;
  if (!narrated && lesson.summary) return { kind: 'summary' };
  // A lesson's moment it does not narrate: why it happened (the lesson's story goes on around it).
  return latest();
}

/** A narration's cell for a line: a lesson's own text (its summary, a moment, its takeaway), or the one line of the latest moment. */
export type LineKey = 'summary' | 'takeaway' | `moment:${MomentKey}` | 'latest';

export const lineKey = (line: NarrationLine): LineKey =>
  line.kind === 'moment' ? `moment:${line.key}` : line.kind === 'summary' || line.kind === 'takeaway' ? line.kind : 'latest';

/** The words a narration needs for the latest moment's line. */
export type LineWords = ExplainWords & Partial<LaneNames> & Pick<Strings, 'startHint'>;

/** The words of the latest moment's line: why it happened, what happened, or how to start (a lesson's own texts are its words). */
export const lineWords = (line: NarrationLine, frame: Frame, t: LineWords): string =>
  line.kind === 'what' ? happenedLine(line.moment, frame, t) : line.kind === 'why' ? describe(line.moment, frame, t) : startHint(frame, t);

/**
 * Every latest-moment line a run says (at the moments a lesson's own words do not narrate), each
 * once: worked out to the run's end first (at most `events` more events: a run that probes a closed
 * window for ever has no end), at most `limit` moments looked at. A narration that lays them all out
 * in one cell is as tall as the longest from the start, so nothing below it moves as the run plays.
 */
export function runLines(
  run: Run,
  policy: Policy,
  lesson: LessonText | null,
  t: LineWords,
  { explained = false, events = 2000, limit = 400 }: { explained?: boolean; events?: number; limit?: number } = {},
): string[] {
  const out = new Set<string>();
  try {
    if (!run.complete) run.extendToEnd(events);
    run.eachMoment(policy, limit, (frame) => {
      const line = narrationLine(frame, lesson, { explained });
      if (lineKey(line) === 'latest') out.add(lineWords(line, frame, t));
    });
  } catch {
    // A run the engine cannot finish: its lines are shown as they come.
  }
  return [...out];
}

/** One text a narration's cell lays out: what it is, its words, and whether it is the one shown now. */
export interface CellText {
  readonly key: string;
  readonly kind: 'summary' | 'moment' | 'takeaway' | 'why';
  readonly text: string;
  readonly current: boolean;
}

/**
 * Every text a narration's cell lays out, each marked if it is the one shown now: the app's, the
 * embed's and the element's cells are this list. All of them stand in one cell, the others hidden,
 * so the tallest sets its height from the first step and nothing below it moves as the run plays.
 * The latest moment's line (`latest`, null when none is said) comes once, with the run's other such
 * lines (`whys`, from `runLines`) beside it.
 */
export function cellTexts(o: {
  readonly current: LineKey;
  readonly summary?: string;
  readonly moments: Readonly<Partial<Record<MomentKey, string>>>;
  readonly takeaway?: string;
  readonly latest: string | null;
  readonly whys: readonly string[];
}): CellText[] {
  const out: CellText[] = [];
  const add = (key: string, kind: CellText['kind'], text: string | undefined, current = o.current === key) => {
    if (text !== undefined) out.push({ key, kind, text, current });
  };
  add('summary', 'summary', o.summary);
  for (const [key, text] of Object.entries(o.moments)) add(`moment:${key}`, 'moment', text);
  add('takeaway', 'takeaway', o.takeaway);
  add('latest', 'why', o.latest ?? '', o.current === 'latest' && o.latest !== null);
  o.whys.forEach((text, i) => text !== o.latest && add(`why:${i}`, 'why', text, false));
  return out;
}
