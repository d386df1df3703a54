import { splitmix32 } from './rng';
import { toSeq, type Seq } from './seq';

export const PRESETS = ['linux', 'rfc', 'classroom'] as const;
export type PresetName = (typeof PRESETS)[number];

/** Every number that shapes a run. A script's `config` may override any of them. */
export interface EngineConfig {
  readonly preset: PresetName;
  /** One-way delay of every segment, ms. */
  readonly latencyMs: number;
  /** Seeds the initial sequence numbers (and nothing else: the engine has no other randomness). */
  readonly seed: number;
  readonly clientIsn: number;
  readonly serverIsn: number;
  /** Retransmission timeout before the first retry; doubled on each retry, up to `maxRtoMs`. */
  readonly rtoMs: number;
  readonly maxRtoMs: number;
  /** SYN retries (Linux tcp_syn_retries). */
  readonly synRetries: number;
  /** How many SYN retries keep the first timeout before backoff begins (Linux tcp_syn_linear_timeouts). */
  readonly synLinearTimeouts: number;
  /** SYN+ACK retries (Linux tcp_synack_retries). */
  readonly synAckRetries: number;
  /** Retries of a FIN or data once the application has closed the socket (Linux tcp_orphan_retries). */
  readonly finRetries: number;
  /** Retries of data or FIN while the application still holds the socket (Linux tcp_retries2). */
  readonly dataRetries: number;
  /** Before backing off, resend the last unacknowledged segment once as a tail-loss probe (Linux). */
  readonly tailLossProbe: boolean;
  /** TIME-WAIT's length, 2 x MSL. */
  readonly timeWaitMs: number;
  /** How long an orphaned FIN-WAIT-2 socket waits for the peer's FIN (Linux tcp_fin_timeout). */
  readonly finWait2TimeoutMs: number;
  /** How long a bare ACK of a FIN may wait to ride on the next segment (delayed ACK); 0 = at once. */
  readonly ackDelayMs: number;
  /** Largest payload of one segment. */
  readonly mss: number;
  /**
   * At most one answer (a bare ACK, a challenge ACK) to unacceptable segments per this many ms,
   * per connection (Linux tcp_invalid_ratelimit; RFC 5961 section 7): two endpoints that disagree
   * cannot answer each other for ever.
   */
  readonly invalidRatelimitMs: number;
  /**
   * The receive buffer's room for bytes the application has not read: the most a receiver offers
   * as its window (RFC 9293 section 3.8.6). Linux offers about half its buffer as window
   * (tcp_rmem's default 131072 bytes gives about 64 KB).
   */
  readonly rcvBufBytes: number;
  /** Whether each application reads what arrives at once (as a read loop does), or only when it calls read(). */
  readonly clientReads: ReadMode;
  readonly serverReads: ReadMode;
}

export const READ_MODES = ['at-once', 'when-called'] as const;
export type ReadMode = (typeof READ_MODES)[number];

type PresetValues = Omit<EngineConfig, 'preset' | 'seed' | 'clientIsn' | 'serverIsn'>;

/**
 * Linux's defaults, as on a 6.x kernel (checked against 6.18 on this project's machines: see
 * tests/fixtures/linux). Sources: include/net/tcp.h and Documentation/networking/ip-sysctl.rst.
 */
const LINUX: PresetValues = {
  latencyMs: 20,
  rtoMs: 1000, // TCP_TIMEOUT_INIT, the RTO before any round trip is measured (RFC 6298 section 2.1)
  maxRtoMs: 120_000, // TCP_RTO_MAX
  synRetries: 6, // net.ipv4.tcp_syn_retries
  synLinearTimeouts: 4, // net.ipv4.tcp_syn_linear_timeouts: timeouts 1,1,1,1,1,2,4,... s
  synAckRetries: 5, // net.ipv4.tcp_synack_retries
  finRetries: 8, // net.ipv4.tcp_orphan_retries = 0, which tcp_orphan_retries() reads as 8
  dataRetries: 15, // net.ipv4.tcp_retries2
  tailLossProbe: true, // net.ipv4.tcp_early_retrans = 3 (RFC 8985 TLP)
  timeWaitMs: 60_000, // TCP_TIMEWAIT_LEN, fixed in the kernel
  finWait2TimeoutMs: 60_000, // net.ipv4.tcp_fin_timeout
  ackDelayMs: 40, // TCP_DELACK_MIN (the kernel ACKs a FIN late once it has measured a delay; fresh loopback sockets wait one tick)
  mss: 1460, // Ethernet MTU 1500 less 40 bytes of headers
  invalidRatelimitMs: 500, // net.ipv4.tcp_invalid_ratelimit
  rcvBufBytes: 65_535, // net.ipv4.tcp_rmem[1] = 131072, about half offered (tcp_win_from_space): 64 KB, the most a SYN can say
  clientReads: 'at-once',
  serverReads: 'at-once',
};

/** RFC 9293's own numbers where it gives them; Linux's where it leaves the choice open. */
const RFC: PresetValues = {
  ...LINUX,
  maxRtoMs: 60_000, // RFC 6298 section 2.5: a maximum of at least 60 s
  synLinearTimeouts: 0, // plain exponential backoff (RFC 6298 section 5.5)
  tailLossProbe: false,
  timeWaitMs: 240_000, // RFC 9293 section 3.4.2: MSL = 2 minutes, TIME-WAIT = 2 x MSL
  ackDelayMs: 200, // RFC 9293 section 3.8.6.3: less than 0.5 s; 200 ms is the customary value (RFC 1122)
};

/** The same behaviour with timers short enough to watch in a lesson, and slow enough to follow. */
const CLASSROOM: PresetValues = {
  latencyMs: 600,
  rtoMs: 2000, // above the 1.2 s round trip, so nothing is resent without a loss
  maxRtoMs: 8000, // so the longest lesson (a FIN that is never answered) ends within 30 s
  synRetries: 3,
  synLinearTimeouts: 0,
  synAckRetries: 3,
  finRetries: 3,
  dataRetries: 5,
  tailLossProbe: false,
  timeWaitMs: 8000,
  finWait2TimeoutMs: 6000,
  ackDelayMs: 300,
  mss: 1000,
  invalidRatelimitMs: 500,
  rcvBufBytes: 65_535,
  clientReads: 'at-once',
  serverReads: 'at-once',
};

export const PRESET_VALUES: Record<PresetName, PresetValues> = { linux: LINUX, rfc: RFC, classroom: CLASSROOM };

export type ConfigOverrides = Partial<Omit<EngineConfig, 'preset'>> & { preset?: PresetName };

export const DEFAULT_SEED = 1;

export function resolveConfig(overrides: ConfigOverrides = {}): EngineConfig {
  const preset = overrides.preset ?? 'linux';
  const seed = overrides.seed ?? DEFAULT_SEED;
  const next = splitmix32(seed);
  const clientIsn = next();
  const serverIsn = next();
  const config: Record<string, unknown> = { ...PRESET_VALUES[preset], preset, seed, clientIsn, serverIsn };
  // The overrides that are set, over the preset's values (as a spread of them would, without the undefined ones).
  for (const key in overrides) {
    const value = overrides[key as keyof ConfigOverrides];
    if (value !== undefined) config[key] = value;
  }
  return config as unknown as EngineConfig;
}

/** The ISN of an endpoint's n-th connection: the configured one first, then fresh seeded ones. */
export function isnFor(config: EngineConfig, role: 'client' | 'server', connection: number): Seq {
  const base = role === 'client' ? config.clientIsn : config.serverIsn;
  if (connection === 0) return toSeq(base);
  return toSeq(splitmix32(base ^ Math.imul(connection, 0x27d4eb2d))());
}
