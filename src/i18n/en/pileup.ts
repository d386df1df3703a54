/** The pile-up lessons' words in English (see ../pileupStrings.ts). */
import type { PileupStrings } from '../pileupStrings';

export const pileup: PileupStrings = {
  sockets: 'sockets',
  rate: 'New connections a second',
  twReuse: 'tcp_tw_reuse (reuse a TIME-WAIT port after 1 s)',
  maxTwBuckets: 'tcp_max_tw_buckets',
  fdLimit: 'Open-file limit of the server (ulimit -n)',
  portsInUse: 'Local ports in use',
  counts: 'Sockets by state',
  invalid: (min, max, using) => `Enter a whole number from ${min} to ${max}. Still using ${using}.`,
  fieldNote: (shown, total, newest) =>
    newest
      ? `One cell per socket: the newest ${shown} of the ${total} attempts so far (the older ones have ended).`
      : `One cell per socket: the first ${shown} of the ${total} attempts so far (the first ones are those that stay in CLOSE-WAIT).`,
  notYet: 'Not attempted yet',
  retriesMean: (retries, secs, zero) => (zero ? `0 means ${retries} retries: about ${secs} s` : `${retries} retries: about ${secs} s`),
  everyAttempt: 'Every attempt so far',
  attempts: (rate, secs) => `= ${rate} a second × ${secs} s`,
  endings: {
    'time-wait': { closed: 'Closed, port freed', failed: 'Failed: connect() found no free port' },
    'close-wait': { failed: 'Failed: connect() gave up in SYN-SENT' },
    orphans: {
      'timed-out': 'Gave up after its retries, freed',
      'fin-timeout': 'FIN-WAIT-2 timed out, freed',
      'reset-orphans': 'Reset: too many orphans',
      'reset-memory': 'Reset: out of socket memory',
      'tw-overflow': 'Freed at once: TIME-WAIT table full',
    },
  },
  onClients: 'on the clients',
  panels: {
    timeWaitPorts: "Local ports held (the client's)",
    timeWait: 'TIME-WAIT sockets',
    closeWait: "CLOSE-WAIT sockets (the server's)",
    synSent: (secs) => `Clients hanging in SYN-SENT (each gives up after ${secs} s)`,
    failed: 'Failed connects, in all',
    orphans: "Orphans in FIN-WAIT-1 (the server's)",
    pages: "Socket buffer pages charged to tcp_mem (the server kernel's)",
    resets: 'Orphans reset by the kernel, in all',
  },
  above: (label) => `${label} (above the drawing)`,
  limits: {
    ports: (n) => `${n} ephemeral ports`,
    twBuckets: (n) => `tcp_max_tw_buckets ${n}`,
    fds: (fds, backlog) => `ulimit -n ${fds} + listen backlog ${backlog}`,
    maxOrphans: (n) => `tcp_max_orphans ${n}`,
    tcpMem: (mark, pages) => `${mark} ${pages}`,
  },
  memory: {
    timeWait: (mib, maxMib, buckets) =>
      `The client kernel's socket memory (slab): ${mib} MiB. Not charged to tcp_mem, which counts buffers only; what bounds it is tcp_max_tw_buckets (${buckets}): at most ${maxMib} MiB of TIME-WAIT sockets.`,
    closeWait: (mib, maxMib, limit) =>
      `The server kernel's socket memory (slab): ${mib} MiB, of at most ${maxMib} MiB that ${limit} allow. Not charged to tcp_mem: these sockets hold no unsent data. The limit that stops them is the process's file descriptors.`,
    orphanBuffers: (pages, mib, maxPages, maxMib) =>
      `The server kernel's socket buffers, charged to tcp_mem: ${pages} pages (${mib} MiB) of its max, ${maxPages} pages (${maxMib} MiB).`,
    orphanSlab: (mib) => `Besides, the sockets themselves (slab, not counted in tcp_mem): ${mib} MiB.`,
    pressure: (secs) => `Above tcp_mem's pressure mark since ${secs} s: the kernel squeezes every TCP socket's buffers.`,
  },
  perSocket:
    'Per socket: 2,368 bytes for a full TCP socket, 256 for a TIME-WAIT or orphaned FIN-WAIT-2 one (slab sizes in /proc/slabinfo, Linux 6.18); an orphan in FIN-WAIT-1 also holds its unacknowledged data, about 1 KiB of sk_buff per 64 KiB of it, in whole 4 KiB pages.',
  machine: "Server's memory",
  gib: (n) => `${n} GiB`,
  closesPerSecond: 'Clients vanishing a second',
  unackedKiB: 'Unacknowledged data per socket (KiB)',
  finWait2Percent: 'Clients that ACK the FIN first (%)',
  orphanRetries: 'tcp_orphan_retries',
  finTimeout: 'tcp_fin_timeout (s)',
  maxOrphans: 'tcp_max_orphans',
  sysctlsTitle: (gib) => `Linux's defaults on a ${gib} GiB machine (net.ipv4.*)`,
  sysctls: {
    maxOrphans: (n, buckets) => `tcp_max_orphans = ${n}: half the ${buckets} buckets tcp_init gives the connection hash table, one per 128 KiB of memory.`,
    orphanRetries: (n, secs) => `tcp_orphan_retries = ${n}: 0 is read as 8 retransmissions, from a 200 ms RTO doubling: the orphan gives up after ${secs} s.`,
    finTimeout: (n) => `tcp_fin_timeout = ${n}: seconds an orphan waits in FIN-WAIT-2, kept as a small timewait socket, for a FIN that never comes.`,
    tcpMem: (min, pressure, max, mib) =>
      `tcp_mem = ${min} ${pressure} ${max} pages: tcp_init_mem takes 1/16 of the pages free at boot (about 95% of RAM here) as the pressure mark, 3/4 of it as min, twice min as max (${mib} MiB).`,
    maxTwBuckets: (n) => `tcp_max_tw_buckets = ${n}: past it, a closing socket keeps no TIME-WAIT or FIN-WAIT-2 state at all.`,
  },
  dmesg: 'Kernel log (dmesg)',
  dmesgEmpty: '(nothing yet)',
  suppressed: (n) => `net_ratelimit: ${n} callbacks suppressed`,
  counters: (onMemory, onTimeout) => `nstat: TcpExtTCPAbortOnMemory ${onMemory}, TcpExtTCPAbortOnTimeout ${onTimeout}`,
  short: {
    rate: 'New a second',
    closesPerSecond: 'Vanishing a second',
    machine: 'Memory',
    twReuse: 'tcp_tw_reuse',
    fdLimit: 'ulimit -n',
    unackedKiB: 'Unacked KiB',
    finWait2Percent: 'ACK FIN %',
    orphanRetries: 'orphan_retries (0 = 8)',
    finTimeout: 'fin_timeout s',
    maxOrphans: 'max_orphans',
    endings: {
      'time-wait': { closed: 'Closed, port freed', failed: 'Failed: no free port' },
      'close-wait': { failed: 'Failed in SYN-SENT' },
      orphans: {
        'timed-out': 'Out of retries, freed',
        'fin-timeout': 'FIN-WAIT-2 timed out',
        'reset-orphans': 'Reset: too many orphans',
        'reset-memory': 'Reset: out of memory',
        'tw-overflow': 'Freed: TW table full',
      },
    },
    panels: {
      timeWaitPorts: "Client's ports held",
      timeWait: 'TIME-WAIT sockets',
      closeWait: "Server's CLOSE-WAIT",
      synSent: (secs) => `Clients in SYN-SENT (give up after ${secs} s)`,
      failed: 'Failed connects',
      orphans: "Server's FIN-WAIT-1 orphans",
      pages: "tcp_mem pages (server's)",
      resets: 'Orphans reset',
    },
    above: (label) => `${label} (above)`,
    everyAttempt: 'Every attempt',
  },
  whatItDid:
    'Each time, tcp_check_oom found no room: the kernel sent the orphan a RST (to nobody) and freed it and its buffers at once, counting it in TCPAbortOnMemory. No process is told: none holds the socket.',
};
