/**
 * The engine against real Linux. Each fixture in tests/fixtures/linux was captured from a 6.18
 * kernel on loopback, in a private network namespace, by tools/linux-capture/capture.py. Each
 * case here replays the same application calls and faults under the `linux` preset and asks for
 * the same segments in the same order (flags, sequence numbers relative to each side's ISN,
 * lengths) and the same states in the same order.
 *
 * Times differ on purpose: on loopback Linux measures a tiny round trip and retransmits after
 * about 200 ms, while the engine keeps the preset's 1 s RTO; so each script spaces its calls to
 * keep the order of events, not the clock, the same as the capture's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appearsInOrder } from '../inOrder';
import type { Script, ScriptStep } from '../../src/model/script';
import { Simulation } from '../../src/model/simulation';
import type { Trace } from '../../src/model/trace';
import type { EndpointId } from '../../src/model/types';

interface Capture {
  case: string;
  states: Record<EndpointId, string[]>;
  segments: { from: EndpointId; flags: string; seq: number; ack: number | null; len: number }[];
}

const load = (name: string): Capture =>
  JSON.parse(readFileSync(new URL(`../fixtures/linux/${name}.json`, import.meta.url), 'utf8')) as Capture;

/** Segments as "client SYN 0/- 0", sequence numbers relative to each side's first SYN. */
function relativeSegments(segments: Capture['segments']): string[] {
  const isn: Partial<Record<EndpointId, number>> = {};
  for (const s of segments) if (s.flags.includes('SYN') && isn[s.from] === undefined) isn[s.from] = s.seq;
  return segments.map((s) => {
    const other: EndpointId = s.from === 'client' ? 'server' : 'client';
    const own = isn[s.from];
    const seq = own === undefined ? s.seq : (s.seq - own) >>> 0;
    const peer = isn[other];
    const ack = s.ack === null ? '-' : peer === undefined ? s.ack : (s.ack - peer) >>> 0;
    return `${s.from} ${s.flags} ${seq}/${ack} ${s.len}`;
  });
}

/** ss's spellings, and the connection's socket only: Linux's listener is another socket. */
const SS_NAMES: Record<string, string> = { ESTAB: 'ESTABLISHED', 'SYN-RECV': 'SYN-RECEIVED' };

function engineStates(trace: Trace, endpoint: EndpointId): string[] {
  const seen = ['CLOSED', ...trace.transitions.filter((t) => t.endpoint === endpoint).map((t) => t.to)];
  return seen.map((s) => (s === 'LISTEN' ? 'CLOSED' : s)).filter((s, i, all) => i === 0 || s !== all[i - 1]);
}


const server = (at: number, call: 'listen' | 'close' | 'abort'): ScriptStep => ({ at, endpoint: 'server', call });
const client = (at: number, call: 'connect' | 'close' | 'abort' | 'shutdown'): ScriptStep => ({ at, endpoint: 'client', call });
const LOOPBACK = { preset: 'linux', latencyMs: 0 } as const;

const CASES: { fixture: string; script: Script; note?: string }[] = [
  { fixture: 'four-way-close', script: { config: LOOPBACK, steps: [server(0, 'listen'), client(0, 'connect'), client(500, 'close'), server(1000, 'close')] } },
  {
    fixture: 'close-at-once',
    note: 'the server closes as soon as it reads end-of-file, so its FIN carries the delayed ACK',
    script: { config: LOOPBACK, steps: [server(0, 'listen'), client(0, 'connect'), client(500, 'close'), server(500, 'close')] },
  },
  { fixture: 'connection-refused', script: { config: LOOPBACK, steps: [client(0, 'connect')] } },
  { fixture: 'abort', script: { config: LOOPBACK, steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'abort')] } },
  {
    fixture: 'data',
    script: {
      config: LOOPBACK,
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 200, endpoint: 'client', call: 'send', bytes: 1000 },
        { at: 600, endpoint: 'server', call: 'send', bytes: 500 },
        client(800, 'close'),
        server(800, 'close'),
      ],
    },
  },
  {
    fixture: 'time-wait-fin-again',
    script: {
      config: LOOPBACK,
      steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'close'), { at: 550, network: 'drop-next', direction: 'client->server' }, server(600, 'close')],
      until: 10_000,
    },
  },
  {
    fixture: 'data-after-close',
    script: { config: LOOPBACK, steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'close'), { at: 600, endpoint: 'server', call: 'send', bytes: 100 }] },
  },
  {
    fixture: 'segment-to-closed',
    script: {
      config: LOOPBACK,
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 299, network: 'drop-next', direction: 'client->server' },
        client(300, 'abort'),
        { at: 650, endpoint: 'server', call: 'send', bytes: 100 },
      ],
    },
  },
  {
    fixture: 'close-wait-hang',
    note: 'the capture set tcp_fin_timeout to 3 s; at 5.3 s the server process exited, closing its socket',
    script: { config: { ...LOOPBACK, finWait2TimeoutMs: 3000 }, steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'close'), server(5300, 'close')] },
  },
  {
    fixture: 'half-close-no-timeout',
    note: 'shutdown() leaves the socket held, so tcp_fin_timeout (3 s here) never applies',
    script: { config: { ...LOOPBACK, finWait2TimeoutMs: 3000 }, steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'shutdown'), server(5300, 'close')] },
  },
  {
    fixture: 'fin-wait-1-timeout-default',
    note: 'Linux defaults: a tail-loss probe, then tcp_orphan_retries 0 = 8 retries; the server exits long after',
    script: {
      config: LOOPBACK,
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 300, network: 'block', direction: 'client->server' },
        client(300, 'close'),
        server(600_000, 'close'),
      ],
      until: 604_500,
    },
  },
  {
    fixture: 'fin-wait-1-timeout',
    note:
      'tcp_orphan_retries 3. Linux bounds retries by time, not count: 3 retries of a 200 ms RTO allow ' +
      '(2^4 - 1) x 200 ms = 3 s from the first retransmission, which on loopback fits a fourth; so 4 here',
    script: {
      config: { ...LOOPBACK, finRetries: 4 },
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 300, network: 'block', direction: 'client->server' },
        client(300, 'close'),
        server(100_000, 'close'),
      ],
      until: 104_500,
    },
  },
  {
    fixture: 'syn-lost',
    note: 'tcp_syn_retries 6 with tcp_syn_linear_timeouts 4: ten SYN retransmissions, then ETIMEDOUT',
    script: { config: LOOPBACK, steps: [server(0, 'listen'), { at: 0, network: 'block', direction: 'client->server' }, client(0, 'connect')] },
  },
  {
    fixture: 'synack-lost',
    note: "the client's ACKs never arrive (the block starts once its SYN is through): five SYN+ACK retransmissions, then the server forgets the connection",
    script: {
      config: { ...LOOPBACK, latencyMs: 1 },
      steps: [server(0, 'listen'), client(0, 'connect'), { at: 1, network: 'block', direction: 'client->server' }, { at: 69_000, network: 'unblock', direction: 'client->server' }, client(70_000, 'close')],
    },
  },
];

describe('the engine does what Linux 6.18 does', () => {
  it.each(CASES)('$fixture', ({ fixture, script }) => {
    const linux = load(fixture);
    const trace = Simulation.run(script);
    expect(relativeSegments(trace.segments)).toEqual(relativeSegments(linux.segments));
    for (const endpoint of ['client', 'server'] as const) {
      // Linux's states were polled, so it may miss a short one; what it saw must appear in order.
      const seen = linux.states[endpoint].map((s) => SS_NAMES[s] ?? s);
      const ours = engineStates(trace, endpoint);
      expect(appearsInOrder(seen, ours), `${endpoint}: Linux showed ${seen.join(' > ')}, the engine ${ours.join(' > ')}`).toBe(true);
    }
  });

  it('keeps a fixture for every case the capture tool knows', () => {
    const tool = readFileSync(new URL('../../tools/linux-capture/capture.py', import.meta.url), 'utf8');
    const cases = [...tool.matchAll(/^def case_(\w+)\(/gm)].map((m) => m[1]!.replace(/_/g, '-'));
    expect(cases.filter((c) => !CASES.some((k) => k.fixture === c))).toEqual([]);
  });
});
