/**
 * One TCP endpoint's rules as data: RFC 9293's eleven states and the edges between them (section
 * 3.3.2, figure 5), with Linux's choices where the RFC leaves one open. Each edge names its guard,
 * its rules and the state it leads to; the arithmetic behind them is in the files beside this one.
 *
 * This table is the one definition of the endpoint. ./machine builds the XState machine from it
 * (what tests, tools and a statechart viewer use, and what `transition()` steps); ./step runs the
 * same table directly, as XState would, so a reader's page does not download XState's interpreter
 * (tests/model/step-equivalence.test.ts holds the two to the same snapshots and effects).
 *
 * Every event carries the simulated time; the timers are deadlines in the block (the context);
 * what a rule does outside the endpoint (segments sent, bytes read) comes back as its effects.
 */
import type { EngineConfig } from '../config';
import { hasAck, hasRst, hasSyn, type Segment } from '../segment';
import type { CallName, ConnectionError, EndpointId, TcpState } from '../types';
import * as A from './arrival';
import * as C from './closing';
import * as O from './opening';
import * as R from './retransmission';
import type { Change, IgnoreWhy, Stamp, Tcb, TimerName } from './tcb';

export type AppEvent = Stamp &
  ({ type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT' } | { type: 'SEND'; bytes: number } | { type: 'READ'; bytes: number | null });
export type SegmentEvent = Stamp & { type: 'SEGMENT'; segment: Segment };
export type TimerEvent = Stamp & { type: 'RTO' | 'DELAYED_ACK' | 'TIME_WAIT_END' | 'FIN_WAIT_2_END' | 'PERSIST' };
export type EndpointEvent = AppEvent | SegmentEvent | TimerEvent;

/** The event each application call sends to the endpoint. */
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

/** That an event is of the type an edge is for (XState's `assertEvent`, for the rules that read one). */
function assertEvent<T extends EndpointEvent['type']>(e: EndpointEvent, type: T): asserts e is Extract<EndpointEvent, { type: T }> {
  if (e.type !== type) throw new Error(`expected a ${type} event, not ${e.type}`);
}

/** The arriving segment of a SEGMENT event (the guards and rules that read one are on SEGMENT edges only). */
const seg = (e: EndpointEvent): Segment => {
  assertEvent(e, 'SEGMENT');
  return e.segment;
};

/** What a guard is asked with (the shape XState hands its guards). */
export interface GuardArgs {
  readonly context: Tcb;
  readonly event: EndpointEvent;
}

/** The guards: arriving segments judged as RFC 9293 section 3.10.7 orders it, then timers and calls. */
export const GUARDS = {
  // Arriving segments, judged as RFC 9293 section 3.10.7 orders it.
  hasRst: ({ event }: GuardArgs) => hasRst(seg(event)),
  hasSyn: ({ event }: GuardArgs) => hasSyn(seg(event)),
  hasAck: ({ event }: GuardArgs) => hasAck(seg(event)),
  acksOurSyn: ({ context, event }: GuardArgs) => A.acksOurSyn(context, seg(event)),
  acksNew: ({ context, event }: GuardArgs) => A.acksNew(context, seg(event)),
  isSynAgain: ({ context, event }: GuardArgs) => A.isSynAgain(context, seg(event)),
  isCrossedSynAck: ({ context, event }: GuardArgs) => A.isCrossedSynAck(context, seg(event)),
  isFinAgain: ({ context, event }: GuardArgs) => A.isFinAgain(context, seg(event)),
  isReset: ({ context, event }: GuardArgs) => A.judge(context, seg(event)) === 'reset',
  needsAck: ({ context, event }: GuardArgs) => A.judge(context, seg(event)) === 'ack',
  isDropped: ({ context, event }: GuardArgs) => A.judge(context, seg(event)) === 'drop',
  finArrives: ({ context, event }: GuardArgs) => A.finArrives(context, seg(event)),
  acksOurFin: ({ context, event }: GuardArgs) => A.acksOurFin(context, seg(event)),
  acksOurFinAndFinArrives: ({ context, event }: GuardArgs) => A.acksOurFin(context, seg(event)) && A.finArrives(context, seg(event)),
  /** Linux resets a connection whose application closed it if more bytes arrive (tcp_rcv_state_process). */
  dataAfterClose: ({ context, event }: GuardArgs) => context.orphaned && A.bringsNewData(context, seg(event)),
  // Timers and calls.
  canRetry: ({ context }: GuardArgs, params: { phase: R.RetryPhase }) => R.canRetry(context, params.phase),
  isPassive: ({ context }: GuardArgs) => context.passive,
  /** The application has closed the socket (close(), not shutdown()): the kernel finishes alone. */
  isOrphaned: ({ context }: GuardArgs) => context.orphaned,
  heldByApplication: ({ context }: GuardArgs) => !context.orphaned,
  /** Bytes wait in the receive buffer unread: Linux's close() then resets the connection (tcp_close; RFC 2525 section 2.17). */
  hasUnread: ({ context }: GuardArgs) => context.unread > 0,
  canProbe: ({ context }: GuardArgs) => R.canProbe(context),
};

/** A rule: the change it makes to the block, and the effects it has outside, for an event. */
export type Rule<P = never> = (ctx: Tcb, event: EndpointEvent, params: P) => Change;

/** The rules an edge runs, in order, each on the block the one before it left. */
export const RULES = {
  listen: (ctx: Tcb) => O.listen(ctx),
  connect: (ctx: Tcb, e: EndpointEvent) => O.connect(ctx, e),
  acceptSyn: (ctx: Tcb, e: EndpointEvent) => O.acceptSyn(ctx, seg(e), e),
  crossSyn: (ctx: Tcb, e: EndpointEvent) => O.crossSyn(ctx, seg(e)),
  resendSynAck: (ctx: Tcb) => O.resendSynAck(ctx),
  completeActiveOpen: (ctx: Tcb, e: EndpointEvent) => O.completeActiveOpen(ctx, seg(e), e),
  backToListen: (ctx: Tcb) => O.backToListen(ctx),
  takeAck: (ctx: Tcb, e: EndpointEvent) => A.takeAck(ctx, seg(e), e),
  takeSegment: (ctx: Tcb, e: EndpointEvent) => A.takeSegment(ctx, seg(e), e),
  ackNow: (ctx: Tcb, e: EndpointEvent, params: { answer: 'fin' | 'fin-again' | 'unacceptable' }) => A.ackNow(ctx, seg(e), params.answer, e),
  ackLater: (ctx: Tcb, e: EndpointEvent) => A.ackLater(ctx, e),
  sendPendingAck: (ctx: Tcb) => A.sendPendingAck(ctx),
  replyReset: (ctx: Tcb, e: EndpointEvent) => A.replyReset(ctx, seg(e)),
  resetDataAfterClose: (ctx: Tcb, e: EndpointEvent) => A.replyReset(ctx, seg(e), 'rst-data-after-close'),
  resetUnacceptableAck: (ctx: Tcb, e: EndpointEvent) => A.replyReset(ctx, seg(e), 'rst-unacceptable-ack'),
  /** A segment judged and dropped without an answer: say why (it changes nothing else). */
  ignore: (ctx: Tcb, e: EndpointEvent, params: { why: IgnoreWhy } | undefined) => A.ignore(ctx, params?.why ?? A.ignored(seg(e))),
  send: (ctx: Tcb, e: EndpointEvent) => {
    assertEvent(e, 'SEND');
    return C.send(ctx, e.bytes, e);
  },
  sendFin: (ctx: Tcb, e: EndpointEvent) => C.sendFin(ctx, e),
  orphan: (ctx: Tcb) => C.orphan(ctx),
  sendAbortReset: (ctx: Tcb) => C.sendAbortReset(ctx),
  startTimeWait: (ctx: Tcb, e: EndpointEvent) => C.startTimeWait(ctx, e),
  startFinWait2: (ctx: Tcb, e: EndpointEvent) => C.startFinWait2(ctx, e),
  release: (ctx: Tcb, _e: EndpointEvent, params: { error: ConnectionError | null }) => C.release(ctx, params.error),
  retransmit: (ctx: Tcb, e: EndpointEvent, params: { phase: R.RetryPhase }) => R.retransmit(ctx, e, params.phase),
  probeWindow: (ctx: Tcb, e: EndpointEvent) => R.probeWindow(ctx, e),
  read: (ctx: Tcb, e: EndpointEvent, params: { peerMaySend: boolean }) => {
    assertEvent(e, 'READ');
    return A.read(ctx, e.bytes, params.peerMaySend);
  },
};

export type GuardName = keyof typeof GUARDS;
export type RuleName = keyof typeof RULES;
/** A guard: a named one (with its params), or all of some, or the opposite of one. */
export type Guard = GuardName | { readonly type: GuardName; readonly params: object } | { readonly and: readonly Guard[] } | { readonly not: Guard };
export type Action = RuleName | { readonly type: RuleName; readonly params: object };
/** An edge: taken when its guard holds (the first such of its event), it runs its rules and moves to its target (none: it stays). */
export interface Edge {
  readonly guard?: Guard;
  readonly target?: TcpState;
  /** Leave and enter the target again though it is the same state (XState's `reenter`). */
  readonly reenter?: boolean;
  readonly actions: Action | readonly Action[];
}
export type Edges = { readonly [E in EndpointEvent['type']]?: Edge | readonly Edge[] };

const and = (guards: readonly Guard[]): Guard => ({ and: guards });
const not = (guard: Guard): Guard => ({ not: guard });

/** The endpoint: where it starts, the edges every state has (tried after a state's own), and each state's own. */
export const ENDPOINT = {
  initial: 'CLOSED',
  on: {
    DELAYED_ACK: { actions: 'sendPendingAck' },
    // The persist timer runs only while bytes wait for a closed window with nothing in flight.
    PERSIST: [
      { guard: 'canProbe', actions: 'probeWindow' },
      { target: 'CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
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
} as const satisfies { readonly initial: TcpState; readonly on: Edges; readonly states: { readonly [S in TcpState]: { readonly on: Edges } } };

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
  ] as const satisfies readonly Edge[];
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
  } as const satisfies Edge;
}

/** What the retransmission timer does once the connection is synchronized. */
function connectionRetransmit() {
  return [
    { guard: { type: 'canRetry', params: { phase: 'connection' } }, actions: { type: 'retransmit', params: { phase: 'connection' } } },
    { target: 'CLOSED', actions: { type: 'release', params: { error: 'connection timed out' } } },
  ] as const satisfies readonly Edge[];
}

/**
 * The states an endpoint can enter from `from` with one event, read from the table's own edges
 * (so a quiz's wrong answers are states that truly cannot come next).
 */
export function nextStates(from: TcpState): readonly TcpState[] {
  const out = new Set<TcpState>();
  for (const edges of Object.values(ENDPOINT.states[from].on as Edges))
    for (const edge of [edges].flat() as Edge[]) if (edge.target !== undefined && edge.target !== from) out.add(edge.target);
  return [...out];
}
