/**
 * Why an endpoint changed state, typed: an application call, a segment's arrival, a timer, or a
 * network action. The trace writes each as the string docs/trace-format.md defines (`connect`,
 * `segment:3`, `segment:injected`, `timer:time-wait`, `timer:retries-exhausted`); the view reads
 * the typed form and the references below, never the string.
 */
import type { IgnoreWhy, SendWhy, TimerName } from './endpoint/tcb';
import type { NetworkAction } from './network';
import type { CallName, TcpState } from './types';

export type Cause =
  | { readonly kind: 'call'; readonly call: CallName }
  /** The arrival of the wire's segment `id` (numbered from 1 as the trace numbers them). */
  | { readonly kind: 'segment'; readonly id: number }
  /** A segment handed to the endpoint from outside the pair (a script, a capture). */
  | { readonly kind: 'injected' }
  /**
   * A timer fired; the retransmission timer causes a change of state only when its retries are
   * spent. `sooner`: in a replayed capture, the real end's timer ran out before the model's would
   * (the capture shows it had no connection any more).
   */
  | { readonly kind: 'timer'; readonly timer: TimerName; readonly sooner?: true }
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
      // The persist timer, like the retransmission timer, changes state only when it gives up.
      return c.timer === 'retransmit' || c.timer === 'persist' ? 'timer:retries-exhausted' : `timer:${c.timer}`;
    case 'network':
      return `network:${c.action}`;
  }
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

/**
 * The sections of RFC 9293 this model cites, by number, with their titles: a citation must be one
 * of these (a test checks every reference the model can make against this table).
 */
export const RFC9293_SECTIONS = {
  '3.5': 'Establishing a Connection',
  '3.5.2': 'Reset Generation',
  '3.6': 'Closing a Connection',
  '3.6.1': 'Half-Closed Connections',
  '3.8.1': 'Retransmission Timeout',
  '3.8.3': 'TCP Connection Failures',
  '3.8.6': 'Managing the Window',
  '3.8.6.1': 'Zero-Window Probing',
  '3.8.6.2.2': "Receiver's Algorithm -- When to Send a Window Update",
  '3.8.6.3': 'Delayed Acknowledgments: When to Send an ACK Segment',
  '3.10.1': 'OPEN Call',
  '3.10.2': 'SEND Call',
  '3.10.3': 'RECEIVE Call',
  '3.10.4': 'CLOSE Call',
  '3.10.5': 'ABORT Call',
  '3.10.7.1': 'SEGMENT ARRIVES: CLOSED State',
  '3.10.7.2': 'SEGMENT ARRIVES: LISTEN State',
  '3.10.7.3': 'SEGMENT ARRIVES: SYN-SENT State',
  '3.10.7.4': 'SEGMENT ARRIVES: Other States',
  '3.10.8': 'Timeouts',
} as const;
export type RfcSection = keyof typeof RFC9293_SECTIONS;

/** The Linux settings this model cites (Documentation/networking/ip-sysctl.rst says what each sets). */
export const SYSCTLS = [
  'net.ipv4.tcp_syn_retries',
  'net.ipv4.tcp_synack_retries',
  'net.ipv4.tcp_retries2',
  'net.ipv4.tcp_orphan_retries',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_early_retrans',
  'net.ipv4.tcp_invalid_ratelimit',
  'net.ipv4.tcp_rmem',
] as const;
export type Sysctl = (typeof SYSCTLS)[number];

/**
 * Where a rule is written down: RFC 9293's section, the Linux sysctl that sets its number, or both.
 * (Some rules are Linux's alone: RFC 9293 has no FIN-WAIT-2 timer, only Linux's tcp_fin_timeout.)
 */
export type Reference = { readonly rfc: RfcSection; readonly sysctl?: Sysctl } | { readonly rfc?: undefined; readonly sysctl: Sysctl };

const CALL_SECTIONS: Record<CallName, RfcSection> = {
  listen: '3.10.1',
  connect: '3.10.1',
  send: '3.10.2',
  close: '3.10.4',
  shutdown: '3.10.4',
  abort: '3.10.5',
  read: '3.10.3',
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
      // RFC 9293 has no FIN-WAIT-2 timer: this one is Linux's alone.
      if (cause.timer === 'fin-wait-2') return { sysctl: 'net.ipv4.tcp_fin_timeout' };
      if (cause.timer === 'time-wait') return { rfc: '3.10.8' };
      if (cause.timer === 'delayed-ack') return { rfc: '3.8.6.3' };
      // Zero-window probes that no ACK answered, too many times: the peer counts as gone.
      if (cause.timer === 'persist') return { rfc: '3.8.6.1', sysctl: retrySysctl('connection', orphaned) };
      // The retries are spent: the connection fails (the R2 threshold).
      return { rfc: '3.8.3', sysctl: retrySysctl(from === 'SYN-SENT' ? 'syn' : from === 'SYN-RECEIVED' ? 'synack' : 'connection', orphaned) };
    case 'network':
      // A network action changes no state by itself; the arrival or loss it leads to does.
      return { rfc: '3.10.7.4' };
  }
}

/** The setting that bounds a retry budget. */
export function retrySysctl(phase: 'syn' | 'synack' | 'connection', orphaned: boolean): Sysctl {
  if (phase === 'syn') return 'net.ipv4.tcp_syn_retries';
  if (phase === 'synack') return 'net.ipv4.tcp_synack_retries';
  return orphaned ? 'net.ipv4.tcp_orphan_retries' : 'net.ipv4.tcp_retries2';
}

/** Where the rule that sent a segment is written down: one case per rule. */
export function referenceForSend(why: SendWhy): Reference {
  switch (why.kind) {
    case 'syn':
      return { rfc: '3.10.1' };
    case 'syn-ack':
      return { rfc: '3.10.7.2' };
    case 'syn-ack-crossed':
    case 'handshake-ack':
      return { rfc: '3.10.7.3' };
    case 'data':
      return { rfc: '3.10.2' };
    case 'data-window':
      return { rfc: '3.8.6' };
    case 'fin':
      return { rfc: '3.10.4' };
    case 'syn-ack-again':
    case 'ack-data':
    case 'ack-gap':
    case 'ack-fin':
    case 'ack-fin-again':
    case 'ack-unacceptable':
      return { rfc: '3.10.7.4' };
    case 'ack-delayed':
      return { rfc: '3.8.6.3' };
    case 'rst-no-connection':
    case 'rst-unacceptable-ack':
    case 'rst-data-after-close':
      return { rfc: '3.5.2' };
    case 'rst-abort':
      return { rfc: '3.10.5' };
    case 'retransmit':
      return { rfc: '3.8.1', sysctl: retrySysctl(why.phase, why.orphaned) };
    case 'probe':
      return { rfc: '3.8.1', sysctl: 'net.ipv4.tcp_early_retrans' };
    case 'window-probe':
      return { rfc: '3.8.6.1' };
    case 'window-update':
      return { rfc: '3.8.6.2.2', sysctl: 'net.ipv4.tcp_rmem' };
    case 'captured':
      return { rfc: why.resend > 0 ? '3.8.1' : why.assumed ? '3.10.1' : '3.10.7.4' };
  }
}

/** Where the rule that dropped a segment without an answer is written down. */
export function referenceForIgnore(why: IgnoreWhy): Reference {
  switch (why) {
    case 'rst-closed':
      return { rfc: '3.10.7.1' };
    case 'rate-limited':
      return { rfc: '3.10.7.4', sysctl: 'net.ipv4.tcp_invalid_ratelimit' };
    case 'rst-in-listen':
      return { rfc: '3.10.7.2' };
    case 'rst-unacked':
      return { rfc: '3.10.7.3' };
    case 'rst-out-of-window':
    case 'no-ack':
    case 'time-wait':
      return { rfc: '3.10.7.4' };
  }
}
