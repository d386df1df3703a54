/**
 * The invariants TCP promises, checked in every world the exhaustive exploration reaches.
 */
import { isnFor } from '../../src/model/config';
import { TIMER_NAMES, type Tcb } from '../../src/model/endpoint/tcb';
import { TIMER_EVENTS, type EndpointEvent } from '../../src/model/endpoint/edges';
import { canStep } from '../../src/model/endpoint/step';
import { seqDiff, seqLe } from '../../src/model/seq';
import { TCP_STATES, peerOf, type EndpointId, type TcpState } from '../../src/model/types';
import { isIdle, type SystemState } from './explore';

/** The peer has sent its FIN and we have taken it. */
const PEER_FIN_TAKEN: ReadonlySet<TcpState> = new Set(['CLOSE-WAIT', 'CLOSING', 'LAST-ACK', 'TIME-WAIT']);
const OPEN: ReadonlySet<TcpState> = new Set(TCP_STATES.filter((s) => s !== 'CLOSED' && s !== 'LISTEN'));

function fail(what: string, path: () => string[]): never {
  throw new Error(`${what}\n  reached by: ${path().join(' / ')}`);
}

/** The invariants, for one endpoint and its peer. */
function checkEndpoint(me: EndpointId, s: SystemState, path: () => string[]): void {
  const peerId = peerOf(me);
  const state = s.world.endpoints[me].value as TcpState;
  const t: Tcb = s.world.endpoints[me].context;
  const peer: Tcb = s.world.endpoints[peerId].context;

  // Nobody reaches ESTABLISHED without the handshake: a SYN the peer really sent, ours acknowledged.
  // (The peer may have moved on since: forgotten a half-open connection, or opened another.)
  const peerIsns = Array.from({ length: peer.connection }, (_, k) => isnFor(peer.config, peerId, k));
  if (state === 'ESTABLISHED') {
    if (!t.synchronized || !peerIsns.includes(t.irs)) fail(`${me} ESTABLISHED without the peer's SYN`, path);
    if (!(seqDiff(t.sndUna, t.iss) > 0)) fail(`${me} ESTABLISHED with its SYN unacknowledged`, path);
  }

  // Sequence numbers add up: SYN and FIN take one each, every byte one.
  if (OPEN.has(state)) {
    const sent = seqDiff(t.sndNxt, t.iss);
    if (sent !== 1 + t.bytesWritten + (t.finSeq === null ? 0 : 1)) fail(`${me} sent ${sent} numbers for ${t.bytesWritten} bytes`, path);
    if (!seqLe(t.iss, t.sndUna) || !seqLe(t.sndUna, t.sndNxt)) fail(`${me} SND.UNA outside [ISS, SND.NXT]`, path);
    if (t.synchronized) {
      const finTaken = seqDiff(t.rcvNxt, t.irs) - 1 - t.bytesRead;
      if (finTaken !== (PEER_FIN_TAKEN.has(state) ? 1 : 0)) fail(`${me} in ${state} has taken ${finTaken} FINs`, path);
    }
  }
  // ...and across the wire: nobody receives or has acknowledged more than was sent.
  if (t.synchronized && peer.connection > 0 && t.irs === peer.iss) {
    if (!seqLe(t.rcvNxt, peer.sndNxt)) fail(`${me} RCV.NXT beyond the peer's SND.NXT`, path);
    if (t.bytesRead > peer.bytesWritten) fail(`${me} read ${t.bytesRead} of ${peer.bytesWritten} bytes sent`, path);
    if (peer.synchronized && peer.irs === t.iss && !seqLe(t.sndUna, peer.rcvNxt)) fail(`${me} has an ACK for something the peer never received`, path);
  }

  // Every timer that runs is one the state handles; an orphaned FIN-WAIT-2 always has its timeout.
  for (const name of TIMER_NAMES) {
    if (t.timers[name] !== null && !canStep(s.world.endpoints[me], { type: TIMER_EVENTS[name], now: 0 } as EndpointEvent))
      fail(`${me} runs a ${name} timer that ${state} ignores`, path);
  }
  if (state === 'FIN-WAIT-2' && t.orphaned && t.timers['fin-wait-2'] === null) fail(`${me} orphaned in FIN-WAIT-2 with no timeout`, path);
}

/**
 * Every state either moves on (a segment in flight, a timer running) or rests where TCP may rest:
 * CLOSED, LISTEN, ESTABLISHED; CLOSE-WAIT, the post's hang (the application never closes); or a
 * half-closed FIN-WAIT-2, which waits on that same application. Nothing else may be stuck.
 */
function mayRest(state: TcpState, t: Tcb): boolean {
  return state === 'CLOSED' || state === 'LISTEN' || state === 'ESTABLISHED' || state === 'CLOSE-WAIT' || (state === 'FIN-WAIT-2' && !t.orphaned);
}

/** Every invariant, for one world of the exploration; throws with the path that reached it. */
export function checkWorld(s: SystemState, path: () => string[]): void {
  checkEndpoint('client', s, path);
  checkEndpoint('server', s, path);
  if (isIdle(s.world)) {
    for (const who of ['client', 'server'] as const) {
      const e = s.world.endpoints[who];
      if (!mayRest(e.value as TcpState, e.context)) fail(`${who} stuck in ${String(e.value)}`, path);
    }
  }
}
