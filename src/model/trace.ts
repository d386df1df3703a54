/** The trace of a run, exactly as docs/trace-format.md describes it. */
import type { CallName, ConnectionError, EndpointId, TcpState } from './types';

export interface TraceTransition {
  t: number;
  endpoint: EndpointId;
  from: TcpState;
  to: TcpState;
  cause: string;
}

export type SegmentFate = 'delivered' | 'dropped' | 'in-flight';

export interface TraceSegment {
  id: number;
  from: EndpointId;
  flags: string;
  seq: number;
  ack: number | null;
  len: number;
  sentAt: number;
  fate: SegmentFate;
  arrivedAt: number | null;
  retransmission: boolean;
  /** The window the segment offered (this project's addition to the shared format). */
  win: number;
}

export interface TraceCall {
  t: number;
  endpoint: EndpointId;
  call: CallName;
  bytes?: number;
  refused: string | null;
}

export interface TraceRead {
  t: number;
  endpoint: EndpointId;
  bytes: number;
}

export interface TraceError {
  t: number;
  endpoint: EndpointId;
  error: ConnectionError;
}

export interface Trace {
  transitions: TraceTransition[];
  segments: TraceSegment[];
  calls: TraceCall[];
  reads: TraceRead[];
  errors: TraceError[];
  final: { t: number; client: TcpState; server: TcpState };
}
