/**
 * A run driven by time: the world, the script's steps, and the history so far. It is the engine's
 * scheduler and nothing more: each input goes through the pure `step` (./world), picked by
 * ./scheduler. The same script always gives the same trace. Time moves only when asked
 * (`runUntil`, `advance`), so a caller can run to any instant at once and ask what is pending
 * (what it answers about the moment it stands at is ./worldView's, the same as a player's frame).
 * (The player, src/player, keeps the worlds it passes as checkpoints to go back by lookup.)
 */
import { historyOf, type History } from './history';
import type { NetworkAction } from './network';
import { advance, type Pending } from './scheduler';
import type { Script, ScriptStep } from './script';
import type { Segment } from './segment';
import type { Trace } from './trace';
import type { CallName, EndpointId } from './types';
import { at, startWorld, step, type Happening, type Input, type Replayer, type World } from './world';
import { WorldView } from './worldView';
import type { EndpointSnapshot } from './endpoint/step';
import type { Refusal } from './endpoint/refusals';

export type { Pending };
export type { WireSegment, Transition } from './history';

/** A valid script settles long before this; a run that does not is a bug, reported as one. */
export const MAX_EVENTS = 5_000_000;

/** Steps in time order (a script's are already; a stable sort keeps ties in script order). */
export const inTimeOrder = (steps: readonly ScriptStep[]): readonly ScriptStep[] =>
  steps.every((s, i) => i === 0 || steps[i - 1]!.at <= s.at) ? steps : [...steps].sort((a, b) => a.at - b.at);

export class Simulation extends WorldView {
  readonly until: number | undefined;
  protected readonly steps: readonly ScriptStep[];
  private current: World;
  protected cursor = 0;
  private readonly log: Happening[] = [];
  private folded: { length: number; history: History } | null = null;

  /** `replayer`: for a script with captured segments, how its world replays them (./replayStep's `REPLAYER`). */
  constructor(script: Script, replayer: Replayer | null = null) {
    super();
    this.current = startWorld(script.config, replayer);
    this.until = script.until;
    this.steps = inTimeOrder(script.steps);
  }

  /** Run a script from start to its end (or to `until`) and return its trace. */
  static run(script: Script, replayer: Replayer | null = null): Trace {
    const sim = new Simulation(script, replayer);
    sim.runToEnd();
    return sim.trace();
  }

  get world(): World {
    return this.current;
  }

  get now(): number {
    return this.current.now;
  }

  snapshot(endpoint: EndpointId): EndpointSnapshot {
    return this.current.endpoints[endpoint];
  }

  /** Run everything scheduled up to and including time t, then stand at t. */
  runUntil(t: number): void {
    while (this.advance(t));
    this.current = at(this.current, t);
  }

  /** Run to `until`, or until nothing is pending. */
  runToEnd(): void {
    if (this.until !== undefined) this.runUntil(this.until);
    else while (this.advance());
  }

  /** Run the next scheduled event (if it is at or before `until`). Returns false when there is none. */
  advance(until = Infinity): boolean {
    if (this.current.events > MAX_EVENTS) throw new Error(`the run did not settle after ${MAX_EVENTS} events`);
    const next = advance({ world: this.current, cursor: this.cursor }, this.steps, until);
    if (!next) return false;
    this.take(next.world, next.happened);
    this.cursor = next.cursor;
    return true;
  }

  /** An application call now. Returns the refusal reason, or null if it was made. */
  call(endpoint: EndpointId, call: CallName, bytes?: number): Refusal | null {
    const refusal = this.check(endpoint, call);
    this.input({ kind: 'call', endpoint, call, ...(bytes === undefined ? {} : { bytes }) });
    return refusal.allowed ? null : refusal.reason;
  }

  /** A network action now. */
  act(action: NetworkAction): void {
    this.input({ kind: 'network', action });
  }

  /** Hand an endpoint a segment from anywhere (a capture, a test), as if it had just arrived. */
  inject(endpoint: EndpointId, segment: Segment): void {
    this.input({ kind: 'inject', endpoint, segment });
  }

  /** Any input now. */
  input(input: Input): void {
    const next = step(this.current, input);
    this.take(next.world, next.happened);
  }

  /** Everything that has happened, folded (the same object until something more happens). */
  get history(): History {
    if (this.folded?.length !== this.log.length) this.folded = { length: this.log.length, history: historyOf(this.log) };
    return this.folded.history;
  }

  get reads() {
    return this.history.reads;
  }

  get errors() {
    return this.history.errors;
  }

  private take(world: World, happened: readonly Happening[]): void {
    this.current = world;
    for (const h of happened) this.log.push(h);
  }
}
