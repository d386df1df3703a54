/**
 * Inferring each end's states from a capture (issue 14, first part): the lessons exported as pcap
 * by the app and read back give the lessons' own state sequences, and a capture of real Linux
 * gives the states Linux goes through in an orderly open and close.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionsOf } from '../../src/capture/connections';
import { inferStates, lostOnTheWay, replayOf, simulationOf } from '../../src/capture/infer';
import { xray } from '../../src/capture/anomalies';
import { FIN, RST, SYN } from '../../src/model/segment';
import { captureEnd, readCapture } from '../../src/capture/read';
import { buildPcap } from '../../src/model/pcap';
import { Simulation } from '../../src/model/simulation';
import { SCENARIOS } from '../../src/scenarios/catalog';
import type { EndpointId } from '../../src/model/types';
import type { WireSegment } from '../../src/model/history';

describe('states inferred from a capture', () => {
  const lessons = SCENARIOS.filter((s) => !s.fleet);
  it.each(lessons.map((s) => [s.id, s] as const))('%s: exported as pcap and read back, each end goes through the lesson’s own states', (_id, lesson) => {
    const sim = new Simulation(lesson.script);
    sim.runToEnd();
    const connections = connectionsOf(readCapture(buildPcap(sim)).segments);
    // What the capture can tell: the changes of state up to the last segment's arrival.
    const last = Math.max(...sim.wire.map((w) => w.arrivesAt));
    const lessonStates = (e: EndpointId) => ['CLOSED', ...sim.transitions.filter((t) => t.endpoint === e && t.t <= last).map((t) => t.to)];
    const inferred = connections.map((c) => inferStates(c, { config: lesson.script.config, delay: sim.config.latencyMs / 1000 }));
    // A second connection on the same ports starts from CLOSED again: said once.
    const captured = (e: EndpointId) => inferred.flatMap((r, i) => r.states[e].map((s) => s.state).slice(i === 0 ? 0 : 1));
    expect(captured('client')).toEqual(lessonStates('client'));
    expect(captured('server')).toEqual(lessonStates('server'));
    // The segments the capture proves lost are the ones the network lost (of those a loss can be proved of: bytes, SYN or FIN).
    if (connections.length === 1) {
      const lost = lostOnTheWay(connections[0]!.segments);
      const provable = sim.wire
        .map((w, i) => [w, i] as const)
        .filter(([w]) => (w.segment.len > 0 || w.segment.flags & (SYN | FIN)) && !(w.segment.flags & RST));
      expect(provable.map(([, i]) => lost[i])).toEqual(provable.map(([w]) => w.lost !== null));
    }
  });

  it.each(lessons.map((s) => [s.id, s] as const))(
    '%s: read back as analyze reads it (nothing known but the capture), each end goes through the lesson’s own states',
    (_id, lesson) => {
      const sim = new Simulation(lesson.script);
      sim.runToEnd();
      const capture = readCapture(buildPcap(sim));
      const end = captureEnd(capture);
      const connections = connectionsOf(capture.segments);
      const last = Math.max(...sim.wire.map((w) => w.arrivesAt));
      for (const e of ['client', 'server'] as const) {
        const lessonStates = ['CLOSED', ...sim.transitions.filter((t) => t.endpoint === e && t.t <= last).map((t) => t.to)];
        const inferred = connections.flatMap((c, i) =>
          xray(c, { captureEnd: end })
            .states[e].map((s) => s.state)
            .slice(i === 0 ? 0 : 1),
        );
        expect(inferred, e).toEqual(lessonStates);
      }
    },
  );

  // The window an ACK offers is not the replay's to say (it hands the model whole windows, as the capture decides what was sent).
  const rule = (w: WireSegment) => ({ why: w.why.kind === 'ack-data' ? { ...w.why, window: 0 } : w.why, lost: w.lost !== null });
  // The zero-window lesson's explanations depend on a receive buffer and read() calls no capture shows.
  it.each(lessons.filter((s) => s.id !== 'zero-window').map((s) => [s.id, s] as const))(
    '%s: replayed from its pcap, every segment is explained by the rule that sent it in the lesson',
    (_id, lesson) => {
      const sim = new Simulation(lesson.script);
      sim.runToEnd();
      const replayed = connectionsOf(readCapture(buildPcap(sim)).segments).flatMap((c) => {
        const r = replayOf(c, { config: lesson.script.config, delay: sim.config.latencyMs / 1000 });
        const again = simulationOf(r);
        again.runUntil(r.endMs);
        return again.wire.map(rule);
      });
      expect(replayed).toEqual(sim.wire.map(rule));
    },
  );

  it('a capture of real Linux (IPv4 and IPv6 on loopback): the client closes first, so it ends in TIME-WAIT, and the server passes through CLOSE-WAIT and LAST-ACK', () => {
    const capture = readCapture(new Uint8Array(readFileSync(new URL('../fixtures/captures/lo-ethernet.pcapng', import.meta.url))));
    for (const c of connectionsOf(capture.segments)) {
      const { states } = inferStates(c);
      expect(states.client.map((s) => s.state)).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
      expect(states.server.map((s) => s.state)).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
      // Times are the capture's own, in seconds from its first packet, and in order.
      const times = states.client.map((s) => s.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBeLessThan(c.start + c.duration + 0.001);
    }
  });
});

describe('a hostile capture', () => {
  it('an MSS of 1 and a sequence number 2 GB ahead do not make the inference send millions of segments', () => {
    const base = { src: '10.0.0.1', dst: '10.0.0.2', sport: 40000, dport: 80, win: 65535, truncated: false };
    const seg = (frame: number, fromClient: boolean, flags: number, seq: number, ack: number, len = 0, options = {}) => ({
      ...base,
      ...(fromClient ? {} : { src: base.dst, dst: base.src, sport: base.dport, dport: base.sport }),
      frame,
      t: frame / 1000,
      fromClient,
      flags,
      seq,
      ack,
      len,
      options,
    });
    const segments = [
      seg(1, true, 0x02, 1000, 0, 0, { mss: 1 }),
      seg(2, false, 0x12, 5000, 1001, 0, { mss: 1 }),
      seg(3, true, 0x10, 1001, 5001),
      seg(4, true, 0x18, (1001 + 2 ** 31) >>> 0, 5001, 1000),
      seg(5, true, 0x18, 1001, 5001, 1000),
    ];
    // (Before the cap, this ran for minutes: vitest's own time limit is what fails it.)
    const { states } = inferStates({
      client: '10.0.0.1:40000',
      server: '10.0.0.2:80',
      clientGuessed: false,
      start: 0,
      duration: 0.005,
      segments,
      bytes: { client: 2000, server: 0 },
      verdict: 'S1',
      history: 'ShADT',
      originator: 'client',
    });
    expect(states.client.map((s) => s.state)).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED']);
  });
});
