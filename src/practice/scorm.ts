/**
 * The practice page as a SCORM 1.2 SCO: it finds the LMS's API the way SCORM 1.2's run-time
 * environment says (the `API` object of a window up the chain of parents, then up the opener's),
 * opens the session, reports each answer as an interaction, the score and the status when the set is
 * done, and closes the session when the learner leaves. Where no LMS is there, `connectScorm` gives
 * null and the page is plain practice.
 *
 * A half-done set survives the learner leaving: the answers so far go in cmi.suspend_data, the exit
 * is "suspend", and the next launch (cmi.core.entry "resume") goes on from there.
 */

/** SCORM 1.2's API, as the LMS offers it: every value is a string, "true" and "false" included. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSFinish(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSGetLastError(): string;
}

/** How many parents a search climbs: the run-time's own finder gives up after seven. */
const MAX_PARENTS = 7;

function apiUp(start: Window | null): Scorm12Api | null {
  let win = start;
  for (let i = 0; win !== null && i <= MAX_PARENTS; i++) {
    try {
      const api = (win as Window & { API?: Scorm12Api }).API;
      if (api && typeof api.LMSInitialize === 'function') return api;
    } catch {
      // A parent of another origin cannot be read: the API is not there.
      return null;
    }
    if (win.parent === win) return null;
    win = win.parent;
  }
  return null;
}

/** The LMS's API for this window: up its parents, then up its opener's. */
export function findScormApi(win: Window): Scorm12Api | null {
  let opener: Window | null;
  try {
    opener = win.opener as Window | null;
  } catch {
    opener = null;
  }
  return apiUp(win) ?? apiUp(opener);
}

/** What a SCO keeps between launches: the set it was on, and the answers given so far. */
export interface Suspended {
  readonly seed: number;
  readonly answers: readonly number[];
}

/** SCORM 1.2's CMITimespan (HHHH:MM:SS.SS) for a span in milliseconds. */
export function timespan(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.min(9999, Math.floor(cs / 360_000)))}:${two(Math.floor(cs / 6000) % 60)}:${two(Math.floor(cs / 100) % 60)}.${two(cs % 100)}`;
}

/** A choice as SCORM 1.2 records a "choice" interaction's response: a letter, a for the first. */
const letter = (choice: number): string => String.fromCharCode(97 + choice);

/** One question answered, as the LMS's gradebook and reports show it. */
export interface Answered {
  readonly id: string;
  readonly choice: number;
  readonly answer: number;
}

/** A session with the LMS, opened by `connectScorm`. Every call after `finish` does nothing. */
export class ScormSession {
  private open = true;
  private readonly started: number;
  private done = false;

  /** What the LMS had recorded when this launch began, if the set was done already (a learner back to look again). */
  readonly recordedBefore: { readonly score: number; readonly status: 'passed' | 'failed' | 'completed' } | null;

  constructor(
    private readonly api: Scorm12Api,
    private readonly now: () => number,
  ) {
    this.started = now();
    const status = api.LMSGetValue('cmi.core.lesson_status');
    // A first launch is under way.
    if (status === 'not attempted' || status === '') this.set('cmi.core.lesson_status', 'incomplete');
    // A set done already, launched again in the same attempt (an LMS gives a new attempt fresh data): its result stands,
    // and this launch is practice; nothing it does is reported (a review must never turn a pass into a fail).
    const done = status === 'passed' || status === 'failed' || status === 'completed';
    this.recordedBefore = done ? { score: Number(api.LMSGetValue('cmi.core.score.raw')) || 0, status } : null;
  }

  /** The learner's id (cmi.core.student_id), or null where the LMS gives none. */
  learner(): string | null {
    return this.api.LMSGetValue('cmi.core.student_id') || null;
  }

  /** The pass mark the LMS holds (the manifest's adlcp:masteryscore), or null. */
  mastery(): number | null {
    const text = this.api.LMSGetValue('cmi.student_data.mastery_score');
    const n = Number(text);
    return text !== '' && Number.isFinite(n) && n >= 0 && n <= 100 ? n : null;
  }

  /** The set and answers a learner left half done, if this launch resumes one. */
  suspended(): Suspended | null {
    if (this.api.LMSGetValue('cmi.core.entry') !== 'resume') return null;
    try {
      const data = JSON.parse(this.api.LMSGetValue('cmi.suspend_data')) as Partial<Suspended>;
      if (typeof data.seed === 'number' && Array.isArray(data.answers) && data.answers.every((a) => Number.isInteger(a) && a >= 0))
        return { seed: data.seed, answers: data.answers };
    } catch {
      // Nothing kept, or not ours: a new set.
    }
    return null;
  }

  /** A question answered: an interaction for the LMS's report, and the answers so far kept for a resumed launch. */
  answered(a: Answered, kept: Suspended): void {
    if (!this.open || this.recordedBefore) return;
    // The next free interaction (a resumed launch's first answer is not its question's number): SCORM 1.2 appends at _count.
    const n = `cmi.interactions.${Number(this.api.LMSGetValue('cmi.interactions._count')) || 0}`;
    this.set(`${n}.id`, a.id.replace(/[^\w.:-]/g, '_').slice(0, 255));
    this.set(`${n}.type`, 'choice');
    this.set(`${n}.correct_responses.0.pattern`, letter(a.answer));
    this.set(`${n}.student_response`, letter(a.choice));
    this.set(`${n}.result`, a.choice === a.answer ? 'correct' : 'wrong');
    this.set('cmi.suspend_data', JSON.stringify(kept));
    this.api.LMSCommit('');
  }

  /**
   * The set done: the score in percent (0 to 100), passed or failed against the pass mark (the LMS's,
   * else the set's own), or completed where there is none; committed at once.
   */
  finished(right: number, of: number, mastery: number | null): { score: number; status: 'passed' | 'failed' | 'completed' } {
    const score = of === 0 ? 0 : Math.round((100 * right) / of);
    const mark = this.mastery() ?? mastery;
    const status = mark === null ? 'completed' : score >= mark ? 'passed' : 'failed';
    if (this.recordedBefore) return this.recordedBefore;
    if (this.open) {
      this.set('cmi.core.score.min', '0');
      this.set('cmi.core.score.max', '100');
      this.set('cmi.core.score.raw', String(score));
      this.set('cmi.core.lesson_status', status);
      this.set('cmi.suspend_data', '');
      this.done = true;
      this.api.LMSCommit('');
    }
    return { score, status };
  }

  /** The learner leaves: the time spent, how they left (a half-done set is suspended), and the session closed. */
  finish(): void {
    if (!this.open) return;
    this.set('cmi.core.session_time', timespan(this.now() - this.started));
    this.set('cmi.core.exit', this.done || this.recordedBefore ? '' : 'suspend');
    this.api.LMSCommit('');
    this.api.LMSFinish('');
    this.open = false;
  }

  private set(element: string, value: string): void {
    this.api.LMSSetValue(element, value);
  }
}

/** The LMS's session for this page, opened; null where no LMS launched it (or its API refused to start). */
export function connectScorm(win: Window, now: () => number = () => Date.now()): ScormSession | null {
  const api = findScormApi(win);
  if (api === null || String(api.LMSInitialize('')) !== 'true') return null;
  return new ScormSession(api, now);
}
