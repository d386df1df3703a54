/**
 * Shared links: a run (its config, every action as a script step, the applications' policy, the
 * time shown) in one URL parameter, `run=<version>.<base64url JSON>`. Decoding goes through the
 * same validator as `npm run simulate`, so a hostile or broken link is refused with a reason,
 * never run.
 */
import type { LinkProblemCode } from '../i18n/strings';
import { LIMITS, ScriptError, parseScript } from '../model/script';
import { ENDPOINTS, type EndpointId } from '../model/types';
import { hasPolicy, type Policy } from './policy';
import type { SharedRun } from './session';

export type { SharedRun };

const VERSION = '1';
/**
 * Longer than any honest run needs (fifty actions take about 4,000), and well under the 16 KB of
 * headers most servers accept; a longer parameter is refused before it is decoded.
 */
const MAX_LENGTH = 8_000;

const toBase64Url = (text: string): string => {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): string => {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
};

export function encodeRun(run: SharedRun): string {
  // The policy is written only when there is one, so links without it stay as short as before.
  const never = run.policy && hasPolicy(run.policy) ? { never: ENDPOINTS.filter((e) => run.policy!.neverCloses[e]) } : {};
  return `${VERSION}.${toBase64Url(JSON.stringify({ config: run.config, steps: run.steps, t: Math.round(run.t), ...never }))}`;
}

/** `never`: the ends whose application never calls close(). */
function readPolicy(never: unknown): Policy | undefined {
  if (never === undefined) return undefined;
  if (!Array.isArray(never) || never.length > 2 || !never.every((e) => (ENDPOINTS as readonly unknown[]).includes(e)))
    throw new ShareLinkError('never: must be a list of "client" and "server"', 'bad-switches');
  const ends = never as EndpointId[];
  return { neverCloses: { client: ends.includes('client'), server: ends.includes('server') } };
}

export type { LinkProblemCode };

export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
  constructor(
    message: string,
    readonly code: LinkProblemCode,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export interface LinkProblem {
  readonly code: LinkProblemCode;
  /** The script's field at fault (already cut and quoted by the script reader), for `bad-field`. */
  readonly field: string | null;
  /** In English, for logs and the CLI. */
  readonly message: string;
}

/** A link's run parameter read: the run, or why it cannot be trusted (null when there is none). */
export function readRun(param: string | null): { run: SharedRun | null; problem: LinkProblem | null } {
  if (param === null) return { run: null, problem: null };
  try {
    return { run: decodeRun(param), problem: null };
  } catch (e) {
    if (e instanceof ShareLinkError) return { run: null, problem: { code: e.code, field: e.field, message: e.message } };
    throw e;
  }
}

/** The run a link carries, or a ShareLinkError saying why it cannot be trusted. */
export function decodeRun(param: string): SharedRun {
  if (param.length > MAX_LENGTH) throw new ShareLinkError('the link is too long', 'too-long');
  const dot = param.indexOf('.');
  const version = param.slice(0, dot);
  if (dot < 0 || !/^\d+$/.test(version)) throw new ShareLinkError('the link has no version', 'no-version');
  if (version !== VERSION) throw new ShareLinkError(`the link is from a newer version (${version.slice(0, 6)})`, 'newer');
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(param.slice(dot + 1)));
  } catch {
    throw new ShareLinkError('the link is damaged', 'damaged');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new ShareLinkError('the link is damaged', 'damaged');
  const { t, never, ...rest } = json as Record<string, unknown>;
  if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > LIMITS.timeMs) throw new ShareLinkError('the link has a bad time', 'bad-time');
  const policy = readPolicy(never);
  try {
    // The run is shown up to `t`: that is its end, as `until` is a script's (and bounds its work the same way).
    const script = parseScript({ ...rest, until: t });
    return { config: script.config ?? {}, steps: script.steps, t, ...(policy ? { policy } : {}) };
  } catch (e) {
    if (e instanceof ScriptError) throw new ShareLinkError(e.message, 'bad-field', e.path);
    throw e;
  }
}
