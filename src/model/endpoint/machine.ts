/**
 * One TCP endpoint as an XState machine: RFC 9293's eleven states and the edges between them
 * (section 3.3.2, figure 5), with Linux's choices where the RFC leaves one open. Each edge names
 * its guard and its actions; the arithmetic behind them is in ./tcb.
 *
 * The machine is driven purely, with `transition()`: every event carries the simulated time, and
 * what the endpoint does outside itself (segments sent, bytes read) lands in `context.out`, while
 * its timers are deadlines in `context.timers`. The simulation reads both after each step.
 */
import { and, assign, not, setup } from 'xstate';
import type { EngineConfig } from '../config';
import { ACK, RST, SYN, has, type Segment } from '../segment';
import type { CallName, ConnectionError, EndpointId } from '../types';
import * as T from './tcb';
import type { RetryPhase, Stamp, Tcb, TimerName } from './tcb';

export type AppEvent = Stamp &
  ({ type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT' } | { type: 'SEND'; bytes: number });
export type SegmentEvent = Stamp & { type: 'SEGMENT'; segment: Segment };
export type TimerEvent = Stamp & { type: 'RTO' | 'DELAYED_ACK' | 'TIME_WAIT_END' | 'FIN_WAIT_2_END' };
export type EndpointEvent = AppEvent | SegmentEvent | TimerEvent;

/** The event each application call sends to the machine. */
export const CALL_EVENTS = {
  listen: 'LISTEN',
  connect: 'CONNECT',
  close: 'CLOSE',
  shutdown: 'SHUTDOWN',
  abort: 'ABORT',
  send: 'SEND',
} as const satisfies Record<CallName, AppEvent['type']>;

/** The event each timer sends when it fires. */
export const TIMER_EVENTS = {
  retransmit: 'RTO',
  'delayed-ack': 'DELAYED_ACK',
  'time-wait': 'TIME_WAIT_END',
  'fin-wait-2': 'FIN_WAIT_2_END',
} as const satisfies Record<TimerName, TimerEvent['type']>;

export interface EndpointInput {
  role: EndpointId;
  config: EngineConfig;
}

const seg = (e: EndpointEvent): Segment => (e as SegmentEvent).segment;

export const endpointMachine = setup({
  types: {
    context: {} as Tcb,
    events: {} as EndpointEvent,
    input: {} as EndpointInput,
  },
  guards: {
    // Arriving segments, judged as RFC 9293 section 3.10.7 orders it.
    hasRst: ({ event }) => has(seg(event), RST),
    hasSyn: ({ event }) => has(seg(event), SYN),
    hasAck: ({ event }) => has(seg(event), ACK),
    acksOurSyn: ({ context, event }) => T.acksOurSyn(context, seg(event)),
    acksNew: ({ context, event }) => T.acksNew(context, seg(event)),
    isSynAgain: ({ context, event }) => T.isSynAgain(context, seg(event)),
    isCrossedSynAck: ({ context, event }) => T.isCrossedSynAck(context, seg(event)),
    isFinAgain: ({ context, event }) => T.isFinAgain(context, seg(event)),
    isReset: ({ context, event }) => T.judge(context, seg(event)) === 'reset',
    needsAck: ({ context, event }) => T.judge(context, seg(event)) === 'ack',
    isDropped: ({ context, event }) => T.judge(context, seg(event)) === 'drop',
    finArrives: ({ context, event }) => T.finArrives(context, seg(event)),
    acksOurFin: ({ context, event }) => T.acksOurFin(context, seg(event)),
    acksOurFinAndFinArrives: ({ context, event }) =>
      T.acksOurFin(context, seg(event)) && T.finArrives(context, seg(event)),
    /** Linux resets a connection whose application closed it if more bytes arrive (tcp_rcv_state_process). */
    dataAfterClose: ({ context, event }) => context.orphaned && T.bringsNewData(context, seg(event)),
    // Timers and calls.
    canRetry: ({ context }, params: { phase: RetryPhase }) => T.canRetry(context, params.phase),
    isPassive: ({ context }) => context.passive,
    heldByApplication: ({ context }) => !context.orphaned,
  },
  actions: {
    listen: assign(({ context, event }) => T.listen(context, event)),
    connect: assign(({ context, event }) => T.connect(context, event)),
    acceptSyn: assign(({ context, event }) => T.acceptSyn(context, seg(event), event)),
    crossSyn: assign(({ context, event }) => T.crossSyn(context, seg(event), event)),
    resendSynAck: assign(({ context, event }) => T.resendSynAck(context, event)),
    completeActiveOpen: assign(({ context, event }) => T.completeActiveOpen(context, seg(event), event)),
    takeAck: assign(({ context, event }) => T.takeAck(context, seg(event), event)),
    takeSegment: assign(({ context, event }) => T.takeSegment(context, seg(event), event)),
    ackNow: assign(({ context, event }) => T.ackNow(context, event)),
    ackLater: assign(({ context, event }) => T.ackLater(context, event)),
    sendPendingAck: assign(({ context, event }) => T.sendPendingAck(context, event)),
    replyReset: assign(({ context, event }) => T.replyReset(context, seg(event), event)),
    send: assign(({ context, event }) => T.send(context, (event as { bytes: number }).bytes, event)),
    sendFin: assign(({ context, event }) => T.sendFin(context, event)),
    orphan: assign(({ context, event }) => T.orphan(context, event)),
    sendAbortReset: assign(({ context, event }) => T.sendAbortReset(context, event)),
    retransmit: assign(({ context, event }, params: { phase: RetryPhase }) => T.retransmit(context, event, params.phase)),
    startTimeWait: assign(({ context, event }) => T.startTimeWait(context, event)),
    startFinWait2: assign(({ context, event }) => T.startFinWait2(context, event)),
    release: assign(({ context, event }, params: { error: ConnectionError | null }) => T.release(context, event, params.error)),
    backToListen: assign(({ context, event }) => T.backToListen(context, event)),
  },
}).createMachine({
  id: 'tcp-endpoint',
  context: ({ input }) => T.createTcb(input.role, input.config),
  initial: 'CLOSED',
  on: {
    DELAYED_ACK: { actions: 'sendPendingAck' },
  },
  states: {
    CLOSED: {
      on: {
        LISTEN: { target: 'LISTEN', actions: 'listen' },
        CONNECT: { target: 'SYN-SENT', actions: 'connect' },
        SEGMENT: { actions: 'replyReset' },
      },
    },
    LISTEN: {
      on: {
        // RFC 9293's "SEND in LISTEN" edge: the passive open becomes an active one.
        CONNECT: { target: 'SYN-SENT', actions: 'connect' },
        CLOSE: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        ABORT: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        SEGMENT: [
          { guard: 'hasRst' },
          { guard: 'hasAck', actions: 'replyReset' },
          { guard: 'hasSyn', target: 'SYN-RECEIVED', actions: 'acceptSyn' },
        ],
      },
    },
    'SYN-SENT': {
      on: {
        CLOSE: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        ABORT: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        SEGMENT: [
          // An ACK of something we never sent: reset it, unless it is itself a reset.
          { guard: and(['hasAck', not('acksOurSyn'), not('hasRst')]), actions: 'replyReset' },
          { guard: and(['hasRst', 'acksOurSyn']), target: 'CLOSED', actions: { type: 'release', params: { error: 'connection refused' } } },
          { guard: 'hasRst' },
          { guard: and(['hasSyn', 'acksOurSyn']), target: 'ESTABLISHED', actions: 'completeActiveOpen' },
          { guard: and(['hasSyn', not('hasAck')]), target: 'SYN-RECEIVED', actions: 'crossSyn' },
        ],
        RTO: [
          { guard: { type: 'canRetry', params: { phase: 'syn' } }, actions: { type: 'retransmit', params: { phase: 'syn' } } },
          { target: 'CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
        ],
      },
    },
    'SYN-RECEIVED': {
      on: {
        CLOSE: { target: 'FIN-WAIT-1', actions: ['sendFin', 'orphan'] },
        ABORT: { target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          { guard: 'isSynAgain', actions: 'resendSynAck' },
          { guard: 'isCrossedSynAck', target: 'ESTABLISHED', actions: 'takeAck' },
          { guard: and(['isReset', 'isPassive']), target: 'LISTEN', actions: 'backToListen' },
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: 'connection refused' } } },
          // An ACK that does not acknowledge our SYN: RFC 9293 answers it with a reset.
          { guard: and(['hasAck', not('hasRst'), not('acksOurSyn')]), actions: 'replyReset' },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { guard: 'finArrives', target: 'CLOSE-WAIT', actions: ['takeSegment', 'ackLater'] },
          { target: 'ESTABLISHED', actions: 'takeSegment' },
        ],
        RTO: [
          { guard: { type: 'canRetry', params: { phase: 'synack' } }, actions: { type: 'retransmit', params: { phase: 'synack' } } },
          { guard: 'isPassive', target: 'LISTEN', actions: 'backToListen' },
          { target: 'CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
        ],
      },
    },
    ESTABLISHED: {
      on: {
        SEND: { actions: 'send' },
        CLOSE: { target: 'FIN-WAIT-1', actions: ['sendFin', 'orphan'] },
        SHUTDOWN: { target: 'FIN-WAIT-1', actions: 'sendFin' },
        ABORT: { target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: 'connection reset' } } },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { guard: 'finArrives', target: 'CLOSE-WAIT', actions: ['takeSegment', 'ackLater'] },
          { actions: 'takeSegment' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'FIN-WAIT-1': {
      on: {
        CLOSE: { guard: 'heldByApplication', actions: 'orphan' },
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: 'connection reset' } } },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { guard: 'dataAfterClose', target: 'CLOSED', actions: ['replyReset', { type: 'release', params: { error: 'connection reset' } }] },
          { guard: 'acksOurFinAndFinArrives', target: 'TIME-WAIT', actions: ['takeSegment', 'ackNow', 'startTimeWait'] },
          { guard: 'acksOurFin', target: 'FIN-WAIT-2', actions: ['takeSegment', 'startFinWait2'] },
          { guard: 'finArrives', target: 'CLOSING', actions: ['takeSegment', 'ackNow'] },
          { actions: 'takeSegment' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'FIN-WAIT-2': {
      on: {
        CLOSE: { guard: 'heldByApplication', actions: ['orphan', 'startFinWait2'] },
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: 'connection reset' } } },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { guard: 'dataAfterClose', target: 'CLOSED', actions: ['replyReset', { type: 'release', params: { error: 'connection reset' } }] },
          { guard: 'finArrives', target: 'TIME-WAIT', actions: ['takeSegment', 'ackNow', 'startTimeWait'] },
          { actions: 'takeSegment' },
        ],
        FIN_WAIT_2_END: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
      },
    },
    'CLOSE-WAIT': {
      // No timer here: CLOSE-WAIT lasts until the application calls close(), forever if it never does.
      on: {
        SEND: { actions: 'send' },
        CLOSE: { target: 'LAST-ACK', actions: ['sendFin', 'orphan'] },
        SHUTDOWN: { target: 'LAST-ACK', actions: 'sendFin' },
        ABORT: { target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: 'connection reset' } } },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { actions: 'takeAck' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    CLOSING: {
      on: {
        CLOSE: { guard: 'heldByApplication', actions: 'orphan' },
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        SEGMENT: [
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { guard: 'acksOurFin', target: 'TIME-WAIT', actions: ['takeAck', 'startTimeWait'] },
          { actions: 'takeAck' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'LAST-ACK': {
      on: {
        CLOSE: { guard: 'heldByApplication', actions: 'orphan' },
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        SEGMENT: [
          { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
          { guard: 'needsAck', actions: 'ackNow' },
          { guard: 'isDropped' },
          { guard: 'acksOurFin', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
          { actions: 'takeAck' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'TIME-WAIT': {
      on: {
        SEGMENT: [
          // Linux drops a TIME-WAIT socket on a RST (net.ipv4.tcp_rfc1337 = 0).
          { guard: 'hasRst', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
          // The peer did not hear our last ACK: say it again and wait 2 MSL from now.
          { guard: 'isFinAgain', target: 'TIME-WAIT', reenter: true, actions: ['ackNow', 'startTimeWait'] },
          { guard: 'needsAck', actions: 'ackNow' },
        ],
        TIME_WAIT_END: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
      },
    },
  },
});

/** What the retransmission timer does once the connection is synchronized. */
function connectionRetransmit() {
  return [
    { guard: { type: 'canRetry', params: { phase: 'connection' } }, actions: { type: 'retransmit', params: { phase: 'connection' } } },
    { target: 'CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
  ] as const;
}

export type EndpointMachine = typeof endpointMachine;
