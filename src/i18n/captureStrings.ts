/** The capture X-ray's words (src/capture, src/ui/Capture*): the words themselves are in en/capture.ts and ko/capture.ts. A key missing from one language fails the build. */
import { anomalyEndpoint, type Anomaly, type AnomalyKind } from '../capture/anomalies';
import type { Verdict } from '../capture/connections';
import { readHistory, type HistoryKind } from '../capture/zeekHistory';
import type { CaptureErrorKind } from '../capture/read';
import type { PacketDetails } from '../model/replay';
import type { SendWhy } from '../model/endpoint/tcb';
import type { CallName, EndpointId } from '../model/types';

/** How a replayed capture's steps are explained, where a lesson's words do not fit. */
export interface ReplayWords {
  /** A segment the capture shows and no rule of the model's sent then. */
  sendWhyCaptured: (who: string, flags: string, why: Extract<SendWhy, { kind: 'captured' }>) => string;
  /** The end had no connection any more when the peer's segment came, so its timer ran out sooner than the model's. */
  causeTimerSooner: (who: string, timer: string) => string;
  /** A call the capture implies (a capture shows segments, not calls). */
  causeCallInferred: (who: string, call: CallName) => string;
}

/** An anomaly in a sentence, its end named by `name`. */
export function anomalySentence(words: CaptureStrings, a: Anomaly, name: (e: EndpointId) => string): string {
  const e = anomalyEndpoint(a);
  return (words.anomaly[a.kind] as (a: Anomaly, who: string) => string)(a, e ? name(e) : '');
}

/**
 * A connection's Zeek history spelled out for a tooltip: the legend, then each letter with who did
 * it (`originator` says which of client and server Zeek's originator is).
 */
export function historyTitle(words: CaptureStrings, history: string, originator: 'client' | 'server'): string {
  const h = words.history;
  const responder = originator === 'client' ? 'server' : 'client';
  const steps = readHistory(history).map((x) =>
    h.step(x.letter, h.kinds[x.kind], x.by === null ? null : h.who[x.by === 'originator' ? originator : responder], x.atLeast ?? 1),
  );
  return [h.legend, ...steps].join('\n');
}

export interface CaptureStrings {
  replay: ReplayWords;
  title: string;
  intro: string;
  privacy: string;
  pick: string;
  drop: string;
  pasteLabel: string;
  pastePlaceholder: string;
  pasteGo: string;
  reading: (packets: string) => string;
  /** The file's name ('' for pasted text) and why it could not be read. */
  failed: (name: string, reason: string) => string;
  /** The `?` after a client's address: the capture holds no SYN, so which end opened is a guess. */
  clientGuessed: string;
  summary: (file: string, packets: number, connections: number, format: (n: number) => string) => string;
  /** The file ends mid-packet. */
  cutShort: string;
  /** Why an input was refused, by kind (the reader's own English words are in the notice's tooltip). */
  refusals: Record<CaptureErrorKind, string>;
  /** The packets left out, the reasons' phrases (`skippedWhy`) in one line. */
  skipped: (reasons: readonly string[]) => string;
  /** Why packets were left out, each with its count (`unread`: the tunnels or link types not read, named). */
  skippedWhy: {
    notTcp: (packets: string) => string;
    notIp: (packets: string) => string;
    fragment: (packets: string) => string;
    unreassembled: (packets: string) => string;
    cutOff: (packets: string) => string;
    damaged: (packets: string) => string;
    unread: (packets: string, names: string) => string;
  };
  none: string;
  columns: { client: string; server: string; start: string; duration: string; segments: string; bytes: string; verdict: string; ends: string };
  sortBy: (column: string) => string;
  /** What each of Zeek's verdicts means, for a reader who does not know the vocabulary. */
  verdictMeaning: Record<Verdict, string>;
  /** Said after SF's meaning when one end reset the connection after both FINs (src/capture/zeekHistory.ts resetAfterClose). */
  resetAfterClose: Record<'client' | 'server', string>;
  /** SH's meaning when no SYN was captured (src/capture/zeekHistory.ts finWithoutSyn). */
  finWithoutSyn: string;
  /** Zeek's history letters (src/capture/zeekHistory.ts) in words. */
  history: {
    /** What the history is called where it is shown. */
    label: string;
    /** How to read it: upper case for Zeek's originator, lower case for its responder. */
    legend: string;
    /** Each letter's event, as a noun. */
    kinds: Record<HistoryKind, string>;
    /** The two ends, as a step names who did it. */
    who: { client: string; server: string };
    /** One letter: `who` null for ^ and x; `atLeast` above 1 for a repeated t, w, g or c (10, 100, ...). */
    step: (letter: string, kind: string, who: string | null, atLeast: number) => string;
  };
  census: string;
  censusHelp: string;
  censusNone: string;
  /** A time since the capture's start of a day or more: whole days (the rest follows as h:mm:ss). */
  days: (days: string) => string;
  /** Beside the ends of a connection whose addresses and ports a later one uses again (the census counts only the later). */
  reused: string;
  reusedHelp: string;
  censusRow: (count: string) => string;
  /** While the connections are replayed for the census. */
  counting: (known: string, total: string) => string;
  filterHelp: string;
  filtered: (state: string, count: string) => string;
  showAll: string;
  openConnection: string;
  back: string;
  /** Where the capture was taken: ms to the client and to the server, and how that was known. */
  vantage: (toClient: string, toServer: string, from: 'handshake' | 'given' | 'none') => string;
  captureEnd: string;
  anomalies: string;
  noAnomalies: string;
  /** One anomaly in a sentence; `who` is the endpoint it is about, named. */
  anomaly: { [K in AnomalyKind]: (a: Extract<Anomaly, { kind: K }>, who: string) => string };
  /** Shown once the stage is past the capture's last packet. */
  beyondEnd: string;
  forkHint: string;
  forked: string;
  /** The capture's latest packet: its number, flags, window field and TCP options. */
  packet: (n: number, flags: string, d: PacketDetails) => string;
}
