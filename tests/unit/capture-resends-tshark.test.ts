/**
 * Our resends are the frames tshark's TCP analysis flags as retransmissions
 * (`tshark -Y tcp.analysis.retransmission -T fields -e frame.number`, recorded beside each capture
 * as `<capture>.retransmissions.txt` by tshark 4.0.17), on small real captures from Zeek's and
 * tcpdump's own test suites: resends of exact copies, bytes sent again cut into other pieces (a
 * path whose MTU shrank), resends whose first copy the capture missed, fast and spurious ones; and
 * never a keep-alive or a segment that came out of order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { xray, type Anomaly } from '../../src/capture/anomalies';
import { connectionsOf } from '../../src/capture/connections';
import { resendKinds } from '../../src/capture/infer';
import { openCapture } from '../../src/capture/open';
import { captureEnd } from '../../src/capture/read';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const FOLDERS = ['zeek', 'zeek-infer', 'tcpdump', 'resends'];

/**
 * Where we knowingly differ from tshark (docs/capture-format.md says why): frames tshark flags that
 * we report otherwise, and frames we flag that tshark does not analyse.
 */
const KNOWN: Record<string, { readonly tsharkOnly?: readonly number[]; readonly oursOnly?: readonly number[]; readonly tsharkOnlyStarts?: true }> = {
  // The model's server is already CLOSED when it sends its FIN again (it took the client's late
  // bytes as reaching a closed socket): the frame is reported as `departs`, not as a resend.
  'resends/tls_ssl-v2.pcap': { tsharkOnly: [22] },
  // Each SYN's second copy is a frame shorter than its IP header says: tshark finds its TCP header
  // cut short and leaves it out of its analysis; we read the SYN from the IP header's length.
  'zeek/cisco-fabric-path.pcap': { oursOnly: [34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 62, 64] },
  // Its third frame comes 300.00001 s after the second: past Zeek's 5-minute inactivity timeout,
  // so it starts a connection of its own here (as in Zeek's conn.log), and is no resend in it.
  'resends/tcp_retransmit-timeout.pcapng': { tsharkOnly: [3], tsharkOnlyStarts: true },
};

function analyse(path: URL) {
  const capture = openCapture(readFileSync(path));
  const end = captureEnd(capture);
  return connectionsOf(capture.segments).map((c) => ({ c, anomalies: xray(c, { captureEnd: end }).anomalies }));
}

const resends = (all: ReturnType<typeof analyse>) =>
  all
    .flatMap((x) => x.anomalies)
    .filter((a): a is Extract<Anomaly, { kind: 'retransmission' }> => a.kind === 'retransmission')
    .sort((a, b) => a.frame! - b.frame!);

const cases = FOLDERS.flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, FIXTURES))
    .filter((name) => name.endsWith('.retransmissions.txt'))
    .map((name) => `${folder}/${name.replace(/\.retransmissions\.txt$/, '')}`),
).sort();

describe('resends are the frames tshark flags as retransmissions', () => {
  it('covers the captures with tshark’s flags recorded beside them, among them ones with resends of each kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    const flagged = cases.filter((c) => readFileSync(new URL(`${c}.retransmissions.txt`, FIXTURES), 'utf8').trim() !== '');
    expect(flagged.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)('%s', (name) => {
    const tshark = readFileSync(new URL(`${name}.retransmissions.txt`, FIXTURES), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(Number);
    const known = KNOWN[name] ?? {};
    const expected = [...tshark.filter((f) => !known.tsharkOnly?.includes(f)), ...(known.oursOnly ?? [])].sort((a, b) => a - b);
    const all = analyse(new URL(name, FIXTURES));
    expect(resends(all).map((a) => a.frame)).toEqual(expected);
    // What tshark flags and we do not is reported as something else, never left unsaid.
    for (const f of known.tsharkOnly ?? [])
      if (known.tsharkOnlyStarts) expect(all.some((x) => x.c.segments[0]!.frame === f)).toBe(true);
      else expect(all.flatMap((x) => x.anomalies).find((a) => 'frame' in a && a.frame === f)).toMatchObject({ kind: 'departs' });
  });
});

describe('what a resend is', () => {
  it('bytes sent again cut into smaller pieces (smtp.pcap: the path’s MTU shrank) are resends, the first copy of those bytes sent again', () => {
    const r = resends(analyse(new URL('zeek-infer/smtp-1470.pcap', FIXTURES)));
    expect(r.map((a) => [a.frame, a.from, a.copy])).toEqual([
      [30, 'client', 2],
      [31, 'client', 2],
      [33, 'client', 2],
      [34, 'client', 2],
    ]);
  });

  it('a FIN whose first copy the capture missed is a resend (fin_retransmission.pcap)', () => {
    const all = analyse(new URL('resends/tcp_fin_retransmission.pcap', FIXTURES));
    const r = resends(all);
    expect(r.map((a) => a.frame)).toEqual([2, 4]);
    expect(r[0]).toMatchObject({ flags: expect.stringContaining('FIN'), copy: 2 });
  });

  it('a fast retransmission (after the peer’s duplicate ACKs) and a spurious one (bytes already acknowledged) are resends, as tshark counts them', () => {
    expect(resends(analyse(new URL('resends/tcp_reassembly.pcap', FIXTURES))).map((a) => a.frame)).toEqual(expect.arrayContaining([8, 10, 12]));
    // vlan-collisions.pcap's frames 32-35 carry bytes the peer had acknowledged: tshark's spurious retransmissions.
    expect(resends(analyse(new URL('resends/vlan-collisions.pcap', FIXTURES))).map((a) => a.frame)).toEqual(expect.arrayContaining([32, 33, 34, 35]));
  });

  it('keep-alives are not resends (vlan-collisions.pcap: tshark’s keep-alives 26 27 36 37)', () => {
    const all = analyse(new URL('resends/vlan-collisions.pcap', FIXTURES));
    const frames = resends(all).map((a) => a.frame);
    for (const f of [26, 27, 36, 37]) expect(frames).not.toContain(f);
  });

  it('segments that came out of order (ctu-64702-888.pcap: the bytes before a FIN, captured after it, twice) are neither resends nor lost', () => {
    const all = analyse(new URL('resends/tcp_ctu-64702-888.pcap', FIXTURES));
    expect(resends(all).map((a) => a.frame)).toEqual([2, 6, 14]);
    const late = all.flatMap((x) => x.anomalies).filter((a) => 'frame' in a && (a.frame === 7 || a.frame === 8));
    expect(late.map((a) => a.kind)).not.toContain('retransmission');
    expect(late.map((a) => a.kind)).not.toContain('lost');
    expect(late.every((a) => 'lost' in a && a.lost === false)).toBe(true);
  });

  it('a segment that came out of order (soon after the highest, tshark’s window) is neither a resend nor lost', () => {
    // Made here: bytes 1-100 overtaken by 101-200 by a millisecond, within the first round trip of 10 ms.
    const seg = (frame: number, t: number, fromClient: boolean, flags: number, seq: number, ack: number, len: number) => ({
      frame,
      t,
      src: fromClient ? '10.0.0.1' : '10.0.0.2',
      dst: fromClient ? '10.0.0.2' : '10.0.0.1',
      sport: fromClient ? 40000 : 80,
      dport: fromClient ? 80 : 40000,
      flags,
      seq,
      ack,
      len,
      win: 1000,
      options: {},
      truncated: false,
      fromClient,
    });
    const segs = [
      seg(1, 0, true, 0x02, 1000, 0, 0),
      seg(2, 0.005, false, 0x12, 5000, 1001, 0),
      seg(3, 0.01, true, 0x10, 1001, 5001, 0),
      seg(4, 0.02, true, 0x18, 1101, 5001, 100),
      seg(5, 0.021, true, 0x18, 1001, 5001, 100),
      seg(6, 0.03, false, 0x10, 5001, 1201, 0),
    ];
    expect(resendKinds(segs)).toEqual([null, null, null, null, 'out-of-order', null]);
    const conn = connectionsOf(segs)[0]!;
    const anomalies = xray(conn).anomalies;
    expect(anomalies.filter((a) => 'frame' in a && a.frame === 5)).toEqual([]);
  });
});
