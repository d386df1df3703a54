/** The conn.log view's words (src/ui/ConnLogView.tsx, the analyze command's explanations): the words themselves are in en/connlog.ts and ko/connlog.ts. A key missing from one language fails the build. */
import type { HistoryNote } from '../capture/connlogHistory';
import { readHistory } from '../capture/zeekHistory';
import type { CaptureStrings } from './captureStrings';
import type { EndpointId, TcpState } from '../model/types';

/** What a row's end state says, with what decided it. */
export interface EndFacts {
  /** The end this sentence is about. */
  readonly end: EndpointId;
  readonly state: TcpState;
  /** The other end's state. */
  readonly peerState: TcpState;
  /** Zeek's conn_state for the row (null: unset). */
  readonly verdict: string | null;
}

export interface ConnLogStrings {
  /** Zeek's roles, named with ours: the originator is the client. */
  role: Record<EndpointId, string>;
  /** One sentence: why this end is likely in this state at the row's end. */
  endWhy: (f: EndFacts) => string;
  /** What the replay had to assume or leave out. */
  note: Record<HistoryNote, string>;
  title: string;
  /** Counts come as a number (for the plural) and as shown (formatted for the language). */
  reading: (rows: number, shown: string) => string;
  summary: (file: string, rows: number, rowsShown: string, tcpShown: string) => string;
  failed: (message: string) => string;
  byState: string;
  byStateHelp: string;
  byServer: string;
  byServerHelp: string;
  piles: string;
  /** Nothing left an end waiting: the states the column looks for. */
  noPiles: (states: string) => string;
  /** TIME-WAIT rows, left out of the piles: how many, and the server with the most. */
  timeWaitAside: (end: string, rows: number, rowsShown: string, server: string, atServer: string) => string;
  /** "12 responders in CLOSE-WAIT at 10.0.0.5:8080" style headings' parts. */
  pileOf: (end: string, state: string) => string;
  rowsCount: (n: number, shown: string) => string;
  columns: { line: string; start: string; client: string; server: string; history: string; verdict: string; ends: string };
  /** Rows shown (windowed) of all. */
  rowsShown: (first: string, last: string, total: string) => string;
  explain: string;
  openPackets: string;
  /** A capture dropped beside the log: its name, and how many TCP connections it holds. */
  withCapture: (file: string, connections: string) => string;
  addCapture: string;
  noHistory: string;
  /** A log with more TCP rows than the list keeps. */
  listedFirst: (rows: string) => string;
  mayMiss: (n: number, shown: string) => string;
  notTcp: (counts: string) => string;
  back: string;
  filterHelp: string;
  filtered: (what: string, count: number, shown: string) => string;
  /** The detail panel: the history spelled out, and the verdict named. */
  historySpelled: string;
  verdictIs: (code: string) => string;
  showAll: string;
}

/** A row's ends in sentences: the originator's, the responder's, then what the replay assumed. */
export function explainEnds(
  words: ConnLogStrings,
  verdict: string | null,
  ends: { readonly client: TcpState; readonly server: TcpState; readonly notes: readonly HistoryNote[] },
): string[] {
  return [
    words.endWhy({ end: 'client', state: ends.client, peerState: ends.server, verdict }),
    words.endWhy({ end: 'server', state: ends.server, peerState: ends.client, verdict }),
    ...ends.notes.map((n) => words.note[n]),
  ];
}

/** A row's history letter by letter, in the capture list's words (src/i18n/<lang>/capture.ts `history`): Zeek's originator is the client. */
export function historySteps(w: CaptureStrings, history: string): string[] {
  const h = w.history;
  return readHistory(history).map((x) =>
    h.step(x.letter, h.kinds[x.kind], x.by === null ? null : h.who[x.by === 'originator' ? 'client' : 'server'], x.atLeast ?? 1),
  );
}
