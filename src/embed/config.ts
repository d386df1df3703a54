/**
 * An embed's settings, read from its URL. Anything unknown or out of range falls back to the
 * default and is reported (by name and value, shown as text): a link can never break the embed.
 */
import { findScenario } from '../scenarios/catalog';
import { SPEEDS, type Speed } from '../ui/session';
import type { Lang } from '../i18n/strings';

export interface EmbedConfig {
  scenario: string;
  lang: Lang | null;
  theme: 'light' | 'dark' | 'auto';
  controls: 'full' | 'minimal' | 'none';
  autoplay: boolean;
  speed: Speed;
  /** How many steps forward to open at. */
  step: number;
  problems: { name: string; value: string }[];
}

const DEFAULT_SCENARIO = 'three-way-handshake';
const MAX_VALUE_SHOWN = 40;

export function parseEmbedParams(search: string): EmbedConfig {
  const params = new URLSearchParams(search);
  const problems: EmbedConfig['problems'] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = params.get(name);
    if (v === null) return fallback;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    problems.push({ name, value: v.slice(0, MAX_VALUE_SHOWN) });
    return fallback;
  };
  const number = (name: string, ok: (n: number) => boolean, fallback: number): number => {
    const v = params.get(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (v.trim() !== '' && ok(n)) return n;
    problems.push({ name, value: v.slice(0, MAX_VALUE_SHOWN) });
    return fallback;
  };
  const rawScenario = params.get('scenario');
  let scenario = DEFAULT_SCENARIO;
  if (rawScenario !== null) {
    if (findScenario(rawScenario) && !findScenario(rawScenario)!.fleet) scenario = rawScenario;
    else problems.push({ name: 'scenario', value: rawScenario.slice(0, MAX_VALUE_SHOWN) });
  }
  const lang = params.get('lang') === null ? null : pick<Lang>('lang', ['ko', 'en'], 'en');
  return {
    scenario,
    lang,
    theme: pick('theme', ['light', 'dark', 'auto'], 'auto'),
    controls: pick('controls', ['full', 'minimal', 'none'], 'minimal'),
    autoplay: pick('autoplay', ['1', '0', 'true', 'false'], '0') === '1' || params.get('autoplay') === 'true',
    speed: number('speed', (n) => (SPEEDS as readonly number[]).includes(n), 1) as Speed,
    step: number('step', (n) => Number.isInteger(n) && n >= 0 && n <= 200, 0),
    problems,
  };
}
