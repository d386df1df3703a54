/**
 * The sequence diagram's layout, free of React and the DOM: which part of a run the diagram draws,
 * and where each of its marks stands (the lifelines, each segment's arrow and label, each state
 * chip, each silence's words, a fold), laid out once per run from its geometry (diagramGeometry.ts).
 * Where a segment is at a moment is the player's answer (src/player/flight.ts); this places it.
 */
import type { History, WireSegment } from '../model/history';
import { ACK, FIN, RST, SYN, formatFlags } from '../model/segment';
import type { EndpointId, TcpState } from '../model/types';
import type { Strings } from '../i18n/strings';
import type { Frame } from '../player/frame';
import type { Policy } from '../player/policy';
import type { Run } from '../player/run';
import type { StateWait } from '../player/waits';
import { pathEnd, stopAt, stopFraction, stopsOnWay } from '../player/flight';
import { numbering } from './numbering';
import {
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

/** The drawing's sizes, read from the page's CSS (the type scale: larger in presentation mode). */
export interface Metrics {
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

/** A state chip: where it stands, the state, and (a waiting state) what ends it. */
export type Chip = Box & { state: TcpState; endpoint: EndpointId; at: number; note: string | null };

/** A chip's second line (what ends a waiting state) is this much smaller than its state's name (not on a projector: no text there is under 22 px). */
const noteSizeFor = (chipPx: number): number => (chipPx >= 20 ? 1 : 0.8);

/** Each segment's label, by its id: placed when first asked for (see labelPlacer), then always the same object. */
export interface Labels {
  get(id: number): (PlacedLabel & { text: string }) | undefined;
}

/**
 * How many of a run's labels decide its scale (whether each finds a clear place): every lesson's
 * and a short capture's, all of them; a long capture's, its beginning, the rest placed as they are drawn.
 */
const DECIDING = 64;

/** Everything placed once per run: the scale, the lifelines, each label and each state chip. */
export interface Layout {
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
export function lastingStates(history: History): { endpoint: EndpointId; t: number; state: TcpState }[] {
  const states: { endpoint: EndpointId; t: number; state: TcpState }[] = [
    { endpoint: 'client', t: 0, state: 'CLOSED' },
    { endpoint: 'server', t: 0, state: 'CLOSED' },
    ...history.transitions.map((x) => ({ endpoint: x.endpoint, t: x.t, state: x.to })),
  ];
  const lastAt = new Map<string, number>();
  states.forEach((s, i) => lastAt.set(`${s.endpoint}@${s.t}`, i));
  return states.filter((s, i) => lastAt.get(`${s.endpoint}@${s.t}`) === i);
}

export const chipKey = (s: { endpoint: EndpointId; t: number; state: TcpState }) => `${s.endpoint}${s.t}${s.state}`;

/** Where the lifelines stand: the middle of each endpoint's head above the drawing (see .stage-heads in base.css). */
export const lifelineFraction = (width: number): number => (width < 560 ? 0.25 : 0.18);

/** A run laid out at its legible scale, and how to lay it out again with a stretch folded away. */
export interface Plan {
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
  const points = [...whole.instants, ...history.wire.filter(stopsOnWay).map(stopAt)];
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
    busy: history.wire.map((w) => [w.sentAt, pathEnd(w)] as const),
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
    end: stopsOnWay(w) ? stopFraction(w) : 1,
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
    const shown = fold ? texts.filter(({ w }) => !(w.sentAt >= fold.from && pathEnd(w) <= fold.to)) : texts;
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
        to: pathEnd(w),
        weight: w.segment.flags & FIN || w.assumed ? 2 : w.segment.flags & RST ? 1.5 : w.segment.flags & SYN || w.segment.len > 0 ? 1 : 0.7,
      })),
      ...states.map((s) => ({ from: s.t, to: s.t, weight: noteOf(s) ? 1 : 0.5 })),
    ];
    const sorted = [...new Set(points)].sort((a, b) => a - b);
    const foldOptions = {
      box,
      keep: first ? pathEnd(first) : 0,
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
export const bandOf = (fold: Fold | null): { top: number; bottom: number } | null => (fold ? { top: fold.y, bottom: fold.y + fold.bandPx } : null);

/** A packet's centre, kept so that the whole packet is between the lifelines. */
export const inLane = (x: number, w: number, X: Record<EndpointId, number>): number => Math.min(Math.max(x, X.client + w / 2 + 3), X.server - w / 2 - 3);

/**
 * Where a segment's arrow ends: where it arrived, or, for one a capture saw sent and received at
 * one instant (loopback), a little below where it left, so that it never lies flat on the arrow
 * that it answers (a refused SYN and its RST+ACK would be one line).
 */
export const arrivalY = (w: WireSegment, y: (t: number) => number, lineH: number): number =>
  w.arrivesAt > w.sentAt ? y(w.arrivesAt) : y(w.sentAt) + lineH * 1.2;

/** Where a segment's arrow ends at `now`, and how it is drawn there. */
export function segmentAt(
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
  // At (now - sentAt) / (arrivesAt - sentAt) of its path, as far as the player says it stops (lost or held);
  // with reduced motion, a travelling segment's arrow is drawn whole from the start (faded until it arrives).
  const progress = Math.min(1, (now - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));
  const stopped = stopsOnWay(w);
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
export const MAX_DRAWN = 400;

/** What the diagram draws of a moment: its history and instants up to the drawn part's end. */
export interface Drawn {
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
      const end = Math.max(...wire.map(pathEnd));
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

/** Whether the run has been worked out past what the diagram draws (then there is no need to go on). */
export const pastDrawn = (run: Run, policy: Policy): boolean => run.frameComputed(policy).history.wire.length > MAX_DRAWN;
