/**
 * A run kept as worlds at checkpoints, one after every event, the way raftscope keeps its
 * history: going to any moment, back or forth, is a binary search, and acting in the past forks
 * from the checkpoint at that moment, sharing everything before it. The run grows lazily: events
 * are computed only as far as someone has looked.
 */
import type { ConfigOverrides } from '../model/config';
import { emptyHistory, extendHistory, historyAfter, type History } from '../model/history';
import { advance, nextAt, type Position } from '../model/scheduler';
import type { ScriptStep } from '../model/script';
import { MAX_EVENTS, inTimeOrder } from '../model/simulation';
import { startWorld, type Happening, type Replayer } from '../model/world';
import { wireSize } from '../model/wire';
import { TIMER_NAMES } from '../model/endpoint/tcb';
import { persistTimeout } from '../model/endpoint/retransmission';
import { ENDPOINTS } from '../model/types';
import { Frame } from './frame';
import type { Policy } from './policy';

interface Checkpoint extends Position {
  /** How much of the log had been written when this world was made. */
  readonly logLength: number;
}

/** What a history needs, looked up by log length: made once per event, then shared by every frame. */
interface Folded {
  readonly history: History;
  readonly instants: readonly number[];
}

export class Run {
  readonly config: ConfigOverrides;
  readonly steps: readonly ScriptStep[];
  private readonly checkpoints: Checkpoint[];
  private readonly log: Happening[];
  private settled = false;
  private readonly folded = new Map<number, Folded>();

  /** How the run's worlds replay a capture's segments, for a run with any (src/model/replayStep.ts's `REPLAYER`). */
  readonly replayer: Replayer | null;

  constructor(
    config: ConfigOverrides,
    steps: readonly ScriptStep[],
    replayer: Replayer | null = null,
    shared?: { checkpoints: Checkpoint[]; log: Happening[] },
  ) {
    this.config = config;
    this.steps = inTimeOrder(steps);
    this.replayer = replayer;
    this.checkpoints = shared?.checkpoints ?? [{ world: startWorld(config, replayer), cursor: 0, logLength: 0 }];
    this.log = shared?.log ?? [];
  }

  /** How many events have been computed (the bench and tests read it). */
  get computed(): number {
    return this.checkpoints.length - 1;
  }

  /** Whether the run has been computed to its end (nothing more will ever happen). */
  get complete(): boolean {
    return this.settled;
  }

  /**
   * Whether all the computed run has left is a closed window probed for ever: no script step, no
   * segment on the wire, no timer but the persist timer, backed off to its longest wait. (An
   * application that stops reading and never reads again: its peer probes as long as it answers,
   * RFC 9293 section 3.8.6.1.) The rest is the same probe again and again, so a view that wants
   * the run's end can stop here.
   */
  get endless(): boolean {
    const last = this.checkpoints[this.checkpoints.length - 1]!;
    if (last.cursor < this.steps.length || wireSize(last.world.flights) > 0) return false;
    let probing = false;
    for (const e of ENDPOINTS) {
      const tcb = last.world.endpoints[e].context;
      for (const name of TIMER_NAMES) if (name !== 'persist' && tcb.timers[name] !== null) return false;
      if (tcb.timers.persist !== null) {
        if (persistTimeout(tcb) < tcb.config.maxRtoMs) return false;
        probing = true;
      }
    }
    return probing;
  }

  /**
   * A user has acted on this run: it has a step that is neither a captured segment nor a listen()
   * a replay begins with. On a replayed capture the first such step forks it (the world stops
   * replaying there, src/model/world.ts); on any other run it is the student's own.
   */
  get forked(): boolean {
    return this.steps.some((s) => !('observed' in s) && !('call' in s && s.call === 'listen'));
  }

  /** The simulated time the computed part of the run has reached. */
  get reached(): number {
    return this.checkpoints[this.checkpoints.length - 1]!.world.now;
  }

  /**
   * Compute at most `events` more events toward the run's end, so a caller can spread a long run
   * over many frames (and stop when it likes). True once the run is complete.
   */
  extendToEnd(events: number): boolean {
    this.extendTo(Infinity, events);
    return this.settled;
  }

  /** Compute at most `events` more events up to time t; true once everything up to t is computed. */
  extendTowards(t: number, events: number): boolean {
    return this.extendTo(t, events);
  }

  /** The run as far as it has been computed: its last computed world, and what happened up to it. */
  frameComputed(policy: Policy): Frame {
    return this.frameAt(this.reached, policy);
  }

  /** The run at time t: a lookup once the events up to t have been computed. */
  frameAt(t: number, policy: Policy): Frame {
    const i = this.indexAt(t);
    const cp = this.checkpoints[i]!;
    const { history, instants } = this.fold(cp.logLength);
    return new Frame(cp.world, cp.cursor, Math.max(t, cp.world.now), history, instants, this.steps, policy);
  }

  /**
   * The run at each of its first `limit` instants, in order, for `read` to read: one history and
   * one list of instants grown in place from each instant to the next, so a walk through a run of
   * n events costs its n events, where a `frameAt` for each (every frame its own copy) costs n².
   * A frame given to `read` is good only until `read` returns: it must not be kept.
   */
  eachMoment(policy: Policy, limit: number, read: (frame: Frame) => void): void {
    const history = emptyHistory();
    const instants: number[] = [0];
    let folded = 0;
    for (const at of this.frameComputed(policy).instants.slice(0, limit)) {
      const cp = this.checkpoints[this.indexAt(at)]!;
      extendHistory(history, folded, this.log, cp.logLength);
      pushInstants(instants, folded, this.log, cp.logLength);
      folded = cp.logLength;
      read(new Frame(cp.world, cp.cursor, at, history, instants, this.steps, policy));
    }
  }

  /** How many things had happened by time t (the log's length then): two moments with the same count look the same. */
  happenedBy(t: number): number {
    return this.checkpoints[this.indexAt(t)]!.logLength;
  }

  /** The time of the first event after t, or null if nothing more will ever happen. */
  nextEventAfter(t: number): number | null {
    return nextAt(this.checkpoints[this.indexAt(t)]!, this.steps);
  }

  /** The same run with `step` made at time t: everything up to t is shared, what came after is rewritten. */
  fork(t: number, step: ScriptStep): Run {
    const i = this.indexAt(t);
    const cp = this.checkpoints[i]!;
    const kept = this.steps.filter((s) => s.at <= t);
    // The checkpoint at t has taken every kept step (they are all at or before t), so the new one is next.
    const checkpoints = this.checkpoints.slice(0, i + 1);
    return new Run(this.config, [...kept, { ...step, at: t } as ScriptStep], this.replayer, { checkpoints, log: this.log.slice(0, cp.logLength) });
  }

  /** The index of the last checkpoint at or before t, computing events up to t first. */
  private indexAt(t: number): number {
    this.extendTo(t);
    const cps = this.checkpoints;
    let lo = 0;
    let hi = cps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cps[mid]!.world.now <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Compute events up to t, at most `budget` of them; true when everything up to t is computed. */
  private extendTo(t: number, budget = Infinity): boolean {
    let last = this.checkpoints[this.checkpoints.length - 1]!;
    for (let n = 0; !this.settled; n++) {
      if (last.world.events > MAX_EVENTS) throw new Error(`the run did not settle after ${MAX_EVENTS} events`);
      if (n >= budget) return false;
      const stepped = advance(last, this.steps, t);
      if (!stepped) {
        // Nothing more up to t: perhaps nothing more ever.
        this.settled = nextAt(last, this.steps) === null;
        return true;
      }
      for (const h of stepped.happened) this.log.push(h);
      last = { world: stepped.world, cursor: stepped.cursor, logLength: this.log.length };
      this.checkpoints.push(last);
    }
    return true;
  }

  /** The latest history folded, to fold the next one onto (a run grows at its end). */
  private lastFolded: { length: number; folded: Folded } | null = null;

  private fold(length: number): Folded {
    let f = this.folded.get(length);
    if (!f) {
      const base = this.lastFolded && this.lastFolded.length <= length ? this.lastFolded : null;
      const history = historyAfter(base?.folded.history ?? null, base?.length ?? 0, this.log, length);
      const instants = base ? base.folded.instants.slice() : [0];
      pushInstants(instants, base?.length ?? 0, this.log, length);
      f = { history, instants };
      if (!this.lastFolded || length >= this.lastFolded.length) this.lastFolded = { length, folded: f };
      // A few recent ones are enough: playing moves forward, a scrub revisits a handful.
      if (this.folded.size > 64) this.folded.delete(this.folded.keys().next().value!);
      this.folded.set(length, f);
    }
    return f;
  }
}

/**
 * The instants a student can step to: 0, and every call, change of state, and segment sent or
 * delivered, ascending (happenings come in time order). Pushed onto `times` (the instants of the
 * first `from` happenings): those of happenings `from` to `length`.
 */
function pushInstants(times: number[], from: number, log: readonly Happening[], length: number): void {
  for (let i = from; i < length; i++) {
    const h = log[i]!;
    if ((h.kind === 'transition' || h.kind === 'call' || h.kind === 'sent' || h.kind === 'arrived') && h.t > times[times.length - 1]!) times.push(h.t);
  }
}
