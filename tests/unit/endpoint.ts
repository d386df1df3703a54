/** A single endpoint machine on a bench: feed it calls, segments and timers, read what it sends. */
import { initialTransition, transition } from 'xstate';
import { resolveConfig, type ConfigOverrides } from '../../src/model/config';
import { TIMER_EVENTS, endpointMachine, type EndpointEvent } from '../../src/model/endpoint/machine';
import type { OutSegment, Tcb, TimerName } from '../../src/model/endpoint/tcb';
import { formatFlags, parseFlags } from '../../src/model/segment';
import type { EndpointId, TcpState } from '../../src/model/types';

export class BenchEndpoint {
  private snap;
  private step = 0;
  now = 0;
  /** Segments sent by the last event, as "FLAGS seq ack len" with seq/ack absolute. */
  sent: OutSegment[] = [];

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
    const [next] = transition(endpointMachine, this.snap, event);
    this.snap = next;
    this.sent = next.context.out.step === event.step ? [...next.context.out.segments] : [];
    return this;
  }

  can(type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT' | 'SEND'): boolean {
    return this.snap.can({ type, now: this.now, step: -1, bytes: 1 } as EndpointEvent);
  }

  call(type: 'LISTEN' | 'CONNECT' | 'CLOSE' | 'SHUTDOWN' | 'ABORT'): this;
  call(type: 'SEND', bytes: number): this;
  call(type: string, bytes?: number): this {
    return this.feed({ type, bytes, now: this.now, step: this.step++ } as EndpointEvent);
  }

  recv(flags: string, seq: number, ack: number | null = null, len = 0): this {
    return this.feed({ type: 'SEGMENT', segment: { flags: parseFlags(flags), seq: seq >>> 0, ack: (ack ?? 0) >>> 0, len }, now: this.now, step: this.step++ });
  }

  fire(timer: TimerName): this {
    const at = this.tcb.timers[timer];
    if (at === null) throw new Error(`the ${timer} timer is not running in ${this.state}`);
    this.now = at;
    return this.feed({ type: TIMER_EVENTS[timer], now: this.now, step: this.step++ } as EndpointEvent);
  }

  at(ms: number): this {
    this.now = ms;
    return this;
  }

  /** What the last event sent, readably: ["SYN+ACK 5000 1001 0"]. */
  get wire(): string[] {
    return this.sent.map((s) => `${formatFlags(s.flags)} ${s.seq} ${s.flags & 16 ? s.ack : '-'} ${s.len}`);
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
