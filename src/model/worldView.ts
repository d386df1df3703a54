/**
 * What a run looks like at one moment, read the same way wherever the moment comes from: the
 * engine's own `Simulation` (./simulation), which moves on as it runs, and the player's `Frame`
 * (src/player/frame.ts), one immutable moment of a run kept at checkpoints. Both give it the
 * world, the time, the history so far and the script's steps still to come; it answers the rest.
 */
import type { EngineConfig } from './config';
import type { Refusal } from './endpoint/refusals';
import type { Tcb } from './endpoint/tcb';
import { traceAt, type History } from './history';
import { nextAt, pendingOf, type Pending } from './scheduler';
import type { ScriptStep } from './script';
import type { Trace } from './trace';
import type { CallName, Direction, EndpointId, TcpState } from './types';
import { check, stateOf, type World } from './world';

export abstract class WorldView {
  /** The world as the last event left it. */
  abstract readonly world: World;
  /** The time shown: at or after the world's last event. */
  abstract readonly now: number;
  /** What has happened up to `now`. */
  abstract readonly history: History;
  /** The script's steps, and how many of them the world has taken. */
  protected abstract readonly steps: readonly ScriptStep[];
  protected abstract readonly cursor: number;

  get config(): EngineConfig {
    return this.world.config;
  }

  /** Inputs taken so far; time merely passing does not change it. Views that show only what happened redraw on it. */
  get revision(): number {
    return this.world.events;
  }

  state(endpoint: EndpointId): TcpState {
    return stateOf(this.world, endpoint);
  }

  tcb(endpoint: EndpointId): Tcb {
    return this.world.endpoints[endpoint].context;
  }

  /** Whether the endpoint's state allows the call now, and if not, why. A query: it changes nothing. */
  check(endpoint: EndpointId, call: CallName): { allowed: true } | { allowed: false; reason: Refusal } {
    return check(this.world, endpoint, call);
  }

  /** What is scheduled, soonest first. */
  pending(): Pending[] {
    return pendingOf({ world: this.world, cursor: this.cursor }, this.steps);
  }

  /** When the next thing happens, or null if nothing ever will. */
  nextEventAt(): number | null {
    return nextAt({ world: this.world, cursor: this.cursor }, this.steps);
  }

  get manual(): boolean {
    return this.world.network.manual;
  }

  /** One direction of the wire: blocked, or with a drop or delay waiting for the next segment. */
  lane(direction: Direction) {
    return this.world.network.lanes[direction];
  }

  get wire() {
    return this.history.wire;
  }

  get transitions() {
    return this.history.transitions;
  }

  get calls() {
    return this.history.calls;
  }

  trace(): Trace {
    return traceAt(this.history, this.world, this.now);
  }
}
