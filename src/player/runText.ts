/**
 * A run as text (docs/text-format.md): what a blogger writes in a ```tcp block, what the app's
 * *Edit as text* pane shows, what `npm run render -- x.tcp` reads. One line says one thing: a
 * setting, an application call or a network action at a time, or what state a side should be in
 * (an expectation, checked against the engine's own run). `parseRunText` turns text into a script
 * (through the same `parseScript` every script passes), or throws one RunTextError naming a line
 * and a column; `printRunText` writes any script back, so that reading what it wrote gives the same
 * script, step for step.
 *
 * Hand-written rather than generated: the grammar is a line of words, which a table of line shapes
 * reads in about 3 KB of gzip, where a generated parser (peggy, chevrotain) would bring a runtime of
 * its own to every post that embeds a figure written as text.
 */
import { PRESETS, READ_MODES } from '../model/config';
import { LIMITS, ScriptError, parseScript, type Script, type ScriptStep } from '../model/script';
import { ACK, DEFAULT_WINDOW, formatFlags, parseFlags } from '../model/segment';
import { CALLS, DIRECTIONS, ENDPOINTS, NETSTAT_NAMES, TCP_STATES, type Direction, type EndpointId, type TcpState } from '../model/types';
import { NO_POLICY, type Policy } from './policy';
import type { Run } from './run';

/** A side's state the text says it should be in at a time: the engine's run must agree. */
export interface Expectation {
  readonly line: number;
  /** Where the state's name starts on its line, from 1. */
  readonly column: number;
  readonly at: number;
  readonly endpoint: EndpointId;
  readonly state: TcpState;
}

/** A run as its text says it. */
export interface RunText {
  readonly title: string | null;
  readonly script: Script;
  readonly policy: Policy;
  readonly expects: readonly Expectation[];
}

/** What a text may print: a script, and the rest when there is one. */
export interface Printable {
  readonly title?: string | null;
  readonly script: Script;
  readonly policy?: Policy;
  readonly expects?: readonly Pick<Expectation, 'at' | 'endpoint' | 'state'>[];
}

export class RunTextError extends Error {
  override name = 'RunTextError';
  constructor(
    readonly line: number,
    readonly column: number,
    /** The reason alone, without its place. */
    readonly reason: string,
    /** For an expectation the run disagrees with: what the side does there, for a message in another language. */
    readonly disagrees?: { readonly at: number; readonly endpoint: EndpointId; readonly states: readonly TcpState[]; readonly expected: TcpState },
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
  }
}

/** Bounds on the text itself; the script it makes is held to the script's own (LIMITS). */
export const TEXT_LIMITS = {
  chars: 1_000_000,
  lines: 2 * LIMITS.steps,
  lineChars: 1_000,
  titleChars: 200,
} as const;

/** The settings a text may write, as the script's config names them. */
const DURATIONS = {
  latency: 'latencyMs',
  rto: 'rtoMs',
  'max-rto': 'maxRtoMs',
  'time-wait': 'timeWaitMs',
  'fin-wait-2-timeout': 'finWait2TimeoutMs',
  'ack-delay': 'ackDelayMs',
  'invalid-ratelimit': 'invalidRatelimitMs',
} as const;
const COUNTS = {
  seed: 'seed',
  'client-isn': 'clientIsn',
  'server-isn': 'serverIsn',
  'syn-retries': 'synRetries',
  'syn-linear-timeouts': 'synLinearTimeouts',
  'synack-retries': 'synAckRetries',
  'fin-retries': 'finRetries',
  'data-retries': 'dataRetries',
  mss: 'mss',
  'rcv-buf': 'rcvBufBytes',
} as const;
const CHOICES = {
  preset: ['preset', PRESETS],
  'client-reads': ['clientReads', READ_MODES],
  'server-reads': ['serverReads', READ_MODES],
  'tail-loss-probe': ['tailLossProbe', ['on', 'off']],
} as const;
type SettingName = keyof typeof DURATIONS | keyof typeof COUNTS | keyof typeof CHOICES;
/** Every setting in the order a printed text lists them. */
const SETTINGS = [...Object.keys(CHOICES), ...Object.keys(COUNTS), ...Object.keys(DURATIONS)] as SettingName[];
const HEADS = ['title', 'until', ...SETTINGS];
const NETWORK_WORDS = ['drop', 'delay', 'block', 'unblock', 'manual', 'deliver'];

interface Token {
  readonly text: string;
  readonly column: number;
}

/** A line's words, each with its column (from 1); a comment (# to the end) is no word. */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  const re = /[^\s#]+|#/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    if (m[0] === '#') break;
    out.push({ text: m[0], column: m.index + 1 });
  }
  return out;
}

/** At most this much of the text is repeated in a message. */
const SHOWN = 24;
const shown = (s: string): string => {
  const cut = s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s;
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  return `"${cut.replace(/[\u0000-\u001f\u007f"\\]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
};

/** The word among `words` that `s` is likely a slip of (at most two letters off), for "did you mean". */
function nearest(s: string, words: readonly string[]): string | null {
  const a = s.toLowerCase();
  if (a.length > 40) return null;
  let best: string | null = null;
  let bestCost = 3;
  for (const w of words) {
    const cost = distance(a, w.toLowerCase());
    if (cost < bestCost) [best, bestCost] = [w, cost];
  }
  return best;
}

function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

const choicesOf = (words: readonly string[]): string => words.join(', ');
const orMean = (s: string, words: readonly string[]): string => {
  const near = nearest(s, words);
  return near ? ` (did you mean ${near}?)` : '';
};

/**
 * A time: `0`, `500ms`, `3s`, `1.25s` (whole milliseconds). Null when the word is no time at all,
 * a RunTextError when it is one written wrong.
 */
function readTime(tok: Token, line: number): number | null {
  const m = /^(\d+)(?:\.(\d+))?(ms|s)?$/.exec(tok.text);
  if (!m) return null;
  const [, whole, fraction, unit] = m;
  if (unit === undefined) {
    if (whole === '0' && fraction === undefined) return 0;
    throw new RunTextError(
      line,
      tok.column,
      `${shown(tok.text)} needs its unit: ${whole}${fraction ? `.${fraction}` : ''}ms or ${whole}${fraction ? `.${fraction}` : ''}s`,
    );
  }
  if (unit === 'ms' && fraction !== undefined) throw new RunTextError(line, tok.column, `times are whole milliseconds (got ${shown(tok.text)})`);
  if (fraction !== undefined && fraction.length > 3)
    throw new RunTextError(line, tok.column, `times are whole milliseconds: at most 3 digits after the point (got ${shown(tok.text)})`);
  const ms = unit === 'ms' ? Number(whole) : Number(whole) * 1000 + Number((fraction ?? '').padEnd(3, '0'));
  if (!Number.isSafeInteger(ms) || ms > LIMITS.timeMs)
    throw new RunTextError(line, tok.column, `times go up to ${time(LIMITS.timeMs)} (got ${shown(tok.text)})`);
  return ms;
}

function needTime(tok: Token | undefined, line: number, after: Token, what: string): number {
  if (!tok) throw new RunTextError(line, after.column + after.text.length + 1, `${what} needs a time, such as 500ms or 2s`);
  const ms = readTime(tok, line);
  if (ms === null) throw new RunTextError(line, tok.column, `${what} needs a time, such as 500ms or 2s (got ${shown(tok.text)})`);
  return ms;
}

function needNumber(tok: Token | undefined, line: number, after: Token, what: string, min: number, max: number): number {
  if (!tok) throw new RunTextError(line, after.column + after.text.length + 1, `${what} needs a whole number from ${min} to ${max}`);
  const n = /^\d{1,10}$/.test(tok.text) ? Number(tok.text) : NaN;
  if (!(n >= min && n <= max)) throw new RunTextError(line, tok.column, `${what} must be a whole number from ${min} to ${max} (got ${shown(tok.text)})`);
  return n;
}

function needWord<T extends string>(tok: Token | undefined, line: number, after: Token, what: string, words: readonly T[]): T {
  if (!tok) throw new RunTextError(line, after.column + after.text.length + 1, `${what} needs one of ${choicesOf(words)}`);
  if (!(words as readonly string[]).includes(tok.text))
    throw new RunTextError(line, tok.column, `${what} needs one of ${choicesOf(words)} (got ${shown(tok.text)})${orMean(tok.text, words)}`);
  return tok.text as T;
}

function noMore(rest: readonly Token[], line: number, what: string): void {
  if (rest.length > 0)
    throw new RunTextError(line, rest[0]!.column, `nothing more belongs after ${what} (got ${shown(rest[0]!.text)}); a comment starts with #`);
}

/** A state's name as the RFC spells it, or as netstat and ss print it. */
function readState(tok: Token | undefined, line: number, after: Token): TcpState {
  if (!tok) throw new RunTextError(line, after.column + after.text.length + 1, `"is" needs a state, such as ESTABLISHED`);
  const up = tok.text.toUpperCase();
  const spelled = (TCP_STATES as readonly string[]).includes(up)
    ? (up as TcpState)
    : (TCP_STATES.find((s) => NETSTAT_NAMES[s] === up || s.replace(/-/g, '_') === up) ??
      ({ ESTAB: 'ESTABLISHED', 'SYN-RECV': 'SYN-RECEIVED', SYN_RECV: 'SYN-RECEIVED' } as Record<string, TcpState>)[up]);
  if (!spelled)
    throw new RunTextError(line, tok.column, `${shown(tok.text)} is no TCP state${orMean(up, TCP_STATES)}; the states are ${choicesOf(TCP_STATES)}`);
  return spelled;
}

const SEGMENT_FIELDS = ['seq', 'ack', 'len', 'win'] as const;

/** `SYN+ACK seq=100 ack=1 [len=0] [win=65535]`: a segment handed to a side from outside. */
function readSegment(rest: readonly Token[], line: number, after: Token): Record<string, unknown> {
  const flagsTok = rest[0];
  if (!flagsTok) throw new RunTextError(line, after.column + after.text.length + 1, 'receives needs a segment, such as RST seq=1 or FIN+ACK seq=1 ack=1');
  let flags: number;
  try {
    flags = parseFlags(flagsTok.text.toUpperCase());
  } catch {
    throw new RunTextError(line, flagsTok.column, `${shown(flagsTok.text)}: a segment's flags are SYN, FIN, RST, PSH, ACK joined by +, such as FIN+ACK`);
  }
  const fields: Partial<Record<(typeof SEGMENT_FIELDS)[number], number>> = {};
  for (const tok of rest.slice(1)) {
    const [name, value] = tok.text.split('=', 2) as [string, string | undefined];
    if (!(SEGMENT_FIELDS as readonly string[]).includes(name) || value === undefined)
      throw new RunTextError(line, tok.column, `a segment's fields are written seq=N, ack=N, len=N, win=N (got ${shown(tok.text)})`);
    const key = name as (typeof SEGMENT_FIELDS)[number];
    if (fields[key] !== undefined) throw new RunTextError(line, tok.column, `${key} is given twice`);
    const max = key === 'len' ? 65_495 : key === 'win' ? 1 << 30 : 0xffff_ffff;
    fields[key] = needNumber({ text: value, column: tok.column + name.length + 1 }, line, tok, key, 0, max);
  }
  if (fields.seq === undefined) throw new RunTextError(line, flagsTok.column, 'the segment needs its sequence number: seq=N');
  const hasAck = (flags & ACK) !== 0;
  if (hasAck !== (fields.ack !== undefined))
    throw new RunTextError(
      line,
      flagsTok.column,
      hasAck ? 'an ACK segment needs the number it acknowledges: ack=N' : `ack=N belongs to a segment with the ACK flag (${formatFlags(flags | ACK)})`,
    );
  // Written as a script writes it: parseScript makes the segment.
  return { flags: formatFlags(flags), seq: fields.seq, ack: hasAck ? fields.ack! : null, len: fields.len ?? 0, win: fields.win ?? DEFAULT_WINDOW };
}

/** What each line of the text became, for messages that name a line. */
interface Lines {
  readonly steps: number[];
  readonly settings: Map<string, number>;
  until: number | null;
  readonly delays: number[];
}

/** Read a run's text. Throws RunTextError naming the first bad line and column. */
export function parseRunText(text: string): RunText {
  if (text.length > TEXT_LIMITS.chars) throw new RunTextError(1, 1, `the text is longer than ${TEXT_LIMITS.chars} characters`);
  const rows = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (rows.length > TEXT_LIMITS.lines) throw new RunTextError(TEXT_LIMITS.lines + 1, 1, `a text may hold at most ${TEXT_LIMITS.lines} lines`);
  let title: string | null = null;
  const config: Record<string, unknown> = {};
  const steps: Record<string, unknown>[] = [];
  const expects: Expectation[] = [];
  const never: Record<EndpointId, number> = { client: 0, server: 0 };
  let until: number | undefined;
  const lines: Lines = { steps: [], settings: new Map(), until: null, delays: [] };
  let now = 0;
  let nowLine = 0;
  rows.forEach((row, index) => {
    const line = index + 1;
    if (row.length > TEXT_LIMITS.lineChars)
      throw new RunTextError(line, TEXT_LIMITS.lineChars + 1, `a line may be at most ${TEXT_LIMITS.lineChars} characters long`);
    const words = tokens(row);
    const head = words[0];
    if (!head) return;
    if (head.text === 'title') {
      // The title is the rest of the line as written (a # in it is part of it).
      const rest = row.slice(head.column - 1 + head.text.length).trim();
      if (rest === '') throw new RunTextError(line, head.column, 'title needs its words');
      if (title !== null) throw new RunTextError(line, head.column, 'the text has a title already');
      if (rest.length > TEXT_LIMITS.titleChars) throw new RunTextError(line, head.column, `a title may be at most ${TEXT_LIMITS.titleChars} characters long`);
      // eslint-disable-next-line no-control-regex -- a title is one line of printable text
      title = rest.replace(/[\u0000-\u001f\u007f]/g, ' ');
      return;
    }
    if ((HEADS as readonly string[]).includes(head.text)) {
      if (head.text === 'until') {
        if (until !== undefined) throw new RunTextError(line, head.column, 'until is given twice');
        until = needTime(words[1], line, head, 'until');
        lines.until = line;
        noMore(words.slice(2), line, 'until');
        return;
      }
      if (steps.length > 0 || expects.length > 0)
        throw new RunTextError(line, head.column, `settings come before the first timed line (line ${lines.steps[0] ?? expects[0]!.line})`);
      const name = head.text as SettingName;
      if (lines.settings.has(name)) throw new RunTextError(line, head.column, `${name} is given twice (line ${lines.settings.get(name)})`);
      lines.settings.set(name, line);
      if (name in DURATIONS) {
        config[DURATIONS[name as keyof typeof DURATIONS]] = needTime(words[1], line, head, name);
      } else if (name in COUNTS) {
        config[COUNTS[name as keyof typeof COUNTS]] = needNumber(words[1], line, head, name, 0, 0xffff_ffff);
      } else {
        const [field, words2] = CHOICES[name as keyof typeof CHOICES];
        const word = needWord(words[1], line, head, name, words2);
        config[field] = field === 'tailLossProbe' ? word === 'on' : word;
      }
      noMore(words.slice(2), line, name);
      return;
    }
    // A side's expected state may follow a step without a time of its own: it is then at that step's time.
    let at: number;
    let rest: Token[];
    const relative = head.text.startsWith('+');
    const timeTok = relative ? { text: head.text.slice(1), column: head.column + 1 } : head;
    const given = readTime(timeTok, line);
    if (given !== null) {
      at = relative ? now + given : given;
      if (at > LIMITS.timeMs) throw new RunTextError(line, head.column, `times go up to ${time(LIMITS.timeMs)} (this is ${time(at)})`);
      if (at < now) throw new RunTextError(line, head.column, `lines go in time order: ${time(at)} comes before line ${nowLine}'s ${time(now)}`);
      rest = words.slice(1);
    } else if ((ENDPOINTS as readonly string[]).includes(head.text) && words[1]?.text === 'never') {
      const endpoint = head.text as EndpointId;
      if (words[2]?.text !== 'closes')
        throw new RunTextError(line, words[2]?.column ?? words[1].column + 6, `write "${endpoint} never closes" for an application that never calls close()`);
      noMore(words.slice(3), line, 'never closes');
      never[endpoint] = line;
      return;
    } else if ((ENDPOINTS as readonly string[]).includes(head.text) && words[1]?.text === 'is') {
      at = now;
      rest = words;
    } else if ((ENDPOINTS as readonly string[]).includes(head.text) || NETWORK_WORDS.includes(head.text)) {
      throw new RunTextError(line, head.column, `a step starts with its time, such as "500ms ${row.trim().slice(0, 30)}"`);
    } else {
      const near = nearest(head.text, [...HEADS, ...ENDPOINTS, ...NETWORK_WORDS]);
      throw new RunTextError(
        line,
        head.column,
        near
          ? `${shown(head.text)} is not a word this text knows (did you mean ${near}?)`
          : `a line starts with a time (500ms, 2s), a setting (${SETTINGS.slice(0, 3).join(', ')}, ...), title, until, or a comment (#); got ${shown(head.text)}`,
      );
    }
    now = at;
    nowLine = line;
    const first = rest[0];
    if (!first)
      throw new RunTextError(
        line,
        head.column + head.text.length + 1,
        'after a time comes a side (client, server) or a network action (drop, delay, block, unblock, manual, deliver)',
      );
    const step = (s: Record<string, unknown>) => {
      if (steps.length >= LIMITS.steps) throw new RunTextError(line, head.column, `a run may have at most ${LIMITS.steps} steps`);
      steps.push({ at, ...s });
      lines.steps.push(line);
    };
    if ((ENDPOINTS as readonly string[]).includes(first.text)) {
      const endpoint = first.text as EndpointId;
      const verb = rest[1];
      const VERBS = [...CALLS, 'is', 'receives'];
      const what = needWord(verb, line, first, endpoint, VERBS);
      if (what === 'is') {
        const state = readState(rest[2], line, verb!);
        noMore(rest.slice(3), line, state);
        expects.push({ line, column: rest[2]!.column, at, endpoint, state });
      } else if (what === 'receives') {
        step({ endpoint, segment: readSegment(rest.slice(2), line, verb!) });
      } else if (what === 'send') {
        const bytes = needNumber(rest[2], line, verb!, 'send', 1, LIMITS.bytes);
        const unit = rest[3]?.text === 'bytes' || rest[3]?.text === 'byte' ? 4 : 3;
        noMore(rest.slice(unit), line, 'send N bytes');
        step({ endpoint, call: 'send', bytes });
      } else if (what === 'read') {
        if (rest[2] === undefined) step({ endpoint, call: 'read' });
        else {
          const bytes = needNumber(rest[2], line, verb!, 'read', 1, 1 << 30);
          const unit = rest[3]?.text === 'bytes' || rest[3]?.text === 'byte' ? 4 : 3;
          noMore(rest.slice(unit), line, 'read N bytes');
          step({ endpoint, call: 'read', bytes });
        }
      } else {
        noMore(rest.slice(2), line, what);
        step({ endpoint, call: what });
      }
      return;
    }
    if (!NETWORK_WORDS.includes(first.text))
      throw new RunTextError(
        line,
        first.column,
        `after a time comes a side (client, server) or a network action (${NETWORK_WORDS.join(', ')}); got ${shown(first.text)}${orMean(first.text, [...ENDPOINTS, ...NETWORK_WORDS])}`,
      );
    const action = first.text;
    const direction = (tok: Token | undefined, after: Token): Direction => needWord(tok, line, after, action, DIRECTIONS);
    if (action === 'drop' && rest[1]?.text === 'segment') {
      step({ network: 'drop', segment: needNumber(rest[2], line, rest[1], 'drop segment', 1, 10_000_000) });
      noMore(rest.slice(3), line, 'drop segment N');
    } else if (action === 'deliver') {
      needWord(rest[1], line, first, 'deliver', ['segment']);
      step({ network: 'deliver', segment: needNumber(rest[2], line, rest[1]!, 'deliver segment', 1, 10_000_000) });
      noMore(rest.slice(3), line, 'deliver segment N');
    } else if (action === 'drop' || action === 'delay') {
      needWord(rest[1], line, first, action, action === 'drop' ? ['next', 'segment'] : ['next']);
      const dir = direction(rest[2], rest[1]!);
      if (action === 'drop') {
        noMore(rest.slice(3), line, `drop next ${dir}`);
        step({ network: 'drop-next', direction: dir });
      } else {
        needWord(rest[3], line, rest[2]!, `delay next ${dir}`, ['by']);
        const byMs = needTime(rest[4], line, rest[3]!, 'delay ... by');
        if (byMs < 1) throw new RunTextError(line, rest[4]!.column, 'a delay is at least 1ms');
        noMore(rest.slice(5), line, `delay next ${dir} by ${time(byMs)}`);
        lines.delays.push(line);
        step({ network: 'delay-next', direction: dir, byMs });
      }
    } else if (action === 'block' || action === 'unblock') {
      const dir = direction(rest[1], first);
      noMore(rest.slice(2), line, `${action} ${dir}`);
      step({ network: action, direction: dir });
    } else {
      const on = needWord(rest[1], line, first, 'manual', ['on', 'off']);
      noMore(rest.slice(2), line, `manual ${on}`);
      step({ network: 'manual', on: on === 'on' });
    }
  });
  for (const e of ENDPOINTS) {
    const closes = steps.findIndex((s) => s.endpoint === e && s.call === 'close');
    if (never[e] && closes >= 0)
      throw new RunTextError(lines.steps[closes]!, 1, `the ${e}'s application never calls close() (line ${never[e]} says so): take one of the two lines out`);
  }
  for (const x of expects)
    if (until !== undefined && x.at > until)
      throw new RunTextError(x.line, 1, `the run ends at ${time(until)} (line ${lines.until}): nothing can be expected at ${time(x.at)}`);
  let script: Script;
  try {
    script = parseScript({ ...(Object.keys(config).length > 0 ? { config } : {}), steps, ...(until !== undefined ? { until } : {}) });
  } catch (e) {
    if (!(e instanceof ScriptError)) throw e;
    throw new RunTextError(lineOf(e.path, lines), 1, e.message.replace(/^[^:]*: /, ''));
  }
  const policy: Policy = never.client || never.server ? { neverCloses: { client: never.client > 0, server: never.server > 0 } } : NO_POLICY;
  return { title, script, policy, expects };
}

/** The line a script's field came from. */
function lineOf(path: string, lines: Lines): number {
  const step = /^steps\[(\d+)\]/.exec(path);
  if (step) return lines.steps[Number(step[1])] ?? 1;
  const setting = /^config\.(\w+)/.exec(path)?.[1];
  if (setting) {
    const name = Object.entries({
      ...DURATIONS,
      ...COUNTS,
      preset: 'preset',
      'client-reads': 'clientReads',
      'server-reads': 'serverReads',
      'tail-loss-probe': 'tailLossProbe',
    }).find(([, f]) => f === setting)?.[0];
    return (name && lines.settings.get(name)) || 1;
  }
  if (path === 'until') return lines.until ?? 1;
  if (path === 'steps') return lines.delays.at(-1) ?? lines.steps.at(-1) ?? 1;
  return 1;
}

/** A time as the text writes it: 0, 250ms, 3s, 3.5s, 12.25s. */
export function time(ms: number): string {
  if (ms === 0) return '0';
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  if (ms >= 1000 && ms % 10 === 0)
    return `${Math.floor(ms / 1000)}.${String(ms % 1000)
      .padStart(3, '0')
      .replace(/0+$/, '')}s`;
  return `${ms}ms`;
}

const durationName = (field: string): string | undefined => Object.entries(DURATIONS).find(([, f]) => f === field)?.[0];
const countName = (field: string): string | undefined => Object.entries(COUNTS).find(([, f]) => f === field)?.[0];

/** One step as its line says it, after the time. */
function stepWords(s: ScriptStep): string {
  if ('observed' in s) throw new Error('a capture replay has no text form: its segments are what a capture saw, not steps');
  if ('network' in s) {
    switch (s.network) {
      case 'drop-next':
        return `drop next ${s.direction}`;
      case 'delay-next':
        return `delay next ${s.direction} by ${time(s.byMs)}`;
      case 'block':
      case 'unblock':
        return `${s.network} ${s.direction}`;
      case 'manual':
        return `manual ${s.on ? 'on' : 'off'}`;
      default:
        return `${s.network} segment ${s.segment}`;
    }
  }
  if ('segment' in s) {
    const g = s.segment;
    const fields = [
      `seq=${g.seq}`,
      ...((g.flags & ACK) !== 0 ? [`ack=${g.ack}`] : []),
      ...(g.len ? [`len=${g.len}`] : []),
      ...(g.win !== DEFAULT_WINDOW ? [`win=${g.win}`] : []),
    ];
    return `${s.endpoint} receives ${formatFlags(g.flags)} ${fields.join(' ')}`;
  }
  if (s.call === 'send') return `${s.endpoint} send ${s.bytes} bytes`;
  if (s.call === 'read' && s.bytes !== undefined) return `${s.endpoint} read ${s.bytes} bytes`;
  return `${s.endpoint} ${s.call}`;
}

/**
 * A script (and its title, policy, expectations) as text. What `parseRunText` reads back is the
 * same script. A step the text cannot say (a capture's observed segment) throws.
 */
export function printRunText(p: Printable): string {
  const out: string[] = [];
  if (p.title) out.push(`title ${p.title.replace(/[\r\n]+/g, ' ')}`);
  const config = (p.script.config ?? {}) as Record<string, unknown>;
  const byField: Record<string, string> = {};
  for (const [field, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const d = durationName(field);
    const c = countName(field);
    const choice = Object.entries(CHOICES).find(([, [f]]) => f === field)?.[0];
    const name = d ?? c ?? choice;
    if (!name) throw new Error(`config.${field} has no text form`);
    byField[name] = `${name} ${d ? time(value as number) : field === 'tailLossProbe' ? (value ? 'on' : 'off') : String(value)}`;
  }
  for (const name of SETTINGS) if (byField[name]) out.push(byField[name]);
  for (const e of ENDPOINTS) if (p.policy?.neverCloses[e]) out.push(`${e} never closes`);
  if (p.script.until !== undefined) out.push(`until ${time(p.script.until)}`);
  // Steps and expectations merged in time order; an expectation after the steps at its time.
  const lines: [at: number, words: string][] = [];
  const expects = [...(p.expects ?? [])].sort((a, b) => a.at - b.at);
  let x = 0;
  for (const s of p.script.steps) {
    while (x < expects.length && expects[x]!.at < s.at) lines.push(expectLine(expects[x++]!));
    lines.push([s.at, stepWords(s)]);
  }
  while (x < expects.length) lines.push(expectLine(expects[x++]!));
  if (out.length > 0 && lines.length > 0) out.push('');
  const width = Math.max(0, ...lines.map(([at]) => time(at).length));
  for (const [at, words] of lines) out.push(`${time(at).padEnd(width)}  ${words}`);
  return `${out.join('\n')}\n`;
}

const expectLine = (x: Pick<Expectation, 'at' | 'endpoint' | 'state'>): [number, string] => [x.at, `${x.endpoint} is ${x.state}`];

/** The changes of state a check reads: a run's own transitions, or a trace's. */
export interface StateChange {
  readonly t: number;
  readonly endpoint: EndpointId;
  readonly from: TcpState;
  readonly to: TcpState;
}

/**
 * The states a side is in at time t: the one it is in as t begins, and each one it enters at t
 * (a side can pass through several in one instant on a link without delay).
 */
export function statesAt(changes: readonly StateChange[], endpoint: EndpointId, t: number): TcpState[] {
  let before: TcpState = 'CLOSED';
  const during: TcpState[] = [];
  for (const c of changes) {
    if (c.endpoint !== endpoint || c.t > t) continue;
    if (c.t < t) before = c.to;
    else during.push(c.to);
  }
  return [before, ...during];
}

/** The first expectation the run disagrees with, as an error that says what the run does there, or null. */
export function checkExpectations(expects: readonly Expectation[], changes: readonly StateChange[]): RunTextError | null {
  for (const x of expects) {
    const states = statesAt(changes, x.endpoint, x.at);
    if (states.includes(x.state)) continue;
    const here = states.length === 1 ? `is ${states[0]}` : `goes ${states.join(' → ')}`;
    return new RunTextError(x.line, x.column, `at ${time(x.at)} the ${x.endpoint} ${here}, not ${x.state}`, {
      at: x.at,
      endpoint: x.endpoint,
      states,
      expected: x.state,
    });
  }
  return null;
}

/** A text's mistake in a reader's words: its place, and an expectation the run disagrees with, said in them; a reason the reader gave, as it gave it. */
export function sayError(
  e: RunTextError,
  w: {
    place: (line: number, column: number, reason: string) => string;
    disagrees: (at: string, side: EndpointId, states: readonly string[], expected: string) => string;
  },
): string {
  const d = e.disagrees;
  return w.place(e.line, e.column, d ? w.disagrees(time(d.at), d.endpoint, d.states, d.expected) : e.reason);
}

/** The most events a text's expected states are checked over (a script's own limits keep a run far below). */
const MAX_CHECKED_EVENTS = 1_000_000;

/**
 * Read a text and check its expected states against its run, worked out by `Engine` (the player's
 * Run, passed in: the script a page fetches to read a text does not carry an engine of its own, it
 * uses the element's) as far as the last of them. Throws RunTextError for a text that cannot be
 * read and for the first expectation the run disagrees with.
 */
export function readRunText(text: string, Engine: typeof Run): RunText {
  const read = parseRunText(text);
  if (read.expects.length === 0) return read;
  const last = Math.max(...read.expects.map((x) => x.at));
  const run = new Engine(read.script.config ?? {}, read.script.steps);
  run.extendTowards(last + 1, MAX_CHECKED_EVENTS);
  const wrong = checkExpectations(read.expects, run.frameAt(last, read.policy).history.transitions);
  if (wrong) throw wrong;
  return read;
}
