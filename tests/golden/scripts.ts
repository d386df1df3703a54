/**
 * The scripts whose traces are kept byte for byte (tests/golden): every lesson, every Linux
 * capture's replay, and a few hundred random scripts from a seeded generator, which reach the
 * corners no hand-written script does (manual network, injected segments, calls in odd states).
 */
import { splitmix32 } from '../../src/model/rng';
import type { Script, ScriptStep } from '../../src/model/script';
import { ACK, FIN, PSH, RST, SYN, segment } from '../../src/model/segment';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { LINUX_CASES } from '../model/linuxCases';

export interface NamedScript {
  readonly name: string;
  readonly script: Script;
}

const CALLS = ['listen', 'connect', 'close', 'shutdown', 'abort', 'send'] as const;
const DIRECTIONS = ['client->server', 'server->client'] as const;
// Named, in the order the kept hashes were made with (numbers here once meant other bits than their comment said).
const FLAGS = [FIN, ACK, FIN | ACK, SYN | ACK, PSH | ACK, RST, RST | ACK, SYN] as const;

/** A random but valid script: steps in time order, every field within the format's limits. */
export function randomScript(seed: number): Script {
  const rand = splitmix32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rand() % xs.length]!;
  const presets = ['linux', 'rfc', 'classroom'] as const;
  const config = { preset: pick(presets), latencyMs: pick([0, 1, 50, 100, 400]) };
  const steps: ScriptStep[] = [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: rand() % 200, endpoint: 'client', call: 'connect' },
  ];
  let at = steps[1]!.at;
  const count = 3 + (rand() % 10);
  for (let i = 0; i < count; i++) {
    at += pick([0, 1, 10, 100, 250, 700, 1500, 5000]);
    const endpoint = pick(['client', 'server'] as const);
    const roll = rand() % 100;
    if (roll < 50) {
      const call = pick(CALLS);
      steps.push(call === 'send' ? { at, endpoint, call, bytes: 1 + (rand() % 3000) } : { at, endpoint, call });
    } else if (roll < 62) steps.push({ at, network: pick(['drop-next', 'block', 'unblock'] as const), direction: pick(DIRECTIONS) });
    else if (roll < 68) steps.push({ at, network: 'delay-next', direction: pick(DIRECTIONS), byMs: 1 + (rand() % 2000) });
    else if (roll < 78) steps.push({ at, network: 'manual', on: rand() % 2 === 0 });
    else if (roll < 90) steps.push({ at, network: pick(['deliver', 'drop'] as const), segment: 1 + (rand() % 12) });
    else steps.push({ at, endpoint, segment: segment(pick(FLAGS), rand(), rand(), pick([0, 0, 10, 500])) });
  }
  return { config, steps, ...(rand() % 3 === 0 ? { until: at + 20_000 } : {}) };
}

export const RANDOM_SCRIPTS = 400;

export function namedScripts(): NamedScript[] {
  return [
    ...SCENARIOS.filter((s) => !s.fleet).map((s) => ({ name: `lesson-${s.id}`, script: s.script })),
    ...LINUX_CASES.map((c) => ({ name: `linux-${c.fixture}`, script: c.script })),
  ];
}
