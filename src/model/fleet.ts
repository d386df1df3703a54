/**
 * Many connections at once, for the pile-up lessons. The engine runs one connection of each kind
 * to learn its timeline (which state, from when); a fleet is that timeline shifted, one copy per
 * new connection, with the limits a real host meets between them: local ports, TIME-WAIT buckets,
 * file descriptors and the accept backlog. A socket's state at any time is then a pure function,
 * cheap enough to draw 10,000 of them every frame, and a census of every attempt (each in a state,
 * or ended one way or another) is a few subtractions, whatever the rate.
 */
import { resolveConfig, type ConfigOverrides } from './config';
import type { ScriptStep } from './script';
import { TimeHeap } from './timeHeap';
import { Simulation } from './simulation';
import type { EndpointId, TcpState } from './types';

/** One connection's life on one side: the state entered at each time, from its start. */
export type Timeline = readonly (readonly [number, TcpState])[];

/** Memory a socket holds in the kernel, from /proc/slabinfo on Linux 6.18 (this project's machines). */
export const SOCKET_BYTES = {
  /** A full socket (slab "TCP", struct tcp_sock): every state but TIME-WAIT. */
  full: 2368,
  /** A TIME-WAIT socket is swapped for a small inet_timewait_sock (slab "tw_sock_TCP"); so is an orphaned FIN-WAIT-2 one. */
  timeWait: 256,
} as const;

/** Linux's default ephemeral port range, net.ipv4.ip_local_port_range = 32768 60999. */
export const EPHEMERAL_PORTS = 60999 - 32768 + 1;

/**
 * How an attempt ended, once it is in no state any more: closed and freed after its last timer,
 * failed (connect() gave up or found no port), or, for orphans, given up after its retries, reset by
 * the kernel for want of room, or closed at once because the TIME-WAIT table was full.
 */
export const ENDINGS = ['closed', 'failed', 'timed-out', 'fin-timeout', 'reset-orphans', 'reset-memory', 'tw-overflow'] as const;
export type Ending = (typeof ENDINGS)[number];

/** Every attempt started by a moment, each counted once: in a state, or by how it ended. */
export interface Census {
  /** Attempts started by then: exactly the whole part of rate x time. */
  readonly started: number;
  readonly counts: ReadonlyMap<TcpState, number>;
  readonly ended: ReadonlyMap<Ending, number>;
  /** Attempts that ended as failures (the `failed` ending). */
  readonly failed: number;
  /** Slab memory of the sockets counted on the host (see census()). */
  readonly bytes: number;
}

/** Many sockets, one a 1/rate apart: socket i starts at (i + 1) / rate, so by time t exactly floor(rate x t) have started. */
export interface SocketFleet {
  readonly count: number;
  /** New attempts a second. */
  readonly rate: number;
  readonly startOf: (i: number) => number;
  /** The state of socket i at time t ('CLOSED' before it starts, or once it has ended). */
  readonly stateAt: (i: number, t: number) => TcpState;
  /** How socket i had ended by time t, or null while it is in a state (or not started). */
  readonly endingAt: (i: number, t: number) => Ending | null;
  /** When socket i failed (connect() found no port, or had no answer), or Infinity. */
  readonly failedAt: (i: number) => number;
  /** Every attempt started by t, in its state or by its ending. */
  readonly tally: (t: number) => { counts: Map<TcpState, number>; ended: Map<Ending, number>; started: number };
}

/** How many of `count` attempts at `rate` a second have started by time t (ms): floor(rate x t), exactly. */
export function attemptsBy(rate: number, count: number, t: number): number {
  if (t <= 0) return 0;
  // Rates and times are whole numbers of connections a second and of milliseconds here: rate * t is exact.
  return Math.min(count, Math.floor((rate * Math.round(t * 1000)) / 1_000_000));
}

export function timelineOf(config: ConfigOverrides, steps: readonly ScriptStep[], endpoint: EndpointId, start: number): Timeline {
  const sim = new Simulation({ config, steps });
  sim.runToEnd();
  return sim.transitions.filter((t) => t.endpoint === endpoint && t.t >= start).map((t) => [t.t - start, t.to] as const);
}

export function stateAt(timeline: Timeline, age: number): TcpState {
  let state: TcpState = 'CLOSED';
  for (const [t, s] of timeline) {
    if (t > age) break;
    state = s;
  }
  return state;
}

/** When the timeline enters a state (or Infinity if it never does). */
const entersAt = (timeline: Timeline, state: TcpState): number => timeline.find(([, s]) => s === state)?.[0] ?? Infinity;

/**
 * A kind of attempt: its timeline from its first state (at age 0: the attempt is in a state from the
 * moment it starts, so none is ever uncounted), and what its ending is called once it reaches CLOSED.
 */
interface Kind {
  readonly timeline: Timeline;
  readonly ending: Ending;
}

/** Shifts a timeline so that its first state starts at age 0 (and cuts it at `until`, ending there). */
function fromZero(timeline: Timeline, until = Infinity): Timeline {
  const first = timeline[0]?.[0] ?? 0;
  const out = timeline.map(([t, s]) => [t - first, s] as const).filter(([t]) => t < until);
  if (Number.isFinite(until)) out.push([until, 'CLOSED']);
  return out;
}

/**
 * A fleet of attempts each of one kind: the census counts, for each kind and each stretch of its
 * timeline, the attempts whose age falls in that stretch, from running counts of each kind.
 */
function kindFleet(rate: number, kinds: readonly Kind[], kindOf: Uint8Array): SocketFleet {
  const count = kindOf.length;
  const prefix = kinds.map((_, k) => {
    const p = new Int32Array(count + 1);
    for (let i = 0; i < count; i++) p[i + 1] = p[i]! + (kindOf[i] === k ? 1 : 0);
    return p;
  });
  const startOf = (i: number) => ((i + 1) * 1000) / rate;
  const by = (t: number) => attemptsBy(rate, count, t);
  const ageOf = (i: number, t: number) => (i < by(t) ? Math.max(0, t - startOf(i)) : -1);
  // A kind's timeline reaches CLOSED only at its end (a connect() that fails at once starts there).
  const ends = kinds.map((k) => entersAt(k.timeline, 'CLOSED'));
  return {
    count,
    rate,
    startOf,
    stateAt(i, t) {
      const age = ageOf(i, t);
      return age < 0 ? 'CLOSED' : stateAt(kinds[kindOf[i]!]!.timeline, age);
    },
    endingAt(i, t) {
      const age = ageOf(i, t);
      const k = kindOf[i]!;
      return age >= 0 && age >= ends[k]! ? kinds[k]!.ending : null;
    },
    failedAt(i) {
      const k = kindOf[i]!;
      return kinds[k]!.ending === 'failed' ? startOf(i) + ends[k]! : Infinity;
    },
    tally(t) {
      const counts = new Map<TcpState, number>();
      const ended = new Map<Ending, number>();
      kinds.forEach((kind, k) => {
        const p = prefix[k]!;
        const line = kind.timeline;
        line.forEach(([from, state], j) => {
          const to = line[j + 1]?.[0] ?? Infinity;
          // Ages in [from, to): started in (t - to, t - from].
          const n = p[by(t - from)]! - p[by(t - to)]!;
          if (n === 0) return;
          if (state === 'CLOSED') ended.set(kind.ending, (ended.get(kind.ending) ?? 0) + n);
          else counts.set(state, (counts.get(state) ?? 0) + n);
        });
      });
      return { counts, ended, started: by(t) };
    },
  };
}

export interface TimeWaitFleetOptions {
  readonly config: ConfigOverrides;
  /** New connections a second from one client to one server address and port. */
  readonly rate: number;
  readonly count: number;
  /** net.ipv4.tcp_tw_reuse: let a new connection take the port of a TIME-WAIT socket older than 1 s. */
  readonly twReuse: boolean;
  /** net.ipv4.tcp_max_tw_buckets: beyond this many, a closing socket skips TIME-WAIT. */
  readonly maxTwBuckets: number;
  readonly ports: number;
}

/** The busy client: each connection opens, closes at once, and leaves a TIME-WAIT socket. */
export function timeWaitFleet(o: TimeWaitFleetOptions): SocketFleet {
  // One short connection: open, and close as soon as the handshake is done (a close() in
  // SYN-SENT would simply abandon it), then TIME-WAIT follows.
  const closeAt = 100 + 4 * resolveConfig(o.config).latencyMs + 10;
  const life = fromZero(
    timelineOf(
      o.config,
      [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 100, endpoint: 'client', call: 'connect' },
        { at: closeAt, endpoint: 'client', call: 'close' },
        { at: closeAt + 2 * resolveConfig(o.config).latencyMs + 10, endpoint: 'server', call: 'close' },
      ],
      'client',
      100,
    ),
  );
  const twFrom = entersAt(life, 'TIME-WAIT');
  const twUntil = life.at(-1)![0];
  const startOf = (i: number) => ((i + 1) * 1000) / o.rate;
  // Walk the connections in order, keeping when each held port comes free (a heap) and which
  // sockets are counted in TIME-WAIT (in start order, so a moving head suffices).
  const ports = new TimeHeap();
  const twStarts: number[] = [];
  let twHead = 0;
  const kindOf = new Uint8Array(o.count);
  for (let i = 0; i < o.count; i++) {
    const t = startOf(i);
    while ((ports.peek() ?? Infinity) <= t) ports.pop();
    while (twHead < twStarts.length && twStarts[twHead]! + twUntil <= t) twHead++;
    if (ports.size >= o.ports) {
      // connect() fails with EADDRNOTAVAIL: every local port to this destination is held.
      kindOf[i] = 2;
      continue;
    }
    const dropsTw = twStarts.length - twHead >= o.maxTwBuckets;
    kindOf[i] = dropsTw ? 1 : 0;
    if (!dropsTw) twStarts.push(t);
    // Its port is held until the socket is gone; with tcp_tw_reuse, until TIME-WAIT is 1 s old.
    const held = dropsTw ? twFrom : o.twReuse ? twFrom + 1000 : twUntil;
    ports.push(t + held);
  }
  return kindFleet(
    o.rate,
    [
      { timeline: life, ending: 'closed' },
      // Past tcp_max_tw_buckets the socket is simply freed where TIME-WAIT would start.
      { timeline: fromZero(life, twFrom), ending: 'closed' },
      { timeline: [[0, 'CLOSED']], ending: 'failed' },
    ],
    kindOf,
  );
}

export interface CloseWaitFleetOptions {
  readonly config: ConfigOverrides;
  readonly rate: number;
  readonly count: number;
  /** The server process's open-file limit (ulimit -n): each accepted socket holds one. */
  readonly fdLimit: number;
  /** Completed connections the kernel queues for accept() once the process can take no more. */
  readonly backlog: number;
}

/**
 * The leaking server: it accepts, serves, and never calls close(). Every connection ends in
 * CLOSE-WAIT on the server, holding a file descriptor. Once the process has none left, the kernel
 * still completes handshakes into the accept queue; once that is full, SYNs are dropped and new
 * clients hang in SYN-SENT until they give up: the post's "Hang".
 */
export function closeWaitFleet(o: CloseWaitFleetOptions): SocketFleet & { readonly hangMs: number } {
  const steps: ScriptStep[] = [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 100, endpoint: 'client', call: 'connect' },
    { at: 4000, endpoint: 'client', call: 'close' },
  ];
  const served = fromZero(timelineOf(o.config, steps, 'server', 100));
  const hung = fromZero(
    timelineOf(
      o.config,
      [
        { at: 0, network: 'block', direction: 'client->server' },
        { at: 100, endpoint: 'client', call: 'connect' },
      ],
      'client',
      100,
    ),
  );
  const admitted = o.fdLimit + o.backlog;
  const kindOf = new Uint8Array(o.count);
  for (let i = admitted; i < o.count; i++) kindOf[i] = 1;
  // Within the limits, the server's socket (it ends in CLOSE-WAIT); beyond, the client that hangs, then fails.
  const fleet = kindFleet(
    o.rate,
    [
      { timeline: served, ending: 'closed' },
      { timeline: hung, ending: 'failed' },
    ],
    kindOf,
  );
  // How long a client's connect() waits in SYN-SENT before it fails (with Linux's timers, 131 s).
  return { ...fleet, hangMs: entersAt(hung, 'CLOSED') };
}

/** States that live on the host whose memory is counted (the leaking server holds no SYN-SENT). */
export const SERVER_STATES: ReadonlySet<TcpState> = new Set(['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK']);

/** Counts by state and by ending at time t, and the slab memory the sockets on this host hold. */
export function census(fleet: SocketFleet, t: number, onHost?: ReadonlySet<TcpState>): Census {
  const { counts, ended, started } = fleet.tally(t);
  let bytes = 0;
  for (const [s, n] of counts) if (!onHost || onHost.has(s)) bytes += n * (s === 'TIME-WAIT' ? SOCKET_BYTES.timeWait : SOCKET_BYTES.full);
  return { started, counts, ended, failed: ended.get('failed') ?? 0, bytes };
}
