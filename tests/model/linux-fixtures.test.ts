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
import { flowStory } from './flowStory';
import { LINUX_CASES as CASES } from './linuxCases';
import { Simulation } from '../../src/model/simulation';
import type { Trace } from '../../src/model/trace';
import { peerOf, type EndpointId } from '../../src/model/types';

interface Capture {
  case: string;
  states: Record<EndpointId, string[]>;
  segments: { t: number; from: EndpointId; flags: string; seq: number; ack: number | null; len: number; win: number }[];
}

const load = (name: string): Capture => JSON.parse(readFileSync(new URL(`../fixtures/linux/${name}.json`, import.meta.url), 'utf8')) as Capture;

/** Segments as "client SYN 0/- 0", sequence numbers relative to each side's first SYN. */
function relativeSegments(segments: readonly { from: EndpointId; flags: string; seq: number; ack: number | null; len: number }[]): string[] {
  const isn: Partial<Record<EndpointId, number>> = {};
  for (const s of segments) if (s.flags.includes('SYN') && isn[s.from] === undefined) isn[s.from] = s.seq;
  return segments.map((s) => {
    const other = peerOf(s.from);
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

describe('the engine does what Linux 6.18 does', () => {
  it.each(CASES)('$fixture', ({ fixture, script, compare }) => {
    const linux = load(fixture);
    const trace = Simulation.run(script);
    if (compare === 'flow') {
      const send = script.steps.find((s) => 'call' in s && s.call === 'send') as { endpoint: EndpointId; bytes: number };
      const ours = flowStory(
        trace.segments.map((s) => ({ ...s, t: s.sentAt })),
        send.endpoint,
        send.bytes,
      );
      expect(ours).toEqual(flowStory(linux.segments, send.endpoint, send.bytes));
      expect(ours.filter((f) => / not |other than|beyond the window$/.test(f) && !f.startsWith('the sender never'))).toEqual([]);
    } else expect(relativeSegments(trace.segments)).toEqual(relativeSegments(linux.segments));
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
