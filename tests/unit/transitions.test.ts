/**
 * Every edge of RFC 9293's state diagram (section 3.3.2, figure 5), and the edges its text adds
 * (resets, timeouts, simultaneous open and close), on one endpoint: the state it enters and the
 * segment it sends. Client ISN 1000, peer ISN 5000 throughout.
 */
import { describe, expect, it } from 'vitest';
import { BenchEndpoint, establishedClient, establishedServer } from './endpoint';

describe('opening (figure 5, upper half)', () => {
  it('CLOSED -> LISTEN on a passive open, sending nothing', () => {
    const s = new BenchEndpoint('server').call('LISTEN');
    expect(s.state).toBe('LISTEN');
    expect(s.wire).toEqual([]);
  });

  it('CLOSED -> SYN-SENT on an active open, sending SYN with the ISN', () => {
    const c = new BenchEndpoint().call('CONNECT');
    expect(c.state).toBe('SYN-SENT');
    expect(c.wire).toEqual(['SYN 1000 - 0']);
    expect(c.tcb.sndNxt).toBe(1001); // the SYN takes one sequence number
  });

  it('LISTEN -> SYN-RECEIVED on a SYN, answering SYN+ACK that acknowledges ISN+1', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000);
    expect(s.state).toBe('SYN-RECEIVED');
    expect(s.wire).toEqual(['SYN+ACK 5000 1001 0']);
  });

  it('LISTEN -> SYN-SENT when the application sends (RFC 9293: SEND in LISTEN)', () => {
    const s = new BenchEndpoint('server').call('LISTEN').call('CONNECT');
    expect(s.state).toBe('SYN-SENT');
    expect(s.wire).toEqual(['SYN 5000 - 0']);
  });

  it('LISTEN -> CLOSED on close', () => {
    expect(new BenchEndpoint('server').call('LISTEN').call('CLOSE').state).toBe('CLOSED');
  });

  it('SYN-SENT -> ESTABLISHED on an acceptable SYN+ACK, answering ACK', () => {
    const c = new BenchEndpoint().call('CONNECT').recv('SYN+ACK', 5000, 1001);
    expect(c.state).toBe('ESTABLISHED');
    expect(c.wire).toEqual(['ACK 1001 5001 0']);
  });

  it('SYN-SENT -> SYN-RECEIVED on a bare SYN (simultaneous open), answering SYN+ACK', () => {
    const c = new BenchEndpoint().call('CONNECT').recv('SYN', 5000);
    expect(c.state).toBe('SYN-RECEIVED');
    expect(c.wire).toEqual(['SYN+ACK 1000 5001 0']);
  });

  it('SYN-RECEIVED (simultaneous) -> ESTABLISHED on the crossing SYN+ACK, sending nothing more', () => {
    const c = new BenchEndpoint().call('CONNECT').recv('SYN', 5000).recv('SYN+ACK', 5000, 1001);
    expect(c.state).toBe('ESTABLISHED');
    expect(c.wire).toEqual([]);
  });

  it('SYN-SENT -> CLOSED on close, sending nothing', () => {
    const c = new BenchEndpoint().call('CONNECT').call('CLOSE');
    expect(c.state).toBe('CLOSED');
    expect(c.wire).toEqual([]);
  });

  it('SYN-RECEIVED -> ESTABLISHED on the ACK of its SYN', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000).recv('ACK', 1001, 5001);
    expect(s.state).toBe('ESTABLISHED');
    expect(s.tcb.timers.retransmit).toBeNull();
  });

  it('SYN-RECEIVED -> CLOSE-WAIT when the handshake ACK carries a FIN', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000).recv('FIN+ACK', 1001, 5001);
    expect(s.state).toBe('CLOSE-WAIT');
  });

  it('SYN-RECEIVED -> FIN-WAIT-1 on close, sending FIN after the SYN', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000).call('CLOSE');
    expect(s.state).toBe('FIN-WAIT-1');
    expect(s.wire).toEqual(['FIN+ACK 5001 1001 0']);
  });

  it('SYN-RECEIVED -> LISTEN on a RST when it came from LISTEN', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000).recv('RST', 1001);
    expect(s.state).toBe('LISTEN');
  });

  it('SYN-RECEIVED -> CLOSED ("connection refused") on a RST after a simultaneous open', () => {
    const c = new BenchEndpoint().call('CONNECT').recv('SYN', 5000).recv('RST', 5001);
    expect(c.state).toBe('CLOSED');
    expect(c.tcb.error).toBe('connection refused');
  });

  it('SYN-RECEIVED answers an ACK of something never sent with a RST', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000).recv('ACK', 1001, 9999);
    expect(s.state).toBe('SYN-RECEIVED');
    expect(s.wire).toEqual(['RST 9999 - 0']);
  });

  it('SYN-RECEIVED resends SYN+ACK when the SYN comes again (its SYN+ACK was lost)', () => {
    const s = new BenchEndpoint('server').call('LISTEN').recv('SYN', 1000).recv('SYN', 1000);
    expect(s.wire).toEqual(['SYN+ACK 5000 1001 0']);
    expect(s.sent[0]!.retransmission).toBe(true);
  });
});

describe('closing (figure 5, lower half)', () => {
  it('ESTABLISHED -> FIN-WAIT-1 on close, sending FIN (one sequence number)', () => {
    const c = establishedClient().call('CLOSE');
    expect(c.state).toBe('FIN-WAIT-1');
    expect(c.wire).toEqual(['FIN+ACK 1001 5001 0']);
    expect(c.tcb.sndNxt).toBe(1002);
    expect(c.tcb.orphaned).toBe(true);
  });

  it('ESTABLISHED -> CLOSE-WAIT on a FIN, holding the ACK back (delayed ACK)', () => {
    const s = establishedServer().recv('FIN+ACK', 1001, 5001);
    expect(s.state).toBe('CLOSE-WAIT');
    expect(s.wire).toEqual([]);
    expect(s.tcb.rcvNxt).toBe(1002);
    expect(s.fire('delayed-ack').wire).toEqual(['ACK 5001 1002 0']);
  });

  it('CLOSE-WAIT -> LAST-ACK on close; a FIN sent before the delayed ACK carries it', () => {
    const s = establishedServer().recv('FIN+ACK', 1001, 5001).call('CLOSE');
    expect(s.state).toBe('LAST-ACK');
    expect(s.wire).toEqual(['FIN+ACK 5001 1002 0']);
    expect(s.tcb.timers['delayed-ack']).toBeNull();
  });

  it('an ackDelayMs of 0 ACKs a FIN at once', () => {
    const s = establishedServer({ ackDelayMs: 0 }).recv('FIN+ACK', 1001, 5001);
    expect(s.wire).toEqual(['ACK 5001 1002 0']);
  });

  it('FIN-WAIT-1 -> FIN-WAIT-2 on the ACK of its FIN', () => {
    const c = establishedClient().call('CLOSE').recv('ACK', 5001, 1002);
    expect(c.state).toBe('FIN-WAIT-2');
  });

  it('FIN-WAIT-1 -> CLOSING on a FIN that does not acknowledge ours (simultaneous close)', () => {
    const c = establishedClient().call('CLOSE').recv('FIN+ACK', 5001, 1001);
    expect(c.state).toBe('CLOSING');
    expect(c.wire).toEqual(['ACK 1002 5002 0']);
  });

  it('FIN-WAIT-1 -> TIME-WAIT on a FIN that acknowledges ours', () => {
    const c = establishedClient().call('CLOSE').recv('FIN+ACK', 5001, 1002);
    expect(c.state).toBe('TIME-WAIT');
    expect(c.wire).toEqual(['ACK 1002 5002 0']);
  });

  it('FIN-WAIT-2 -> TIME-WAIT on a FIN, ACKing it at once', () => {
    const c = establishedClient().call('CLOSE').recv('ACK', 5001, 1002).recv('FIN+ACK', 5001, 1002);
    expect(c.state).toBe('TIME-WAIT');
    expect(c.wire).toEqual(['ACK 1002 5002 0']);
  });

  it('CLOSING -> TIME-WAIT on the ACK of its FIN', () => {
    const c = establishedClient().call('CLOSE').recv('FIN+ACK', 5001, 1001).recv('ACK', 5002, 1002);
    expect(c.state).toBe('TIME-WAIT');
  });

  it('LAST-ACK -> CLOSED on the ACK of its FIN', () => {
    const s = establishedServer().recv('FIN+ACK', 1001, 5001).call('CLOSE').recv('ACK', 1002, 5002);
    expect(s.state).toBe('CLOSED');
    expect(s.tcb.error).toBeNull();
  });

  it('TIME-WAIT -> CLOSED after 2 MSL (timeWaitMs)', () => {
    const c = establishedClient().at(100).call('CLOSE').recv('FIN+ACK', 5001, 1002);
    expect(c.tcb.timers['time-wait']).toBe(100 + 60_000);
    expect(c.fire('time-wait').state).toBe('CLOSED');
  });

  it('TIME-WAIT ACKs a repeated FIN and starts its 2 MSL again', () => {
    const c = establishedClient().call('CLOSE').recv('FIN+ACK', 5001, 1002).at(30_000).recv('FIN+ACK', 5001, 1002);
    expect(c.state).toBe('TIME-WAIT');
    expect(c.wire).toEqual(['ACK 1002 5002 0']);
    expect(c.tcb.timers['time-wait']).toBe(90_000);
  });

  it('an orphaned FIN-WAIT-2 -> CLOSED after finWait2TimeoutMs', () => {
    const c = establishedClient().at(10).call('CLOSE').recv('ACK', 5001, 1002);
    expect(c.tcb.timers['fin-wait-2']).toBe(10 + 60_000);
    expect(c.fire('fin-wait-2').state).toBe('CLOSED');
  });

  it('CLOSE-WAIT has no timer: it lasts until the application closes', () => {
    const s = establishedServer().recv('FIN+ACK', 1001, 5001).fire('delayed-ack');
    expect(Object.values(s.tcb.timers).every((t) => t === null)).toBe(true);
    expect(s.state).toBe('CLOSE-WAIT');
  });
});

describe('half-close', () => {
  it('shutdown() sends FIN but keeps the socket, so FIN-WAIT-2 has no timeout', () => {
    const c = establishedClient().call('SHUTDOWN').recv('ACK', 5001, 1002);
    expect(c.state).toBe('FIN-WAIT-2');
    expect(c.tcb.orphaned).toBe(false);
    expect(c.tcb.timers['fin-wait-2']).toBeNull();
  });

  it('a half-closed endpoint still receives data', () => {
    const c = establishedClient().call('SHUTDOWN').recv('ACK', 5001, 1002).recv('PSH+ACK', 5001, 1002, 300);
    expect(c.sent.map((s) => s.ack)).toEqual([5301]);
    expect(c.tcb.bytesRead).toBe(300);
  });

  it('close() after shutdown() orphans FIN-WAIT-2 and starts its timeout', () => {
    const c = establishedClient().call('SHUTDOWN').recv('ACK', 5001, 1002).call('CLOSE');
    expect(c.state).toBe('FIN-WAIT-2');
    expect(c.tcb.timers['fin-wait-2']).not.toBeNull();
  });

  it('an orphaned socket answers new data with RST (Linux)', () => {
    const c = establishedClient().call('CLOSE').recv('ACK', 5001, 1002).recv('PSH+ACK', 5001, 1002, 100);
    expect(c.state).toBe('CLOSED');
    expect(c.wire).toEqual(['RST 1002 - 0']);
  });
});

describe('resets', () => {
  it('CLOSED answers a SYN with RST+ACK (connection refused on the other side)', () => {
    expect(new BenchEndpoint('server').recv('SYN', 1000).wire).toEqual(['RST+ACK 0 1001 0']);
  });

  it('CLOSED answers a segment with an ACK with a RST whose seq is that ACK', () => {
    expect(new BenchEndpoint('server').recv('PSH+ACK', 77, 4242, 10).wire).toEqual(['RST 4242 - 0']);
  });

  it('CLOSED never answers a RST', () => {
    expect(new BenchEndpoint('server').recv('RST', 77).wire).toEqual([]);
  });

  it('LISTEN answers an ACK with RST and ignores a RST', () => {
    const s = new BenchEndpoint('server').call('LISTEN');
    expect(s.recv('ACK', 1, 2).wire).toEqual(['RST 2 - 0']);
    expect(s.recv('RST', 1).wire).toEqual([]);
    expect(s.state).toBe('LISTEN');
  });

  it('SYN-SENT -> CLOSED ("connection refused") on RST+ACK for its SYN', () => {
    const c = new BenchEndpoint().call('CONNECT').recv('RST+ACK', 0, 1001);
    expect(c.state).toBe('CLOSED');
    expect(c.tcb.error).toBe('connection refused');
  });

  it('SYN-SENT ignores a RST that does not acknowledge its SYN, and resets a wrong ACK', () => {
    const c = new BenchEndpoint().call('CONNECT');
    expect(c.recv('RST+ACK', 0, 999).state).toBe('SYN-SENT');
    expect(c.recv('SYN+ACK', 5000, 4000).wire).toEqual(['RST 4000 - 0']);
    expect(c.state).toBe('SYN-SENT');
  });

  it.each(['ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'CLOSE-WAIT'] as const)('%s -> CLOSED ("connection reset") on an exact RST', (state) => {
    const c = establishedClient();
    if (state === 'FIN-WAIT-1') c.call('SHUTDOWN');
    if (state === 'FIN-WAIT-2') c.call('SHUTDOWN').recv('ACK', 5001, 1002);
    if (state === 'CLOSE-WAIT') c.recv('FIN+ACK', 5001, 1001);
    expect(c.state).toBe(state);
    const expected = state === 'CLOSE-WAIT' ? 5002 : 5001;
    c.recv('RST', expected);
    expect(c.state).toBe('CLOSED');
    expect(c.tcb.error).toBe('connection reset');
  });

  it('a RST inside the window but not exact gets a challenge ACK (RFC 5961)', () => {
    const c = establishedClient().recv('RST', 5100);
    expect(c.state).toBe('ESTABLISHED');
    expect(c.wire).toEqual(['ACK 1001 5001 0']);
  });

  it('a SYN on an established connection gets a challenge ACK', () => {
    const c = establishedClient().recv('SYN', 7000);
    expect(c.state).toBe('ESTABLISHED');
    expect(c.wire).toEqual(['ACK 1001 5001 0']);
  });

  it.each(['CLOSING', 'LAST-ACK', 'TIME-WAIT'] as const)('%s -> CLOSED on a RST', (state) => {
    const e = state === 'LAST-ACK' ? establishedServer().recv('FIN+ACK', 1001, 5001).call('CLOSE') : establishedClient().call('CLOSE');
    if (state === 'CLOSING') e.recv('FIN+ACK', 5001, 1001);
    if (state === 'TIME-WAIT') e.recv('FIN+ACK', 5001, 1002);
    expect(e.state).toBe(state);
    e.recv('RST', state === 'LAST-ACK' ? 1002 : 5002);
    expect(e.state).toBe('CLOSED');
  });

  it('abort() sends RST+ACK with SEQ = SND.NXT (Linux) and closes at once', () => {
    const c = establishedClient().call('ABORT');
    expect(c.state).toBe('CLOSED');
    expect(c.wire).toEqual(['RST+ACK 1001 5001 0']);
  });

  it('abort() in LISTEN or SYN-SENT just closes, sending nothing', () => {
    expect(new BenchEndpoint('server').call('LISTEN').call('ABORT').wire).toEqual([]);
    expect(new BenchEndpoint().call('CONNECT').call('ABORT').state).toBe('CLOSED');
  });
});

describe('retransmission and timeouts', () => {
  it('SYN: linear timeouts first, then doubling, then "connection timed out" (Linux defaults)', () => {
    const c = new BenchEndpoint().call('CONNECT');
    const waits: number[] = [];
    let last = 0;
    while (c.state === 'SYN-SENT') {
      const at = c.tcb.timers.retransmit!;
      waits.push((at - last) / 1000);
      last = at;
      c.fire('retransmit');
    }
    expect(waits).toEqual([1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64]);
    expect(c.tcb.error).toBe('connection timed out');
  });

  it('SYN+ACK: retried synAckRetries times, then back to LISTEN', () => {
    const s = new BenchEndpoint('server', { synAckRetries: 2 }).call('LISTEN').recv('SYN', 1000);
    expect(s.fire('retransmit').wire).toEqual(['SYN+ACK 5000 1001 0']);
    expect(s.fire('retransmit').wire).toEqual(['SYN+ACK 5000 1001 0']);
    expect(s.fire('retransmit').state).toBe('LISTEN');
  });

  it('FIN: a tail-loss probe, then finRetries retransmissions, then the socket is dropped', () => {
    const c = establishedClient({ finRetries: 2 }).call('CLOSE');
    const sent: string[] = [];
    while (c.state === 'FIN-WAIT-1') sent.push(...c.fire('retransmit').wire);
    expect(sent).toEqual(['FIN+ACK 1001 5001 0', 'FIN+ACK 1001 5001 0', 'FIN+ACK 1001 5001 0']);
    expect(c.state).toBe('CLOSED');
  });

  it('without the tail-loss probe, only finRetries retransmissions', () => {
    const c = establishedClient({ finRetries: 2, tailLossProbe: false }).call('CLOSE');
    expect(c.fire('retransmit').fire('retransmit').state).toBe('FIN-WAIT-1');
    expect(c.fire('retransmit').state).toBe('CLOSED');
  });

  it('the RTO doubles up to maxRtoMs', () => {
    const c = new BenchEndpoint('client', { synLinearTimeouts: 0, synRetries: 10, maxRtoMs: 5000 }).call('CONNECT');
    const waits: number[] = [];
    let last = 0;
    for (let i = 0; i < 5; i++) {
      waits.push(c.tcb.timers.retransmit! - last);
      last = c.tcb.timers.retransmit!;
      c.fire('retransmit');
    }
    expect(waits).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

describe('data', () => {
  it('send() splits into MSS segments, each ACKed cumulatively', () => {
    const c = establishedClient({ mss: 1000 }).call('SEND', 2500);
    expect(c.wire).toEqual(['PSH+ACK 1001 5001 1000', 'PSH+ACK 2001 5001 1000', 'PSH+ACK 3001 5001 500']);
    c.recv('ACK', 5001, 3501);
    expect(c.tcb.sndUna).toBe(3501);
    expect(c.tcb.timers.retransmit).toBeNull();
  });

  it('bytes that arrive out of order wait for the gap, then are read at once, in order', () => {
    const s = establishedServer();
    s.recv('PSH+ACK', 1501, 5001, 500);
    expect(s.sent.map((x) => x.ack)).toEqual([1001]); // a duplicate ACK asks for the gap
    expect(s.tcb.bytesRead).toBe(0);
    s.recv('PSH+ACK', 1001, 5001, 500);
    expect(s.reads).toEqual([1000]);
    expect(s.sent.map((x) => x.ack)).toEqual([2001]);
  });

  it('a FIN that overtakes the last bytes is held until they arrive', () => {
    const s = establishedServer().recv('FIN+ACK', 1501, 5001);
    expect(s.state).toBe('ESTABLISHED');
    s.recv('PSH+ACK', 1001, 5001, 500);
    expect(s.state).toBe('CLOSE-WAIT');
    expect(s.tcb.rcvNxt).toBe(1502);
  });

  it('a lost data segment is retransmitted', () => {
    const c = establishedClient({ tailLossProbe: false }).call('SEND', 100);
    expect(c.fire('retransmit').wire).toEqual(['PSH+ACK 1001 5001 100']);
  });

  it('sequence numbers wrap around 2^32', () => {
    const c = new BenchEndpoint('client', { clientIsn: 0xffff_fff0, mss: 1000 }).call('CONNECT').recv('SYN+ACK', 5000, 0xffff_fff1);
    c.call('SEND', 100);
    expect(c.sent[0]!.seq).toBe(0xffff_fff1);
    c.recv('ACK', 5001, (0xffff_fff1 + 100) >>> 0);
    expect(c.tcb.sndUna).toBe(85);
    expect(c.tcb.timers.retransmit).toBeNull();
  });
});

describe('calls a state does not allow', () => {
  it.each([
    ['CLOSED', 'SEND'],
    ['CLOSED', 'CLOSE'],
    ['LISTEN', 'LISTEN'],
    ['SYN-SENT', 'SEND'],
    ['TIME-WAIT', 'CLOSE'],
    ['TIME-WAIT', 'ABORT'],
  ] as const)('%s refuses %s', (state, call) => {
    const e = new BenchEndpoint();
    if (state === 'LISTEN') e.call('LISTEN');
    if (state === 'SYN-SENT') e.call('CONNECT');
    if (state === 'TIME-WAIT') e.call('CONNECT').recv('SYN+ACK', 5000, 1001).call('CLOSE').recv('FIN+ACK', 5001, 1002);
    expect(e.state).toBe(state);
    expect(e.can(call)).toBe(false);
  });

  it('after close(), the application cannot call anything on the socket', () => {
    const c = establishedClient().call('CLOSE');
    for (const call of ['SEND', 'CLOSE', 'SHUTDOWN', 'ABORT', 'CONNECT', 'LISTEN'] as const) expect(c.can(call)).toBe(false);
  });
});
