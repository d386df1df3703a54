/**
 * The words of the exercises (src/exercises): how a question sets its scene and asks, and how an
 * answer cites where its rule is written. The events themselves are said in the explanation's own
 * words (./explainStrings: who called what, what arrived, which timer ran out), so a question reads
 * as the narration does. Each language's are in its folder (en/exercises.ts, ko/exercises.ts).
 */

/** The kinds of exercise the engine makes and checks, declared beside their words (src/exercises makes them). */
export const EXERCISE_KINDS = ['next-state', 'why', 'ack-number', 'read-bytes', 'order', 'lost-segment', 'claim', 'capture'] as const;
export type ExerciseKind = (typeof EXERCISE_KINDS)[number];

/** The claims the "claim" kind asks about, each answered by a lesson's run (src/exercises/claims.ts reads them). */
export const CLAIM_IDS = [
  'close-wait-kernel',
  'time-wait-forever',
  'fin-rst-same',
  'listen-sends',
  'second-closer-time-wait',
  'ack-uses-seq',
  'first-closer-time-wait',
  'fin-wait-2-timer',
  'syn-resent',
  'close-wait-ends-on-close',
] as const;
export type ClaimId = (typeof CLAIM_IDS)[number];

export interface ExerciseWords {
  /** A question bank's category, and each kind's name under it. */
  readonly bank: string;
  readonly kindNames: Readonly<Record<ExerciseKind, string>>;
  readonly nextState: {
    /** Where the side was before. */
    readonly before: (who: string, state: string) => string;
    readonly ask: (who: string) => string;
    /** Whether the segment that arrived acknowledges the side's own FIN (in FIN-WAIT-1, CLOSING or LAST-ACK, the answer turns on it). */
    readonly finAcked: (who: string, acked: boolean) => string;
  };
  readonly why: {
    /** A side's change of state, and the question: what made it? (The choices are the explanation's cause sentences.) */
    readonly ask: (who: string, from: string, to: string) => string;
  };
  /** A segment as a choice or a list names it: who sent it to whom, and its flags. */
  readonly segment: (from: string, to: string, flags: string) => string;
  readonly readBytes: {
    /** The sender's sends, in order (one segment each), which was lost; the question: how many bytes reach the receiver's application once the lost one's resending arrives? */
    readonly ask: (sender: string, receiver: string, sends: readonly { readonly bytes: number; readonly lost: boolean }[]) => string;
  };
  readonly order: {
    /** The application calls that set the scene, in order; `later` seconds after the one before (null for the first). */
    readonly call: (sentence: string, later: number | null) => string;
    readonly ask: (phase: 'handshake' | 'close') => string;
    /** Segments in an order, as a choice says them: numbered. */
    readonly sequence: (segments: readonly string[]) => string;
    /** The right order, each segment with when it was sent. */
    readonly because: (steps: readonly string[]) => string;
    readonly at: (segment: string, seconds: number) => string;
  };
  readonly lost: {
    /** A numbered segment in the list, with when it was sent. */
    readonly line: (n: number, segment: string, seconds: number) => string;
    readonly ask: (lines: readonly string[]) => string;
    readonly choice: (n: number, segment: string) => string;
    /** Why: the same segment was sent again, after no ACK came for it. */
    readonly because: (n: number, again: number, waited: number) => string;
  };
  /** Claims students make, each answered by a lesson's run (src/exercises/claims.ts): the statement, and what the run shows (its numbers in order). */
  readonly claims: Readonly<Record<ClaimId, { readonly statement: string; readonly evidence: (facts: readonly number[]) => string }>>;
  /** Reading a real Linux capture: what tcpdump printed (TCP options left out), and where one end was when it ended. */
  readonly capture: {
    readonly ask: (who: string, client: string, server: string, lines: string) => string;
    /** Why: that end's states, read segment by segment, and what Linux's own ss last saw. */
    readonly because: (who: string, states: readonly string[], ss: string) => string;
  };
  readonly claim: {
    /** Which of these is true (one is), or which is not (one is not)? */
    readonly ask: (mode: 'true' | 'false') => string;
    readonly verdict: (holds: boolean) => string;
  };
  readonly ackNumber: {
    /** What the peer sent (sequence numbers relative to each side's first, as Wireshark shows them). */
    readonly sent: (peer: string, flags: string, seq: number, bytes: number) => string;
    readonly ask: (who: string, flags: string) => string;
    /** Why the answer is that number: the next byte expected, after what the segment carried. */
    readonly because: (seq: number, bytes: number, syn: boolean, fin: boolean, ack: number) => string;
  };
  /** The practice page: one question at a time, checked at once, with the run on the stage. */
  readonly practice: {
    readonly title: string;
    readonly progress: (n: number, of: number, right: number) => string;
    readonly check: string;
    readonly next: string;
    readonly right: string;
    readonly wrong: (answer: string) => string;
    readonly finished: (right: number, of: number) => string;
    readonly again: string;
    /** A new set: `count` other questions. */
    readonly another: (count: number) => string;
    /** In a course (a SCORM package in an LMS): what the LMS recorded, and that the page may be closed. */
    readonly recorded: (score: number, status: 'passed' | 'failed' | 'completed') => string;
    /** Launched again by the course after the set was done: the result it recorded stands, and this is practice. */
    readonly alreadyRecorded: (score: number, status: 'passed' | 'failed' | 'completed') => string;
    /** A course's package opened with no LMS around it: practice, recorded nowhere. */
    readonly notRecorded: string;
    /** The last question's button: on to the score. */
    readonly toScore: string;
    /** A half-done set taken up again where the learner left it. */
    readonly resumed: (answered: number) => string;
    /** The end's list of the questions answered wrongly, each with its answer and why. */
    readonly review: string;
    readonly yourAnswer: (answer: string) => string;
    /** A choice's mark once checked, beside its colour: right, and the one chosen that was wrong. */
    readonly markRight: string;
    readonly markWrong: string;
    /** The stage's caption: the run just before the moment asked about, then just after it once answered. */
    readonly before: string;
    readonly after: string;
  };
  /** The instructor's dialog on the practice page: a set for a course, as a file its LMS imports. */
  readonly course: {
    /** The button that opens it, and its title. */
    readonly open: string;
    readonly title: string;
    readonly intro: string;
    readonly format: string;
    readonly formats: Readonly<Record<'moodle-xml' | 'gift' | 'scorm', string>>;
    /** Where each file goes in the LMS. */
    readonly formatNotes: Readonly<Record<'moodle-xml' | 'gift' | 'scorm', string>>;
    readonly language: string;
    readonly count: string;
    /** The count's label when each lesson is a part of its own. */
    readonly countPerPart: string;
    readonly seed: string;
    readonly kinds: string;
    readonly lessons: string;
    /** The lessons' "every one" choice: all one-connection lessons, and runs the seed makes that carry data. */
    readonly allLessons: string;
    readonly mastery: string;
    readonly masteryNone: string;
    readonly perLesson: string;
    readonly perLearner: string;
    readonly download: string;
    readonly making: string;
    /** What was made: its questions (a package's: its parts, and the fewest a part asks), fewer than asked when the choices hold no more. */
    readonly made: (name: string, questions: number, asked: number, parts: number, kb: number) => string;
    readonly badSeed: string;
    /** The package could not be made here (the page or its fonts could not be fetched, or this is not the built site). */
    readonly failed: (why: string) => string;
    readonly noKind: string;
    readonly noLesson: string;
    readonly close: string;
    /** A SCORM package's title in the LMS (its organization's). */
    readonly packageTitle: (seed: number) => string;
  };
  /** Where the rule is written: RFC 9293's section (its title), a Linux setting, or both. */
  readonly rfc: (section: string, title: string) => string;
  readonly sysctl: (name: string) => string;
}
