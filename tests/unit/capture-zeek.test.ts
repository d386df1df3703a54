/**
 * Our verdicts and histories against Zeek's own: Zeek's test traces read here, each connection's
 * conn_state and history compared with the conn.log Zeek recorded for the same trace in its test
 * suite (tests/fixtures/zeek/README.md says where each file came from). And the cases the rules
 * turn on, built segment by segment, each with what Zeek's rules give.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionsOf, ZEEK_SERVER_PORTS } from '../../src/capture/connections';
import { openCapture } from '../../src/capture/open';
import type { CapturedSegment } from '../../src/capture/read';
import { finWithoutSyn, readHistory, resetAfterClose } from '../../src/capture/zeekHistory';
import { historyTitle } from '../../src/i18n/captureStrings';
import { capture as en } from '../../src/i18n/en/capture';
import { capture as ko } from '../../src/i18n/ko/capture';
import { compare, parseConnLog } from '../zeekCompare';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/zeek/${name}`, import.meta.url));

/** Each Zeek test, the trace it read, and the likely server ports of the scripts it ran (all of them unless it ran bare, -b). */
const TESTS: [test: string, trace: string, bare?: string[]][] = [
  ['core.cisco-fabric-path', 'cisco-fabric-path.pcap'],
  ['core.tcp-padding', 'tcp-http-with-padding.pcap'],
  ['core.tcp.flip-without-syn', 'tcp-http-on-irc-port-missing-syn.pcapng'],
  ['core.tcp.miss-end-data', 'tcp-miss_end_data.pcap'],
  ['core.tcp.missing-syn', 'tcp-missing-syn.pcap'],
  ['core.tcp.reassembly-known-ports', 'http-get.pcap'],
  ['scripts.base.frameworks.netcontrol.packetfilter', 'smtp.pcap', ['smtp', 'dns']],
  ['scripts.base.protocols.ftp.ftp-ipv4', 'ftp-ipv4.pcap'],
  ['scripts.base.protocols.ftp.ftp-ipv6', 'ftp-ipv6.pcap'],
  ['scripts.base.protocols.http.concurrent-range-requests', 'http-concurrent-range-requests.pcap'],
  ['scripts.base.protocols.modbus.modbus_and_non_modbus_on_port_502', 'modbus-modbus-and-non-modbus-p502.pcap'],
  ['scripts.base.protocols.pop3.basic', 'pop3-pop3.pcap'],
  ['scripts.base.protocols.ssh.half-duplex-client', 'ssh-ssh.client-side-half-duplex.pcap'],
];

/**
 * Rows where we knowingly differ from the conn.log, and why (docs/capture-format.md, "Zeek's verdict").
 * Keyed by test and the row's originator.
 */
const KNOWN: Record<string, string> = {
  'scripts.base.frameworks.netcontrol.packetfilter 10.10.1.4:1470':
    "the test's script drops the connection's packets once it is established (a NetControl packet filter); we read every packet",
  'scripts.base.frameworks.netcontrol.packetfilter 192.168.133.100:49648':
    "the test's script drops the connection's packets once it is established (a NetControl packet filter); we read every packet",
};

describe("Zeek's conn_state and history, against the conn.log Zeek recorded for its own test traces", () => {
  const results = TESTS.map(([test, trace, bare]) => {
    const ports = bare ? new Set(bare.flatMap((p) => ZEEK_SERVER_PORTS[p] ?? [])) : undefined;
    const bytes = fixture(trace);
    const connections = connectionsOf(
      openCapture(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).segments,
      ports ? { likelyServerPorts: ports } : {},
    );
    return { test, agreement: compare(parseConnLog(fixture(`${test}.conn.log`).toString()), connections) };
  });

  it.each(results.map((r) => [r.test, r] as const))('%s: every TCP row agrees, but those we knowingly differ on', (_, { test, agreement }) => {
    expect(agreement.rows.length).toBeGreaterThan(0);
    for (const x of agreement.rows) {
      const key = `${test} ${x.row.origH}:${x.row.origP}`;
      const got = { state: x.ours?.state ?? null, history: x.ours?.history ?? null };
      if (KNOWN[key]) expect(got, KNOWN[key]).not.toEqual({ state: x.row.state, history: x.row.history });
      else expect(got, key).toEqual({ state: x.row.state, history: x.row.history });
    }
  });

  it('at least 97% of all the rows agree, on conn_state and on history', () => {
    const rows = results.flatMap((r) => r.agreement.rows);
    expect(rows.length).toBe(82);
    expect(rows.filter((x) => x.stateAgrees).length / rows.length).toBeGreaterThanOrEqual(0.97);
    expect(rows.filter((x) => x.historyAgrees).length / rows.length).toBeGreaterThanOrEqual(0.97);
  });
});

describe('the histories and verdicts Zeek printed for its own traces from a test script (bare Zeek: no likely server ports)', () => {
  it.each([
    ['tcp-single-rst.pcap', 'R', 'OTH'],
    ['tcp-syn-then-rst.pcap', 'SR', 'RSTOS0'],
    ['tcp-syn-then-ack-then-rst.pcap', 'SaR', 'RSTOS0'],
    ['tcp-syn-then-stuff-then-rst.pcap', 'SaFR', 'OTH'],
    // The SYN+ACK captured before its SYN: Zeek turns the connection round when the SYN comes.
    ['tcp-handshake-reorder.pcap', 'Hs^ADadFf', 'SF'],
    // Retransmissions each way, the letter written again at the 10th.
    ['tcp-ssh-dups.pcap', 'ShADTadtTtFf', 'SF'],
  ])('%s: %s, %s', (trace, history, verdict) => {
    const bytes = fixture(trace);
    const connections = connectionsOf(openCapture(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).segments, { likelyServerPorts: new Set() });
    expect(connections.map((c) => [c.history, c.verdict])).toEqual([[history, verdict]]);
  });
});

/** Segments built by hand: [time, from the first address?, flags, seq, ack, payload length, window]. */
function segs(list: [number, boolean, string, number, number, number?, number?][], ports: [number, number] = [40000, 7000]): CapturedSegment[] {
  const bits: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };
  return list.map(([t, a, flags, seq, ack, len = 0, win = 1000], i) => ({
    frame: i + 1,
    t,
    src: a ? '10.0.0.1' : '10.0.0.2',
    dst: a ? '10.0.0.2' : '10.0.0.1',
    sport: a ? ports[0] : ports[1],
    dport: a ? ports[1] : ports[0],
    flags: [...flags].reduce((f, c) => f | bits[c]!, 0),
    seq,
    ack,
    len,
    win,
    options: {},
    truncated: false,
  }));
}
const zeek = (list: Parameters<typeof segs>[0], ports?: [number, number]) =>
  connectionsOf(segs(list, ports)).map((c) => ({ verdict: c.verdict, history: c.history, originator: c.originator }));

describe("Zeek's rules, case by case", () => {
  const open: Parameters<typeof segs>[0] = [
    [0, true, 'S', 100, 0],
    [0.01, false, 'SA', 500, 101],
    [0.02, true, 'A', 101, 501],
    [0.03, true, 'PA', 101, 501, 10],
    [0.04, false, 'A', 501, 111],
  ];
  const close: Parameters<typeof segs>[0] = [
    [0.05, true, 'FA', 111, 501],
    [0.06, false, 'FA', 501, 112],
    [0.07, true, 'A', 112, 502],
  ];

  it('a reset after a FIN each way leaves the verdict SF (Zeek takes the close as complete), and the reset is in the history', () => {
    expect(zeek([...open, ...close, [0.08, false, 'R', 502, 0]])).toEqual([{ verdict: 'SF', history: 'ShADaFfr', originator: 'client' }]);
  });

  it("a reset after a FIN each way is said beside SF, as its sender (Zeek's originator in upper case, its responder in lower)", () => {
    const [c] = zeek([...open, ...close, [0.08, false, 'R', 502, 0]]);
    expect(resetAfterClose(c!.verdict, c!.history, c!.originator)).toBe('server');
    expect(resetAfterClose('SF', 'ShAFafR', 'client')).toBe('client');
    expect(resetAfterClose('SF', 'ShAFafR', 'server')).toBe('server');
    expect(resetAfterClose('SF', 'ShADaFfr', 'server')).toBe('client');
    // Not after both FINs, not SF, or no reset: nothing to add.
    expect(resetAfterClose('SF', 'ShARFaf', 'client')).toBeNull();
    expect(resetAfterClose('SF', 'ShADaFf', 'client')).toBeNull();
    expect(resetAfterClose('RSTR', 'ShADaFr', 'client')).toBeNull();
    expect(`${en.verdictMeaning.SF}; ${en.resetAfterClose.client}`).toBe('opened and closed in order (a FIN each way); then a reset from the client');
    expect(ko.resetAfterClose.server).toBe('이후 서버가 리셋을 보냄');
  });

  it('an SH whose SYN was not captured (Zeek gives SH to a lone FIN too) is not said to have had a SYN', () => {
    // Zeek's missing-syn.client-only trace: the client's side only, from after its SYN.
    const [c] = connectionsOf(
      openCapture(new Uint8Array(readFileSync(new URL('../fixtures/zeek-infer/missing-syn.client-only.pcap', import.meta.url)))).segments,
    );
    expect([c!.verdict, c!.history]).toEqual(['SH', 'ADF']);
    expect(finWithoutSyn(c!.verdict, c!.history)).toBe(true);
    expect(finWithoutSyn('SH', 'SF')).toBe(false);
    expect(finWithoutSyn('S1', 'ADF')).toBe(false);
    expect(en.finWithoutSyn).not.toMatch(/^a SYN/);
    expect(ko.finWithoutSyn).toContain('SYN도 캡처되지 않음');
  });

  it('a reset after one FIN is RSTR or RSTO', () => {
    expect(zeek([...open, close[0]!, [0.06, false, 'R', 501, 0]])[0]!.verdict).toBe('RSTR');
    expect(zeek([...open, [0.05, false, 'FA', 501, 111], [0.06, true, 'R', 111, 0]])[0]!.verdict).toBe('RSTO');
  });

  it("a SYN+ACK alone: Zeek keeps its sender as the originator (it may be a scan's backscatter): OTH, history H", () => {
    expect(zeek([[0, false, 'SA', 500, 101]])).toEqual([{ verdict: 'OTH', history: 'H', originator: 'server' }]);
  });

  it('a SYN+ACK and then traffic: Zeek turns the connection round (^) as though the SYN had been seen; closed by a FIN each way it is SF', () => {
    const missed = open.slice(1);
    expect(zeek(missed)).toEqual([{ verdict: 'OTH', history: '^hADa', originator: 'client' }]);
    expect(zeek([...missed, ...close])).toEqual([{ verdict: 'SF', history: '^hADaFf', originator: 'client' }]);
  });

  it("a SYN+ACK from a likely server's port, then the client's ACK: S1 with no SYN seen; closed by a FIN each way, SF", () => {
    const synAck: Parameters<typeof segs>[0] = [
      [0, false, 'SA', 500, 101],
      [0.1, true, 'A', 101, 501],
    ];
    expect(zeek(synAck, [40000, 80])).toEqual([{ verdict: 'S1', history: '^hA', originator: 'client' }]);
    expect(zeek([...synAck, [0.2, true, 'FA', 101, 501], [0.3, false, 'FA', 501, 102]], [40000, 80])).toEqual([
      { verdict: 'SF', history: '^hAFf', originator: 'client' },
    ]);
  });

  it("a SYN+ACK from a likely server's port, then its FIN: SHR; then a reset: RSTRH", () => {
    expect(
      zeek(
        [
          [0, false, 'SA', 500, 101],
          [0.1, false, 'FA', 501, 101],
        ],
        [40000, 80],
      ),
    ).toEqual([{ verdict: 'SHR', history: '^hf', originator: 'client' }]);
    expect(
      zeek(
        [
          [0, false, 'SA', 500, 101],
          [0.1, false, 'R', 501, 0],
        ],
        [40000, 80],
      )[0]!.verdict,
    ).toBe('RSTRH');
  });

  it('no handshake at all: established from both sides is OTH (not S1); a FIN each way makes it SF; one FIN, SH or SHR', () => {
    const mid = open.slice(3);
    expect(zeek(mid)[0]!.verdict).toBe('OTH');
    expect(zeek([...mid, ...close])[0]!.verdict).toBe('SF');
    expect(zeek([...mid, close[0]!])[0]).toEqual({ verdict: 'SH', history: 'DaF', originator: 'client' });
  });

  it('a SYN and a FIN, no answer: SH; a SYN and a reset: RSTOS0; a SYN answered by a reset: REJ', () => {
    expect(
      zeek([
        [0, true, 'S', 100, 0],
        [1, true, 'F', 101, 0],
      ])[0]!.verdict,
    ).toBe('SH');
    expect(
      zeek([
        [0, true, 'S', 100, 0],
        [1, true, 'R', 101, 0],
      ])[0],
    ).toEqual({ verdict: 'RSTOS0', history: 'SR', originator: 'client' });
    expect(
      zeek([
        [0, true, 'S', 100, 0],
        [0.01, false, 'RA', 0, 101],
      ])[0],
    ).toEqual({ verdict: 'REJ', history: 'Sr', originator: 'client' });
  });

  it('letters repeat: s, h, f and r for a new sequence number; t and w at the 1st, 10th, 100th time', () => {
    // The client sends its 10 bytes again ten times; the server then advertises a zero window ten times.
    const resends: Parameters<typeof segs>[0] = Array.from({ length: 10 }, (_, i) => [0.05 + i * 0.01, true, 'PA', 101, 501, 10]);
    const zero: Parameters<typeof segs>[0] = Array.from({ length: 10 }, (_, i) => [0.2 + i * 0.01, false, 'A', 501, 111, 0, 0]);
    expect(zeek([...open, ...resends, ...zero])[0]!.history).toBe('ShADaTTww');
    expect(zeek([...open, ...resends.slice(0, 9)])[0]!.history).toBe('ShADaT');
    // A SYN sent again with another sequence number is a new s; the same one again is not.
    expect(
      zeek([
        [0, true, 'S', 100, 0],
        [1, true, 'S', 100, 0],
      ])[0]!.history,
    ).toBe('S');
  });

  it('the same four-tuple opened again after a close is a new connection; a SYN resent within the attempt stays in it', () => {
    const again = [...open, ...close, [10, true, 'S', 9000, 0], [10.01, false, 'SA', 7000, 9001], [10.02, true, 'A', 9001, 7001]] as Parameters<typeof segs>[0];
    expect(zeek(again).map((c) => [c.verdict, c.history])).toEqual([
      ['SF', 'ShADaFf'],
      ['S1', 'ShA'],
    ]);
    const retried = [
      [0, true, 'S', 100, 0],
      [1, true, 'S', 100, 0],
      [3, true, 'S', 100, 0],
      [7, true, 'S', 100, 0],
      [7.01, false, 'SA', 500, 101],
    ] as Parameters<typeof segs>[0];
    expect(zeek(retried).map((c) => [c.verdict, c.history])).toEqual([['S1', 'Sh']]);
  });

  it('after 5 minutes of silence Zeek has forgotten an established connection: what comes next is a new one, without a handshake', () => {
    const later = [...open, [400, true, 'PA', 111, 501, 10]] as Parameters<typeof segs>[0];
    expect(zeek(later).map((c) => [c.verdict, c.history])).toEqual([
      ['S1', 'ShADa'],
      ['OTH', 'D'],
    ]);
    // SSH's port (like FTP's, telnet's, rlogin's) may sit silent for an hour.
    expect(zeek(later, [40000, 22]).map((c) => [c.verdict, c.history])).toEqual([['S1', 'ShADa']]);
  });
});

describe('the history letters spelled out', () => {
  it('tells who did what, and how many a repeated scaled letter stands for', () => {
    expect(readHistory('^hADTTf').map((s) => [s.letter, s.kind, s.by, s.atLeast])).toEqual([
      ['^', 'flipped', null, undefined],
      ['h', 'syn-ack', 'responder', undefined],
      ['A', 'ack', 'originator', undefined],
      ['D', 'data', 'originator', undefined],
      ['T', 'retransmission', 'originator', 1],
      ['T', 'retransmission', 'originator', 10],
      ['f', 'fin', 'responder', undefined],
    ]);
  });

  it('in words, in English and Korean, with each letter put to the client or the server', () => {
    // Zeek's originator here is the server (it saw the SYN+ACK alone): its letters are the upper-case ones.
    expect(historyTitle(en, 'HTTr', 'server').split('\n')).toEqual([
      en.history.legend,
      'H = server SYN+ACK',
      'T = server bytes sent again',
      'T = server bytes sent again (10 times or more)',
      'r = client reset',
    ]);
    expect(historyTitle(ko, '^hA', 'client').split('\n')).toEqual([
      ko.history.legend,
      '^ = Zeek이 연결 방향을 뒤집음(처음 본 패킷이 연결을 연 쪽의 것이 아님)',
      'h = 서버 SYN+ACK',
      'A = 클라이언트 순수 ACK',
    ]);
  });
});
