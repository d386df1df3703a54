/**
 * Zeek's connection `history` letters (conn.log's `history` field), as its
 * scripts/base/protocols/conn/main.zeek documents them and its TCP analyzer writes them.
 *
 * One small module, pure and framework-free, so that what makes a history (src/capture/connections.ts)
 * and what reads one back (a conn.log row) share one vocabulary. A letter is upper case when Zeek's
 * originator did it, lower case when the responder did; `^` (Zeek turned the connection round) has
 * no case. Words for a reader are in src/i18n/<lang>/capture.ts (`historyLetter`), keyed by `HistoryKind`.
 */

/** What each letter records. */
export const HISTORY_KINDS = {
  s: 'syn',
  h: 'syn-ack',
  a: 'ack',
  d: 'data',
  f: 'fin',
  r: 'rst',
  c: 'bad-checksum',
  g: 'gap',
  t: 'retransmission',
  w: 'zero-window',
  i: 'fin-rst',
  q: 'multi-flag',
  '^': 'flipped',
  x: 'partial',
} as const;

export type HistoryLetter = keyof typeof HISTORY_KINDS;
export type HistoryKind = (typeof HISTORY_KINDS)[HistoryLetter];

/**
 * How often a letter can appear per side: `once` (a, d, i, q: the first time only), `per-sequence`
 * (s, h, f, r: again only when its sequence number differs from that side's last one of the kind),
 * `scaled` (c, g, t, w: the 1st, 10th, 100th, 1000th... time, so a letter repeated n times means at
 * least 10^(n-1) of them), `flag` (^ and x: once per connection, no side).
 */
export const HISTORY_REPEAT: Readonly<Record<HistoryLetter, 'once' | 'per-sequence' | 'scaled' | 'flag'>> = {
  s: 'per-sequence',
  h: 'per-sequence',
  a: 'once',
  d: 'once',
  f: 'per-sequence',
  r: 'per-sequence',
  c: 'scaled',
  g: 'scaled',
  t: 'scaled',
  w: 'scaled',
  i: 'once',
  q: 'once',
  '^': 'flag',
  x: 'flag',
};

/** The meaning of each letter in plain English (for documentation and the command line; the page uses the i18n strings). */
export const HISTORY_MEANING: Readonly<Record<HistoryKind, string>> = {
  syn: 'a SYN without ACK',
  'syn-ack': 'a SYN+ACK',
  ack: 'a pure ACK (no data, no SYN, FIN or RST)',
  data: 'a segment with data',
  fin: 'a FIN',
  rst: 'a reset',
  'bad-checksum': 'a segment with a bad checksum',
  gap: 'a content gap: bytes acknowledged that the capture never carried',
  retransmission: 'a segment carrying bytes already sent',
  'zero-window': 'a zero window advertised',
  'fin-rst': 'an inconsistent segment (FIN and RST together)',
  'multi-flag': 'a segment with SYN and FIN, or SYN and RST',
  flipped: 'Zeek turned the connection round: the first packet it saw was not from the side that opened',
  partial: 'analysis stopped early (a limit was reached)',
};

/** One letter of a history, spelled out. */
export interface HistoryStep {
  readonly letter: string;
  readonly kind: HistoryKind;
  /** Who did it: Zeek's originator, its responder, or nobody (`^`, `x`). */
  readonly by: 'originator' | 'responder' | null;
  /** For a scaled letter (c, g, t, w): at least this many so far on that side (1, 10, 100, ...). */
  readonly atLeast?: number;
}

/** Spell out a history string letter by letter; letters outside Zeek's vocabulary are left out. */
export function readHistory(history: string): HistoryStep[] {
  const steps: HistoryStep[] = [];
  const scaled = new Map<string, number>();
  for (const letter of history) {
    const lower = letter.toLowerCase() as HistoryLetter;
    const kind = HISTORY_KINDS[lower];
    if (kind === undefined) continue;
    const repeat = HISTORY_REPEAT[lower];
    const by = repeat === 'flag' ? null : letter === lower ? 'responder' : 'originator';
    if (repeat === 'scaled') {
      const n = scaled.get(letter) ?? 0;
      scaled.set(letter, n + 1);
      steps.push({ letter, kind, by, atLeast: 10 ** n });
    } else steps.push({ letter, kind, by });
  }
  return steps;
}

/**
 * Who reset a connection after both its FINs, if anyone did: Zeek keeps such a connection SF (it
 * ignores a reset from an end whose peer has closed too), so its verdict alone reads as a clean
 * close. `originator` says which end Zeek's originator (upper-case letters) is.
 */
export function resetAfterClose(verdict: string, history: string, originator: 'client' | 'server'): 'client' | 'server' | null {
  const fin = history.indexOf('F');
  const peerFin = history.indexOf('f');
  if (verdict !== 'SF' || fin < 0 || peerFin < 0) return null;
  const reset = /[Rr]/.exec(history.slice(Math.max(fin, peerFin) + 1))?.[0];
  if (!reset) return null;
  return (reset === 'R') === (originator === 'client') ? 'client' : 'server';
}

/**
 * An SH connection (a SYN and a FIN from the originator, no answer) of which no SYN was captured:
 * Zeek gives SH to an originator's FIN with no answer whether or not its SYN was seen (a capture
 * that starts late, or sees one side only), so its words must not say "a SYN" then.
 */
export const finWithoutSyn = (verdict: string, history: string): boolean => verdict === 'SH' && !history.includes('S');
