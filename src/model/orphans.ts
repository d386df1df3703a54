/**
 * The orphan pile-up: a server whose clients vanish. It writes each client its response and calls
 * close(); nobody acknowledges anything, so the socket, which no process holds any more (an orphan),
 * sits in FIN-WAIT-1 with its unacknowledged data and FIN, retransmitting, until its retries run out.
 * Clients that acknowledged the FIN before vanishing leave a FIN-WAIT-2 socket instead, which Linux
 * keeps as a small timewait socket for tcp_fin_timeout. What Linux does with them, from its source
 * (net/ipv4/tcp.c: tcp_init, tcp_init_mem, tcp_check_oom, __tcp_close; net/ipv4/tcp_timer.c:
 * tcp_write_timeout, tcp_orphan_retries, tcp_out_of_resources, tcp_model_timeout):
 *
 * - at boot, tcp_init sizes the established hash table from the machine's memory (one bucket per
 *   128 KiB of it, a power of two, at most 512 Ki buckets) and sets tcp_max_orphans (and
 *   tcp_max_tw_buckets) to half of it; tcp_init_mem sets tcp_mem from the pages free then:
 *   pressure = free / 16, min = pressure / 4 * 3, max = min * 2, in pages;
 * - socket buffers are charged to tcp_mem when the application writes, in whole pages;
 * - at close(), and at each retransmission timeout of an orphan, tcp_check_oom asks whether orphans
 *   (counted every 100 ms) are more than tcp_max_orphans, or the pages charged more than tcp_mem's
 *   max (for a socket holding more than SOCK_MIN_SNDBUF); if so it says so in the kernel log
 *   ("too many orphaned sockets", "out of memory -- consider tuning tcp_mem"), sends a RST and frees
 *   the socket (counted in TCPAbortOnMemory);
 * - otherwise an orphan gives up after tcp_orphan_retries retransmissions (0 means 8 while the socket
 *   is alive), that is once (2^(retries+1) - 1) x 200 ms have passed since its data was first sent,
 *   with the RTO at its 200 ms minimum (a LAN).
 *
 * The run is an exact event-by-event replay of those rules for every socket, in time order.
 */
import { SOCKET_BYTES, attemptsBy, type Ending, type SocketFleet } from './fleet';
import type { TcpState } from './types';
import { countAtMost } from './sorted';

export const PAGE_BYTES = 4096;
const PAGES_PER_GIB = 2 ** 30 / PAGE_BYTES;

/**
 * What a freshly booted machine has, as shares of its RAM: pages the kernel manages at all (its
 * image and reserved memory aside) and pages still free when tcp_init runs (less struct page for
 * every page, about 1.6%, and the zones' watermarks). Only the second moves tcp_mem, by a few
 * percent; the hash table is a power of two, which either share gives alike. The exact values of a
 * real machine are in /proc/sys/net/ipv4/tcp_mem and tcp_max_orphans.
 */
export const KERNEL_PAGES_SHARE = 0.97;
export const FREE_PAGES_SHARE = 0.95;

/** Machine sizes the lesson offers, in GiB. */
export const MACHINE_GIB = [1, 4, 16, 64] as const;

export interface LinuxDefaults {
  readonly pages: number;
  /** Buckets of the established hash table ("TCP established hash table entries" in dmesg). */
  readonly ehashEntries: number;
  /** net.ipv4.tcp_max_orphans = buckets / 2. */
  readonly maxOrphans: number;
  /** net.ipv4.tcp_max_tw_buckets = buckets / 2. */
  readonly maxTwBuckets: number;
  /** net.ipv4.tcp_mem: min, pressure, max, in pages of 4 KiB. */
  readonly tcpMem: readonly [number, number, number];
}

/** Linux's boot-time defaults for a machine of `gib` GiB, computed as tcp_init and tcp_init_mem do. */
export function linuxDefaults(gib: number): LinuxDefaults {
  const pages = gib * PAGES_PER_GIB;
  // alloc_large_system_hash("TCP established", scale 17, high limit 512 Ki): kernel pages rounded up
  // to a whole MiB, one bucket per 128 KiB (2^(17-12) pages), rounded up to a power of two.
  const kernelPages = Math.floor(pages * KERNEL_PAGES_SHARE);
  const perMiB = 2 ** 20 / PAGE_BYTES;
  const buckets = Math.ceil(kernelPages / perMiB) * perMiB;
  const ehashEntries = Math.min(512 * 1024, 2 ** Math.ceil(Math.log2(Math.max(1, buckets / 2 ** (17 - 12)))));
  const limit = Math.max(128, Math.floor(Math.floor(pages * FREE_PAGES_SHARE) / 16));
  const min = Math.floor(limit / 4) * 3;
  return { pages, ehashEntries, maxOrphans: ehashEntries / 2, maxTwBuckets: ehashEntries / 2, tcpMem: [min, limit, min * 2] };
}

/** TCP_RTO_MIN and TCP_RTO_MAX, ms. */
const RTO_MIN = 200;
const RTO_MAX = 120_000;
/** tcp_orphan_retries() reads 0 as 8 while the socket is alive (its RTO below TCP_RTO_MAX). */
export const effectiveOrphanRetries = (sysctl: number): number => (sysctl === 0 ? 8 : sysctl);

/** tcp_model_timeout(boundary, TCP_RTO_MIN): how long `retries` retransmissions take, backing off from 200 ms. */
export function orphanTimeoutMs(retries: number): number {
  const thresh = Math.floor(Math.log2(RTO_MAX / RTO_MIN)); // 9
  return retries <= thresh ? (2 ** (retries + 1) - 1) * RTO_MIN : (2 ** (thresh + 1) - 1) * RTO_MIN + (retries - thresh) * RTO_MAX;
}

/** When the retransmission timer of an orphan fires, from its close (RTO 200 ms, doubling, at most 120 s), up to and including its last. */
export function orphanTimerFires(retries: number): number[] {
  const until = orphanTimeoutMs(retries);
  const fires: number[] = [];
  let at = 0;
  let rto = RTO_MIN;
  while (true) {
    at += rto;
    fires.push(at);
    if (at >= until) return fires;
    rto = Math.min(RTO_MAX, rto * 2);
  }
}

/**
 * The kernel's charge for an orphan's send queue: its unacknowledged bytes in buffers of up to
 * 64 KiB, each with about 1 KiB of sk_buff bookkeeping (struct sk_buff, skb_shared_info, header
 * room), the FIN riding on the last. tcp_mem counts whole pages.
 */
export const SKB_OVERHEAD_BYTES = 1024;
export const queuedBytes = (unacked: number): number => unacked + SKB_OVERHEAD_BYTES * Math.max(1, Math.ceil(unacked / 65_536));
export const pagesOf = (bytes: number): number => Math.ceil(bytes / PAGE_BYTES);
/** SOCK_MIN_SNDBUF, 2 x (2048 + sizeof(struct sk_buff)): tcp_out_of_memory spares a socket holding no more. */
export const SOCK_MIN_SNDBUF = 2 * (2048 + 256);

export interface OrphanOptions {
  /** Servers' close() calls a second (each for a client that vanished). */
  readonly rate: number;
  readonly durationMs: number;
  /** Bytes of the response each orphan still holds, never acknowledged. */
  readonly unackedBytes: number;
  /** Of every 100 clients, how many acknowledged the data and the FIN before vanishing (FIN-WAIT-2). */
  readonly finWait2Percent: number;
  /** net.ipv4.tcp_orphan_retries (0: 8). */
  readonly orphanRetries: number;
  /** net.ipv4.tcp_fin_timeout, seconds. */
  readonly finTimeoutS: number;
  readonly maxOrphans: number;
  readonly maxTwBuckets: number;
  readonly tcpMem: readonly [number, number, number];
}

/** A line the kernel writes to its log (dmesg), at a time in ms. */
export interface KernelMessage {
  readonly t: number;
  readonly text: 'too many orphaned sockets' | 'out of memory -- consider tuning tcp_mem' | 'suppressed';
  /** For 'suppressed': how many were not printed (net_ratelimit: N callbacks suppressed). */
  readonly n?: number;
}

export interface OrphanRun extends SocketFleet {
  readonly pagesPerOrphan: number;
  /** Orphans alive (FIN-WAIT-1), FIN-WAIT-2 sockets and pages charged, at time t. */
  readonly at: (t: number) => { orphans: number; finWait2: number; pages: number; slabBytes: number };
  /**
   * When the kernel first found more orphans than tcp_max_orphans, when the pages charged first
   * passed tcp_mem's pressure mark, and when a socket first found them past its max (or null).
   */
  readonly firstTooMany: number | null;
  readonly firstPressure: number | null;
  readonly firstOutOfMemory: number | null;
  /** What the kernel printed, rate-limited as net_ratelimit() does (10 lines every 5 s). */
  readonly messages: readonly KernelMessage[];
}

const KIND_FW1 = 0;
const KIND_FW2 = 1;
const ENDING_CODES: readonly Ending[] = ['timed-out', 'fin-timeout', 'reset-orphans', 'reset-memory', 'tw-overflow'];

/** Every close() of the run, replayed in time order under Linux's rules (see the file's comment). */
export function orphanRun(o: OrphanOptions): OrphanRun {
  const rate = o.rate;
  const count = attemptsBy(rate, Number.MAX_SAFE_INTEGER, o.durationMs);
  const startOf = (i: number) => ((i + 1) * 1000) / rate;
  const kind = new Uint8Array(count);
  // Spread the FIN-WAIT-2 clients evenly: socket i is one when the running share steps up.
  for (let i = 0; i < count; i++) kind[i] = Math.floor(((i + 1) * o.finWait2Percent) / 100) > Math.floor((i * o.finWait2Percent) / 100) ? KIND_FW2 : KIND_FW1;
  const endAt = new Float64Array(count).fill(Infinity);
  const ending = new Uint8Array(count); // index into ENDING_CODES
  const queued = queuedBytes(o.unackedBytes);
  const pagesPer = pagesOf(queued);
  const fires = orphanTimerFires(effectiveOrphanRetries(o.orphanRetries));
  const finTimeout = o.finTimeoutS * 1000;
  // Each stream of events is in socket order, so a merge of their heads replays them in time order.
  const heads = new Int32Array(fires.length); // next socket whose k-th timer fires
  let nextClose = 0;
  let nextFw2End = 0;
  let orphans = 0;
  let cache = 0;
  let nextRefresh = 100;
  let pages = 0;
  let tw = 0;
  let firstTooMany: number | null = null;
  let firstPressure: number | null = null;
  let firstOutOfMemory: number | null = null;
  const printed: KernelMessage[] = [];
  let windowStart = -Infinity;
  let inWindow = 0;
  let suppressed = 0;
  const say = (t: number, text: KernelMessage['text']) => {
    if (t - windowStart >= 5000) {
      if (suppressed > 0) printed.push({ t, text: 'suppressed', n: suppressed });
      windowStart = t;
      inWindow = 0;
      suppressed = 0;
    }
    if (inWindow < 10) {
      inWindow++;
      printed.push({ t, text });
    } else suppressed++;
  };
  const tooManySaid = (t: number) => {
    firstTooMany ??= t;
    say(t, 'too many orphaned sockets');
  };
  // tcp_check_oom: true when the socket is to be reset and freed.
  const checkOom = (t: number, holds: number): boolean => {
    const tooMany = cache > o.maxOrphans;
    const noMemory = holds > SOCK_MIN_SNDBUF && pages > o.tcpMem[2];
    if (tooMany) tooManySaid(t);
    if (noMemory) {
      firstOutOfMemory ??= t;
      say(t, 'out of memory -- consider tuning tcp_mem');
    }
    return tooMany || noMemory;
  };
  const finish = (i: number, t: number, code: Ending) => {
    endAt[i] = t;
    ending[i] = ENDING_CODES.indexOf(code);
  };
  const fw1Alive = (i: number) => kind[i] === KIND_FW1 && endAt[i] === Infinity;
  const end = o.durationMs;
  for (;;) {
    // The earliest of: the orphan count's refresh, a close(), a FIN-WAIT-2 timeout, a retransmission timer.
    let t = nextRefresh;
    let what = -3;
    if (nextClose < count && startOf(nextClose) < t) [t, what] = [startOf(nextClose), -1];
    while (nextFw2End < nextClose && (kind[nextFw2End] !== KIND_FW2 || endAt[nextFw2End] !== Infinity)) nextFw2End++;
    if (nextFw2End < nextClose && startOf(nextFw2End) + finTimeout < t) [t, what] = [startOf(nextFw2End) + finTimeout, -2];
    for (let k = 0; k < fires.length; k++) {
      while (heads[k]! < nextClose && !fw1Alive(heads[k]!)) heads[k]!++;
      if (heads[k]! < nextClose && startOf(heads[k]!) + fires[k]! < t) [t, what] = [startOf(heads[k]!) + fires[k]!, k];
    }
    if (t > end) break;
    if (what === -3) {
      cache = orphans;
      nextRefresh += 100;
    } else if (what === -1) {
      const i = nextClose++;
      if (kind[i] === KIND_FW2) {
        // Its data and FIN are acknowledged at once; the orphan becomes a timewait socket in FIN-WAIT-2, if the table has room.
        if (cache > o.maxOrphans) {
          tooManySaid(t);
          finish(i, t, 'reset-orphans');
        } else if (tw >= o.maxTwBuckets) finish(i, t, 'tw-overflow');
        else tw++;
      } else {
        // Its buffers were charged when the application wrote them.
        pages += pagesPer;
        if (checkOom(t, queued)) {
          pages -= pagesPer;
          finish(i, t, cache > o.maxOrphans ? 'reset-orphans' : 'reset-memory');
        } else orphans++;
      }
    } else if (what === -2) {
      tw--;
      finish(nextFw2End, t, 'fin-timeout');
    } else {
      const i = heads[what]!++;
      const last = what === fires.length - 1;
      // tcp_write_timeout: an orphan first meets tcp_out_of_resources, then its retry limit.
      if (checkOom(t, queued)) finish(i, t, cache > o.maxOrphans ? 'reset-orphans' : 'reset-memory');
      else if (last) finish(i, t, 'timed-out');
      if (endAt[i] !== Infinity) {
        pages -= pagesPer;
        orphans--;
      }
    }
    if (firstPressure === null && pages > o.tcpMem[1]) firstPressure = t;
  }
  const by = (t: number) => attemptsBy(rate, count, t);
  const stateOf = (i: number, t: number): TcpState => (i >= by(t) || endAt[i]! <= t ? 'CLOSED' : kind[i] === KIND_FW2 ? 'FIN-WAIT-2' : 'FIN-WAIT-1');
  // Running counts of FIN-WAIT-1 sockets by index, and each (kind, ending)'s end times in order: a census is then a few binary searches.
  const fw1Before = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) fw1Before[i + 1] = fw1Before[i]! + (kind[i] === KIND_FW1 ? 1 : 0);
  const buckets = [KIND_FW1, KIND_FW2].map(() => ENDING_CODES.map(() => [] as number[]));
  for (let i = 0; i < count; i++) if (endAt[i]! !== Infinity) buckets[kind[i]!]![ending[i]!]!.push(endAt[i]!);
  const endTimes = buckets.map((byEnding) => byEnding.map((times) => Float64Array.from(times).sort()));
  const tally = (t: number) => {
    const counts = new Map<TcpState, number>();
    const ended = new Map<Ending, number>();
    const n = by(t);
    const fw1Started = fw1Before[n]!;
    const alive = [fw1Started, n - fw1Started];
    for (const k of [KIND_FW1, KIND_FW2])
      ENDING_CODES.forEach((e, code) => {
        const m = countAtMost(endTimes[k]![code]!, t);
        if (m === 0) return;
        alive[k]! -= m;
        ended.set(e, (ended.get(e) ?? 0) + m);
      });
    if (alive[KIND_FW1]) counts.set('FIN-WAIT-1', alive[KIND_FW1]);
    if (alive[KIND_FW2]) counts.set('FIN-WAIT-2', alive[KIND_FW2]);
    return { counts, ended, started: n };
  };
  return {
    count,
    rate,
    startOf,
    stateAt: stateOf,
    endingAt: (i, t) => (i < by(t) && endAt[i]! <= t ? ENDING_CODES[ending[i]!]! : null),
    failedAt: () => Infinity,
    tally,
    pagesPerOrphan: pagesPer,
    at(t) {
      const { counts } = tally(t);
      const fw1 = counts.get('FIN-WAIT-1') ?? 0;
      const fw2 = counts.get('FIN-WAIT-2') ?? 0;
      return { orphans: fw1, finWait2: fw2, pages: fw1 * pagesPer, slabBytes: fw1 * SOCKET_BYTES.full + fw2 * SOCKET_BYTES.timeWait };
    },
    firstTooMany,
    firstPressure,
    firstOutOfMemory,
    messages: printed,
  };
}
