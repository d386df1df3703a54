/**
 * Why an endpoint changed state, typed: an application call, a segment's arrival, a timer, or a
 * network action. The trace writes each as the string docs/trace-format.md defines (`connect`,
 * `segment:3`, `segment:injected`, `timer:time-wait`, `timer:retries-exhausted`); the view reads
 * the typed form and the references below, never the string.
 */
import type { TimerName } from './endpoint/tcb';
import type { NetworkAction } from './network';
import { CALLS, type CallName, type TcpState } from './types';

export type Cause =
  | { readonly kind: 'call'; readonly call: CallName }
  /** The arrival of the wire's segment `id` (numbered from 1 as the trace numbers them). */
  | { readonly kind: 'segment'; readonly id: number }
  /** A segment handed to the endpoint from outside the pair (a script, a capture). */
  | { readonly kind: 'injected' }
  /** A timer fired; the retransmission timer causes a change of state only when its retries are spent. */
  | { readonly kind: 'timer'; readonly timer: TimerName }
  | { readonly kind: 'network'; readonly action: NetworkAction['kind'] };

/** The trace's spelling of a cause. */
export function causeText(c: Cause): string {
  switch (c.kind) {
    case 'call':
      return c.call;
    case 'segment':
      return `segment:${c.id}`;
    case 'injected':
      return 'segment:injected';
    case 'timer':
      return c.timer === 'retransmit' ? 'timer:retries-exhausted' : `timer:${c.timer}`;
    case 'network':
      return `network:${c.action}`;
  }
}

/** A trace's cause string read back (another tool's trace, a capture's); null if it is not one. */
export function parseCause(text: string): Cause | null {
  if ((CALLS as readonly string[]).includes(text)) return { kind: 'call', call: text as CallName };
  if (text === 'segment:injected') return { kind: 'injected' };
  const segment = /^segment:([1-9]\d*)$/.exec(text);
  if (segment) return { kind: 'segment', id: Number(segment[1]) };
  if (text === 'timer:retries-exhausted') return { kind: 'timer', timer: 'retransmit' };
  const timer = /^timer:(delayed-ack|time-wait|fin-wait-2)$/.exec(text);
  if (timer) return { kind: 'timer', timer: timer[1] as TimerName };
  return null;
}

/** What kind of cause, as the state diagram labels its edges: the call, `segment`, or `timer:<name>`. */
export type CauseKey = CallName | 'segment' | `timer:${TimerName}` | `network:${NetworkAction['kind']}`;

export function causeKey(c: Cause): CauseKey {
  switch (c.kind) {
    case 'call':
      return c.call;
    case 'segment':
    case 'injected':
      return 'segment';
    case 'timer':
      return `timer:${c.timer}`;
    case 'network':
      return `network:${c.action}`;
  }
}

/** Where a rule is written down: RFC 9293's section, and the Linux sysctl that sets its number, if any. */
export interface Reference {
  /** A section of RFC 9293, e.g. "3.10.7.3". */
  readonly rfc: string;
  /** A Linux setting, e.g. "net.ipv4.tcp_fin_timeout". */
  readonly sysctl?: string;
}

const CALL_SECTIONS: Record<CallName, string> = {
  listen: '3.10.1',
  connect: '3.10.1',
  send: '3.10.2',
  close: '3.10.4',
  shutdown: '3.10.4',
  abort: '3.10.5',
};

/**
 * The reference for a change of state from `from`, caused by `cause`. `orphaned` says whether the
 * application had already closed the socket (it picks the retry budget a spent timer used).
 */
export function referenceFor(cause: Cause, from: TcpState, orphaned: boolean): Reference {
  switch (cause.kind) {
    case 'call':
      return { rfc: CALL_SECTIONS[cause.call] };
    case 'segment':
    case 'injected':
      // SEGMENT ARRIVES: one subsection for CLOSED, LISTEN and SYN-SENT each, one for the rest.
      return { rfc: from === 'CLOSED' ? '3.10.7.1' : from === 'LISTEN' ? '3.10.7.2' : from === 'SYN-SENT' ? '3.10.7.3' : '3.10.7.4' };
    case 'timer':
      if (cause.timer === 'fin-wait-2') return { rfc: '3.10.8', sysctl: 'net.ipv4.tcp_fin_timeout' };
      if (cause.timer === 'time-wait') return { rfc: '3.10.8' };
      if (cause.timer === 'delayed-ack') return { rfc: '3.8.6.3' };
      if (from === 'SYN-SENT') return { rfc: '3.10.8', sysctl: 'net.ipv4.tcp_syn_retries' };
      if (from === 'SYN-RECEIVED') return { rfc: '3.10.8', sysctl: 'net.ipv4.tcp_synack_retries' };
      return { rfc: '3.10.8', sysctl: orphaned ? 'net.ipv4.tcp_orphan_retries' : 'net.ipv4.tcp_retries2' };
    case 'network':
      return { rfc: '3.10' };
  }
}
