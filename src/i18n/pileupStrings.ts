/** The pile-up lessons' own words (src/ui/PileupView.tsx), part of the app's strings: en/pileup.ts and ko/pileup.ts. */
import type { Ending } from '../model/fleet';

export type PileupKind = 'time-wait' | 'close-wait' | 'orphans';

export interface PileupStrings {
  sockets: string;
  rate: string;
  twReuse: string;
  maxTwBuckets: string;
  fdLimit: string;
  portsInUse: string;
  counts: string;
  /** A number field's value that cannot be used: what it takes, and the value still in use. */
  invalid: (min: string, max: string, using: string) => string;
  /** The field of cells: `shown` of the `total` attempts so far, the newest (older ones have ended) or the first (they are the ones that stay). */
  fieldNote: (shown: string, total: string, newest: boolean) => string;
  /** The legend of the field's faint cells: attempts not made yet. */
  notYet: string;
  /** Beside tcp_orphan_retries: how many retransmissions the value means (0 is read as 8), and how long the orphan then lasts. */
  retriesMean: (retries: string, secs: string, zero: boolean) => string;
  /** The census's last row: every attempt so far, and that it is rate x time. */
  everyAttempt: string;
  attempts: (rate: string, secs: string) => string;
  /** How an attempt ended, in each lesson that has such an ending. */
  endings: Record<PileupKind, Partial<Record<Ending, string>>>;
  /** The states' rows when a state is on another host than the one the lesson watches. */
  onClients: string;
  /** The chart's panels: their titles. */
  panels: {
    timeWaitPorts: string;
    timeWait: string;
    closeWait: string;
    /** With how long a client's connect() waits there before it fails. */
    synSent: (secs: string) => string;
    failed: string;
    orphans: string;
    pages: string;
    resets: string;
  };
  /** Beside a limit too far above its line to draw: the limit's label, and that it is above. */
  above: (label: string) => string;
  /** Limit lines' labels (tcp_mem's marks are named in their panel's title, which says tcp_mem). */
  limits: {
    ports: (n: string) => string;
    twBuckets: (n: string) => string;
    fds: (fds: string, backlog: string) => string;
    maxOrphans: (n: string) => string;
    tcpMem: (mark: 'min' | 'pressure' | 'max', pages: string) => string;
  };
  /** Whose memory, how much, and against which limit. */
  memory: {
    timeWait: (mib: string, maxMib: string, buckets: string) => string;
    closeWait: (mib: string, maxMib: string, limit: string) => string;
    orphanBuffers: (pages: string, mib: string, maxPages: string, maxMib: string) => string;
    orphanSlab: (mib: string) => string;
    pressure: (secs: string) => string;
  };
  perSocket: string;
  /** The orphan lesson's controls. */
  machine: string;
  gib: (n: number) => string;
  closesPerSecond: string;
  unackedKiB: string;
  finWait2Percent: string;
  orphanRetries: string;
  finTimeout: string;
  maxOrphans: string;
  /** The sysctls the orphan lesson runs with, each with its default for the machine chosen and where it comes from. */
  sysctlsTitle: (gib: number) => string;
  sysctls: {
    maxOrphans: (n: string, buckets: string) => string;
    orphanRetries: (n: string, secs: string) => string;
    finTimeout: (n: string) => string;
    tcpMem: (min: string, pressure: string, max: string, mib: string) => string;
    maxTwBuckets: (n: string) => string;
  };
  /** The kernel's log and its counters. */
  dmesg: string;
  dmesgEmpty: string;
  suppressed: (n: string) => string;
  counters: (abortOnMemory: string, abortOnTimeout: string) => string;
  /**
   * Shorter words for presentation mode, where every word is at least 22 px and the field, the
   * census and the charts share one 1280x720 screen: the fields' names, the census's endings and
   * the panels' titles (the full words are in the normal view).
   */
  short: {
    rate: string;
    closesPerSecond: string;
    machine: string;
    twReuse: string;
    fdLimit: string;
    unackedKiB: string;
    finWait2Percent: string;
    orphanRetries: string;
    finTimeout: string;
    maxOrphans: string;
    endings: Record<PileupKind, Partial<Record<Ending, string>>>;
    panels: PileupStrings['panels'];
    above: (label: string) => string;
    /** The census's total row: every attempt so far, rate x time on a line of its own. */
    everyAttempt: string;
  };
  /** What the kernel did, said under its log once it has spoken. */
  whatItDid: string;
}
