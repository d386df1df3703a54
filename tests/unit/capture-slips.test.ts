/**
 * Inference slips found on public captures (issue 24), each on the capture that showed it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xray } from '../../src/capture/anomalies';
import { connectionsOf } from '../../src/capture/connections';
import { captureEnd, readCapture } from '../../src/capture/read';
import { linuxPcapCase } from '../linuxPcap';
import { readTcpdumpText } from '../../src/capture/tcpdumpText';

const zeek = (name: string) => {
  const capture = readCapture(new Uint8Array(readFileSync(new URL(`../fixtures/zeek-infer/${name}`, import.meta.url))));
  return { connections: connectionsOf(capture.segments), end: captureEnd(capture) };
};

describe('crossing FINs (Zeek’s smtp.pcap, client port 1470)', () => {
  it('both ends pass through CLOSING to TIME-WAIT: the server’s last ACK acknowledges the client’s FIN, so no FIN-WAIT-2 timed out', () => {
    const { connections, end } = zeek('smtp-1470.pcap');
    const x = xray(connections[0]!, { captureEnd: end });
    const states = (e: 'client' | 'server') => x.states[e].map((s) => s.state);
    expect(states('client')).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
    expect(states('server')).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
    expect(x.anomalies.filter((a) => a.kind === 'fin-wait-2-timeout' || a.kind === 'fin-unanswered' || a.kind === 'lost')).toEqual([]);
  });

  it('the server’s greeting, sent before the handshake’s ACK would reach it by the vantage estimate alone, is the model’s own: the ACK had arrived', () => {
    const { connections, end } = zeek('smtp-1470.pcap');
    const x = xray(connections[0]!, { captureEnd: end });
    expect(x.anomalies.filter((a) => a.kind === 'departs' && a.from === 'server')).toEqual([]);
  });
});

describe('crossing FINs whatever the vantage (our Linux simultaneous close)', () => {
  it('a FIN that the peer’s own FIN does not acknowledge had not arrived when the peer’s FIN left: CLOSING, not CLOSE-WAIT and LAST-ACK', () => {
    const { conn } = linuxPcapCase('simultaneous-close');
    // A vantage of 0 each way would have every segment arrive as it was captured.
    const x = xray(conn!, { vantage: { toClient: 0, toServer: 0 } });
    expect(x.states.client.map((s) => s.state)).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'CLOSING', 'TIME-WAIT']);
  });
});

describe('tcpdump text: a bare ACK sent after its sender’s FIN', () => {
  // The server's bytes are lost and sent again after its FIN; its last ACK (no sequence number printed) comes after.
  const text = [
    '10:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0',
    '10:00:00.010000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 64240, length 0',
    '10:00:00.020000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 502, length 0',
    '10:00:00.030000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:101, ack 1, win 502, length 100',
    '10:00:00.031000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 101, ack 1, win 502, length 0',
    '10:00:00.250000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:101, ack 1, win 502, length 100',
    '10:00:00.260000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 102, win 502, length 0',
    '10:00:00.270000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1, ack 102, win 502, length 0',
    '10:00:00.280000 IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 2, win 502, length 0',
  ].join('\n');

  it('is numbered after the FIN (a resend of earlier bytes does not move its side back), so the client leaves LAST-ACK', () => {
    const capture = readTcpdumpText(text);
    expect(capture.segments.at(-1)!.seq).toBe(5102);
    const [c] = connectionsOf(capture.segments);
    const x = xray(c!, { captureEnd: captureEnd(capture) });
    expect(x.states.client.map((s) => s.state).slice(-2)).toEqual(['LAST-ACK', 'CLOSED']);
  });

  it('a one-sided text: the first ACK, printed without its sequence number, sets its side’s base after the SYN', () => {
    const oneSided = readTcpdumpText(
      [
        '10:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0',
        '10:00:00.020000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 5001, win 502, length 0',
        '10:00:00.030000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 0:10, ack 1, win 502, length 10',
      ].join('\n'),
    );
    expect(oneSided.segments.map((s) => [s.seq, s.ack])).toEqual([
      [1000, 0],
      [1001, 5001],
      [1001, 5001],
    ]);
  });
});

describe('Windows’ 1-byte keep-alives (Zeek’s smb/smb3_multichannel.pcap, one connection)', () => {
  it('are the six frames tshark calls keep-alives, none a resend and none a departure', () => {
    const { connections, end } = zeek('smb3-keepalive.pcap');
    const x = xray(connections[0]!, { captureEnd: end });
    const frames = (kind: string) => x.anomalies.flatMap((a) => (a.kind === kind && 'frame' in a ? [a.frame] : []));
    // tshark -Y tcp.analysis.keep_alive: 91 93 95 97 99 101; tcp.analysis.retransmission: none.
    expect(frames('keep-alive')).toEqual([91, 93, 95, 97, 99, 101]);
    expect(frames('retransmission')).toEqual([]);
    expect(frames('departs')).toEqual([]);
  });
});

describe('"lost" only where the capture proves it', () => {
  it('FINs that cross (smtp.pcap cut before the last ACKs): the client’s FIN is unanswered, not lost, since the server’s FIN left before it could arrive', () => {
    const { connections } = zeek('smtp-1470.pcap');
    const [c] = connectionsOf(connections[0]!.segments.filter((s) => s.frame <= 55));
    const x = xray(c!);
    const fin = x.anomalies.find((a) => 'frame' in a && a.frame === 53);
    expect(fin).toMatchObject({ kind: 'fin-unanswered', lost: false });
    expect(x.anomalies.filter((a) => a.kind === 'lost')).toEqual([]);
  });

  it('a FIN the peer never acknowledged though it spoke long after (our Linux FIN-WAIT-1 case) is still proved lost', () => {
    const { conn } = linuxPcapCase('fin-wait-1-timeout');
    const x = xray(conn!);
    expect(x.anomalies.find((a) => a.kind === 'fin-unanswered' || a.kind === 'lost')).toMatchObject({ lost: true });
  });
});

describe('a reset answers the segment its numbers answer', () => {
  it('bytes then a FIN reach a socket its application closed: the reset (its sequence number their ACK number) answers the bytes, the first to find it closed, not the FIN', () => {
    // Our Linux data-after-close capture with the server's FIN sent right behind its bytes.
    const { conn } = linuxPcapCase('data-after-close');
    const segs = conn!.segments;
    const data = segs.findIndex((s) => !s.fromClient && s.len > 0);
    const d = segs[data]!;
    const fin = { ...d, frame: d.frame + 1, t: d.t + 0.000_01, flags: 0x11, seq: (d.seq + d.len) >>> 0, len: 0 };
    const rst = { ...segs[data + 1]!, frame: d.frame + 2, t: d.t + 0.000_02 };
    const [c] = connectionsOf([...segs.slice(0, data + 1), fin, rst]);
    const reset = xray(c!).anomalies.find((a) => a.kind === 'reset');
    expect(reset).toMatchObject({ kind: 'reset', frame: d.frame + 2, answers: d.frame });
  });
});

describe('the vantage estimate', () => {
  it('takes the way to the client only from the client’s answer to the SYN+ACK within a plausible round trip: not from a keep-alive a second later when the handshake’s ACK is missing', () => {
    // Our Linux keepalive-dead capture without its handshake ACK: the client's next word is a keep-alive 1.03 s later.
    const { conn } = linuxPcapCase('keepalive-dead');
    const [c] = connectionsOf(conn!.segments.filter((s) => s.frame !== 3));
    const x = xray(c!);
    expect(x.replay.vantage.from).toBe('handshake');
    expect(x.replay.vantage.toClient).toBe(0);
    expect(x.replay.vantage.toServer).toBeLessThan(0.001);
    // With the ACK, the way is timed from it (loopback: microseconds).
    expect(xray(conn!).replay.vantage.toClient).toBeLessThan(0.001);
  });
});

describe('the capture point’s own reordering (Zeek’s tcp/handshake-reorder.pcap)', () => {
  it('a SYN captured after its SYN+ACK is the opening, not a resend; an ACK captured a little sooner than the estimate allows still answers the FIN', () => {
    const { connections, end } = zeek('handshake-reorder.pcap');
    const x = xray(connections[0]!, { captureEnd: end });
    expect(x.states.client.map((s) => s.state)).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'TIME-WAIT']);
    expect(x.states.server.map((s) => s.state)).toEqual(['CLOSED', 'LISTEN', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    expect(x.anomalies.map((a) => a.kind)).toEqual(['time-wait-beyond']);
  });
});
