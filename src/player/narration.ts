/**
 * Which line the narration above the stage says at a moment, decided once for every view: a
 * lesson's summary before it starts, its own words at each moment it narrates, its takeaway at the
 * end; otherwise the latest moment. In free play (and a replayed capture) with the "Why it happened"
 * panel on screen beside it, the line says only what just happened: the panel says why, and the
 * same sentence is never shown twice. With no such panel (presentation mode, an embed) the line
 * says why itself. The views word the line (src/ui/Lesson.tsx); this says which it is.
 */
import type { MomentKey } from '../i18n/strings';
import type { Frame } from './frame';
import { lastNarrated, momentOf, narratedKey, type Moment } from './moment';

/** What a lesson has words for, or null in free play. */
export interface LessonText {
  readonly summary: boolean;
  readonly takeaway: boolean;
  readonly moments: Readonly<Partial<Record<MomentKey, string>>>;
  /** A pile-up lesson: its time is its own view's, not this run's. */
  readonly fleet: boolean;
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
  const key = narratedKey(frame.transitions, frame.transitions.length - 1, lesson.moments);
  if (key) return { kind: 'moment', key };
  // Until the lesson reaches a moment it narrates, its summary says what it will show; a lesson that
  // narrates no moment (its words are the events' own) leaves its summary once something happens.
  const narrated = Object.keys(lesson.moments).length > 0 ? lastNarrated(frame.transitions, lesson.moments) !== null : (frame.instants.at(-1) ?? 0) > 0;
  if (!narrated && lesson.summary) return { kind: 'summary' };
  // A lesson's moment it does not narrate: why it happened (the lesson's story goes on around it).
  return latest();
}
