/** Captures built in tests, for what no small public capture shows. */

/** A pcap of frames of one link type (Ethernet unless said), each at its own time in seconds (a millisecond apart unless said). */
export function pcapOf(frames: readonly { bytes: Uint8Array; t?: number }[], link = 1): Uint8Array {
  const parts: Uint8Array[] = [];
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4);
  header.setUint16(4, 2);
  header.setUint16(6, 4);
  header.setUint32(16, 65535);
  header.setUint32(20, link);
  parts.push(new Uint8Array(header.buffer));
  frames.forEach((f, i) => {
    const r = new DataView(new ArrayBuffer(16));
    const t = f.t ?? i / 1000;
    r.setUint32(0, Math.floor(t));
    r.setUint32(4, Math.round((t % 1) * 1e6));
    r.setUint32(8, f.bytes.length);
    r.setUint32(12, f.bytes.length);
    parts.push(new Uint8Array(r.buffer), f.bytes);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A TCP segment: ports 40000 to 80, sequence 1000, flags, then `payload` bytes. */
export function tcpSegment(flags: number, payload: number): Uint8Array {
  const s = new Uint8Array(20 + payload);
  const v = new DataView(s.buffer);
  v.setUint16(0, 40000);
  v.setUint16(2, 80);
  v.setUint32(4, 1000);
  v.setUint32(8, 0);
  s[12] = 5 << 4;
  s[13] = flags;
  v.setUint16(14, 65535);
  for (let i = 0; i < payload; i++) s[20 + i] = i & 0xff;
  return s;
}
