/**
 * The one reader of page links, for the app, the embed and the `<tcp-handshake>` element (which
 * turns its attributes into the same parameters). Anything unknown or out of range falls back to
 * its default and is reported by name and value (shown as text): a link can never break a page.
 */
import type { Lang } from '../i18n/strings';
import { findScenario } from '../scenarios/catalog';
import { SPEEDS, type Speed } from './session';

export type Theme = 'auto' | 'light' | 'dark' | 'contrast';
export type Controls = 'full' | 'minimal' | 'none';

export interface LinkParams {
  /** A known lesson's id, or null (none asked, or an unknown one: see `problems`); an embed falls back to its default. */
  readonly scenario: string | null;
  /** The lesson id as the link wrote it, known or not. */
  readonly askedScenario: string | null;
  readonly lang: Lang | null;
  readonly theme: Theme;
  /** Presentation mode (app only). */
  readonly present: boolean;
  /** Open the capture X-ray (app only): `?capture=1`. */
  readonly capture: boolean;
  /**
   * A shared run's parameter, not yet decoded: the app and the embed check it with `readRun`
   * (./shareLink), which the app loads only for a link that has one.
   */
  readonly run: string | null;
  readonly controls: Controls;
  readonly autoplay: boolean;
  readonly speed: Speed;
  /**
   * The moment to open at, in milliseconds of simulated time (an embed: the moment its author chose
   * in Share / Embed), or null: an embed opens at the start, a shared run's moment in the app at its own.
   */
  readonly at: number | null;
  /** How many steps forward to open at (after `at`). */
  readonly step: number;
  readonly problems: readonly { readonly name: string; readonly value: string }[];
}

/** Where the link is opened: the app takes every lesson and a shared run; an embed shows one two-endpoint lesson. */
export type Place = 'app' | 'embed';

export const EMBED_DEFAULT_SCENARIO = 'three-way-handshake';
const MAX_VALUE_SHOWN = 40;
/** The latest moment a link may name: a script's own limit on time (LIMITS.timeMs, src/model/script.ts, which this first-view module does not load). */
export const MAX_AT_MS = 1_000_000_000;

export function parseLink(search: string, place: Place): LinkParams {
  const params = new URLSearchParams(search);
  const problems: { name: string; value: string }[] = [];
  const report = (name: string, value: string) => problems.push({ name, value: shownValue(value) });
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = params.get(name);
    if (v === null) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    report(name, v);
    return fallback;
  };
  const number = (name: string, ok: (n: number) => boolean, fallback: number): number => {
    const v = params.get(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (v.trim() !== '' && ok(n)) return n;
    report(name, v);
    return fallback;
  };
  const asked = params.get('scenario');
  const lesson = asked === null ? undefined : findScenario(asked);
  const fits = lesson !== undefined && (place === 'app' || !lesson.fleet);
  if (asked !== null && !fits) report('scenario', asked);
  const autoplay = pick('autoplay', ['1', '0', 'true', 'false'], '0');
  return {
    scenario: fits ? asked : place === 'embed' ? EMBED_DEFAULT_SCENARIO : null,
    askedScenario: asked,
    lang: params.get('lang') === null ? null : pick<Lang>('lang', ['ko', 'en'], 'en'),
    theme: pick<Theme>('theme', place === 'app' ? ['auto', 'light', 'dark', 'contrast'] : ['auto', 'light', 'dark'], 'auto'),
    present: place === 'app' && pick('present', ['1', '0'], '0') === '1',
    capture: place === 'app' && pick('capture', ['1', '0'], '0') === '1',
    run: params.get('run'),
    controls: pick<Controls>('controls', ['full', 'minimal', 'none'], 'minimal'),
    autoplay: autoplay === '1' || autoplay === 'true',
    speed: number('speed', (n) => (SPEEDS as readonly number[]).includes(n), 1) as Speed,
    at: params.get('at') === null ? null : number('at', (n) => Number.isInteger(n) && n >= 0 && n <= MAX_AT_MS, 0),
    step: number('step', (n) => Number.isInteger(n) && n >= 0 && n <= 200, 0),
    problems,
  };
}

/** A value from a link as a notice repeats it: control characters escaped, at most MAX_VALUE_SHOWN characters. */
function shownValue(value: string): string {
  const escaped = JSON.stringify(value).slice(1, -1);
  return escaped.length > MAX_VALUE_SHOWN ? `${escaped.slice(0, MAX_VALUE_SHOWN)}…` : escaped;
}

/** What the author of an embed chose in Share / Embed: what it shows, and how. */
export interface EmbedChoice {
  readonly scenario: string | null;
  readonly run: string | null;
  readonly lang: Lang;
  readonly theme: Theme;
  readonly controls: Controls;
  /** The moment it opens at (ms), or null for its start. */
  readonly at: number | null;
  readonly autoplay: boolean;
}

/**
 * The parameters that say an embed choice, as an iframe's link or an element's attributes (the
 * same names): written here beside the reader, so what Share / Embed writes is what parseLink reads.
 */
export function embedParams(c: EmbedChoice): [string, string][] {
  return [
    ...(c.scenario ? [['scenario', c.scenario] as [string, string]] : []),
    ...(c.run ? [['run', c.run] as [string, string]] : []),
    ['lang', c.lang],
    ['theme', c.theme],
    ['controls', c.controls],
    ...(c.at !== null && c.at > 0 ? [['at', String(Math.round(c.at))] as [string, string]] : []),
    ...(c.autoplay ? [['autoplay', '1'] as [string, string]] : []),
  ];
}
