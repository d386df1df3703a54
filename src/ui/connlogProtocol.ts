/**
 * What the conn.log view (ConnLogView.tsx) and its worker (connlog.worker.ts) say to each other.
 * The worker streams the log, keeps each TCP row in compact columns (never a million objects) and
 * the census; the page asks for the rows it shows, a window at a time.
 */
import type { ConnRow } from '../capture/connlog';
import type { CensusResult } from '../capture/connlogCensus';
import type { HistoryNote } from '../capture/connlogHistory';
import type { EndpointId, TcpState } from '../model/types';

/** Rows whose end `end` was left in `state`. */
export interface RowFilter {
  readonly end: EndpointId;
  readonly state: TcpState;
}

export type ConnLogRequest =
  | { readonly kind: 'read'; readonly id: number; readonly file: Blob }
  | { readonly kind: 'rows'; readonly id: number; readonly from: number; readonly count: number; readonly filter: RowFilter | null };

/** One TCP row as the list shows it. */
export interface LogRow extends Pick<ConnRow, 'line' | 'ts' | 'uid' | 'origH' | 'origP' | 'respH' | 'respP' | 'duration' | 'history'> {
  /** Its place among the TCP rows (of the filter, if one is on). */
  readonly index: number;
  /** The row's conn_state. */
  readonly verdict: string | null;
  readonly client: TcpState;
  readonly server: TcpState;
  readonly notes: readonly HistoryNote[];
}

export type ConnLogReply =
  | { readonly kind: 'progress'; readonly id: number; readonly rows: number; readonly fraction: number | null }
  /** The census so far (`done`: of the whole log), and how many TCP rows the list has. */
  | {
      readonly kind: 'census';
      readonly id: number;
      readonly done: boolean;
      readonly format: string | null;
      readonly gzip: boolean;
      readonly census: CensusResult;
      readonly stored: number;
    }
  /** Rows from..from+rows.length of the list (filtered: `total` is the filter's count). */
  | {
      readonly kind: 'rows';
      readonly id: number;
      readonly from: number;
      readonly total: number;
      readonly filter: RowFilter | null;
      readonly rows: readonly LogRow[];
    }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };
