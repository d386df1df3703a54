/**
 * Inference slips found on public captures (issue 24), each on the capture that showed it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xray } from '../../src/capture/anomalies';
import { connectionsOf } from '../../src/capture/connections';
import { captureEnd, readCapture } from '../../src/capture/read';

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
