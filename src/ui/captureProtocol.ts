/**
 * What the page and its capture worker (capture.worker.ts) say to each other. The worker reads the
 * file, groups its connections and replays them (src/capture); the page shows them. Everything
 * sent is plain data, copied between the two.
 */
import type { Anomaly } from '../capture/anomalies';
import type { Verdict } from '../capture/connections';
import type { Replayed } from '../capture/infer';
import type { CaptureErrorKind, SkippedBy } from '../capture/read';
import type { TcpState } from '../model/types';

export type CaptureRequest =
  | { readonly kind: 'read'; readonly id: number; readonly file: Blob; readonly name: string }
  | { readonly kind: 'text'; readonly id: number; readonly text: string }
  | { readonly kind: 'open'; readonly id: number; readonly index: number };

/** One connection as the list shows it. */
export interface Row {
  readonly index: number;
  readonly client: string;
  readonly server: string;
  readonly clientGuessed: boolean;
  readonly start: number;
  readonly duration: number;
  readonly segments: number;
  readonly bytes: { readonly client: number; readonly server: number };
  readonly verdict: Verdict;
  /** Zeek's history letters, and which side Zeek's originator (the upper-case letters) is. */
  readonly history: string;
  readonly originator: 'client' | 'server';
  /** A later connection in the capture has the same addresses and ports: the sockets are that one's. */
  readonly followed: boolean;
}

/** Where a connection's ends were when the capture stopped. */
export interface Ends {
  readonly client: TcpState;
  readonly server: TcpState;
}

export type CaptureReply =
  | {
      readonly kind: 'listed';
      readonly id: number;
      readonly format: string;
      readonly packets: number;
      readonly skipped: number;
      /** The skipped packets by why. */
      readonly skippedBy: SkippedBy;
      readonly cutShort: boolean;
      /** The capture's first packet's time, in seconds since 1970 (null for tcpdump text): a conn.log row's `ts` is on that clock. */
      readonly epoch: number | null;
      /** How many connections there are; the first of them come here, the rest in `rows` messages. */
      readonly total: number;
      readonly rows: readonly Row[];
    }
  /** More of the list, from..from+rows.length (a list of 100,000 sent at once would hold the page while it is copied in). */
  | { readonly kind: 'rows'; readonly id: number; readonly from: number; readonly rows: readonly Row[] }
  /** How far the reading of a large file has come. */
  | { readonly kind: 'progress'; readonly id: number; readonly packets: number; readonly fraction: number }
  /**
   * The end states of connections from..from+ends.length, worked out after the list; with how many
   * are known so far and their census (each state's ends, as ss counts sockets: CLOSED holds none).
   */
  | {
      readonly kind: 'ends';
      readonly id: number;
      readonly from: number;
      readonly ends: readonly Ends[];
      readonly known: number;
      readonly census: readonly (readonly [TcpState, number])[];
    }
  | { readonly kind: 'opened'; readonly id: number; readonly index: number; readonly replay: Replayed; readonly anomalies: readonly Anomaly[] }
  /** `reason` is the kind of input refused (null: something else went wrong), `message` the reader's own words (English). */
  | { readonly kind: 'failed'; readonly id: number; readonly reason: CaptureErrorKind | null; readonly message: string };
