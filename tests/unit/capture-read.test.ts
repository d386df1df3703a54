/**
 * The capture reader against tshark: each file in tests/fixtures/captures was written by Debian's
 * tcpdump or editcap (tools/captures/make-fixtures.sh), and beside it is what tshark reads in it.
 * The reader must find the same TCP segments with the same fields, in every format and link type;
 * and it must refuse what is not a capture, and survive any damage, with one clear line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectionsOf } from '../../src/capture/connections';
import { xray } from '../../src/capture/anomalies';
import { openCapture } from '../../src/capture/open';
import { CaptureError, CaptureReader, readCapture, type CapturedSegment } from '../../src/capture/read';
import { splitmix32 } from '../../src/model/rng';

const dir = new URL('../fixtures/captures/', import.meta.url);
const files = readdirSync(dir).filter((f) => /\.pcap(ng)?$/.test(f));
const load = (f: string) => new Uint8Array(readFileSync(new URL(f, dir)));

/** A segment as the tshark CSV has it: time, addresses, ports, flags, raw seq/ack, length, window, MSS, window scale. */
function asTshark(s: CapturedSegment): string {
  const v6 = s.src.includes(':');
  return [
    s.t.toFixed(6),
    v6 ? '' : s.src,
    v6 ? s.src : '',
    s.sport,
    v6 ? '' : s.dst,
    v6 ? s.dst : '',
    s.dport,
    `0x${s.flags.toString(16).padStart(4, '0')}`,
    s.seq,
    s.ack,
    s.len,
    s.win,
    s.options.mss ?? '',
    s.options.windowScale ?? '',
  ].join(',');
}

const fromTshark = (line: string) => {
  const cells = line.split(',');
  cells[0] = Number(cells[0]).toFixed(6);
  return cells.join(',');
};

describe('reading captures as tshark does', () => {
  it('has fixtures in every format and link type it claims', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'lo-ethernet.pcap',
        'lo-ethernet.pcapng',
        'lo-ethernet-ns.pcap',
        'lo-ethernet-snap60.pcap',
        'any-sll.pcap',
        'any-sll2.pcap',
        'any-sll2.pcapng',
      ]),
    );
  });

  it.each(files)('%s: the same TCP segments as tshark, field for field', (f) => {
    const capture = readCapture(load(f));
    // tshark lists a packet whose TCP header the snap length cut off by its ports alone; the reader skips it (no flags, no numbers).
    const lines = readFileSync(new URL(`${f}.tshark.csv`, dir), 'utf8')
      .trim()
      .split('\n');
    const expected = lines.filter((l) => l.split(',')[7] !== '').map(fromTshark);
    expect(capture.skipped).toBe(lines.length - expected.length);
    expect(capture.segments.map(asTshark)).toEqual(expected);
    expect(capture.format).toBe(f.endsWith('pcapng') ? 'pcapng' : 'pcap');
  });

  it('keeps the real length of a packet the snap length cut short, and says it was cut', () => {
    const cut = readCapture(load('lo-ethernet-snap60.pcap')).segments;
    const data = cut.find((s) => s.len === 300)!;
    expect(data.truncated).toBe(true);
  });

  it('reads the IPv6 half as well as the IPv4 half', () => {
    const segs = readCapture(load('lo-ethernet.pcap')).segments;
    expect(new Set(segs.map((s) => s.src))).toEqual(new Set(['127.0.0.1', '::1']));
  });
});

describe('refusing and surviving bad input', () => {
  it('says in one line that a file is not a capture', () => {
    for (const bad of [new Uint8Array(0), new TextEncoder().encode('hello, this is text'), new Uint8Array([0xa1, 0xb2, 0xc3])]) {
      expect(() => readCapture(bad)).toThrow(CaptureError);
      try {
        readCapture(bad);
      } catch (e) {
        expect((e as Error).message).toMatch(/^not a packet capture: [^\n]+$/);
      }
    }
  });

  it(
    'survives 3,000 damaged copies of every fixture (cut, flipped bytes, lengths set huge): a capture or a CaptureError, never a crash or a hang',
    { timeout: 30_000 },
    () => {
      const rand = splitmix32(13);
      let read = 0;
      let refused = 0;
      for (const f of files) {
        const good = load(f);
        for (let i = 0; i < 3000 / files.length; i++) {
          const bytes = good.slice(0, rand() % 3 === 0 ? rand() % good.length : good.length);
          const flips = 1 + (rand() % 8);
          for (let k = 0; k < flips && bytes.length > 0; k++) {
            const at = rand() % bytes.length;
            bytes[at] = rand() % 2 ? rand() & 0xff : 0xff;
          }
          try {
            const c = readCapture(bytes);
            expect(c.segments.length).toBeLessThanOrEqual(c.packets);
            // And what is read goes through the rest of the analysis without a crash.
            for (const conn of connectionsOf(c.segments)) xray(conn);
            read++;
          } catch (e) {
            expect(e).toBeInstanceOf(CaptureError);
            refused++;
          }
        }
      }
      expect(read + refused).toBeGreaterThan(2900);
      expect(read).toBeGreaterThan(0);
    },
  );

  it(
    'survives 2,000 damaged copies of tcpdump text (lines cut, swapped, numbers and flags changed): segments or a CaptureError, never a crash or a hang',
    { timeout: 30_000 },
    () => {
      const rand = splitmix32(29);
      const texts = readdirSync(new URL('../fixtures/linux-pcap/', import.meta.url))
        .filter((f) => f.endsWith('.tcpdump.txt'))
        .map((f) => readFileSync(new URL(`../fixtures/linux-pcap/${f}`, import.meta.url), 'utf8'));
      const junk = ['', '[', ']', ':', 'seq 4294967295:1', 'ack 99999999999', 'length -5', 'Flags [SFRPUEW.]', 'IP6', '>', ' win 0', '\u0000', 'seq 1:'];
      let read = 0;
      for (let i = 0; i < 2000; i++) {
        const lines = texts[i % texts.length]!.split('\n');
        for (let k = 0, n = 1 + (rand() % 6); k < n; k++) {
          const at = rand() % lines.length;
          const line = lines[at]!;
          const cut = rand() % (line.length + 1);
          lines[at] = rand() % 2 ? line.slice(0, cut) + junk[rand() % junk.length] + line.slice(cut) : line.replace(/\d+/, String(rand()));
          if (rand() % 4 === 0) lines.splice(rand() % lines.length, 0, lines[rand() % lines.length]!);
        }
        try {
          const c = openCapture(new TextEncoder().encode(lines.join('\n')));
          for (const conn of connectionsOf(c.segments)) xray(conn);
          read++;
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
        }
      }
      expect(read).toBeGreaterThan(1500);
    },
  );

  it('read a chunk at a time, as the page’s worker reads a file, every capture gives what it gives read whole', () => {
    const rand = splitmix32(41);
    for (const f of files) {
      const bytes = load(f);
      const whole = readCapture(bytes);
      for (const size of [1, 7, 64, 1 + (rand() % 5000), bytes.length]) {
        const reader = new CaptureReader();
        for (let off = 0; off < bytes.length; off += size) reader.push(bytes.slice(off, off + size));
        expect(reader.finish(), `${f} in chunks of ${size}`).toEqual(whole);
      }
      // Cut short anywhere, it says so, and keeps what came before.
      const cut = bytes.slice(0, 24 + (rand() % (bytes.length - 40)));
      const reader = new CaptureReader();
      reader.push(cut);
      const partial = reader.finish();
      expect(partial.segments).toEqual(whole.segments.slice(0, partial.segments.length));
    }
  });
});
