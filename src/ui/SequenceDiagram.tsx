import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { History, WireSegment } from '../model/history';
import { ACK, FIN, RST, SYN, formatFlags } from '../model/segment';
import type { Session } from '../player/session';
import type { Frame } from '../player/frame';
import type { Policy } from '../player/policy';
import type { Run } from '../player/run';
import { setText, useEventFrame, useSessionState } from './useSession';
import type { EndpointId, TcpState } from '../model/types';
import type { Strings } from '../i18n/strings';
import { FadeIn } from './FadeIn';
import { numbering } from './numbering';
import { stateFamily } from './stateFamily';
import { usePrefersReducedMotion } from './usePrefersReducedMotion';
import { stateWaits, type StateWait } from '../player/waits';
import {
  chooseFold,
  clipToBand,
  fitTimeScale,
  foldAnchor,
  foldScale,
  overlaps,
  placeChips,
  labelPlacer,
  textWidth,
  type Box,
  type FitOptions,
  type Fold,
  type Mark,
  type PlacedLabel,
  type TimeScale,
} from './diagramGeometry';

/** A lost or held segment stops halfway along its path. */
const LOST_AT = 0.5;

interface Props {
  session: Session;
  relative: boolean;
  t: Strings;
  /** Whether the reader may act on the wire (drop a segment in flight, deliver or drop a held one). */
  interactive?: boolean;
  /**
   * Size the box to the whole run instead of to the space the page gives it, up to this many
   * pixels (an embed: its height is fixed from the start, so the post below it never moves).
   */
  autoHeight?: number;
}

/** The drawing's sizes, read from the page's CSS (the type scale: larger in presentation mode). */
interface Metrics {
  width: number;
  box: number;
  label: number;
  chip: number;
}

/**
 * A segment's label: in full (seq=1001 ack=1 len=1000), or compact where the full one would not
 * fit between the lifelines (1001:2001 ack=1). `win`, the window it offers, is given when the run
 * is about the window (an application that reads only on read()); elsewhere it only says "the
 * whole buffer" again and again.
 */
function labelText(flags: string, n: { seq: number; ack: number | null; len: number }, compact: boolean, win: number | null): string {
  const ack = n.ack === null ? '' : ` ack=${n.ack}`;
  const window = win === null ? '' : ` win=${win}`;
  return compact
    ? `${flags} ${n.len ? `${n.seq}:${n.seq + n.len}` : `seq=${n.seq}`}${ack}${window}`
    : `${flags} seq=${n.seq}${ack}${n.len ? ` len=${n.len}` : ''}${window}`;
}

/** When a lost or held segment stops on its way (it is drawn stopped from then on). */
const stopOf = (w: WireSegment): number => w.droppedAt ?? w.sentAt + (w.arrivesAt - w.sentAt) * LOST_AT;
/** How far along its path a stopped segment stopped. */
const stopFraction = (w: WireSegment): number => (w.droppedAt === undefined ? LOST_AT : (w.droppedAt - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));
/** A segment whose drawing no longer changes with time: arrived, or stopped where it was lost or held. */
const settledAt = (w: WireSegment, now: number): boolean => (w.lost || w.held ? stopOf(w) <= now : w.delivered);

/** Which lost or held segments have stopped by `now`, as a key that changes only when one more has. */
function stoppedBy(wire: readonly WireSegment[], now: number): string {
  let key = '';
  for (const w of wire) if ((w.lost || w.held) && stopOf(w) <= now) key += `${w.id},`;
  return key;
}

/** Set an attribute only when its value changes: setting it again still invalidates the element's style. */
function setIfChanged(el: Element, name: string, value: string | number): void {
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** A state chip: where it stands, the state, and (a waiting state) what ends it. */
type Chip = Box & { state: TcpState; endpoint: EndpointId; at: number; note: string | null };

/** A chip's second line (what ends a waiting state) is this much smaller than its state's name (not on a projector: no text there is under 22 px). */
const noteSizeFor = (chipPx: number): number => (chipPx >= 20 ? 1 : 0.8);

/** Each segment's label, by its id: placed when first asked for (see labelPlacer), then always the same object. */
interface Labels {
  get(id: number): (PlacedLabel & { text: string }) | undefined;
}

/**
 * How many of a run's labels decide its scale (whether each finds a clear place): every lesson's
 * and a short capture's, all of them; a long capture's, its beginning, the rest placed as they are drawn.
 */
const DECIDING = 64;

/** Everything placed once per run: the scale, the lifelines, each label and each state chip. */
interface Layout {
  scale: TimeScale;
  X: Record<EndpointId, number>;
  height: number;
  labels: Labels;
  chips: Map<string, Chip>;
  /** Where each silence's words stand (by when it began). */
  gapLabels: Map<number, { x: number; anchor: 'start' | 'middle' | 'end' }>;
  lastT: number;
  /** The stretch folded away (a run too long for its box, once "now" is past the box's first screen). */
  fold: Fold | null;
  /** The chips' font size (smaller than the page's on a narrow drawing, so each fits outside its lifeline). */
  chipPx: number;
  /** The chips' second line, as a fraction of chipPx. */
  noteSize: number;
}

/** The states each endpoint entered and when; of several at one instant, the last is the one that lasted. */
function lastingStates(history: History): { endpoint: EndpointId; t: number; state: TcpState }[] {
  const states: { endpoint: EndpointId; t: number; state: TcpState }[] = [
    { endpoint: 'client', t: 0, state: 'CLOSED' },
    { endpoint: 'server', t: 0, state: 'CLOSED' },
    ...history.transitions.map((x) => ({ endpoint: x.endpoint, t: x.t, state: x.to })),
  ];
  const lastAt = new Map<string, number>();
  states.forEach((s, i) => lastAt.set(`${s.endpoint}@${s.t}`, i));
  return states.filter((s, i) => lastAt.get(`${s.endpoint}@${s.t}`) === i);
}

const chipKey = (s: { endpoint: EndpointId; t: number; state: TcpState }) => `${s.endpoint}${s.t}${s.state}`;

/** Where the lifelines stand: the middle of each endpoint's head above the drawing (see .stage-heads in base.css). */
export const lifelineFraction = (width: number): number => (width < 560 ? 0.25 : 0.18);

/** A run laid out at its legible scale, and how to lay it out again with a stretch folded away. */
interface Plan {
  /** The whole run, unfolded. */
  readonly whole: Layout;
  /** The run's instants, ascending (a fold's ends are chosen among them). */
  readonly points: readonly number[];
  /** The box the drawing is shown in. */
  readonly box: number;
  /** The first segment's arrival: the beginning a fold always keeps. */
  readonly keep: number;
  readonly bandPx: number;
  readonly margin: number;
  /** The drawn height just above now that is folded only when nothing earlier can be. */
  readonly recent: number;
  /** The fold grows in steps of this many pixels. */
  readonly quantum: number;
  /** Where the run's fold begins (see foldAnchor), or null if it never needs one. */
  readonly anchor: number | null;
  readonly folded: (from: number, to: number) => Layout;
}

/**
 * Lay out a whole run: its future is known (the run is computed to its end), so a label placed
 * now is never crossed by an arrow drawn later, and nothing moves as the run plays. A run too long
 * for its box at a legible scale is later folded (see chooseFold): `folded` lays it out again with
 * the middle folded into a band, its beginning kept where it was.
 */
export function layOut(
  whole: Drawn,
  m: Omit<Metrics, 'box'>,
  relative: boolean,
  t: Strings,
  autoHeight: number | undefined,
  waits: ReadonlyMap<string, StateWait>,
): (boxHeight: number) => Plan {
  const { history } = whole;
  const frac = lifelineFraction(m.width);
  const X = { client: Math.round(m.width * frac), server: Math.round(m.width * (1 - frac)) };
  const numbers = numbering(history.wire, relative);
  const room = X.server - X.client - 8;
  const windowed = whole.config.clientReads === 'when-called' || whole.config.serverReads === 'when-called';
  // On bare ACKs and on SYNs (the window each side starts with): a data label is long enough already.
  const winOf = (w: WireSegment) => (windowed && (w.segment.flags & ~(ACK | SYN)) === 0 ? w.segment.win : null);
  const full = (w: WireSegment) => labelText(formatFlags(w.segment.flags), numbers.get(w.id)!, false, winOf(w));
  const points = [...whole.instants, ...history.wire.filter((w) => w.lost || w.held).map(stopOf)];
  const lineH = Math.round(m.label * 1.3);
  // How tall a latency must be for labels to sit between arrows: a label as wide as most of the
  // space between the lifelines needs more height beside a sloping arrow (a phone).
  const widths = history.wire.map((w) => Math.min(room, textWidth(full(w), m.label) + 6)).sort((a, b) => a - b);
  const typical = widths[Math.floor(widths.length * 0.75)] ?? 0;
  const crowded = Math.min(0.8, typical / Math.max(1, X.server - X.client));
  const fit = {
    latencyMs: whole.config.latencyMs,
    top: Math.round(m.chip * 1.1),
    bottom: Math.round(m.chip * 0.8),
    gapPx: Math.round(m.label * 2.6),
    busy: history.wire.map((w) => [w.sentAt, w.lost || w.held ? stopOf(w) : w.arrivesAt] as const),
    minPxPerLatency: lineH * Math.max(1.5, 0.9 / (1 - crowded)),
    maxPxPerLatency: lineH * 5.5,
    // Faster than the scale's own floor (a capture on a loopback or a LAN): each instant gets a label's room.
    ...(whole.config.latencyMs < 15 ? { minStepPx: lineH * 1.6 } : {}),
  };
  // The full label if it fits between the lifelines, else the compact one (a phone).
  const fitting = (w: WireSegment): string => {
    const again = w.assumed ? ` (${t.inferred})` : w.retransmission ? ` (${t.retransmission})` : w.why.kind === 'window-probe' ? ` (${t.windowProbe})` : '';
    const long = full(w) + again;
    // Compact, a retransmission is told by its dashed arrow alone.
    if (textWidth(long, m.label) + 6 <= room) return long;
    // Compact, a window probe is named rather than numbered: its numbers only say "a byte you already have".
    if (w.why.kind === 'window-probe') return `${formatFlags(w.segment.flags)} (${t.windowProbe})`;
    return labelText(formatFlags(w.segment.flags), numbers.get(w.id)!, true, winOf(w));
  };
  const texts = history.wire.map((w) => ({
    id: w.id,
    text: fitting(w),
    end: w.lost || w.held ? stopFraction(w) : 1,
    w,
  }));
  const states = lastingStates(history);
  // A chip stands outside its lifeline, whole: on a narrow drawing its words are made smaller
  // (and its padding thinner) until the widest fits between the lifeline and the edge.
  const chipGap = m.width < 560 ? 4 : 6;
  const noteSize = noteSizeFor(m.chip);
  const chipPad = m.width < 560 ? 0.6 : 1;
  // A waiting state's chip says, on a second line, what ends it: its timer, or nothing.
  const noteOf = (s: { endpoint: EndpointId; t: number; state: TcpState }): string | null => {
    const w = waits.get(chipKey(s));
    return !w ? null : w.timerEnds === null ? t.noTimer : t.timerNote(((w.timerEnds - w.from) / 1000).toFixed(0));
  };
  const chipWidth = (s: { endpoint: EndpointId; t: number; state: TcpState }, px: number) =>
    Math.max(textWidth(s.state, px), textWidth(noteOf(s) ?? '', px * noteSize)) + chipPad * px;
  const widest = Math.max(1, ...states.map((s) => chipWidth(s, 1)));
  const chipPx = Math.max(8, Math.min(m.chip, Math.floor(((X.client - chipGap - 2) / widest) * 10) / 10));
  // A silence's words stand in a margin, where no arrow runs: the client's, or the server's if a
  // state chip is there (a chip stays at the moment its state was entered), else the middle.
  // No label is ever placed over them.
  const bandsOf = (scale: TimeScale, chips: ReadonlyMap<string, Box>) =>
    scale.gaps.map((g) => {
      const w = textWidth(t.compressed(g.ms), m.label);
      const y = g.y - lineH / 2;
      const places = [
        { x: X.client - 8, anchor: 'end' as const, box: { x: X.client - 8 - w, y, w, h: lineH } },
        { x: X.server + 8, anchor: 'start' as const, box: { x: X.server + 8, y, w, h: lineH } },
        { x: m.width / 2, anchor: 'middle' as const, box: { x: (m.width - w) / 2, y, w, h: lineH } },
      ];
      const free = places.find((p) => ![...chips.values()].some((c) => overlaps(c, p.box))) ?? places[2]!;
      return { from: g.from, ...free };
    });
  // State chips beside their lifelines, at a given scale. Inside a fold, only the state each
  // endpoint is in when the fold ends is drawn, where it ends.
  const chipsAt = (y: (t: number) => number, fold: Fold | null, obstacles: readonly Box[]) => {
    const chips = new Map<string, Chip>();
    for (const endpoint of ['client', 'server'] as const) {
      const all = states.filter((s) => s.endpoint === endpoint);
      let mine: ((typeof all)[number] & { at: number })[] = fold
        ? all.flatMap((s, i) => {
            if (s.t <= fold.from || s.t >= fold.to) return [{ ...s, at: s.t }];
            const next = all[i + 1];
            return next && next.t < fold.to ? [] : [{ ...s, at: fold.to }];
          })
        : all.map((s) => ({ ...s, at: s.t }));
      // A chip entered where the fold begins stands above its band, whole; one entered inside it, below.
      const chipH = (s: (typeof mine)[number]) => Math.round(chipPx * (noteOf(s) ? 1.5 + noteSize * 1.25 : 1.5));
      const centre = (s: (typeof mine)[number]) => (fold && s.t <= fold.from ? Math.min(y(s.at), fold.y - chipH(s) / 2 - 1) : y(s.at));
      const placed = () =>
        placeChips(
          mine.map((s) => ({ key: chipKey(s), y: centre(s), w: chipWidth(s, chipPx), h: chipH(s) })),
          endpoint === 'client' ? 'left' : 'right',
          X[endpoint],
          m.width,
          obstacles,
          chipGap,
        );
      let boxes = placed();
      // A state entered where the fold begins and left inside it, with no room above the band: not
      // drawn below it (it would read as coming after the fold and push every later chip down).
      if (fold) {
        const left = (s: (typeof mine)[number]) => all.some((n) => n.t > s.t && n.t < fold.to);
        const out = mine.filter((s) => s.t <= fold.from && boxes.get(chipKey(s))!.y >= fold.y && left(s));
        if (out.length) {
          mine = mine.filter((s) => !out.includes(s));
          boxes = placed();
        }
      }
      for (const s of mine) chips.set(chipKey(s), { ...boxes.get(chipKey(s))!, state: s.state, endpoint, at: centre(s), note: noteOf(s) });
    }
    return chips;
  };
  // Labels beside their arrows, at a given scale: placed where no arrow and no other label is,
  // between the lifelines, or (`wide`, when that is too tight) anywhere no state chip is.
  // Segments wholly inside a fold are not drawn.
  const place = (scale: TimeScale, wide: boolean, fold: Fold | null, decide = true) => {
    const y = scale.y;
    const band = fold ? [{ x: 0, y: fold.y, w: m.width, h: fold.bandPx }] : [];
    const chips = chipsAt(y, fold, band);
    const gapLabels = bandsOf(scale, chips);
    const bands = [...gapLabels.map((g) => g.box), ...band];
    const shown = fold ? texts.filter(({ w }) => !(w.sentAt >= fold.from && (w.lost || w.held ? stopOf(w) : w.arrivesAt) <= fold.to)) : texts;
    const inputs = shown.flatMap(({ id, text, end, w }) => {
      const x1 = X[w.from];
      const y1 = y(w.sentAt);
      // An arrow that begins or ends inside the fold is drawn from or to the band's edge: its label goes beside what is drawn.
      const drawn = clipToBand(x1, y1, x1 + (X[w.to] - x1) * end, y1 + (arrivalY(w, y, lineH) - y1) * end, bandOf(fold));
      if (!drawn) return [];
      return [{ id, text, x1: drawn[0], y1: drawn[1], x2: drawn[2], y2: drawn[3], w: textWidth(text, m.label) + 6, h: lineH }];
    });
    const placer = wide
      ? // Not strict: a label across a lifeline is only worse, not unclear (strict, zero-window no longer fitted 1280x720; see BENCHMARKS.md).
        labelPlacer(inputs, [...bands, ...chips.values()], 2, m.width - 2, [X.client, X.server], false)
      : labelPlacer(inputs, bands, X.client + 4, X.server - 4);
    // Only the first DECIDING labels are placed now, and only until one finds no clear place; the rest when they are drawn.
    if (decide) placer.placeFirst(DECIDING, true);
    return { scale, wide, chips, gapLabels, inputs, placer, clear: placer.clear };
  };
  // An embed sizes its box to the run, drawn a little roomier than the tightest it may be.
  const natural = autoHeight ? fitTimeScale(points, { ...fit, boxHeight: Infinity, maxPxPerLatency: lineH * 3.6 }).height : 0;
  // The scale chosen for the last box, and every fitted scale the choice weighed: kept for a new box
  // at which each of those is kept (see TimeScale.keptAt: it would come out the same, or the run is
  // too long for either box), so that the box settling a few pixels taller or shorter chooses nothing again.
  let chosen: { best: ReturnType<typeof place>; weighed: TimeScale[] } | null = null;
  return (boxHeight) => {
    const box = autoHeight ? Math.min(autoHeight, natural) : boxHeight;
    if (!chosen || !chosen.weighed.every((s) => s.keptAt?.(box))) chosen = choose(box);
    return finish(chosen.best, box);
  };
  function choose(box: number) {
    const weighed: TimeScale[] = [];
    const fitted = (o: FitOptions): TimeScale => {
      const s = fitTimeScale(points, o);
      weighed.push(s);
      return s;
    };
    // The tightest scale that fits the box, with labels between the lifelines; if some label finds
    // no clear place there, the whole width; then roomier scales (a long run is then folded):
    // every label readable matters more than the whole run drawn at once.
    const tight = fitted({ ...fit, boxHeight: box });
    let best = place(tight, false, null);
    if (!best.clear) best = place(tight, true, null);
    for (const roomier of [1.15, 1.3, 1.5, 1.7, 2, 2.2]) {
      if (best.clear) break;
      const min = fit.minPxPerLatency * roomier;
      const next = fitted({ ...fit, boxHeight: box, minPxPerLatency: min, maxPxPerLatency: Math.max(min, fit.maxPxPerLatency) });
      if (next.pxPerMs > best.scale.pxPerMs) best = place(next, true, null);
    }
    // A run too long for its box is squeezed before it is folded: drawn tighter, as long as every
    // label still finds a clear place (the tightest legible scale), so that the fold (chooseFold)
    // hides as little as it must, or nothing.
    for (const tighter of [0.85, 0.7]) {
      if (!best.scale.overflows) break;
      const min = fit.minPxPerLatency * tighter;
      const next = place(fitted({ ...fit, boxHeight: box, minPxPerLatency: min, gapPx: Math.round(fit.gapPx * tighter) }), true, null);
      if (!next.clear) break;
      if (next.scale.height < best.scale.height) best = next;
    }
    return { best, weighed };
  }
  function finish(best: ReturnType<typeof place>, box: number): Plan {
    const lastT = Math.max(0, ...points);
    const toLayout = (b: ReturnType<typeof place>, fold: Fold | null): Layout => {
      const { scale, chips, gapLabels } = b;
      const texts = new Map(b.inputs.map((l) => [l.id, l.text]));
      const made = new Map<number, PlacedLabel & { text: string }>();
      const labels: Labels = {
        get: (id) => {
          const done = made.get(id);
          if (done) return done;
          const p = b.placer.get(id);
          if (!p) return undefined;
          const label = { ...p, text: texts.get(id)! };
          made.set(id, label);
          return label;
        },
      };
      const chipBottom = Math.max(0, ...[...chips.values()].map((c) => c.y + c.h + 4));
      return {
        scale,
        X,
        height: Math.max(box, scale.height, chipBottom),
        labels,
        chips,
        gapLabels: new Map(gapLabels.map((g) => [g.from, { x: g.x, anchor: g.anchor }])),
        lastT,
        fold,
        chipPx,
        noteSize,
      };
    };
    const first = history.wire[0];
    const bandPx = Math.round(lineH * 1.6);
    // What a fold would hide, weighed: a FIN (or a RST) is what a close is about, and so is what a
    // capture missed (inferred, drawn dotted); a bare ACK matters least; a state entered, a little.
    const marks: Mark[] = [
      ...history.wire.map((w) => ({
        from: w.sentAt,
        to: w.lost || w.held ? stopOf(w) : w.arrivesAt,
        weight: w.segment.flags & FIN || w.assumed ? 2 : w.segment.flags & RST ? 1.5 : w.segment.flags & SYN || w.segment.len > 0 ? 1 : 0.7,
      })),
      ...states.map((s) => ({ from: s.t, to: s.t, weight: noteOf(s) ? 1 : 0.5 })),
    ];
    const sorted = [...new Set(points)].sort((a, b) => a - b);
    const foldOptions = {
      box,
      keep: first ? (first.lost || first.held ? stopOf(first) : first.arrivesAt) : 0,
      bandPx,
      // Now may sit near the box's bottom: room for half a state chip entered now, no more.
      margin: Math.round(lineH * 0.9),
      recent: Math.round(Math.min(box * 0.25, lineH * 3)),
      quantum: Math.max(4, Math.round(lineH / 2)),
    };
    const unfolded = toLayout(best, null);
    // A chip pushed below the one before it reaches further down than now's room: the fold makes room for all of it.
    const below = states.flatMap((st) => {
      const c = unfolded.chips.get(chipKey(st));
      const drop = c ? c.y + c.h + 2 - best.scale.y(st.t) : 0;
      return drop > foldOptions.margin ? [{ t: st.t, drop }] : [];
    });
    const withBelow = { ...foldOptions, below };
    // Where the fold begins: weighed only once a fold is needed (now past the first screen).
    let anchor: number | null | undefined;
    return {
      whole: unfolded,
      points: sorted,
      ...withBelow,
      get anchor() {
        if (anchor === undefined) anchor = foldAnchor(best.scale, sorted, marks, withBelow);
        return anchor;
      },
      folded: (from, to) => {
        const scale = foldScale(best.scale, from, to, bandPx);
        return toLayout(place(scale, best.wide, scale.fold, false), scale.fold);
      },
    };
  }
}

/** A fold's band, as the drawn arrows are clipped to it. */
const bandOf = (fold: Fold | null): { top: number; bottom: number } | null => (fold ? { top: fold.y, bottom: fold.y + fold.bandPx } : null);

/** A packet's centre, kept so that the whole packet is between the lifelines. */
const inLane = (x: number, w: number, X: Record<EndpointId, number>): number => Math.min(Math.max(x, X.client + w / 2 + 3), X.server - w / 2 - 3);

/** Where a segment's arrow ends at `now`, and how it is drawn there. */
/**
 * Where a segment's arrow ends: where it arrived, or, for one a capture saw sent and received at
 * one instant (loopback), a little below where it left, so that it never lies flat on the arrow
 * that it answers (a refused SYN and its RST+ACK would be one line).
 */
const arrivalY = (w: WireSegment, y: (t: number) => number, lineH: number): number => (w.arrivesAt > w.sentAt ? y(w.arrivesAt) : y(w.sentAt) + lineH * 1.2);

function segmentAt(
  w: WireSegment,
  now: number,
  y: (t: number) => number,
  X: Record<EndpointId, number>,
  still: boolean,
  lineH: number,
  band: { top: number; bottom: number } | null,
) {
  const x0 = X[w.from];
  const x2 = X[w.to];
  const y0 = y(w.sentAt);
  const y2 = arrivalY(w, y, lineH);
  const progress = Math.min(1, (now - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));
  // A lost segment ends where it was lost; a held one waits at mid-wire.
  const stopped = w.lost || w.held;
  const shown = stopped ? Math.min(progress, stopFraction(w)) : still ? 1 : progress;
  const done = !stopped && progress >= 1;
  let xe = x0 + (x2 - x0) * shown;
  let ye = y0 + (y2 - y0) * shown;
  // Begun inside a fold: drawn from the band's lower edge (not across its words); still inside it, not drawn yet.
  const clipped = clipToBand(x0, y0, x2, y2, band);
  const [x1, y1] = clipped ?? [x0, y0];
  if (band && y1 > y0 && ye < y1) [xe, ye] = [x1, y1];
  // Ending inside a fold: drawn to the band's upper edge, with no arrowhead (it arrives out of sight).
  const cut = !!clipped && !!band && clipped[3] < y2 && ye > clipped[3];
  if (cut) [xe, ye] = [clipped[2], clipped[3]];
  return { x1, y1, xe, ye, cut, progress, done, opacity: still && !stopped && !done ? 0.25 + 0.75 * progress : 1 };
}

/**
 * The most segments the diagram draws. Past a few hundred a sequence diagram is a wall of arrows
 * that no one reads, and laying it out costs more than a frame; a longer run (a bulk send) is
 * drawn to its MAX_DRAWN-th segment, and the diagram says how many more there are.
 */
const MAX_DRAWN = 400;

/** What the diagram draws of a moment: its history and instants up to the drawn part's end. */
interface Drawn {
  readonly history: History;
  readonly instants: readonly number[];
  readonly config: Frame['config'];
  /** How many segments the run had by then, drawn or not. */
  readonly total: number;
}

const drawnCache = new WeakMap<History, Drawn>();

export function drawnPart(f: Frame): Drawn {
  const h = f.history;
  let d = drawnCache.get(h);
  if (!d) {
    if (h.wire.length <= MAX_DRAWN) d = { history: h, instants: f.instants, config: f.config, total: h.wire.length };
    else {
      const wire = h.wire.slice(0, MAX_DRAWN);
      const end = Math.max(...wire.map((w) => (w.lost || w.held ? stopOf(w) : w.arrivesAt)));
      const upTo = <T extends { t: number }>(xs: readonly T[]) => xs.filter((x) => x.t <= end);
      d = {
        history: {
          ...h,
          wire,
          transitions: upTo(h.transitions),
          calls: upTo(h.calls),
          reads: upTo(h.reads),
          errors: upTo(h.errors),
          ignored: upTo(h.ignored),
          network: upTo(h.network),
        },
        instants: f.instants.filter((x) => x <= end),
        config: f.config,
        total: h.wire.length,
      };
    }
    drawnCache.set(h, d);
  }
  return d;
}

/** One slice of working out the run's end: short enough that no frame waits on it. */
const SLICE_MS = 8;
/** While the end is being worked out, the drawing is laid out again at most this often. */
const REDRAW_MS = 400;

/** Runs whose end could not be worked out (the engine's event limit): laid out as far as they got. */
const failed = new WeakSet<Run>();

/** Work out more of the run's end for about SLICE_MS; true once there is no more to work out. */
function slice(run: Run): boolean {
  const deadline = performance.now() + SLICE_MS;
  try {
    while (performance.now() < deadline) if (run.extendToEnd(100) || run.endless) return true;
    return false;
  } catch {
    failed.add(run);
    return true;
  }
}

/**
 * The whole run, computed to its end (a lesson's script, or whatever free play has set going) a
 * slice at a time, between frames, so a long run never freezes the page. A short run (every
 * lesson) ends within the first slice and is laid out whole at once; a long one is laid out as
 * far as it has got, with its progress and a way to stop, and redrawn now and then as it grows.
 */
function useWholeRun(run: Run, policy: Policy): { whole: Drawn; working: boolean; reached: number; stop: () => void } {
  const [stopped, setStopped] = useState<Run | null>(null);
  const [shown, setShown] = useState(0);
  // The first slice, while the run is new.
  useMemo(() => slice(run), [run]);
  const working = !run.complete && !run.endless && !failed.has(run) && stopped !== run && !pastDrawn(run, policy);
  useEffect(() => {
    if (!working) return;
    let last = performance.now();
    let id = setTimeout(function go() {
      const done = slice(run) || pastDrawn(run, policy);
      if (done || performance.now() - last > REDRAW_MS) {
        last = performance.now();
        setShown(run.computed);
      }
      if (!done) id = setTimeout(go, 0);
    }, 0);
    return () => clearTimeout(id);
  }, [run, policy, working]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `shown` says when more of the run has been worked out
  const whole = useMemo(() => drawnPart(run.frameComputed(policy)), [run, policy, shown, working]);
  return { whole, working, reached: run.reached, stop: () => setStopped(run) };
}

/** Whether the run has been worked out past what the diagram draws (then there is no need to go on). */
const pastDrawn = (run: Run, policy: Policy): boolean => run.frameComputed(policy).history.wire.length > MAX_DRAWN;

/**
 * A packet that arrives while it has the keys is gone: the keys stay in the drawing (the next Tab
 * goes on from there), not back at the page's top. (Its blur is its own: a removed element's does
 * not reach React's listeners. A packet on its way is drawn on the layer above the drawing.)
 */
function keepKeys(g: SVGGElement | null) {
  const svg = g?.closest('.diagram-layers')?.querySelector('svg');
  g?.addEventListener('blur', () => setTimeout(() => !g.isConnected && document.activeElement === document.body && svg?.focus()));
}

/**
 * The sequence diagram. The whole run is laid out once (its future is computed), fitted to the
 * box, so the story from the first segment stays in view and nothing jumps as it plays. React
 * draws what has happened when something happens; between, as time passes, a few attributes of
 * what moves (the now line, the packets on their way, a silence still growing) are set straight on
 * the drawing from the session's frames, as raftscope moves its messages at
 * (now - sentAt) / (arrivesAt - sentAt). A frame in which only time passes renders no component.
 */
export function SequenceDiagram({ session, relative, t, interactive = false, autoHeight }: Props) {
  const frame = useEventFrame(session);
  const run = useSessionState(session, (s) => s.run);
  const policy = frame.policy;
  // The run's end: worked out again only when the run itself changes (a call or a fault forks it).
  const { whole, working, reached, stop } = useWholeRun(run, policy);
  // A far moment still being worked out (the session goes there a slice at a time).
  const catchingUp = useSessionState(session, (s) => s.catchingUp);
  const { history } = drawnPart(frame);
  // A lost segment reaching the place it was lost is a moment of the drawing too (its cross
  // appears): not an event of the run, so it is watched for here. It changes rarely.
  useSessionState(session, (s) => stoppedBy(drawnPart(s.frame).history.wire, s.frame.now));
  const still = usePrefersReducedMotion();
  const scroller = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const live = useRef<SVGSVGElement>(null);
  const nowRef = useRef<HTMLDivElement>(null);
  // The box's size, once measured (null until its first frame, where a ResizeObserver is).
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  useEffect(() => {
    const el = scroller.current;
    if (!el || !window.ResizeObserver) return;
    const observer = new ResizeObserver(([entry]) => {
      const style = getComputedStyle(el);
      const px = (name: string, fallback: number) => parseFloat(style.getPropertyValue(name)) || fallback;
      const next = {
        width: Math.max(240, Math.round(entry!.contentRect.width)),
        box: Math.max(120, Math.round(entry!.contentRect.height)),
        label: px('--diagram-label', 13),
        chip: px('--diagram-chip', 13),
      };
      setMetrics((m) => (JSON.stringify(m) === JSON.stringify(next) ? m : next));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  // An embed's box is sized from the run, so its height must not feed back into the layout.
  const m = { ...(metrics ?? { width: 640, box: 400, label: 13, chip: 13 }), ...(autoHeight ? { box: autoHeight } : {}) };
  // Until the box is measured (the stage's first frame; a guess where it cannot be), only what is
  // drawn now is laid out, not the run's future: laid out for a guessed box, a long run was laid out
  // twice, the first time for nothing, in the very task that put the stage on screen; it is not
  // shown (below). (An embed's box is sized from the run.)
  const measured = metrics || autoHeight || !window.ResizeObserver;
  const laid = measured ? whole : drawnPart(frame);
  // What ends each waiting state (its timer, or nothing): the player's answer, drawn on the lifeline and the chip.
  // Worked out again as more of the run is (`whole` grows).
  const waits = useMemo(
    () =>
      new Map(
        laid.history.transitions.length === 0
          ? []
          : stateWaits(run, policy).map((w) => [chipKey({ endpoint: w.endpoint, t: w.from, state: w.state }), w] as const),
      ),
    [run, policy, laid],
  );
  // Laid out for the box: the scale is chosen again only when the box's new size would change it.
  const planFor = useMemo(() => layOut(laid, m, relative, t, autoHeight, waits), [laid, m.width, m.label, m.chip, relative, t, autoHeight, waits]); // eslint-disable-line react-hooks/exhaustive-deps
  const plan = useMemo(() => planFor(m.box), [planFor, m.box]);
  // A run too long for its box is folded once "now" passes the box's first screen: its beginning
  // and now both stay in view, and the fold moves a page at a time (the drawing is still between).
  const foldKey = useSessionState(session, (s) => {
    const f = chooseFold(plan.whole.scale, plan.points, s.frame.now, plan);
    return f ? `${f.from}:${f.to}` : '';
  });
  // The fold the reader opened (a tap on its band): the whole run, to scroll in its box, until the fold changes.
  // (None at first: never the empty key of a drawing with no fold.)
  const [opened, setOpened] = useState<string>();
  const open = opened === foldKey;
  const layout = useMemo(() => {
    if (!foldKey || open) return plan.whole;
    const [from, to] = foldKey.split(':').map(Number);
    const folded = plan.folded(from!, to!);
    // A chip pushed further down on the folded drawing than on the whole one (one that stood just above
    // the band, pushed below it) must not be cut at the box's bottom: fold that much more.
    const at = folded.scale.y(session.getState().frame.now);
    const over = Math.max(0, ...[...folded.chips.values()].filter((c) => c.at <= at + 1).map((c) => c.y + c.h + 2 - plan.box));
    if (over <= 0) return folded;
    const more = chooseFold(plan.whole.scale, plan.points, session.getState().frame.now, { ...plan, box: plan.box - over - plan.quantum });
    return more ? plan.folded(more.from, more.to) : folded;
  }, [plan, foldKey, session, open]);
  // Opened, the box shows what the band held (a little above where it began: the key's first number); folded again, its top.
  // A box never opened is at its top already (folded, the drawing fits it): not set, for setting it
  // makes the browser lay the whole drawing out in the same task as the render (a long run's first draw, 40 ms).
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (open || wasOpen.current) scroller.current!.scrollTop = open ? plan.whole.scale.y(parseFloat(foldKey)) - m.label * 4 : 0;
    wasOpen.current = open;
  }, [open, foldKey, plan, m.label]);
  const { scale, X, height, labels, chips, gapLabels, lastT, fold, chipPx, noteSize } = layout;
  // An embed's box: sized from the whole run, unfolded, so it never changes as the run plays.
  const boxHeight = autoHeight ? Math.min(autoHeight, plan.whole.height) : undefined;
  const now = session.getState().frame.now;
  const doneGaps = scale.gaps.filter((g) => g.from + g.ms <= (frame.instants.at(-1) ?? 0));
  const drawnStates = new Set(lastingStates(history).map(chipKey));

  // Every frame: move what moves. Runs after each render too, and from the session's own
  // notifications in between, so it never waits for React.
  useLayoutEffect(() => {
    const root = live.current;
    if (!root) return;
    // The segments drawn, found in one pass (a segment's id is its place on the wire, from 1): a long
    // run's thousands of segments still to come are all unsettled at its start, and a selector for
    // each searched the drawing thousands of times.
    const moving = [...root.querySelectorAll<SVGGElement>('g[data-segment]')].flatMap((g) => {
      const w = history.wire[+g.dataset.segment! - 1];
      if (!w || settledAt(w, now)) return [];
      return [
        {
          w,
          g,
          line: g.querySelector('line')!,
          packet: g.querySelector<SVGGElement>('g.packet'),
          // A label with no clear place is not drawn at all.
          label: g.querySelector('text.segment-label'),
          along: labels.get(w.id)?.along ?? 0.5,
        },
      ];
    });
    const nowLine = nowRef.current!;
    // Under the chips and labels, as a silence already passed is: it never covers a timer's words.
    const gap = svg.current!.querySelector<SVGGElement>('g.gap.growing')!;
    const gapMs = Math.max(frame.config.latencyMs, 15) * 3;
    const draw = () => {
      const at = session.getState().frame.now;
      const nowY = scale.y(at);
      // Moved by a transform on a layer of its own: time passing alone lays out and paints nothing.
      const move = `translateY(${nowY.toFixed(1)}px)`;
      if (nowLine.style.transform !== move) nowLine.style.transform = move;
      // What is drawn so far (an export is cut there): the drawing is laid out for the whole run.
      setIfChanged(root, 'data-drawn-height', Math.min(height, Math.ceil((nowY + 2 * m.label) / 10) * 10));
      // A silence under way: the one the scale squeezed that now is inside, or the one after the run's end.
      const inGap =
        scale.gaps.find((g) => g.from < at && at < g.from + g.ms) ??
        (at - lastT > gapMs ? { y: scale.y(lastT) + (nowY - scale.y(lastT)) / 2, from: lastT, ms: 0 } : null);
      setIfChanged(gap, 'visibility', inGap ? 'visible' : 'hidden');
      if (inGap) {
        setIfChanged(gap, 'transform', `translate(0 ${Math.round(inGap.y)})`);
        const place = gapLabels.get(inGap.from) ?? { x: X.client - 8, anchor: 'end' };
        setIfChanged(gap.lastElementChild!, 'x', place.x);
        setIfChanged(gap.lastElementChild!, 'text-anchor', place.anchor);
        setText(gap.lastElementChild!, t.compressed(at - inGap.from));
      }
      for (const { w, line, packet, label, along } of moving) {
        const p = segmentAt(w, at, scale.y, X, still, Math.round(m.label * 1.3), bandOf(fold));
        setIfChanged(line, 'x2', p.xe);
        setIfChanged(line, 'y2', p.ye);
        setIfChanged(line, 'opacity', p.opacity);
        if (packet && !still) setIfChanged(packet, 'transform', `translate(${Math.round(inLane(p.xe, Number(packet.dataset.w), X))} ${Math.round(p.ye)})`);
        // A label shows once its arrow has reached it, never ahead of the arrow.
        const shown = still || p.progress >= along ? 'visible' : 'hidden';
        if (label) {
          setIfChanged(label, 'visibility', shown);
          setIfChanged(label.previousElementSibling!, 'visibility', shown);
        }
      }
    };
    draw();
    return session.subscribe(draw);
  }, [session, history, scale, fold, labels, gapLabels, lastT, X, still, t, now, height, frame.config.latencyMs, m.label]);

  const width = m.width;
  // One segment's marks: settled ones (arrived, or stopped where lost or held) keep the same props
  // from render to render, so they are not drawn again.
  const band = useMemo(() => bandOf(fold), [fold]);
  const mark = (w: WireSegment, done: boolean) => {
    const label = labels.get(w.id);
    return label ? (
      <SegmentMark
        key={w.id}
        w={w}
        now={done ? Infinity : now}
        y={scale.y}
        X={X}
        label={label}
        band={band}
        still={still}
        interactive={interactive}
        session={session}
        t={t}
      />
    ) : null;
  };
  return (
    <>
      {/* Above the drawing, never over it: a long run's progress, or how much of it is drawn. */}
      {!working && catchingUp === null && whole.total > MAX_DRAWN ? (
        <div className="diagram-status">
          <div role="note">{t.drawnOnly(MAX_DRAWN.toLocaleString(), ((whole.instants.at(-1) ?? 0) / 1000).toFixed(2))}</div>
        </div>
      ) : null}
      {catchingUp !== null ? (
        <div className="diagram-status">
          <div role="status">
            <span>{t.catchingUp((catchingUp / 1000).toFixed(1), (frame.now / 1000).toFixed(1))}</span>
            {/* Stay where it has got to. */}
            <button type="button" onClick={() => session.seek(session.getState().frame.now)}>
              {t.stopWorkingOut}
            </button>
          </div>
        </div>
      ) : working ? (
        <div className="diagram-status">
          <div role="status">
            <span>{t.workingOut((reached / 1000).toFixed(1))}</span>
            <button type="button" onClick={stop}>
              {t.stopWorkingOut}
            </button>
          </div>
        </div>
      ) : null}
      <div className={`diagram-scroll${open ? ' open' : ''}`} ref={scroller} style={boxHeight ? { height: boxHeight } : undefined}>
        {/* Unmeasured, the box shows nothing rather than a drawing at a guessed width that jumps a frame later. */}
        <div className="diagram-layers" style={{ width, height, visibility: measured ? undefined : 'hidden' }}>
          <svg
            ref={svg}
            className="sequence"
            viewBox={`0 0 ${width} ${height}`}
            width={width}
            height={height}
            role="group"
            tabIndex={-1}
            aria-label={t.sequenceDiagram}
            data-fits={String(!scale.overflows)}
          >
            <defs>
              {(['client', 'server'] as const).map((e) => (
                <marker key={e} id={`arrow-${e}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                  <path d="M0,0 L10,5 L0,10 z" className={`arrowhead from-${e}`} />
                </marker>
              ))}
            </defs>
            <Backdrop gaps={doneGaps} places={gapLabels} width={width} height={height} X={X} label={m.label} t={t} />
            <g className="gap growing" visibility="hidden">
              <rect x={0} y={-m.label * 0.65} width={width} height={m.label * 1.3} />
              <text x={X.client - 8} y={m.label * 0.35} textAnchor="end" />
            </g>
            {/* Under the segments: a packet leaving or reaching a lifeline passes over the chip there. */}
            {/* On the lifeline, each waiting state's hold: a band to its timer's end, or, with no timer, an open band to the drawing's end. */}
            <g className="waits">
              {[...waits.entries()].map(([key, w]) => {
                if (!drawnStates.has(key)) return null;
                const top = scale.y(w.from);
                const end = w.until ?? w.timerEnds;
                const bottom = end === null ? height : scale.y(end);
                return (
                  <rect
                    key={key}
                    className={`wait family-${stateFamily(w.state)} ${w.timerEnds === null ? 'forever' : 'timed'}`}
                    x={X[w.endpoint] - 3}
                    y={top}
                    width={6}
                    height={Math.max(0, bottom - top)}
                    rx={3}
                  />
                );
              })}
            </g>
            {fold ? (
              <g className="fold" role="button" tabIndex={0} onClick={() => setOpened(foldKey)} onKeyDown={(e) => e.key === 'Enter' && setOpened(foldKey)}>
                <rect x={0} y={fold.y} width={width} height={fold.bandPx} />
                <line x1={0} x2={width} y1={fold.y} y2={fold.y} />
                <line x1={0} x2={width} y1={fold.y + fold.bandPx} y2={fold.y + fold.bandPx} />
                <text x={width / 2} y={fold.y + fold.bandPx / 2} dominantBaseline="central" textAnchor="middle">
                  {t.folded(fold.to - fold.from, history.wire.filter((w) => w.sentAt >= fold.from && w.sentAt < fold.to).length)}
                </text>
              </g>
            ) : null}
            <g className="state-marks">
              {[...chips.entries()].map(([key, c]) =>
                drawnStates.has(key) ? (
                  <FadeIn key={key} className={`state-mark ${c.endpoint} family-${stateFamily(c.state)}`} data-at={Math.round(c.at)}>
                    <rect x={c.x} y={c.y} width={c.w} height={c.h} rx={5} />
                    <text
                      x={c.x + c.w / 2}
                      y={c.note ? c.y + chipPx * 0.78 : c.y + c.h / 2}
                      dominantBaseline="central"
                      textAnchor="middle"
                      style={chipPx < m.chip ? { fontSize: chipPx } : undefined}
                    >
                      {c.state}
                    </text>
                    {c.note ? (
                      <text
                        className="chip-note"
                        x={c.x + c.w / 2}
                        y={c.y + c.h - chipPx * noteSize * 0.75}
                        dominantBaseline="central"
                        textAnchor="middle"
                        style={{ fontSize: chipPx * noteSize }}
                      >
                        {c.note}
                      </text>
                    ) : null}
                  </FadeIn>
                ) : null,
              )}
            </g>
            {history.wire.map((w) => (settledAt(w, now) ? mark(w, true) : null))}
          </svg>
          {/* What moves between events, on a drawing of its own above the settled marks: a frame then
          lays out and paints these few elements, not the whole drawing. */}
          <div
            ref={nowRef}
            className="now-line"
            aria-hidden="true"
            style={{ left: X.client, width: X.server - X.client, transform: `translateY(${scale.y(now).toFixed(1)}px)` }}
          />
          <svg ref={live} className="sequence-live" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="none">
            {history.wire.map((w) => (settledAt(w, now) ? null : mark(w, false)))}
          </svg>
        </div>
      </div>
    </>
  );
}

/** The lifelines, and the silences squeezed between things that happened. */
const Backdrop = memo(function Backdrop({
  gaps,
  places,
  width,
  height,
  X,
  label,
  t,
}: {
  gaps: TimeScale['gaps'];
  places: Layout['gapLabels'];
  width: number;
  height: number;
  X: Record<EndpointId, number>;
  label: number;
  t: Strings;
}) {
  return (
    <g className="lifelines">
      {(['client', 'server'] as const).map((e) => (
        <line key={e} x1={X[e]} x2={X[e]} y1={0} y2={height} className={`lifeline ${e}`} />
      ))}
      {gaps.map((g) => (
        <g key={g.y} className="gap">
          <rect x={0} y={g.y - label * 0.65} width={width} height={label * 1.3} />
          <text x={places.get(g.from)?.x ?? X.client - 8} y={g.y + label * 0.35} textAnchor={places.get(g.from)?.anchor ?? 'end'}>
            {t.compressed(g.ms)}
          </text>
        </g>
      ))}
    </g>
  );
});

interface SegmentProps {
  w: WireSegment;
  /** The time shown; Infinity for a segment whose drawing no longer changes. */
  now: number;
  y: (t: number) => number;
  X: Record<EndpointId, number>;
  label: PlacedLabel & { text: string };
  /** A fold's band: arrows begun inside it are drawn from its lower edge. */
  band: { top: number; bottom: number } | null;
  still: boolean;
  interactive: boolean;
  session: Session;
  t: Strings;
}

/**
 * One segment: its arrow as far as it has come; while it travels, a packet named by its flags
 * (a button that drops it, in the app); a cross where it was lost; Deliver and Drop where it is held.
 */
const SegmentMark = memo(function SegmentMark({ w, now, y, X, label, band, still, interactive, session, t }: SegmentProps) {
  const { box } = label;
  const lineH = box.h;
  const { x1, y1, xe, ye, cut, progress, done, opacity } = segmentAt(w, now, y, X, still, lineH, band);
  const flags = formatFlags(w.segment.flags);
  const travelling = !done && !w.lost && !w.held;
  const stopped = (w.lost || w.held) && progress >= stopFraction(w);
  const packetW = textWidth(flags, lineH / 1.3) + lineH * 0.8;
  // With reduced motion the packet does not travel: it waits in the middle of its arrow.
  // Never past a lifeline: just sent or about to arrive, it stands beside the state chip there, not on it.
  const px = inLane(still ? (x1 + X[w.to]) / 2 : xe, packetW, X);
  const py = still ? (y1 + arrivalY(w, y, lineH)) / 2 : ye;
  const drop = () => session.network({ kind: 'drop', segment: w.id });
  const key = (act: () => void) => (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      act();
    }
  };
  return (
    <FadeIn
      className={`segment from-${w.from}${w.retransmission ? ' retransmission' : ''}${w.lost ? ' lost' : ''}${w.held ? ' held' : ''}${w.assumed ? ' assumed' : ''}`}
      data-flags={flags}
      data-segment={w.id}
    >
      <line x1={x1} y1={y1} x2={xe} y2={ye} opacity={opacity} markerEnd={!cut && (done || (still && travelling)) ? `url(#arrow-${w.from})` : undefined} />
      {/* The label's own ground: the now line and the lifelines pass behind it, not through its words. */}
      {/* A label with no clear place (a burst of hundreds of segments at one instant) is left out, never drawn over another. */}
      {label.clear ? (
        <>
          <rect
            className="label-ground"
            x={box.x}
            y={box.y}
            width={box.w}
            height={box.h}
            rx={3}
            visibility={still || progress >= label.along || !travelling ? 'visible' : 'hidden'}
          />
          <text
            className="segment-label"
            x={box.x + box.w / 2}
            y={box.y + box.h / 2}
            dominantBaseline="central"
            textAnchor="middle"
            visibility={still || progress >= label.along || !travelling ? 'visible' : 'hidden'}
          >
            {label.text}
          </text>
        </>
      ) : null}
      {travelling ? (
        <g
          className="packet"
          data-w={Math.round(packetW)}
          transform={`translate(${Math.round(px)} ${Math.round(py)})`}
          {...(interactive ? { role: 'button', tabIndex: 0, 'aria-label': t.dropInFlight(flags), onClick: drop, onKeyDown: key(drop), ref: keepKeys } : {})}
        >
          <rect x={-packetW / 2} y={-lineH * 0.6} width={packetW} height={lineH * 1.2} rx={lineH * 0.3} />
          <text dominantBaseline="central" textAnchor="middle">
            {flags}
          </text>
        </g>
      ) : null}
      {w.lost && stopped ? (
        <text className="cross" x={xe} y={ye} dominantBaseline="central" textAnchor="middle" aria-label={t.lost}>
          ✕
        </text>
      ) : null}
      {/* Deliver and Drop wait where a held segment will stop, from the moment it is sent. */}
      {w.held ? (
        <g className="held-controls" transform={`translate(${Math.round((x1 + X[w.to]) / 2)} ${Math.round((y1 + arrivalY(w, y, lineH)) / 2 + lineH * 1.4)})`}>
          {interactive ? (
            (['deliver', 'drop'] as const).map((kind, i) => {
              const act = () => session.network({ kind, segment: w.id });
              const name = kind === 'deliver' ? t.deliver(`${flags} (#${w.id})`) : t.drop(`${flags} (#${w.id})`);
              const text = (kind === 'deliver' ? t.deliver('') : t.drop('')).trim();
              const bw = textWidth(text, lineH / 1.3) + lineH;
              const x = i === 0 ? -bw - 3 : 3;
              return (
                <g key={kind} className={`held-button ${kind}`} role="button" tabIndex={0} aria-label={name} onClick={act} onKeyDown={key(act)}>
                  <rect x={x} y={-lineH * 0.65} width={bw} height={lineH * 1.3} rx={lineH * 0.3} />
                  <text x={x + bw / 2} dominantBaseline="central" textAnchor="middle">
                    {text}
                  </text>
                </g>
              );
            })
          ) : (
            <text className="held-mark" dominantBaseline="central" textAnchor="middle">
              {t.waiting}
            </text>
          )}
        </g>
      ) : null}
    </FadeIn>
  );
});
