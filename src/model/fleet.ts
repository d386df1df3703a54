/**
 * Many connections at once, for the pile-up lessons. The engine runs one connection of each kind
 * to learn its timeline (which state, from when); a fleet is that timeline shifted, one copy per
 * new connection, with the limits a real host meets between them: local ports, TIME-WAIT buckets,
 * file descriptors and the accept backlog. A socket's state at any time is then a pure function,
 * cheap enough to draw 10,000 of them every frame.
 */
import { resolveConfig, type ConfigOverrides } from './config';
import type { ScriptStep } from './script';
import { Agenda } from './queue';
import { Simulation } from './simulation';
import type { EndpointId, TcpState } from './types';

/** One connection's life on one side: the state entered at each time, from its start. */
export type Timeline = readonly (readonly [number, TcpState])[];

/** Memory a socket holds in the kernel, from /proc/slabinfo on Linux 6.18 (this project's machines). */
export const SOCKET_BYTES = {
  /** A full socket (slab "TCP", struct tcp_sock): every state but TIME-WAIT. */
  full: 2368,
  /** A TIME-WAIT socket is swapped for a small inet_timewait_sock (slab "tw_sock_TCP"). */
  timeWait: 256,
} as const;

/** Linux's default ephemeral port range, net.ipv4.ip_local_port_range = 32768 60999. */
export const EPHEMERAL_PORTS = 60999 - 32768 + 1;

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
export interface SocketFleet {
  readonly count: number;
  readonly startOf: (i: number) => number;
  /** The state of socket i at time t ('CLOSED' once gone, or before it starts). */
  readonly stateAt: (i: number, t: number) => TcpState;
  /** Sockets whose connect() failed (no free port, or no answer), by time. */
  readonly failedAt: (i: number) => number;
}

const FAILED = -1;

export function timeWaitFleet(o: TimeWaitFleetOptions): SocketFleet {
  // One short connection: open, and close as soon as the handshake is done (a close() in
  // SYN-SENT would simply abandon it), then TIME-WAIT follows.
  const closeAt = 100 + 4 * resolveConfig(o.config).latencyMs + 10;
  const life = timelineOf(
    o.config,
    [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 100, endpoint: 'client', call: 'connect' },
      { at: closeAt, endpoint: 'client', call: 'close' },
      { at: closeAt + 2 * resolveConfig(o.config).latencyMs + 10, endpoint: 'server', call: 'close' },
    ],
    'client',
    100,
  );
  const twFrom = entersAt(life, 'TIME-WAIT');
  const twUntil = life.at(-1)![0];
  const startOf = (i: number) => (i * 1000) / o.rate;
  // Walk the connections in order, keeping when each held port comes free (a heap) and which
  // sockets are counted in TIME-WAIT (in start order, so a moving head suffices).
  const ports = new Agenda<null>();
  const twStarts: number[] = [];
  let twHead = 0;
  const twDropped: boolean[] = [];
  const outcome: number[] = [];
  for (let i = 0; i < o.count; i++) {
    const t = startOf(i);
    for (let top = ports.peek(); top && top.at <= t; top = ports.peek()) ports.pop();
    while (twHead < twStarts.length && twStarts[twHead]! + twUntil <= t) twHead++;
    if (ports.size >= o.ports) {
      // connect() fails with EADDRNOTAVAIL: every local port to this destination is held.
      outcome.push(FAILED);
      twDropped.push(false);
      continue;
    }
    const dropsTw = twStarts.length - twHead >= o.maxTwBuckets;
    twDropped.push(dropsTw);
    outcome.push(t);
    if (!dropsTw) twStarts.push(t);
    // Its port is held until the socket is gone; with tcp_tw_reuse, until TIME-WAIT is 1 s old.
    const held = dropsTw ? twFrom : o.twReuse ? twFrom + 1000 : twUntil;
    ports.schedule(t + held, null);
  }
  return {
    count: o.count,
    startOf,
    failedAt: (i) => (outcome[i] === FAILED ? startOf(i) : Infinity),
    stateAt(i, t) {
      const start = startOf(i);
      if (t < start || outcome[i] === FAILED) return 'CLOSED';
      const age = t - start;
      if (twDropped[i] && age >= twFrom) return 'CLOSED';
      return stateAt(life, age);
    },
  };
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
export function closeWaitFleet(o: CloseWaitFleetOptions): SocketFleet {
  const steps: ScriptStep[] = [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 100, endpoint: 'client', call: 'connect' },
    { at: 4000, endpoint: 'client', call: 'close' },
  ];
  const served = timelineOf(o.config, steps, 'server', 100);
  const hung = timelineOf(
    o.config,
    [
      { at: 0, network: 'block', direction: 'client->server' },
      { at: 100, endpoint: 'client', call: 'connect' },
    ],
    'client',
    100,
  );
  const startOf = (i: number) => (i * 1000) / o.rate;
  const admitted = o.fdLimit + o.backlog;
  return {
    count: o.count,
    startOf,
    failedAt: (i) => (i < admitted ? Infinity : startOf(i) + (hung.at(-1)?.[0] ?? 0)),
    stateAt(i, t) {
      const start = startOf(i);
      if (t < start) return 'CLOSED';
      // Within the limits, the server's socket (it ends in CLOSE-WAIT); beyond, the client that hangs.
      return stateAt(i < admitted ? served : hung, t - start);
    },
  };
}

/** States that live on the host whose memory is counted (the leaking server holds no SYN-SENT). */
export const SERVER_STATES: ReadonlySet<TcpState> = new Set(['SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK']);

/** Counts by state at time t, and the memory the sockets on this host hold. */
export function census(fleet: SocketFleet, t: number, onHost?: ReadonlySet<TcpState>): { counts: Map<TcpState, number>; bytes: number; failed: number } {
  const counts = new Map<TcpState, number>();
  let bytes = 0;
  let failed = 0;
  for (let i = 0; i < fleet.count; i++) {
    const s = fleet.stateAt(i, t);
    if (fleet.failedAt(i) <= t) failed++;
    if (s === 'CLOSED') continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (!onHost || onHost.has(s)) bytes += s === 'TIME-WAIT' ? SOCKET_BYTES.timeWait : SOCKET_BYTES.full;
  }
  return { counts, bytes, failed };
}
