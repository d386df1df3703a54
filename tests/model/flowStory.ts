/**
 * What happened to flow control in a run, told in a few facts that a real Linux capture and the
 * engine's trace can both be read for: the window closing, the zero-window probes (their form,
 * how their waits grow, which drew an answer), the window opening when the application reads,
 * and every byte arriving. Segment-for-segment equality is not asked: Linux sizes its window
 * from its memory accounting (skb overhead), so it closes a few segments later than a buffer of
 * the same size would.
 */
import { peerOf, type EndpointId } from '../../src/model/types';

export interface StorySegment {
  t: number;
  from: EndpointId;
  flags: string;
  seq: number;
  ack: number | null;
  len: number;
  win: number;
}

/** Sequence numbers relative to each side's SYN, as the captures record them. */
export function relative(segments: readonly StorySegment[]): StorySegment[] {
  const isn: Partial<Record<EndpointId, number>> = {};
  for (const s of segments) if (s.flags.includes('SYN') && isn[s.from] === undefined) isn[s.from] = s.seq;
  return segments.map((s) => ({
    ...s,
    seq: (s.seq - (isn[s.from] ?? 0)) >>> 0,
    ack: s.ack === null ? null : (s.ack - (isn[peerOf(s.from)] ?? 0)) >>> 0,
  }));
}

export function flowStory(all: readonly StorySegment[], sender: EndpointId, bytes: number): string[] {
  const segs = relative(all);
  const facts: string[] = [];
  const receiver = peerOf(sender);
  // The window's right edge as the sender last heard it, and whether any data went past it.
  let edge = Infinity;
  let overran = false;
  let closedAt: number | null = null;
  const probes: { t: number; answered: boolean }[] = [];
  let updated = false;
  let resumed = false;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.from === receiver && s.ack !== null && !s.flags.includes('SYN')) {
      edge = s.ack + s.win;
      if (s.win === 0 && closedAt === null && s.ack > 1) {
        closedAt = s.t;
        facts.push('the window closes while the sender has more to send');
      }
      if (closedAt !== null && s.win > 0 && !updated && s.len === 0) {
        updated = true;
        facts.push('the receiver offers its window again in an ACK of its own, carrying no data');
      }
    }
    if (s.from !== sender) continue;
    if (s.len > 0 && s.seq + s.len > edge) overran = true;
    if (closedAt !== null && !updated) {
      const lastAck = [...segs.slice(0, i)].reverse().find((x) => x.from === receiver && x.ack !== null)!.ack!;
      const isProbe = s.len === 0 && s.flags === 'ACK' && s.seq === lastAck - 1;
      if (!isProbe) facts.push(`while the window is closed the sender sends something other than a probe: ${s.flags} ${s.seq} ${s.len}`);
      else {
        const next = segs[i + 1];
        probes.push({ t: s.t, answered: !!next && next.from === receiver && next.t - s.t < 50 });
      }
    }
    if (updated && !resumed && s.len > 0) {
      resumed = true;
      facts.push('the sender resumes at once');
    }
    if (s.flags.includes('FIN') && s.seq === bytes + 1) facts.push(`all ${bytes} bytes were sent before the FIN`);
  }
  facts.push(overran ? 'the sender sent beyond the window' : 'the sender never sent beyond the window');
  facts.push(`probes, each an ACK one below SND.UNA with no data: answered ${probes.map((p) => (p.answered ? 'yes' : 'no')).join(',')}`);
  const gaps = probes.slice(1).map((p, i) => p.t - probes[i]!.t);
  const doubling = gaps.every((g, i) => i === 0 || (g >= 1.7 * gaps[i - 1]! && g <= 2.3 * gaps[i - 1]!));
  facts.push(doubling ? 'each probe waits about twice as long as the one before' : `probe waits do not double: ${gaps.join(', ')}`);
  return facts;
}
