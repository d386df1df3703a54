/**
 * What every kind of exercise shares: the exercise itself, what the engine did that it asks about
 * (its check), the words it is said in, and how its choices are put together and its rule cited.
 * The kinds live beside it (generate.ts, readCapture.ts); this module depends on none of them.
 */
import { RFC9293_SECTIONS, type Reference } from '../model/cause';
import type { EndpointId, TcpState } from '../model/types';
import type { Policy } from '../player/policy';
import type { Script } from '../model/script';
import type { Scenario } from '../scenarios/catalog';
import type { ClaimId, ExerciseKind, ExerciseWords } from '../i18n/exerciseStrings';
import type { ExplainWords } from '../i18n/explainStrings';
import type { Strings } from '../i18n/strings';

/** The words an exercise is said in: the exercises' own, the explanation's, a lesson's title. */
export type ExerciseStrings = { readonly exercises: ExerciseWords } & ExplainWords & Pick<Strings, 'lessons'>;

/** One question, its choices, the right one, and why (with where the rule is written). */
export interface Exercise {
  /** Stable across runs and languages: its kind, its lesson, and its moment in the lesson's run. */
  readonly id: string;
  readonly kind: ExerciseKind;
  /** The lesson it was made from, or null for a run the seed made (a connection carrying data). */
  readonly lesson: Scenario['id'] | null;
  /** The run it is about: the stage plays it, and a test runs it again to check the answer. */
  readonly script: Script;
  readonly policy: Policy;
  /** The run replays a capture (the stage's session needs the model's replayer). */
  readonly replay?: true;
  /** The moment of the run it is about (ms): the change of state, or the reply's sending. */
  readonly at: number;
  /** Where the stage stands before the answer (nothing of what is asked is drawn yet) and after it (the answer drawn). */
  readonly before: number;
  readonly after: number;
  /** The scene and what is asked of it, alone: the lesson it was drawn from is where its run comes from, not what it asks (a lesson about FIN-WAIT-1 holds a handshake too), so it is not named in it. */
  readonly question: string;
  readonly choices: readonly string[];
  /** Which of `choices` is right. */
  readonly answer: number;
  /** Why the right answer is right, in the explanation's words. */
  readonly explanation: string;
  readonly reference: string;
  /** What the engine says, for a test to check the answer against a fresh run. */
  readonly check: Check;
}

/** What the engine did that an exercise asks about, in the engine's own terms (a test runs the script again and compares). */
export type Check =
  /** next-state: the state a side is in just after `at`. */
  | { readonly endpoint: EndpointId; readonly state: TcpState }
  /** why: what made the side's change at `at` (the trace's spelling of its cause). */
  | { readonly endpoint: EndpointId; readonly cause: string }
  /** ack-number: the ack a segment carries, relative to its peer's first sequence number. */
  | { readonly segment: number; readonly ack: number }
  /** read-bytes: the bytes a side's application got at once at `t`, when the gap was filled. */
  | { readonly reads: EndpointId; readonly t: number; readonly bytes: number }
  /** order: the segments' ids in the order they were sent. */
  | { readonly order: readonly number[] }
  /** lost-segment: the one segment of `listed` that never arrived, and the ids listed. */
  | { readonly lost: number; readonly listed: readonly number[] }
  /** capture: the state an end of a Linux capture ended in, as the engine's replay of tcpdump's lines reads it. */
  | { readonly capture: string; readonly endpoint: EndpointId; readonly state: TcpState }
  /** claim: whether each claim offered holds by its lesson's run, the right one first. */
  | { readonly claims: readonly { readonly id: ClaimId; readonly holds: boolean }[] };

/** The same list in an order set by `random` (Fisher-Yates). */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The choices with the right one among them, in an order of the seed's; and where the right one is. */
export function place(right: string, wrong: readonly string[], random: () => number): { choices: string[]; answer: number } {
  const choices = shuffled([right, ...wrong], random);
  return { choices, answer: choices.indexOf(right) };
}

export function cite(reference: Reference, t: ExerciseWords): string {
  const parts: string[] = [];
  if (reference.rfc) parts.push(t.rfc(reference.rfc, RFC9293_SECTIONS[reference.rfc]));
  if (reference.sysctl) parts.push(t.sysctl(reference.sysctl));
  return parts.join('; ');
}
