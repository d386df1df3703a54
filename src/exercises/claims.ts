/**
 * Claims about TCP that students make, each answered by a lesson's run: what the run shows decides
 * whether the claim holds, and the numbers its evidence says (when a side entered a state, when it
 * left, what a segment carried). The misconceptions (CLOSE-WAIT is the kernel closing, TIME-WAIT
 * lasts for ever, FIN and RST end a connection alike, ...) are claims the runs refute; the others
 * are claims they bear out. Nothing here is a key written by hand: change a lesson or a timer and
 * the evidence changes with it, or the claim is no longer asked (`read` gives null).
 */
import type { ClaimId } from '../i18n/exerciseStrings';
import type { Reference } from '../model/cause';
import { SYN } from '../model/segment';
import { seqSpan, toSeq } from '../model/seq';
import type { EndpointId, TcpState } from '../model/types';
import type { Transition } from '../model/world';
import type { Frame } from '../player/frame';
import type { Scenario } from '../scenarios/catalog';

/** What a lesson's run shows of a claim: whether it holds, and the numbers its evidence says (seconds, or sequence numbers). */
export interface Reading {
  readonly holds: boolean;
  readonly facts: readonly number[];
}

/** Claims that answer each other (one the other's negation, near enough): never offered in one question, where one would give the other away. */
export const OPPOSED: readonly (readonly [ClaimId, ClaimId])[] = [
  ['first-closer-time-wait', 'second-closer-time-wait'],
  ['close-wait-kernel', 'close-wait-ends-on-close'],
];

export interface Claim {
  readonly id: ClaimId;
  /**
   * What its words (the statement's evidence) are written for: a misconception the run refutes
   * (false) or a claim it bears out (true). A claim whose run reads otherwise is not asked, and
   * the tests say so; the answer is always the run's reading.
   */
  readonly wordedAs: boolean;
  /** The lesson whose run answers it (the stage shows it). */
  readonly lesson: Scenario['id'];
  readonly reference: Reference;
  /** Read the lessons' runs; null where they do not show what the claim is about. */
  readonly read: (run: (lesson: Scenario['id']) => Frame) => Reading | null;
}

const s = (ms: number): number => Math.round(ms / 100) / 10;
const into = (f: Frame, e: EndpointId, state: TcpState): Transition | undefined => f.transitions.find((x) => x.endpoint === e && x.to === state);
const outOf = (f: Frame, e: EndpointId, state: TcpState): Transition | undefined => f.transitions.find((x) => x.endpoint === e && x.from === state);
const visits = (f: Frame, e: EndpointId, state: TcpState): boolean => into(f, e, state) !== undefined;
/** When the run's last event happened: a change of state or a segment's arrival. */
const lastEvent = (f: Frame): number => Math.max(0, ...f.transitions.map((x) => x.t), ...f.wire.map((w) => (w.delivered ? w.arrivesAt : w.sentAt)));
/** Who called close() first. */
const firstCloser = (f: Frame): EndpointId | undefined => f.transitions.find((x) => x.cause.kind === 'call' && x.cause.call === 'close')?.endpoint;

export const CLAIMS: readonly Claim[] = [
  {
    id: 'close-wait-kernel',
    wordedAs: false,
    lesson: 'close-wait-hang',
    reference: { rfc: '3.10.4' },
    read: (run) => {
      const f = run('close-wait-hang');
      const entered = into(f, 'server', 'CLOSE-WAIT');
      if (!entered) return null;
      return { holds: outOf(f, 'server', 'CLOSE-WAIT') !== undefined, facts: [s(entered.t), s(lastEvent(f))] };
    },
  },
  {
    id: 'time-wait-forever',
    wordedAs: false,
    lesson: 'four-way-close',
    reference: { rfc: '3.10.8' },
    read: (run) => {
      const f = run('four-way-close');
      const [entered, left] = [into(f, 'client', 'TIME-WAIT'), outOf(f, 'client', 'TIME-WAIT')];
      if (!entered) return null;
      return { holds: left === undefined, facts: left ? [s(entered.t), s(left.t), s(left.t - entered.t)] : [s(entered.t)] };
    },
  },
  {
    id: 'fin-rst-same',
    wordedAs: false,
    lesson: 'abort-rst',
    reference: { rfc: '3.10.5' },
    read: (run) => {
      const [rst, fin] = [run('abort-rst'), run('four-way-close')];
      const aborted = rst.transitions.find((x) => x.cause.kind === 'call' && x.cause.call === 'abort');
      const closed = into(rst, 'server', 'CLOSED');
      if (!aborted || !closed) return null;
      const lingers = (f: Frame) =>
        (['client', 'server'] as const).some((e) => (['FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'LAST-ACK'] as const).some((st) => visits(f, e, st)));
      return { holds: lingers(rst) === lingers(fin), facts: [s(aborted.t), s(closed.t)] };
    },
  },
  {
    id: 'listen-sends',
    wordedAs: false,
    lesson: 'three-way-handshake',
    reference: { rfc: '3.10.1' },
    read: (run) => {
      const f = run('three-way-handshake');
      const listen = into(f, 'server', 'LISTEN');
      const first = f.wire[0];
      if (!listen || !first) return null;
      return { holds: first.from === 'server', facts: [s(listen.t), s(first.sentAt)] };
    },
  },
  {
    id: 'second-closer-time-wait',
    wordedAs: false,
    lesson: 'four-way-close',
    reference: { rfc: '3.6' },
    read: (run) => {
      const f = run('four-way-close');
      const first = firstCloser(f);
      if (!first) return null;
      const second: EndpointId = first === 'client' ? 'server' : 'client';
      const done = outOf(f, second, 'LAST-ACK');
      if (!done) return null;
      return { holds: visits(f, second, 'TIME-WAIT'), facts: [s(done.t)] };
    },
  },
  {
    id: 'ack-uses-seq',
    wordedAs: false,
    lesson: 'four-way-close',
    reference: { rfc: '3.10.7.4' },
    read: (run) => {
      const f = run('four-way-close');
      // The client's bare ACK (no data, no SYN, no FIN), and the next segment it sent.
      const i = f.wire.findIndex((w) => w.from === 'client' && w.segment.len === 0 && w.segment.flags === 0x10);
      const ack = f.wire[i];
      const next = f.wire.slice(i + 1).find((w) => w.from === 'client');
      const isn = f.wire.find((w) => w.from === 'client' && (w.segment.flags & SYN) !== 0)?.segment.seq;
      if (!ack || !next || isn === undefined) return null;
      const rel = (seq: number) => seqSpan(toSeq(isn), toSeq(seq));
      return { holds: next.segment.seq !== ack.segment.seq, facts: [s(ack.sentAt), rel(ack.segment.seq), s(next.sentAt), rel(next.segment.seq)] };
    },
  },
  {
    id: 'first-closer-time-wait',
    wordedAs: true,
    lesson: 'four-way-close',
    reference: { rfc: '3.6' },
    read: (run) => {
      const runs = [run('four-way-close'), run('server-closes-first')];
      const closers = runs.map(firstCloser);
      if (closers.some((c) => c === undefined) || closers[0] === closers[1]) return null;
      const holds = runs.every((f, i) => visits(f, closers[i]!, 'TIME-WAIT') && !visits(f, closers[i] === 'client' ? 'server' : 'client', 'TIME-WAIT'));
      return { holds, facts: [] };
    },
  },
  {
    id: 'fin-wait-2-timer',
    wordedAs: true,
    lesson: 'fin-wait-2-timeout',
    reference: { sysctl: 'net.ipv4.tcp_fin_timeout' },
    read: (run) => {
      const f = run('fin-wait-2-timeout');
      const [entered, left] = [into(f, 'client', 'FIN-WAIT-2'), outOf(f, 'client', 'FIN-WAIT-2')];
      if (!entered || !left) return null;
      return { holds: left.cause.kind === 'timer' && left.cause.timer === 'fin-wait-2', facts: [s(entered.t), s(left.t), s(left.t - entered.t)] };
    },
  },
  {
    id: 'syn-resent',
    wordedAs: true,
    lesson: 'syn-lost',
    reference: { rfc: '3.8.1', sysctl: 'net.ipv4.tcp_syn_retries' },
    read: (run) => {
      const f = run('syn-lost');
      const lost = f.wire.find((w) => (w.segment.flags & SYN) !== 0 && w.lost !== null);
      const again = f.wire.find((w) => w.retransmission && lost !== undefined && w.segment.seq === lost.segment.seq && w.from === lost.from);
      if (!lost) return null;
      return { holds: again !== undefined, facts: again ? [s(lost.sentAt), s(again.sentAt)] : [s(lost.sentAt)] };
    },
  },
  {
    id: 'close-wait-ends-on-close',
    wordedAs: true,
    lesson: 'four-way-close',
    reference: { rfc: '3.10.4' },
    read: (run) => {
      const f = run('four-way-close');
      const [entered, left] = [into(f, 'server', 'CLOSE-WAIT'), outOf(f, 'server', 'CLOSE-WAIT')];
      if (!entered || !left) return null;
      return { holds: left.cause.kind === 'call' && left.cause.call === 'close', facts: [s(entered.t), s(left.t)] };
    },
  },
];
