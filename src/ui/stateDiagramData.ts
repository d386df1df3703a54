/**
 * RFC 9293's state diagram (section 3.3.2, figure 5) as data: where each state sits and which
 * edges join them, labelled "event / action" as the RFC labels them. The SVG is drawn from this.
 */
import type { CauseKey } from '../model/cause';
import type { TcpState } from '../model/types';

export const NODE_POSITIONS: Record<TcpState, readonly [number, number]> = {
  CLOSED: [300, 40],
  LISTEN: [300, 120],
  'SYN-RECEIVED': [100, 210],
  'SYN-SENT': [500, 210],
  ESTABLISHED: [300, 300],
  'FIN-WAIT-1': [100, 390],
  'CLOSE-WAIT': [500, 390],
  'FIN-WAIT-2': [100, 480],
  CLOSING: [320, 480],
  'LAST-ACK': [500, 480],
  'TIME-WAIT': [300, 590],
};

export interface DiagramEdge {
  readonly from: TcpState;
  readonly to: TcpState;
  readonly label: string;
  /** The causes that take this edge (src/model/cause.ts's `causeKey`). */
  readonly via: readonly CauseKey[];
  /** Long edges back to CLOSED go around the outside instead of through other states. */
  readonly around?: 'left' | 'right';
  /** How far the edge bows from a straight line, as a share of its length (where the default crowds). */
  readonly bend?: number;
  /** Where its label goes, if not at the middle of the curve (where the default crowds). */
  readonly labelAt?: { readonly x: number; readonly y: number; readonly anchor?: 'start' | 'end'; readonly rotate?: number };
}

export const EDGES: readonly DiagramEdge[] = [
  { from: 'CLOSED', to: 'LISTEN', label: 'listen', via: ['listen'], bend: 0.35, labelAt: { x: 318, y: 86, anchor: 'start' } },
  { from: 'CLOSED', to: 'SYN-SENT', label: 'connect / SYN', via: ['connect'], bend: 0.3, labelAt: { x: 436, y: 90, anchor: 'start' } },
  { from: 'LISTEN', to: 'CLOSED', label: 'close', via: ['close', 'abort'], bend: 0.35, labelAt: { x: 282, y: 86, anchor: 'end' } },
  { from: 'LISTEN', to: 'SYN-RECEIVED', label: 'SYN / SYN,ACK', via: ['segment'], bend: 0.22, labelAt: { x: 222, y: 186, anchor: 'start' } },
  { from: 'LISTEN', to: 'SYN-SENT', label: 'send / SYN', via: ['connect'] },
  { from: 'SYN-SENT', to: 'SYN-RECEIVED', label: 'SYN / SYN,ACK', via: ['segment'] },
  { from: 'SYN-SENT', to: 'ESTABLISHED', label: 'SYN,ACK / ACK', via: ['segment'] },
  { from: 'SYN-SENT', to: 'CLOSED', label: 'close, RST, timeout', via: ['close', 'abort', 'segment', 'timer:retransmit'], around: 'right' },
  { from: 'SYN-RECEIVED', to: 'ESTABLISHED', label: 'ACK of SYN', via: ['segment'] },
  { from: 'SYN-RECEIVED', to: 'LISTEN', label: 'RST, timeout', via: ['segment', 'timer:retransmit'], bend: 0.22, labelAt: { x: 186, y: 147, anchor: 'end' } },
  { from: 'SYN-RECEIVED', to: 'FIN-WAIT-1', label: 'close / FIN', via: ['close'] },
  { from: 'ESTABLISHED', to: 'FIN-WAIT-1', label: 'close / FIN', via: ['close', 'shutdown'] },
  { from: 'ESTABLISHED', to: 'CLOSE-WAIT', label: 'FIN / ACK', via: ['segment'] },
  { from: 'FIN-WAIT-1', to: 'FIN-WAIT-2', label: 'ACK of FIN', via: ['segment'] },
  { from: 'FIN-WAIT-1', to: 'CLOSING', label: 'FIN / ACK', via: ['segment'] },
  { from: 'FIN-WAIT-1', to: 'TIME-WAIT', label: 'FIN,ACK / ACK', via: ['segment'], labelAt: { x: 199, y: 483, rotate: 40 } },
  { from: 'FIN-WAIT-2', to: 'TIME-WAIT', label: 'FIN / ACK', via: ['segment'] },
  { from: 'CLOSE-WAIT', to: 'LAST-ACK', label: 'close / FIN', via: ['close', 'shutdown'] },
  { from: 'CLOSING', to: 'TIME-WAIT', label: 'ACK of FIN', via: ['segment'] },
  { from: 'LAST-ACK', to: 'CLOSED', label: 'ACK of FIN', via: ['segment'], around: 'right' },
  { from: 'TIME-WAIT', to: 'CLOSED', label: '2 MSL', via: ['timer:time-wait'], around: 'left' },
];
