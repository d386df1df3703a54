/**
 * Inference slips found on public captures (issue 24), each on the capture that showed it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xray } from '../../src/capture/anomalies';
import { connectionsOf } from '../../src/capture/connections';
import { captureEnd, readCapture } from '../../src/capture/read';
import { linuxPcapCase } from '../linuxPcap';

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
