/**
 * The application calls and faults that tools/linux-capture/capture.py made on a real 6.18 kernel,
 * one script per fixture in tests/fixtures/linux. The fixture test replays them against the
 * captures; the golden-trace test keeps their traces byte for byte.
 */
import type { Script, ScriptStep } from '../../src/model/script';

const server = (at: number, call: 'listen' | 'close' | 'abort'): ScriptStep => ({ at, endpoint: 'server', call });
const client = (at: number, call: 'connect' | 'close' | 'abort' | 'shutdown'): ScriptStep => ({ at, endpoint: 'client', call });
const LOOPBACK = { preset: 'linux', latencyMs: 0 } as const;

export interface LinuxCase {
  fixture: string;
  script: Script;
  note?: string;
  /**
   * How the capture is compared: `segments` (the default) asks for the same segments in the same
   * order; `flow` asks for the same flow-control story (./flowStory), because Linux sizes its
   * window from its memory accounting, which the engine does not model byte for byte.
   */
  compare?: 'segments' | 'flow';
}

export const LINUX_CASES: LinuxCase[] = [
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
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        client(300, 'close'),
        { at: 550, network: 'drop-next', direction: 'client->server' },
        server(600, 'close'),
      ],
      until: 10_000,
    },
  },
  {
    fixture: 'data-after-close',
    script: {
      config: LOOPBACK,
      steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'close'), { at: 600, endpoint: 'server', call: 'send', bytes: 100 }],
    },
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
    script: {
      config: { ...LOOPBACK, finWait2TimeoutMs: 3000 },
      steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'close'), server(5300, 'close')],
    },
  },
  {
    fixture: 'half-close-no-timeout',
    note: 'shutdown() leaves the socket held, so tcp_fin_timeout (3 s here) never applies',
    script: {
      config: { ...LOOPBACK, finWait2TimeoutMs: 3000 },
      steps: [server(0, 'listen'), client(0, 'connect'), client(300, 'shutdown'), server(5300, 'close')],
    },
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
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 1, network: 'block', direction: 'client->server' },
        { at: 69_000, network: 'unblock', direction: 'client->server' },
        client(70_000, 'close'),
      ],
    },
  },
  {
    fixture: 'simultaneous-close',
    note: "both applications close at once and the client's first FIN is lost, so the FINs cross; a millisecond on the wire keeps the server's FIN from arriving before the client's own close()",
    script: {
      config: { ...LOOPBACK, latencyMs: 1 },
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 300, network: 'drop-next', direction: 'client->server' },
        server(300, 'close'),
        client(300, 'close'),
      ],
    },
  },
  {
    fixture: 'close-unread',
    note: 'the server never reads the 100 bytes, and closing with them unread resets the connection',
    script: {
      config: { ...LOOPBACK, serverReads: 'when-called' },
      steps: [server(0, 'listen'), client(0, 'connect'), { at: 300, endpoint: 'client', call: 'send', bytes: 100 }, server(600, 'close')],
      until: 2000,
    },
  },
  {
    fixture: 'zero-window',
    compare: 'flow',
    note: 'the server reads nothing for 4 s, then reads everything in a loop (one read() per window); RTO 200 ms as Linux measures on loopback',
    script: {
      config: { ...LOOPBACK, rtoMs: 200, mss: 988, rcvBufBytes: 3952, serverReads: 'when-called' },
      steps: [
        server(0, 'listen'),
        client(0, 'connect'),
        { at: 300, endpoint: 'client', call: 'send', bytes: 20_000 },
        ...Array.from({ length: 6 }, (): ScriptStep => ({ at: 4300, endpoint: 'server', call: 'read' })),
        client(4600, 'close'),
        server(4900, 'close'),
      ],
    },
  },
];
