/**
 * Connections and Zeek's verdicts, read back from captures: the lessons exported as pcap by the
 * app (a round trip through the engine's own capture writer), and a capture of real Linux.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionsOf, type Verdict } from '../../src/capture/connections';
import { readCapture } from '../../src/capture/read';
import { buildPcap } from '../../src/model/pcap';
import { Simulation } from '../../src/model/simulation';
import { findScenario, type ScenarioId } from '../../src/scenarios/catalog';

function lessonCapture(id: ScenarioId) {
  const sim = new Simulation(findScenario(id)!.script);
  sim.runToEnd();
  return { sim, capture: readCapture(buildPcap(sim)) };
}

describe('connections and their verdicts', () => {
  it.each<[ScenarioId, Verdict, string]>([
    ['three-way-handshake', 'S1', 'ShA'],
    ['four-way-close', 'SF', 'ShAFaf'],
    ['server-closes-first', 'SF', 'ShAfFa'],
    ['close-wait-hang', 'S2', 'ShAFa'],
    ['connection-refused', 'REJ', 'Sr'],
    ['abort-rst', 'RSTO', 'ShAR'],
    ['zero-window', 'S1', 'ShADaw'],
    ['simultaneous-open', 'S1', 'Ss'],
  ])('the %s lesson, exported as pcap and read back, is one connection: %s, history %s', (id, verdict, history) => {
    const { sim, capture } = lessonCapture(id);
    const conns = connectionsOf(capture.segments);
    expect(conns).toHaveLength(1);
    const c = conns[0]!;
    expect(c.verdict).toBe(verdict);
    expect(c.history).toBe(history);
    expect(c.originator).toBe('client');
    expect(c.clientGuessed).toBe(false);
    expect(c.segments).toHaveLength(sim.wire.length);
    // The bytes each way are the bytes the applications wrote.
    expect(c.bytes).toEqual({ client: sim.tcb('client').bytesWritten, server: sim.tcb('server').bytesWritten });
    // The windows the engine offered are in the capture.
    expect(c.segments.map((s) => s.win)).toEqual(sim.wire.map((w) => Math.min(w.segment.win, 65535)));
  });

  it('a capture of real Linux: two connections (IPv4, IPv6), each opened by the client and closed in order', () => {
    const capture = readCapture(new Uint8Array(readFileSync(new URL('../fixtures/captures/any-sll2.pcapng', import.meta.url))));
    const conns = connectionsOf(capture.segments);
    expect(conns.map((c) => [c.client.endsWith(':5000'), c.server.endsWith(':5000'), c.verdict, c.bytes.client, c.bytes.server])).toEqual([
      [false, true, 'SF', 300, 100],
      [false, true, 'SF', 300, 100],
    ]);
    expect(conns[1]!.server).toBe('[::1]:5000');
  });

  it('a capture that starts mid-connection: the client is a guess, said as one; closed by a FIN each way it is SF, as Zeek rules', () => {
    const { capture } = lessonCapture('four-way-close');
    const midway = capture.segments.filter((s) => !(s.flags & 0x02));
    const [c] = connectionsOf(midway);
    expect(c!.clientGuessed).toBe(true);
    // Zeek's conn_state looks at the ends' final states only: both closed is SF, with or without a handshake.
    expect(c!.verdict).toBe('SF');
    expect(c!.history).toBe('AFaf');
    // Without its FINs it is OTH: no SYN, no close.
    const [open] = connectionsOf(midway.filter((s) => !(s.flags & 0x01)));
    expect(open!.verdict).toBe('OTH');
  });
});

describe('npm run analyze', () => {
  const run = (args: string[], input?: Buffer | string) => spawnSync('npm', ['run', '--silent', 'analyze', '--', ...args], { input });
  it('prints the connections of a real capture as JSON', () => {
    const out = run(['tests/fixtures/captures/lo-ethernet.pcap']);
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout.toString()) as { format: string; connections: { verdict: string; meaning: string; segments: number }[] };
    expect(json.format).toBe('pcap');
    expect(json.connections.map((c) => [c.verdict, c.segments])).toEqual([
      ['SF', 11],
      ['SF', 11],
    ]);
    expect(json.connections[0]!.meaning).toBe('opened and closed in order (a FIN each way)');
    expect((json.connections[0] as unknown as { history: string }).history).toBe('ShADadFf');
    const states = (json.connections[0] as unknown as { states: Record<string, { state: string }[]> }).states;
    expect(states.client!.at(-1)!.state).toBe('TIME-WAIT');
    expect(states.server!.map((s) => s.state)).toContain('CLOSE-WAIT');
  });

  it('reads standard input; a file that is not a capture gets one line and exit 2', () => {
    const pcap = readFileSync(new URL('../fixtures/captures/any-sll.pcap', import.meta.url));
    expect(run(['-'], pcap).status).toBe(0);
    const bad = run(['-'], 'GET / HTTP/1.1\r\n\r\n');
    expect(bad.status).toBe(2);
    expect(bad.stdout.toString()).toBe('');
    expect(bad.stderr.toString()).toBe('-: not a packet capture: not a pcap or pcapng file, nor tcpdump -n text\n');
  });
});
