/**
 * Which input comes next, by time: the world's own arrivals and timers, and the script's steps.
 * At one instant the network and timers go first (in the order they were scheduled), then the
 * script's steps (in script order), as docs/trace-format.md says.
 */
import type { ScriptStep } from './script';
import { wireList } from './wire';
import { dueList, nextDue, step, type Flight, type Input, type Stepped, type World } from './world';
import type { TimerName } from './endpoint/tcb';
import type { EndpointId } from './types';

/** The input a script step makes. */
export function stepInput(s: ScriptStep): Input {
  if ('observed' in s) return { kind: 'observed', observed: s.observed };
  if (!('network' in s)) {
    if ('segment' in s) return { kind: 'inject', endpoint: s.endpoint, segment: s.segment };
    if (s.call === 'send' || (s.call === 'read' && s.bytes !== undefined)) return { kind: 'call', endpoint: s.endpoint, call: s.call, bytes: s.bytes };
    return { kind: 'call', endpoint: s.endpoint, call: s.call };
  }
  switch (s.network) {
    case 'manual':
      return { kind: 'network', action: { kind: 'manual', on: s.on } };
    case 'deliver':
    case 'drop':
      return { kind: 'network', action: { kind: s.network, segment: s.segment } };
    case 'delay-next':
      return { kind: 'network', action: { kind: 'delay-next', direction: s.direction, byMs: s.byMs } };
    default:
      return { kind: 'network', action: { kind: s.network, direction: s.direction } };
  }
}

/** A run's position: the world, and how many of the script's steps it has taken. */
export interface Position {
  readonly world: World;
  readonly cursor: number;
}

/** When the next thing happens, or null if nothing ever will. */
export function nextAt(p: Position, steps: readonly ScriptStep[]): number | null {
  const due = nextDue(p.world);
  const s = steps[p.cursor];
  if (!due) return s ? s.at : null;
  return s && s.at < due.at ? s.at : due.at;
}

/** Take the next input by time; null when nothing is pending, or nothing at or before `until`. */
export function advance(p: Position, steps: readonly ScriptStep[], until = Infinity): (Stepped & { readonly cursor: number }) | null {
  const due = nextDue(p.world);
  const s = steps[p.cursor];
  if (due && (!s || due.at <= s.at)) {
    if (due.at > until) return null;
    const { world, happened } = step(p.world, due.input, due.at);
    return { world, happened, cursor: p.cursor };
  }
  if (!s || s.at > until) return null;
  const { world, happened } = step(p.world, stepInput(s), s.at);
  return { world, happened, cursor: p.cursor + 1 };
}

/** Something that will happen unless something else happens first. */
export type Pending =
  | { readonly kind: 'timer'; readonly at: number; readonly endpoint: EndpointId; readonly name: TimerName }
  | { readonly kind: 'arrival'; readonly at: number; readonly segment: Flight }
  | { readonly kind: 'step'; readonly at: number; readonly step: ScriptStep };

/** What is scheduled, soonest first, in the order it would run. */
export function pendingOf(p: Position, steps: readonly ScriptStep[]): Pending[] {
  const flights = new Map(wireList(p.world.flights).map((f) => [f.id, f]));
  const own: Pending[] = dueList(p.world).map((d) =>
    d.input.kind === 'timer'
      ? { kind: 'timer', at: d.at, endpoint: d.input.endpoint, name: d.input.name }
      : { kind: 'arrival', at: d.at, segment: flights.get(d.input.id)! },
  );
  const later: Pending[] = steps.slice(p.cursor).map((s) => ({ kind: 'step', at: s.at, step: s }));
  // Merge: at one instant the world's own come first.
  const out: Pending[] = [];
  let i = 0;
  let j = 0;
  while (i < own.length || j < later.length) {
    if (j >= later.length || (i < own.length && own[i]!.at <= later[j]!.at)) out.push(own[i++]!);
    else out.push(later[j++]!);
  }
  return out;
}
