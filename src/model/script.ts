/**
 * Scripts: what the engine is told to do, as docs/trace-format.md defines them. `parseScript`
 * takes untrusted JSON (a file, a shared link) and either returns a script or throws a
 * ScriptError whose message names the bad field, in one line.
 */
import { PRESETS, READ_MODES, resolveConfig, type ConfigOverrides } from './config';
import { ACK, DEFAULT_WINDOW, parseFlags, segment, type Segment } from './segment';
import type { Observed } from './replay';
import { CALLS, DIRECTIONS, ENDPOINTS, type CallName, type Direction, type EndpointId } from './types';

export type ScriptStep =
  | { readonly at: number; readonly endpoint: EndpointId; readonly call: Exclude<CallName, 'send' | 'read'> }
  | { readonly at: number; readonly endpoint: EndpointId; readonly call: 'send'; readonly bytes: number }
  /** read(): the application takes up to `bytes` of what waits in its receive buffer (everything, without `bytes`). */
  | { readonly at: number; readonly endpoint: EndpointId; readonly call: 'read'; readonly bytes?: number }
  | { readonly at: number; readonly network: 'drop-next' | 'block' | 'unblock'; readonly direction: Direction }
  | { readonly at: number; readonly network: 'delay-next'; readonly direction: Direction; readonly byMs: number }
  /** Manual network: segments stop halfway until a step delivers or drops them (by id). */
  | { readonly at: number; readonly network: 'manual'; readonly on: boolean }
  | { readonly at: number; readonly network: 'deliver' | 'drop'; readonly segment: number }
  /** A segment from outside the simulated pair (a test), handed straight to an endpoint. */
  | { readonly at: number; readonly endpoint: EndpointId; readonly segment: Segment }
  /** A segment a capture saw leave an endpoint (./replay). Made by the capture reader, never parsed from a script. */
  | { readonly at: number; readonly observed: Observed };

export interface Script {
  readonly config?: ConfigOverrides;
  readonly steps: readonly ScriptStep[];
  readonly until?: number;
}

export class ScriptError extends Error {
  override name = 'ScriptError';
  constructor(
    message: string,
    /** The field at fault, as the message names it (`steps[3].at`). */
    readonly path: string = 'script',
  ) {
    super(message);
  }
}

/** Bounds that keep a run small enough to finish at once, and numbers exact in JSON. */
export const LIMITS = {
  timeMs: 1_000_000_000,
  steps: 10_000,
  bytes: 1_000_000,
  retries: 50,
  /** How deep arrays and objects may nest: a script needs 4 levels. */
  depth: 32,
  /**
   * The most segments the sends of one run may make (bytes / mss, summed): the run's work grows
   * with them, so a script over this is refused before it runs (a few seconds of work at most).
   */
  segments: 100_000,
} as const;

const NETWORK_ACTIONS = ['drop-next', 'delay-next', 'block', 'unblock', 'manual', 'deliver', 'drop'] as const;
const UINT32_MAX = 0xffff_ffff;

type Json = unknown;

function fail(path: string, message: string): never {
  throw new ScriptError(`${path}: ${message}`, path);
}

/** Longest piece of the input an error message repeats. */
const SHOWN = 40;

/**
 * A value as an error message shows it: JSON, at most SHOWN characters, control characters
 * escaped (so a message is always one printable line), and built without serializing the whole
 * value (a huge or deeply nested one costs no more than a small one).
 */
const show = (v: Json): string => {
  let out = '';
  const put = (s: string) => (out += s);
  const walk = (x: Json): void => {
    if (out.length > SHOWN) return;
    if (Array.isArray(x)) {
      put('[');
      x.forEach((y, i) => (i > 0 ? put(',') : null, walk(y)));
      put(']');
    } else if (isObject(x)) {
      put('{');
      Object.keys(x).forEach((k, i) => (i > 0 ? put(',') : null, put(`${quote(k)}:`), walk(x[k])));
      put('}');
    } else put(typeof x === 'string' ? quote(x) : x === undefined ? 'undefined' : String(x));
  };
  walk(v);
  return out.length > SHOWN ? `${out.slice(0, SHOWN - 3)}...` : out;
};

/** A string as JSON writes it, cut first: control characters come out escaped. */
const quote = (s: string): string => JSON.stringify(s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s);

/** A field name in a path: as it is if it is a plain name, quoted and cut otherwise. */
const fieldName = (k: string): string => (/^[A-Za-z_]\w{0,39}$/.test(k) ? k : quote(k));

/** How deep the input nests (iteratively: a very deep input cannot overflow the stack here). */
function depthOf(v: Json): number {
  let deepest = 0;
  const stack: [Json, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    deepest = Math.max(deepest, d);
    if (deepest > LIMITS.depth) return deepest;
    for (const y of Array.isArray(x) ? x : Object.values(x)) stack.push([y, d + 1]);
  }
  return deepest;
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function object(v: Json, path: string): Record<string, Json> {
  if (!isObject(v)) fail(path, `must be an object (got ${show(v)})`);
  return v;
}

function onlyKnown(o: Record<string, Json>, path: string, known: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!known.includes(key)) fail(`${path}.${fieldName(key)}`, `unknown field (expected one of ${known.join(', ')})`);
  }
}

function integer(v: Json, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    fail(path, `must be a whole number from ${min} to ${max} (got ${show(v)})`);
  }
  return v;
}

function oneOf<T extends string>(v: Json, path: string, choices: readonly T[]): T {
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    fail(path, `must be one of ${choices.map((c) => `"${c}"`).join(', ')} (got ${show(v)})`);
  }
  return v as T;
}

function boolean(v: Json, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, `must be true or false (got ${show(v)})`);
  return v;
}

const TIME_FIELDS = ['latencyMs', 'rtoMs', 'maxRtoMs', 'timeWaitMs', 'finWait2TimeoutMs', 'ackDelayMs', 'invalidRatelimitMs'] as const;
const COUNT_FIELDS = ['synRetries', 'synLinearTimeouts', 'synAckRetries', 'finRetries', 'dataRetries'] as const;
const CONFIG_FIELDS = [
  'preset',
  'seed',
  'clientIsn',
  'serverIsn',
  'tailLossProbe',
  'mss',
  'rcvBufBytes',
  'clientReads',
  'serverReads',
  ...TIME_FIELDS,
  ...COUNT_FIELDS,
];

function parseConfig(v: Json): ConfigOverrides {
  const o = object(v, 'config');
  onlyKnown(o, 'config', CONFIG_FIELDS);
  const out: Record<string, unknown> = {};
  if (o.preset !== undefined) out.preset = oneOf(o.preset, 'config.preset', PRESETS);
  for (const f of ['seed', 'clientIsn', 'serverIsn'] as const) {
    if (o[f] !== undefined) out[f] = integer(o[f], `config.${f}`, 0, UINT32_MAX);
  }
  for (const f of TIME_FIELDS) {
    const min = f === 'rtoMs' || f === 'maxRtoMs' ? 1 : 0;
    if (o[f] !== undefined) out[f] = integer(o[f], `config.${f}`, min, LIMITS.timeMs);
  }
  for (const f of COUNT_FIELDS) if (o[f] !== undefined) out[f] = integer(o[f], `config.${f}`, 0, LIMITS.retries);
  if (o.tailLossProbe !== undefined) out.tailLossProbe = boolean(o.tailLossProbe, 'config.tailLossProbe');
  // At least 100 bytes a segment, so that one send() makes at most 10,000 segments.
  if (o.mss !== undefined) out.mss = integer(o.mss, 'config.mss', 100, 65_495);
  // Up to Linux's largest window (2^30 bytes, RFC 7323's limit with window scaling).
  if (o.rcvBufBytes !== undefined) out.rcvBufBytes = integer(o.rcvBufBytes, 'config.rcvBufBytes', 1, 1 << 30);
  for (const f of ['clientReads', 'serverReads'] as const) if (o[f] !== undefined) out[f] = oneOf(o[f], `config.${f}`, READ_MODES);
  return out as ConfigOverrides;
}

function parseSegment(v: Json, path: string): Segment {
  const o = object(v, path);
  onlyKnown(o, path, ['flags', 'seq', 'ack', 'len', 'win']);
  if (typeof o.flags !== 'string') fail(`${path}.flags`, `must be flags joined by "+", such as "SYN+ACK" (got ${show(o.flags)})`);
  let flags: number;
  try {
    flags = parseFlags(o.flags);
  } catch {
    fail(`${path}.flags`, `must be flags from SYN, FIN, RST, PSH, ACK joined by "+" (got ${show(o.flags)})`);
  }
  const seq = integer(o.seq, `${path}.seq`, 0, UINT32_MAX);
  const hasAck = (flags & ACK) !== 0;
  if (hasAck && (o.ack === undefined || o.ack === null)) fail(`${path}.ack`, 'is needed when the ACK flag is set');
  if (!hasAck && o.ack !== undefined && o.ack !== null) fail(`${path}.ack`, 'must be null when the ACK flag is not set');
  const ack = hasAck ? integer(o.ack, `${path}.ack`, 0, UINT32_MAX) : 0;
  const len = o.len === undefined ? 0 : integer(o.len, `${path}.len`, 0, 65_495);
  const win = o.win === undefined ? DEFAULT_WINDOW : integer(o.win, `${path}.win`, 0, 1 << 30);
  return segment(flags, seq, ack, len, win);
}

function parseStep(v: Json, i: number, previousAt: number): ScriptStep {
  const path = `steps[${i}]`;
  const o = object(v, path);
  const at = integer(o.at, `${path}.at`, 0, LIMITS.timeMs);
  if (at < previousAt) fail(`${path}.at`, `steps must be in time order (${at} comes after ${previousAt})`);
  if (o.network !== undefined) {
    const network = oneOf(o.network, `${path}.network`, NETWORK_ACTIONS);
    if (network === 'manual') {
      onlyKnown(o, path, ['at', 'network', 'on']);
      return { at, network, on: boolean(o.on, `${path}.on`) };
    }
    if (network === 'deliver' || network === 'drop') {
      onlyKnown(o, path, ['at', 'network', 'segment']);
      return { at, network, segment: integer(o.segment, `${path}.segment`, 1, 10_000_000) };
    }
    const direction = oneOf(o.direction, `${path}.direction`, DIRECTIONS);
    if (network === 'delay-next') {
      onlyKnown(o, path, ['at', 'network', 'direction', 'byMs']);
      return { at, network, direction, byMs: integer(o.byMs, `${path}.byMs`, 1, LIMITS.timeMs) };
    }
    onlyKnown(o, path, ['at', 'network', 'direction']);
    return { at, network, direction };
  }
  if (o.endpoint === undefined) fail(path, 'needs "endpoint" with "call" (or "segment"), or "network" with "direction"');
  const endpoint = oneOf(o.endpoint, `${path}.endpoint`, ENDPOINTS);
  if (o.segment !== undefined) {
    onlyKnown(o, path, ['at', 'endpoint', 'segment']);
    return { at, endpoint, segment: parseSegment(o.segment, `${path}.segment`) };
  }
  const call = oneOf(o.call, `${path}.call`, CALLS);
  if (call === 'send') {
    onlyKnown(o, path, ['at', 'endpoint', 'call', 'bytes']);
    return { at, endpoint, call, bytes: integer(o.bytes, `${path}.bytes`, 1, LIMITS.bytes) };
  }
  if (call === 'read') {
    onlyKnown(o, path, ['at', 'endpoint', 'call', 'bytes']);
    return o.bytes === undefined ? { at, endpoint, call } : { at, endpoint, call, bytes: integer(o.bytes, `${path}.bytes`, 1, 1 << 30) };
  }
  onlyKnown(o, path, ['at', 'endpoint', 'call']);
  return { at, endpoint, call };
}

/** Check untrusted JSON against the script format. Throws ScriptError naming the first bad field. */
export function parseScript(input: Json): Script {
  if (depthOf(input) > LIMITS.depth) fail('script', `nests deeper than ${LIMITS.depth} levels`);
  const o = object(input, 'script');
  onlyKnown(o, 'script', ['config', 'steps', 'until']);
  const config = o.config === undefined ? undefined : parseConfig(o.config);
  if (!Array.isArray(o.steps)) fail('steps', `must be an array of steps (got ${show(o.steps)})`);
  if (o.steps.length > LIMITS.steps) fail('steps', `may hold at most ${LIMITS.steps} steps (got ${o.steps.length})`);
  const steps: ScriptStep[] = [];
  o.steps.forEach((s: Json, i: number) => steps.push(parseStep(s, i, steps.at(-1)?.at ?? 0)));
  // Delays add up (each holds the next segment back further): their sum is held to the same limit as any time.
  const delayed = steps.reduce((sum, s) => sum + ('byMs' in s ? s.byMs : 0), steps.at(-1)?.at ?? 0);
  if (delayed > LIMITS.timeMs) fail('steps', `the delays add up to more than ${LIMITS.timeMs} ms`);
  const until = o.until === undefined ? undefined : integer(o.until, 'until', 0, LIMITS.timeMs);
  checkWork(config ?? {}, steps, until);
  return { ...(config ? { config } : {}), steps, ...(until !== undefined ? { until } : {}) };
}

/**
 * The run's work, checked before it runs: every segment the sends make is sent, arrives and is
 * acknowledged, so the work grows with bytes / mss; and a receiver that reads only on read() may
 * keep its peer probing the closed window until `until`, once every maxRtoMs at most.
 */
function checkWork(overrides: ConfigOverrides, steps: readonly ScriptStep[], until: number | undefined): void {
  const config = resolveConfig(overrides);
  let segments = 0;
  steps.forEach((s, i) => {
    if (!('call' in s) || s.call !== 'send') return;
    segments += Math.ceil(s.bytes / config.mss);
    if (segments > LIMITS.segments)
      fail(
        `steps[${i}].bytes`,
        `the sends so far make about ${segments} segments (bytes / mss ${config.mss}), more than the ${LIMITS.segments} a run may make: send fewer bytes or raise config.mss`,
      );
  });
  const lazy = (['clientReads', 'serverReads'] as const).find((f) => config[f] === 'when-called');
  if (!lazy) return;
  if (until === undefined) fail('until', `is needed when config.${lazy} is "when-called": a receiver that stops reading keeps its peer probing for ever`);
  const probes = until / config.maxRtoMs;
  if (probes > LIMITS.segments)
    fail(
      'until',
      `with config.${lazy} "when-called", the peer may probe a closed window every ${config.maxRtoMs} ms (config.maxRtoMs) until ${until}: more than ${LIMITS.segments} probes`,
    );
}
