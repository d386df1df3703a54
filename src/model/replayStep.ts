/**
 * A world replaying a capture (./replay): what `step` does with a captured segment. Whoever
 * replays one starts its world with `REPLAYER` (`startWorld`, `Simulation`, the player's `Run`),
 * so a page that never opens a capture never loads this module.
 */
import { CALL_EVENTS, TIMER_EVENTS, type AppEvent, type EndpointEvent } from './endpoint/edges';
import { newest, oldest } from './endpoint/inflight';
import { stepEndpoint, type EndpointSnapshot } from './endpoint/step';
import type { SendWhy, TimerName } from './endpoint/tcb';
import { departure, fulfil, fulfilJoined, impliedCall, matches, startReplay, type Observed } from './replay';
import { RST, type Segment } from './segment';
import { type CallName, type EndpointId } from './types';
import { addFlight } from './wire';
import { depart, feed, stateOf, type Making, type Replayer } from './world';

/**
 * A captured segment leaves its endpoint: explained by what the endpoint expected to send, or by
 * the call that must have come first, or by the capture alone; then it travels as the capture
 * says (arriving when it did, or never).
 */
function observe(m: Making, o: Observed): void {
  const now = m.world.now;
  m.world.replay ??= startReplay();
  let found = fulfil(m.world.replay, o.from, o.segment) ?? fulfilJoined(m.world.replay, o.from, o.segment);
  // A running timer that would send it: the real endpoint's timer fired sooner than the model's.
  for (const name of EARLY_TIMERS) {
    if (found) break;
    const snap = m.world.endpoints[o.from];
    if (snap.context.timers[name] === null || !mightSend(snap, name, o.segment)) continue;
    const event = { type: TIMER_EVENTS[name], now } as EndpointEvent;
    const stepped = stepEndpoint(snap, event);
    if (!stepped[1].some((e) => e.type === 'transmit' && matches(e.segment, o.segment))) continue;
    feed(m, o.from, event, { kind: 'timer', timer: name }, name, stepped);
    found = fulfil(m.world.replay!, o.from, o.segment);
  }
  // At most two calls: bytes with the FIN behind them take a send() of them, then the close().
  for (let calls = 0; calls < 2 && !found; calls++) {
    const call = impliedCall(m.world.endpoints[o.from], o, now);
    if (!call) break;
    const name = CALL_NAMES[call.type];
    m.happened.push({
      kind: 'call',
      t: now,
      endpoint: o.from,
      call: name,
      ...(call.type === 'SEND' ? { bytes: call.bytes } : {}),
      refused: null,
      inferred: true,
    });
    feed(m, o.from, call, { kind: 'call', call: name });
    found = fulfil(m.world.replay!, o.from, o.segment) ?? fulfilJoined(m.world.replay!, o.from, o.segment);
  }
  if (found) m.world.replay = found.replay;
  const why: SendWhy = found?.expected.why ?? captured(m, o);
  const lost = o.arrivesAt === null;
  const flight = depart(m, o.from, o.segment, o.resend > 0, why, o.arrivesAt, false);
  if (o.findsNoConnection) flight.findsNoConnection = true;
  if (o.packet) flight.packet = { ...o.packet, resend: o.resend };
  if (o.assumed) flight.assumed = o.inferred ?? 'handshake';
  m.happened.push({ kind: 'sent', t: now, flight, lost: lost ? 'dropped' : null });
  if (!lost) m.world.flights = addFlight(m.world.flights, flight);
}

/** The capture's own account of a segment no rule sent. */
function captured(m: Making, o: Observed): SendWhy {
  const departs = o.assumed ? null : departure(m.world.endpoints[o.from], o);
  const assumed = o.assumed === true;
  return o.inferred ? { kind: 'captured', resend: o.resend, departs, assumed, inferred: o.inferred } : { kind: 'captured', resend: o.resend, departs, assumed };
}

/**
 * Whether the timer's firing might send this segment: a cheap test that rules out most captured
 * segments before the endpoint is stepped to see (the step costs far more). The retransmission
 * timer resends the oldest or the newest unacknowledged segment, as it was; the delayed-ACK timer
 * sends a bare ACK at SND.NXT. The persist timer may send new bytes, so it is always stepped.
 */
function mightSend(snap: EndpointSnapshot, name: (typeof EARLY_TIMERS)[number], s: Segment): boolean {
  const tcb = snap.context;
  if (name === 'delayed-ack') return s.len === 0 && s.seq === tcb.sndNxt;
  if (name === 'retransmit') {
    const head = oldest(tcb.unacked);
    const tail = newest(tcb.unacked);
    return (head !== null && head.seq === s.seq && head.len === s.len) || (tail !== null && tail.seq === s.seq && tail.len === s.len);
  }
  return true;
}

/**
 * A replayed endpoint the capture shows without a connection any more, while the model's still
 * has one: the real one's timer ended it sooner (Linux bounds retries by time, from its own
 * measured timeouts; tcp_fin_timeout may be set shorter). Its timers fire until the model's
 * connection ends too.
 */
function giveUp(m: Making, endpoint: EndpointId): void {
  for (let i = 0; i < 64 && stateOf(m.world, endpoint) !== 'CLOSED'; i++) {
    const timers = m.world.endpoints[endpoint].context.timers;
    const name = ENDING_TIMERS.find((n) => timers[n] !== null);
    if (!name) return;
    feed(m, endpoint, { type: TIMER_EVENTS[name], now: m.world.now } as EndpointEvent, { kind: 'timer', timer: name, sooner: true }, name);
  }
}

/** Whether the endpoint's own rules answer this segment with a reset (data for a closed socket, say). */
function answersWithReset(snap: EndpointSnapshot, segment: Segment, now: number): boolean {
  const [, effects] = stepEndpoint(snap, { type: 'SEGMENT', segment, now });
  return effects.some((e) => e.type === 'transmit' && (e.segment.flags & RST) !== 0);
}

/** The timers that end a connection when they run out, in the order they are tried. */
const ENDING_TIMERS = ['retransmit', 'persist', 'fin-wait-2', 'time-wait'] as const satisfies readonly TimerName[];

/** The timers whose segment a capture may show before the model's clock says (an ACK sooner, a resend sooner). */
const EARLY_TIMERS = ['delayed-ack', 'retransmit', 'persist'] as const satisfies readonly TimerName[];

/** The call each application event stands for. */
const CALL_NAMES = Object.fromEntries(Object.entries(CALL_EVENTS).map(([call, event]) => [event, call])) as Record<AppEvent['type'], CallName>;

export const REPLAYER: Replayer = {
  observe,
  findsNoConnection(m, flight) {
    if (!answersWithReset(m.world.endpoints[flight.to], flight.segment, m.world.now)) giveUp(m, flight.to);
  },
};
