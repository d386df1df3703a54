/**
 * What the capture X-ray finds abnormal (src/capture/anomalies.ts), on real Linux captures of the
 * post's cases: the resends are the ones tshark's own TCP analysis flags, and each case's
 * trouble is named in the post's terms.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { xray, type Anomaly } from '../../src/capture/anomalies';
import { LINUX_PCAP_DIR as dir, linuxPcapCase } from '../linuxPcap';
import { connectionsOf } from '../../src/capture/connections';
import { readCapture } from '../../src/capture/read';
import { buildPcap } from '../../src/model/pcap';
import { Simulation } from '../../src/model/simulation';
import { SCENARIOS } from '../../src/scenarios/catalog';

const CASES = ['abort', 'close-at-once', 'close-wait-hang', 'connection-refused', 'data-after-close', 'data', 'fin-wait-1-timeout', 'four-way-close'];
const MORE = ['half-close-no-timeout', 'segment-to-closed', 'syn-lost', 'time-wait-fin-again', 'zero-window', 'simultaneous-close', 'close-unread'];
// Issue 24's cases: keep-alives, a capture begun after the handshake, one direction only, FINs that cross.
const LATER = ['keepalive', 'keepalive-dead', 'late-capture', 'one-way-client', 'one-way-server', 'crossing-fins'];

function linux(id: string): readonly Anomaly[] {
  const { conn, config } = linuxPcapCase(id);
  return xray(conn!, { config }).anomalies;
}

const kinds = (as: readonly Anomaly[]) => as.map((a) => a.kind);

describe('anomalies in real Linux captures', () => {
  it.each([...CASES, ...MORE, ...LATER])('%s: the resends are the frames tshark flags as retransmissions', (id) => {
    const tshark = readFileSync(new URL(`${id}.retransmissions.txt`, dir), 'utf8')
      .trim()
      .split(' ')
      .filter(Boolean)
      .map(Number);
    const ours = linux(id).flatMap((a) => (a.kind === 'retransmission' ? [a.frame] : []));
    // tshark also calls a reset answering each resent FIN a retransmission of the first reset: those are resets here.
    const resets = linux(id).flatMap((a) => (a.kind === 'reset' ? [a.frame] : []));
    expect(ours).toEqual(tshark.filter((f) => !resets.includes(f)));
  });

  it('CLOSE-WAIT hang: the server sat in CLOSE-WAIT for 5 s, then the client (gone by its FIN-WAIT-2 timer) reset its late FIN', () => {
    const as = linux('close-wait-hang');
    expect(kinds(as)).toEqual(['close-wait', 'fin-wait-2-timeout', 'reset']);
    const cw = as[0] as Extract<Anomaly, { kind: 'close-wait' }>;
    expect([cw.endpoint, Math.round(cw.seconds), cw.ended]).toEqual(['server', 5, true]);
    expect(as[2]).toMatchObject({ from: 'client', reason: 'no-connection', answers: 6 });
  });

  it('FIN-WAIT-1 with no ACK: the FIN and its five resends are lost, and the client gives up', () => {
    const as = linux('fin-wait-1-timeout');
    expect(as[0]).toMatchObject({ kind: 'fin-unanswered', from: 'client', lost: true, frame: 4 });
    expect(as.filter((a) => a.kind === 'retransmission' && a.from === 'client').map((a) => (a as { copy: number }).copy)).toEqual([2, 3, 4, 5, 6]);
    expect(as.find((a) => a.kind === 'gave-up')).toMatchObject({ endpoint: 'client', state: 'FIN-WAIT-1' });
  });

  it('the orderly close leaves the client in TIME-WAIT past the capture’s end; nothing else stands out', () => {
    const as = linux('four-way-close');
    expect(kinds(as)).toEqual(['time-wait-beyond']);
    expect(as[0]).toMatchObject({ endpoint: 'client' });
  });

  it('a refused connection, an abort, and bytes for a closed socket are told apart by what the reset answered', () => {
    expect(linux('connection-refused').find((a) => a.kind === 'reset')).toMatchObject({ from: 'server', reason: 'no-connection', answers: 1 });
    expect(linux('abort').find((a) => a.kind === 'reset')).toMatchObject({ from: 'client', reason: 'abort' });
    expect(linux('data-after-close').find((a) => a.kind === 'reset')).toMatchObject({ from: 'client', reason: 'data-after-close', answers: 6 });
  });

  it('a simultaneous close: the client’s first FIN is lost, both FINs cross, and both ends are left in TIME-WAIT', () => {
    const as = linux('simultaneous-close');
    expect(as.filter((a) => a.kind === 'lost').map((a) => a.from)).toEqual(['client']);
    expect(
      as
        .filter((a) => a.kind === 'time-wait-beyond')
        .map((a) => (a as { endpoint: string }).endpoint)
        .sort(),
    ).toEqual(['client', 'server']);
  });

  it('a close with bytes unread: the server resets instead of sending a FIN', () => {
    expect(linux('close-unread').find((a) => a.kind === 'reset')).toMatchObject({ from: 'server', reason: 'abort' });
  });

  it('a lost SYN: the first copy and every resend are lost, none answered', () => {
    const as = linux('syn-lost');
    expect(as[0]).toMatchObject({ kind: 'lost', frame: 1 });
    expect(as.slice(1).every((a) => a.kind === 'retransmission' && a.lost)).toBe(true);
  });

  it('a reset lost on the way: the server goes on sending, and its bytes find the client gone', () => {
    const as = linux('segment-to-closed');
    expect(as.filter((a) => a.kind === 'departs')).toEqual([]);
    expect(as.filter((a) => a.kind === 'reset').map((a) => [a.from, (a as { reason: string }).reason, a.lost])).toEqual([
      ['client', 'abort', true],
      ['client', 'no-connection', false],
    ]);
  });
});

describe('a reset before the handshake is through', () => {
  it("Zeek's syn-then-ack-then-rst: an ACK of nothing the client sent is reset by the client still in SYN-SENT, not for want of a connection (RFC 9293 3.5.2)", () => {
    const capture = readCapture(new Uint8Array(readFileSync(new URL('../fixtures/zeek/tcp-syn-then-ack-then-rst.pcap', import.meta.url))));
    const [c] = connectionsOf(capture.segments);
    const x = xray(c!, {});
    expect(x.anomalies.filter((a) => a.kind === 'reset')).toMatchObject([{ from: 'client', reason: 'unacceptable-ack', answers: 2, frame: 3 }]);
    // Its reset changes nothing at the client: it still waits for the SYN+ACK.
    expect(x.states.client.at(-1)!.state).toBe('SYN-SENT');
  });
});

describe('anomalies in the lessons’ own pcaps', () => {
  const of = (id: string) => {
    const lesson = SCENARIOS.find((s) => s.id === id)!;
    const sim = new Simulation(lesson.script);
    sim.runToEnd();
    const [c] = connectionsOf(readCapture(buildPcap(sim)).segments);
    return xray(c!, { config: lesson.script.config, delay: sim.config.latencyMs / 1000 }).anomalies;
  };
  it('FIN-WAIT-2 timeout: the client leaves FIN-WAIT-2 by its timer', () => {
    expect(of('fin-wait-2-timeout').find((a) => a.kind === 'fin-wait-2-timeout')).toMatchObject({ endpoint: 'client' });
  });
  it('a capture that starts after the handshake says so, and an assumed opening brings both ends to ESTABLISHED before its first packet', () => {
    const lesson = SCENARIOS.find((s) => s.id === 'four-way-close')!;
    const sim = new Simulation(lesson.script);
    sim.runToEnd();
    const [c] = connectionsOf(readCapture(buildPcap(sim)).segments.slice(3));
    const x = xray(c!, { config: lesson.script.config, delay: sim.config.latencyMs / 1000 });
    expect(x.anomalies[0]).toMatchObject({ kind: 'mid-connection' });
    expect(x.states.client.map((s) => s.state)).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT']);
    expect(x.states.server.map((s) => s.state)).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
  });
});

describe('probes are not resends (issue 24)', () => {
  const frames = (as: readonly Anomaly[], kind: Anomaly['kind']) => as.flatMap((a) => (a.kind === kind && 'frame' in a ? [a.frame] : []));
  const tshark = (id: string, filter: string) =>
    execFileSync('tshark', ['-r', fileURLToPath(new URL(`${id}.pcap`, dir)), '-Y', filter, '-T', 'fields', '-e', 'frame.number'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  const hasTshark = (() => {
    try {
      execFileSync('tshark', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it('keep-alives (Linux’s, at snd.una - 1 with no byte) are the frames tshark calls keep-alives, and none is a resend; the answers keep both ends ESTABLISHED until the close', () => {
    const as = linux('keepalive');
    expect(frames(as, 'keep-alive')).toEqual([6, 8, 10]);
    expect(frames(as, 'retransmission')).toEqual([]);
    if (hasTshark) expect(frames(as, 'keep-alive')).toEqual(tshark('keepalive', 'tcp.analysis.keep_alive'));
  });

  it('unanswered keep-alives: the client gives up and resets; the reset is the application’s abort, not a resend', () => {
    const as = linux('keepalive-dead');
    expect(kinds(as)).toEqual(['keep-alive', 'keep-alive', 'keep-alive', 'reset']);
    if (hasTshark) expect(frames(as, 'keep-alive')).toEqual(tshark('keepalive-dead', 'tcp.analysis.keep_alive'));
  });

  it('Linux’s zero-window probes (a keep-alive’s shape, sent while the window is shut) are window probes, not resends', () => {
    const as = linux('zero-window');
    expect(frames(as, 'window-probe')).toEqual([16, 18, 19, 21]);
    expect(frames(as, 'retransmission')).toEqual([10]);
  });

  it('a Windows-style keep-alive carries one byte: told from a resend of that byte even when said twice', () => {
    const syn = { src: '10.0.0.1', dst: '10.0.0.2', sport: 50000, dport: 80, win: 1000, options: {}, truncated: false };
    const back = { ...syn, src: '10.0.0.2', dst: '10.0.0.1', sport: 80, dport: 50000 };
    const segs = [
      { ...syn, frame: 1, t: 0, flags: 0x02, seq: 100, ack: 0, len: 0 },
      { ...back, frame: 2, t: 0.01, flags: 0x12, seq: 900, ack: 101, len: 0 },
      { ...syn, frame: 3, t: 0.02, flags: 0x10, seq: 101, ack: 901, len: 0 },
      { ...syn, frame: 4, t: 0.03, flags: 0x18, seq: 101, ack: 901, len: 10 },
      { ...back, frame: 5, t: 0.04, flags: 0x10, seq: 901, ack: 111, len: 0 },
      { ...syn, frame: 6, t: 45, flags: 0x10, seq: 110, ack: 901, len: 1 },
      { ...back, frame: 7, t: 45.01, flags: 0x10, seq: 901, ack: 111, len: 0 },
      { ...syn, frame: 8, t: 90, flags: 0x10, seq: 110, ack: 901, len: 1 },
      { ...back, frame: 9, t: 90.01, flags: 0x10, seq: 901, ack: 111, len: 0 },
    ];
    const [c] = connectionsOf(segs);
    const as = xray(c!).anomalies;
    expect(frames(as, 'keep-alive')).toEqual([6, 8]);
    expect(frames(as, 'retransmission')).toEqual([]);
    expect(frames(as, 'departs')).toEqual([]);
  });
});
