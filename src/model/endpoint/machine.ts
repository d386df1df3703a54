/**
 * One TCP endpoint as an XState machine: RFC 9293's eleven states and the edges between them
 * (section 3.3.2, figure 5), with Linux's choices where the RFC leaves one open. Each edge names
 * its guard and its rules; the arithmetic behind them is in the files beside this one.
 *
 * The machine is driven purely, with `transition()`: every event carries the simulated time; its
 * timers are deadlines in the context; and what it does outside itself (segments sent, bytes
 * read) it emits, so those effects are among the actions `transition()` returns (see ./step).
 */
import { and, assertEvent, enqueueActions, not, setup } from 'xstate';
import type { EngineConfig } from '../config';
import { hasAck, hasRst, hasSyn, type Segment } from '../segment';
import type { CallName, ConnectionError, EndpointId, TcpState } from '../types';
import * as A from './arrival';
import * as C from './closing';
import * as O from './opening';
import * as R from './retransmission';
import { createTcb, type Change, type Effect, type IgnoreWhy, type Stamp, type Tcb, type TimerName } from './tcb';

export type AppEvent = Stamp &
  ({ type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT' } | { type: 'SEND'; bytes: number } | { type: 'READ'; bytes: number | null });
export type SegmentEvent = Stamp & { type: 'SEGMENT'; segment: Segment };
export type TimerEvent = Stamp & { type: 'RTO' | 'DELAYED_ACK' | 'TIME_WAIT_END' | 'FIN_WAIT_2_END' | 'PERSIST' };
export type EndpointEvent = AppEvent | SegmentEvent | TimerEvent;

/** The event each application call sends to the machine. */
export const CALL_EVENTS = {
  listen: 'LISTEN',
  connect: 'CONNECT',
  close: 'CLOSE',
  shutdown: 'SHUTDOWN',
  abort: 'ABORT',
  send: 'SEND',
  read: 'READ',
} as const satisfies Record<CallName, AppEvent['type']>;

/** The event each timer sends when it fires. */
export const TIMER_EVENTS = {
  retransmit: 'RTO',
  'delayed-ack': 'DELAYED_ACK',
  'time-wait': 'TIME_WAIT_END',
  'fin-wait-2': 'FIN_WAIT_2_END',
  persist: 'PERSIST',
} as const satisfies Record<TimerName, TimerEvent['type']>;

export interface EndpointInput {
  role: EndpointId;
  config: EngineConfig;
}

/** The arriving segment of a SEGMENT event (the guards and rules that read one are on SEGMENT edges only). */
const seg = (e: EndpointEvent): Segment => {
  assertEvent(e, 'SEGMENT');
  return e.segment;
};

/** A rule: the change it makes to the block, and the effects it has outside, for an event. */
export type Rule<P = unknown> = (ctx: Tcb, event: EndpointEvent, params: P) => Change;

/**
 * A rule as a machine action: it computes the change from the context and the event, assigns
 * the new block and emits its effects, in order. The rule itself stays on the action (`rule`), so
 * that ./fastStep can run it without XState's interpreter.
 */
function rule<P = undefined>(fn: (ctx: Tcb, event: EndpointEvent, params: P) => Change) {
  const action = enqueueActions<Tcb, EndpointEvent, P, EndpointEvent, never, never, never, never, Effect>(({ context, event, enqueue }, params) => {
    const change = fn(context, event, params);
    // XState merges an assignment into a copy of the context: hand it only the fields that changed.
    if (change.tcb !== context) enqueue.assign(() => changedFields(context, change.tcb));
    for (const effect of change.effects) enqueue.emit(effect);
  });
  return Object.assign(action, { rule: fn as Rule });
}

function changedFields(before: Tcb, after: Tcb): Partial<Tcb> {
  const out: Partial<Record<keyof Tcb, unknown>> = {};
  for (const key in after) if (after[key as keyof Tcb] !== before[key as keyof Tcb]) out[key as keyof Tcb] = after[key as keyof Tcb];
  return out as Partial<Tcb>;
}

export const endpointMachine = setup({
  types: {
    context: {} as Tcb,
    events: {} as EndpointEvent,
    input: {} as EndpointInput,
    emitted: {} as Effect,
  },
  guards: {
    // Arriving segments, judged as RFC 9293 section 3.10.7 orders it.
    hasRst: ({ event }) => hasRst(seg(event)),
    hasSyn: ({ event }) => hasSyn(seg(event)),
    hasAck: ({ event }) => hasAck(seg(event)),
    acksOurSyn: ({ context, event }) => A.acksOurSyn(context, seg(event)),
    acksNew: ({ context, event }) => A.acksNew(context, seg(event)),
    isSynAgain: ({ context, event }) => A.isSynAgain(context, seg(event)),
    isCrossedSynAck: ({ context, event }) => A.isCrossedSynAck(context, seg(event)),
    isFinAgain: ({ context, event }) => A.isFinAgain(context, seg(event)),
    isReset: ({ context, event }) => A.judge(context, seg(event)) === 'reset',
    needsAck: ({ context, event }) => A.judge(context, seg(event)) === 'ack',
    isDropped: ({ context, event }) => A.judge(context, seg(event)) === 'drop',
    finArrives: ({ context, event }) => A.finArrives(context, seg(event)),
    acksOurFin: ({ context, event }) => A.acksOurFin(context, seg(event)),
    acksOurFinAndFinArrives: ({ context, event }) => A.acksOurFin(context, seg(event)) && A.finArrives(context, seg(event)),
    /** Linux resets a connection whose application closed it if more bytes arrive (tcp_rcv_state_process). */
    dataAfterClose: ({ context, event }) => context.orphaned && A.bringsNewData(context, seg(event)),
    // Timers and calls.
    canRetry: ({ context }, params: { phase: R.RetryPhase }) => R.canRetry(context, params.phase),
    isPassive: ({ context }) => context.passive,
    /** The application has closed the socket (close(), not shutdown()): the kernel finishes alone. */
    isOrphaned: ({ context }) => context.orphaned,
    heldByApplication: ({ context }) => !context.orphaned,
    /** Bytes wait in the receive buffer unread: Linux's close() then resets the connection (tcp_close; RFC 2525 section 2.17). */
    hasUnread: ({ context }) => context.unread > 0,
    canProbe: ({ context }) => R.canProbe(context),
  },
  actions: {
    listen: rule((ctx) => O.listen(ctx)),
    connect: rule((ctx, e) => O.connect(ctx, e)),
    acceptSyn: rule((ctx, e) => O.acceptSyn(ctx, seg(e), e)),
    crossSyn: rule((ctx, e) => O.crossSyn(ctx, seg(e))),
    resendSynAck: rule((ctx) => O.resendSynAck(ctx)),
    completeActiveOpen: rule((ctx, e) => O.completeActiveOpen(ctx, seg(e), e)),
    backToListen: rule((ctx) => O.backToListen(ctx)),
    takeAck: rule((ctx, e) => A.takeAck(ctx, seg(e), e)),
    takeSegment: rule((ctx, e) => A.takeSegment(ctx, seg(e), e)),
    ackNow: rule<{ answer: 'fin' | 'fin-again' | 'unacceptable' }>((ctx, e, params) => A.ackNow(ctx, seg(e), params.answer, e)),
    ackLater: rule((ctx, e) => A.ackLater(ctx, e)),
    sendPendingAck: rule((ctx) => A.sendPendingAck(ctx)),
    replyReset: rule((ctx, e) => A.replyReset(ctx, seg(e))),
    resetDataAfterClose: rule((ctx, e) => A.replyReset(ctx, seg(e), 'rst-data-after-close')),
    resetUnacceptableAck: rule((ctx, e) => A.replyReset(ctx, seg(e), 'rst-unacceptable-ack')),
    /** A segment judged and dropped without an answer: say why (it changes nothing else). */
    ignore: rule<{ why: IgnoreWhy } | undefined>((ctx, e, params) => A.ignore(ctx, params?.why ?? A.ignored(seg(e)))),
    send: rule((ctx, e) => {
      assertEvent(e, 'SEND');
      return C.send(ctx, e.bytes, e);
    }),
    sendFin: rule((ctx, e) => C.sendFin(ctx, e)),
    orphan: rule((ctx) => C.orphan(ctx)),
    sendAbortReset: rule((ctx) => C.sendAbortReset(ctx)),
    startTimeWait: rule((ctx, e) => C.startTimeWait(ctx, e)),
    startFinWait2: rule((ctx, e) => C.startFinWait2(ctx, e)),
    release: rule<{ error: ConnectionError | null }>((ctx, _e, params) => C.release(ctx, params.error)),
    retransmit: rule<{ phase: R.RetryPhase }>((ctx, e, params) => R.retransmit(ctx, e, params.phase)),
    probeWindow: rule((ctx, e) => R.probeWindow(ctx, e)),
    read: rule<{ peerMaySend: boolean }>((ctx, e, params) => {
      assertEvent(e, 'READ');
      return A.read(ctx, e.bytes, params.peerMaySend);
    }),
  },
}).createMachine({
  id: 'tcp-endpoint',
  context: ({ input }) => createTcb(input.role, input.config),
  initial: 'CLOSED',
  on: {
    DELAYED_ACK: { actions: 'sendPendingAck' },
    // The persist timer runs only while bytes wait for a closed window with nothing in flight.
    PERSIST: [
      { guard: 'canProbe', actions: 'probeWindow' },
      { target: '.CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
    ],
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
          { guard: 'hasRst', actions: { type: 'ignore', params: { why: 'rst-in-listen' } } },
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
          { guard: and(['hasAck', not('acksOurSyn'), not('hasRst')]), actions: 'resetUnacceptableAck' },
          { guard: and(['hasRst', 'acksOurSyn']), target: 'CLOSED', actions: { type: 'release', params: { error: 'connection refused' } } },
          { guard: 'hasRst', actions: { type: 'ignore', params: { why: 'rst-unacked' } } },
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
          { guard: and(['hasAck', not('hasRst'), not('acksOurSyn')]), actions: 'resetUnacceptableAck' },
          { guard: 'needsAck', actions: { type: 'ackNow', params: { answer: 'unacceptable' } } },
          { guard: 'isDropped', actions: 'ignore' },
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
        READ: { actions: { type: 'read', params: { peerMaySend: true } } },
        CLOSE: [closeWithUnread(), { target: 'FIN-WAIT-1', actions: ['sendFin', 'orphan'] }],
        SHUTDOWN: { target: 'FIN-WAIT-1', actions: 'sendFin' },
        ABORT: { target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          ...judgedFirst('connection reset'),
          { guard: 'finArrives', target: 'CLOSE-WAIT', actions: ['takeSegment', 'ackLater'] },
          { actions: 'takeSegment' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'FIN-WAIT-1': {
      on: {
        READ: { guard: 'heldByApplication', actions: { type: 'read', params: { peerMaySend: true } } },
        CLOSE: [closeWithUnread(), { guard: 'heldByApplication', actions: 'orphan' }],
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          ...judgedFirst('connection reset'),
          { guard: 'dataAfterClose', target: 'CLOSED', actions: ['resetDataAfterClose', { type: 'release', params: { error: 'connection reset' } }] },
          { guard: 'acksOurFinAndFinArrives', target: 'TIME-WAIT', actions: ['takeSegment', { type: 'ackNow', params: { answer: 'fin' } }, 'startTimeWait'] },
          // Only an orphaned FIN-WAIT-2 gives up (tcp_fin_timeout); a half-closed one waits for the FIN.
          { guard: and(['acksOurFin', 'isOrphaned']), target: 'FIN-WAIT-2', actions: ['takeSegment', 'startFinWait2'] },
          { guard: 'acksOurFin', target: 'FIN-WAIT-2', actions: 'takeSegment' },
          { guard: 'finArrives', target: 'CLOSING', actions: ['takeSegment', { type: 'ackNow', params: { answer: 'fin' } }] },
          { actions: 'takeSegment' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'FIN-WAIT-2': {
      on: {
        READ: { guard: 'heldByApplication', actions: { type: 'read', params: { peerMaySend: true } } },
        CLOSE: [closeWithUnread(), { guard: 'heldByApplication', actions: ['orphan', 'startFinWait2'] }],
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [
          ...judgedFirst('connection reset'),
          { guard: 'dataAfterClose', target: 'CLOSED', actions: ['resetDataAfterClose', { type: 'release', params: { error: 'connection reset' } }] },
          { guard: 'finArrives', target: 'TIME-WAIT', actions: ['takeSegment', { type: 'ackNow', params: { answer: 'fin' } }, 'startTimeWait'] },
          { actions: 'takeSegment' },
        ],
        FIN_WAIT_2_END: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
      },
    },
    'CLOSE-WAIT': {
      // No timeout here: CLOSE-WAIT lasts until the application calls close(), forever if it never does.
      on: {
        SEND: { actions: 'send' },
        READ: { actions: { type: 'read', params: { peerMaySend: false } } },
        CLOSE: [closeWithUnread(), { target: 'LAST-ACK', actions: ['sendFin', 'orphan'] }],
        SHUTDOWN: { target: 'LAST-ACK', actions: 'sendFin' },
        ABORT: { target: 'CLOSED', actions: ['sendAbortReset', { type: 'release', params: { error: null } }] },
        SEGMENT: [...judgedFirst('connection reset'), { actions: 'takeAck' }],
        RTO: connectionRetransmit(),
      },
    },
    CLOSING: {
      on: {
        READ: { guard: 'heldByApplication', actions: { type: 'read', params: { peerMaySend: false } } },
        CLOSE: [closeWithUnread(), { guard: 'heldByApplication', actions: 'orphan' }],
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        SEGMENT: [...judgedFirst(null), { guard: 'acksOurFin', target: 'TIME-WAIT', actions: ['takeAck', 'startTimeWait'] }, { actions: 'takeAck' }],
        RTO: connectionRetransmit(),
      },
    },
    'LAST-ACK': {
      on: {
        READ: { guard: 'heldByApplication', actions: { type: 'read', params: { peerMaySend: false } } },
        CLOSE: [closeWithUnread(), { guard: 'heldByApplication', actions: 'orphan' }],
        ABORT: { guard: 'heldByApplication', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
        SEGMENT: [
          ...judgedFirst(null),
          { guard: 'acksOurFin', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
          { actions: 'takeAck' },
        ],
        RTO: connectionRetransmit(),
      },
    },
    'TIME-WAIT': {
      on: {
        READ: { guard: 'heldByApplication', actions: { type: 'read', params: { peerMaySend: false } } },
        SEGMENT: [
          // Linux drops a TIME-WAIT socket on a RST (net.ipv4.tcp_rfc1337 = 0).
          { guard: 'hasRst', target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
          // The peer did not hear our last ACK: say it again and wait 2 MSL from now.
          { guard: 'isFinAgain', target: 'TIME-WAIT', reenter: true, actions: [{ type: 'ackNow', params: { answer: 'fin-again' } }, 'startTimeWait'] },
          { guard: 'needsAck', actions: { type: 'ackNow', params: { answer: 'unacceptable' } } },
          { actions: { type: 'ignore', params: { why: 'time-wait' } } },
        ],
        TIME_WAIT_END: { target: 'CLOSED', actions: { type: 'release', params: { error: null } } },
      },
    },
  },
});

/**
 * What every synchronized state does first with an arriving segment (RFC 9293 section 3.10.7.4,
 * ./arrival's `judge`): an acceptable RST ends the connection (with `resetError` for the
 * application); an unacceptable segment draws an ACK; one without the ACK bit is dropped.
 */
function judgedFirst(resetError: ConnectionError | null) {
  return [
    { guard: 'isReset', target: 'CLOSED', actions: { type: 'release', params: { error: resetError } } },
    { guard: 'needsAck', actions: { type: 'ackNow', params: { answer: 'unacceptable' } } },
    { guard: 'isDropped', actions: 'ignore' },
  ] as const;
}

/**
 * close() with bytes still unread: Linux resets the connection instead of closing it in order,
 * so the peer learns that data was lost (tcp_close; RFC 2525 section 2.17).
 */
function closeWithUnread() {
  return {
    guard: and(['hasUnread', 'heldByApplication']),
    target: 'CLOSED',
    actions: ['sendAbortReset', { type: 'release', params: { error: null } }],
  } as const;
}

/** What the retransmission timer does once the connection is synchronized. */
function connectionRetransmit() {
  return [
    { guard: { type: 'canRetry', params: { phase: 'connection' } }, actions: { type: 'retransmit', params: { phase: 'connection' } } },
    { target: 'CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
  ] as const;
}

export type EndpointMachine = typeof endpointMachine;

/**
 * The states an endpoint can enter from `from` with one event, read from the machine's own edges
 * (so a quiz's wrong answers are states that truly cannot come next).
 */
export function nextStates(from: TcpState): readonly TcpState[] {
  const node = endpointMachine.states[from];
  if (!node) return [];
  const out = new Set<TcpState>();
  for (const transitions of Object.values(node.on))
    for (const tr of transitions) for (const target of tr.target ?? []) if (target.key !== from) out.add(target.key as TcpState);
  return [...out];
}
