/** The capture X-ray's words (src/capture, src/ui/Capture*): the words themselves are in en/capture.ts and ko/capture.ts. A key missing from one language fails the build. */
import type { Anomaly, AnomalyKind } from '../capture/anomalies';
import type { Verdict } from '../capture/connections';

export interface CaptureStrings {
  title: string;
  intro: string;
  privacy: string;
  pick: string;
  drop: string;
  pasteLabel: string;
  pastePlaceholder: string;
  pasteGo: string;
  reading: (packets: string) => string;
  failed: (reason: string) => string;
  summary: (file: string, packets: string, connections: string) => string;
  skipped: (packets: string) => string;
  none: string;
  columns: { client: string; server: string; start: string; duration: string; segments: string; bytes: string; verdict: string; ends: string };
  sortBy: (column: string) => string;
  /** What each of Zeek's verdicts means, for a reader who does not know the vocabulary. */
  verdictMeaning: Record<Verdict, string>;
  census: string;
  censusHelp: string;
  censusNone: string;
  censusRow: (count: string) => string;
  /** How many more rows the list has than it shows. */
  more: (count: string) => string;
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
  frame: (n: number) => string;
  segmentDetails: string;
}
