/**
 * A single endpoint machine on a bench: feed it calls, segments and timers, read what it sends.
 * It steps the machine with XState's own `transition()` and reads the effects from the actions
 * that returns, so these tests check the machine as any XState user would drive it.
 */
import { initialTransition, transition } from 'xstate';
import { resolveConfig, type ConfigOverrides } from '../../src/model/config';
import { TIMER_EVENTS, type EndpointEvent } from '../../src/model/endpoint/edges';
import { endpointMachine } from '../../src/model/endpoint/machine';
import { effectsOf } from '../../src/model/endpoint/step';
import type { Effect, Tcb, TimerName } from '../../src/model/endpoint/tcb';
import { ackOf, formatFlags, parseFlags, segment, type Segment } from '../../src/model/segment';
import type { EndpointId, TcpState } from '../../src/model/types';

export class BenchEndpoint {
  private snap;
  now = 0;
  /** What the last event did outside the endpoint: segments sent, bytes read. */
  effects: Effect[] = [];

  constructor(role: EndpointId = 'client', config: ConfigOverrides = {}) {
    this.snap = initialTransition(endpointMachine, { role, config: resolveConfig({ latencyMs: 10, clientIsn: 1000, serverIsn: 5000, ...config }) })[0];
  }

  get state(): TcpState {
    return this.snap.value as TcpState;
  }

  get tcb(): Tcb {
    return this.snap.context;
  }

  private feed(event: EndpointEvent): this {
    const [next, actions] = transition(endpointMachine, this.snap, event);
    this.snap = next;
    this.effects = effectsOf(actions);
    return this;
  }

  /** Segments sent by the last event. */
  get sent(): (Segment & { retransmission: boolean })[] {
    return this.effects.flatMap((e) => (e.type === 'transmit' ? [{ ...e.segment, retransmission: e.retransmission }] : []));
  }

  /** Bytes the application read in the last event. */
  get reads(): number[] {
    return this.effects.flatMap((e) => (e.type === 'read' ? [e.bytes] : []));
  }

  can(type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT' | 'SEND'): boolean {
    return this.snap.can({ type, now: this.now, bytes: 1 } as EndpointEvent);
  }

  call(type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT'): this;
  call(type: 'SEND', bytes: number): this;
  call(type: string, bytes?: number): this {
    return this.feed({ type, bytes, now: this.now } as EndpointEvent);
  }

  recv(flags: string, seq: number, ack: number | null = null, len = 0): this {
    return this.feed({ type: 'SEGMENT', segment: segment(parseFlags(flags), seq, ack, len), now: this.now });
  }

  fire(timer: TimerName): this {
    const at = this.tcb.timers[timer];
    if (at === null) throw new Error(`the ${timer} timer is not running in ${this.state}`);
    this.now = at;
    return this.feed({ type: TIMER_EVENTS[timer], now: this.now } as EndpointEvent);
  }

  at(ms: number): this {
    this.now = ms;
    return this;
  }

  /** What the last event sent, readably: ["SYN+ACK 5000 1001 0"]. */
  get wire(): string[] {
    return this.sent.map((s) => `${formatFlags(s.flags)} ${s.seq} ${ackOf(s) ?? '-'} ${s.len}`);
  }
}

/** A client that has done the handshake with a peer whose ISN is 5000: it expects 5001 next. */
export function establishedClient(config: ConfigOverrides = {}): BenchEndpoint {
  return new BenchEndpoint('client', config).call('CONNECT').recv('SYN+ACK', 5000, 1001);
}

/** A server that has accepted a client whose ISN is 1000. */
export function establishedServer(config: ConfigOverrides = {}): BenchEndpoint {
  return new BenchEndpoint('server', config).call('LISTEN').recv('SYN', 1000).recv('ACK', 1001, 5001);
}
