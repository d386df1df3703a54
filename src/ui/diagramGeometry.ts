/**
 * The sequence diagram's geometry, free of React and the DOM (as xyflow keeps `getBezierPath`
 * apart from its views): how simulated time maps to height so that a whole run fits its box, where
 * each segment's label goes so that no line and no other label crosses it, and where each state
 * chip goes so that none hides another or an arrowhead. Every function here is pure (labelPlacer
 * keeps what it has placed, but gives any label the same place whenever it is asked); the diagram
 * lays a run out once (its future is known, so nothing moves once placed), and the browser tests
 * check their promises on the page.
 */

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/** Do two boxes overlap (touching edges do not count)? */
export const overlaps = (a: Box, b: Box): boolean => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Does the segment from (x1, y1) to (x2, y2) pass through the box? (Liang–Barsky clipping.) */
export function lineCrossesBox(x1: number, y1: number, x2: number, y2: number, b: Box): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  // The four edges in turn (left, right, top, bottom), without an array made per call: it is called for every nearby arrow of every candidate place.
  const clip = { t0: 0, t1: 1 };
  return edge(-dx, x1 - b.x, clip) && edge(dx, b.x + b.w - x1, clip) && edge(-dy, y1 - b.y, clip) && edge(dy, b.y + b.h - y1, clip);
}

/** One edge of Liang–Barsky's clipping: false once the line is wholly outside. */
function edge(p: number, q: number, clip: { t0: number; t1: number }): boolean {
  if (p === 0) return q > 0;
  const r = q / p;
  if (p < 0) clip.t0 = Math.max(clip.t0, r);
  else clip.t1 = Math.min(clip.t1, r);
  return !(clip.t0 >= clip.t1);
}

/**
 * The width of a line of text in the diagram's monospace face: Latin characters are 0.6 em
 * (ui-monospace, Menlo, DejaVu Sans Mono all are), Hangul and other wide characters a full em.
 * Estimated, not measured, so that layout needs no DOM; the browser tests measure the real boxes.
 */
export function textWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += ch.codePointAt(0)! >= 0x1100 ? 1 : 0.62;
  return em * fontPx;
}

// ---------------------------------------------------------------------------------------------
// Time → height

/** A silence longer than this many latencies is drawn short, as a labelled band. */
export const GAP_LATENCIES = 2;

export interface Gap {
  /** Where the band's middle is. */
  readonly y: number;
  /** When the silence began and how long it lasted. */
  readonly from: number;
  readonly ms: number;
}

export interface TimeScale {
  /** Simulated ms to y, for any t ≥ 0 (after the last point, time runs on to scale for at most half a silence's band). */
  readonly y: (t: number) => number;
  readonly gaps: readonly Gap[];
  /** Pixels per millisecond where time is drawn to scale. */
  readonly pxPerMs: number;
  /** The height the whole run needs, its top margin, a silence after its end and the bottom margin included. */
  readonly height: number;
  /** Whether the run is too long for the box even at the tightest legible scale. */
  readonly overflows: boolean;
  /**
   * Whether this scale is kept for a box this tall (the box settling a few pixels taller or
   * shorter): when fitting the run to it gives this very scale (the same pixels per ms and the
   * same `overflows`), or when the run fits neither box (it is folded either way; a run stepped
   * at `minStepPx` overflows with a scale that still follows the box).
   */
  readonly keptAt?: (boxHeight: number) => boolean;
}

export interface FitOptions {
  readonly latencyMs: number;
  /** The box the run should fit in, and the margins inside it. */
  readonly boxHeight: number;
  readonly top: number;
  readonly bottom: number;
  /** The height of a squeezed silence. */
  readonly gapPx: number;
  /** One latency is drawn no shorter than this (below it, labels no longer fit between arrows) … */
  readonly minPxPerLatency: number;
  /** … and no taller than this (a short run is not blown up to fill a tall screen). */
  readonly maxPxPerLatency: number;
  /**
   * When segments are on the wire, as [sent, arrived or stopped] intervals. A stretch with none, too
   * short to be a squeezed silence, is drawn no taller than `IDLE_LATENCIES` of a latency: time is to
   * scale where it shows something moving.
   */
  readonly busy?: readonly (readonly [number, number])[];
  /**
   * Two distinct instants are drawn at least this far apart: a real capture's loopback or LAN
   * segments take microseconds, and to scale they would all lie on one line.
   */
  readonly minStepPx?: number;
}

/** How tall (in latencies) a short stretch with nothing on the wire is drawn at most. */
export const IDLE_LATENCIES = 0.5;

interface SortedTimes {
  /** The distinct instants (0 among them), ascending. */
  readonly points: readonly number[];
  /** The busy intervals' starts, ascending, and the latest end among those started so far. */
  readonly starts: readonly number[];
  readonly latestEnd: readonly number[];
}

/** The last instants and busy intervals sorted, by the arrays given: a diagram tries several scales on one run. */
const sortedCache = new WeakMap<readonly number[], { busy: FitOptions['busy']; sorted: SortedTimes }>();

function sortedTimes(instants: readonly number[], busy: FitOptions['busy']): SortedTimes {
  const cached = sortedCache.get(instants);
  if (cached && cached.busy === busy) return cached.sorted;
  const points = [...new Set([0, ...instants])].filter((t) => Number.isFinite(t) && t >= 0).sort((a, b) => a - b);
  // Whether something is on the wire during a stretch (a, b): some busy interval starts before b and
  // ends after a. The intervals by start, with the latest end among those started so far: one
  // binary search a stretch instead of a pass over every interval.
  const byStart = busy ? busy.filter(([s, e]) => !Number.isNaN(s) && !Number.isNaN(e)).sort((x, y) => x[0] - y[0]) : [];
  const starts = byStart.map(([s]) => s);
  const latestEnd: number[] = [];
  byStart.forEach(([, e], i) => latestEnd.push(Math.max(e, i > 0 ? latestEnd[i - 1]! : -Infinity)));
  const sorted = { points, starts, latestEnd };
  sortedCache.set(instants, { busy, sorted });
  return sorted;
}

/**
 * Fit the instants of a whole run into a box: stretches of activity to scale, long silences
 * squeezed to `gapPx` bands, the scale chosen so the whole run (and a silence after it) fits, within
 * the legible limits. A run that cannot fit is drawn at the tightest legible scale and overflows.
 */
export function fitTimeScale(instants: readonly number[], o: FitOptions): TimeScale {
  const latency = Math.max(o.latencyMs, 15);
  const gapMs = GAP_LATENCIES * latency;
  const { points, starts, latestEnd } = sortedTimes(instants, o.busy);
  const busy = o.busy;
  const onTheWire = (a: number, b: number): boolean => {
    // How many start before b.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < b) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && latestEnd[lo - 1]! > a;
  };
  // The time a stretch is drawn as: all of it while something is on the wire, at most IDLE_LATENCIES otherwise.
  const drawnMs = (a: number, b: number): number => (!busy || onTheWire(a, b) ? b - a : Math.min(b - a, IDLE_LATENCIES * latency));
  let linearMs = 0;
  let gapCount = 0;
  for (let i = 1; i < points.length; i++) {
    const span = points[i]! - points[i - 1]!;
    if (span > gapMs) gapCount++;
    else linearMs += drawnMs(points[i - 1]!, points[i]!);
  }
  // Half a silence more after the end: the run plays on a moment past its last event.
  const fixed = o.top + o.bottom + (gapCount + 0.5) * o.gapPx;
  const min = o.minPxPerLatency / latency;
  const max = o.maxPxPerLatency / latency;
  // A pixel to spare: the height is rounded up to whole pixels.
  const pxFor = (boxHeight: number): number => Math.min(max, Math.max(min, linearMs > 0 ? (boxHeight - fixed - 1) / linearMs : max));
  const px = pxFor(o.boxHeight);
  const ys: number[] = [o.top];
  const gaps: Gap[] = [];
  for (let i = 1; i < points.length; i++) {
    const span = points[i]! - points[i - 1]!;
    if (span > gapMs) {
      gaps.push({ y: ys[i - 1]! + o.gapPx / 2, from: points[i - 1]!, ms: span });
      ys.push(ys[i - 1]! + o.gapPx);
    } else ys.push(ys[i - 1]! + Math.max(drawnMs(points[i - 1]!, points[i]!) * px, o.minStepPx ?? 0));
  }
  const lastT = points[points.length - 1]!;
  const lastY = ys[ys.length - 1]!;
  const y = (t: number): number => {
    if (t <= 0) return o.top;
    // After the run's last event time runs on to scale, until it is a silence: then it stops, half a band below.
    if (t >= lastT) return lastY + Math.min((t - lastT) * px, o.gapPx / 2);
    // Binary search for the stretch t falls in.
    let lo = 0;
    let hi = points.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (points[mid]! <= t) lo = mid;
      else hi = mid;
    }
    const a = points[lo]!;
    const b = points[hi]!;
    return ys[lo]! + ((ys[hi]! - ys[lo]!) * (t - a)) / (b - a || 1);
  };
  const height = Math.ceil(lastY + o.gapPx / 2 + o.bottom);
  const overflows = height > o.boxHeight;
  // Nothing else depends on the box's height (an overflowing scale is held at its floor, unless minStepPx made it overflow).
  const keptAt = (boxHeight: number): boolean => height > boxHeight === overflows && (overflows || pxFor(boxHeight) === px);
  return { y, gaps, pxPerMs: px, height, overflows, keptAt };
}

// ---------------------------------------------------------------------------------------------
// Labels beside their arrows

export interface LabelInput {
  readonly id: number;
  /** The arrow as drawn when it has settled (a lost segment's ends where it was lost). */
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly w: number;
  readonly h: number;
}

export interface PlacedLabel {
  /** The label's box; its text is centred in it. */
  readonly box: Box;
  /** How far along the arrow the label sits (0 at the sender, 1 at the receiver). */
  readonly along: number;
  /** False if no place was free of every line and label: the least crowded place was taken. */
  readonly clear: boolean;
}

/** Where along an arrow a label may sit, most preferred first: the middle, then outwards. */
const ALONG = [0.5, 0.38, 0.62, 0.27, 0.73, 0.17, 0.83];
/** The clear space between a label and its own arrow. */
const LABEL_GAP = 2;
/** What makes a place not clear (an arrow or a box under the label) weighs this much, at least … */
const HARD = 100;
/** … and what only makes it worse, less: a lifeline through a label too wide to stand between the lifelines, … */
const ON_LIFELINE = 10;
/** … or another label on the same line less than this many label heights away (the two read as one). */
const SIDE_BY_SIDE = 1.5;

/**
 * Place each label beside its own arrow (above it, or below if above is taken), sliding along
 * the arrow, so that it crosses no arrow and no label placed before it and stays between `left`
 * and `right`. Labels are placed in the order given (the order segments were sent), so an earlier
 * label keeps the better place. `obstacles` are boxes no label may cover (silences' bands).
 * A lifeline (at the x in `lifelines`) through a label that would fit between them makes its place
 * not clear (unless not `strict`: a phone, where the lane is narrow and such a place only worse); of the clear places, one no lifeline runs through and with no other label beside it on
 * its line is taken first.
 */
export function placeLabels(
  labels: readonly LabelInput[],
  obstacles: readonly Box[],
  left: number,
  right: number,
  lifelines: readonly number[] = [],
  strict = true,
): Map<number, PlacedLabel> {
  const placer = labelPlacer(labels, obstacles, left, right, lifelines, strict);
  placer.placeFirst(labels.length);
  const placed = new Map<number, PlacedLabel>();
  for (const l of labels) placed.set(l.id, placer.get(l.id)!);
  return placed;
}

/** placeLabels a label at a time, as far as asked (see labelPlacer). */
export interface LabelPlacer {
  /** How many labels are placed: the first `count` of those given. */
  readonly count: number;
  /** Whether every label placed so far found a clear place. */
  readonly clear: boolean;
  /**
   * Place the labels up to the `n`th, in the order given; those already placed stay where they are.
   * `untilCrowded`: stop after the first that finds no clear place (whether all are clear is then known).
   */
  placeFirst(n: number, untilCrowded?: boolean): void;
  /** A label's place: placed now, with every label before it, if it was not yet; undefined for an id not given. */
  get(id: number): PlacedLabel | undefined;
}

/**
 * The labels of placeLabels placed only as far as they are asked for: a label's place depends on
 * every arrow but only on the labels before it, so placing the first n gives each of them the place
 * placing them all would, and asking for more later never moves one already placed. A long run's
 * diagram places what it draws (the segments sent so far), a few more at each step.
 */
export function labelPlacer(
  labels: readonly LabelInput[],
  obstacles: readonly Box[],
  left: number,
  right: number,
  lifelines: readonly number[] = [],
  strict = true,
): LabelPlacer {
  const placed = new Map<number, PlacedLabel>();
  const index = new Map<number, number>();
  labels.forEach((l, i) => index.set(l.id, i));
  // Arrows and boxes found by height: a box meets only those whose heights overlap its own, so a
  // run of thousands of segments costs each label the few near it, not every one.
  const arrows = new HeightIndex<LabelInput>();
  for (const l of labels) arrows.add(l, Math.min(l.y1, l.y2), Math.max(l.y1, l.y2));
  const taken = new HeightIndex<Box>();
  for (const b of obstacles) taken.add(b, b.y, b.y + b.h);
  // The labels placed, apart: one beside another on its line is not in the way, only worse.
  const others = new HeightIndex<Box>();
  const room = { arrows, taken, others, lifelines, strict };
  let count = 0;
  let clear = true;
  const placeOne = (l: LabelInput) => {
    let best: { box: Box; along: number; cost: number } | null = null;
    search: for (const along of ALONG) {
      for (const box of candidates(l, along, left, right)) {
        const cost = crowding(box, l, room, best ? best.cost : Infinity);
        if (!best || cost < best.cost) best = { box, along, cost };
        if (cost === 0) break search;
      }
    }
    placed.set(l.id, { box: best!.box, along: best!.along, clear: best!.cost < HARD });
    clear &&= best!.cost < HARD;
    taken.add(best!.box, best!.box.y, best!.box.y + best!.box.h);
    others.add(best!.box, best!.box.y, best!.box.y + best!.box.h);
  };
  const placeFirst = (n: number, untilCrowded = false) => {
    for (const end = Math.min(n, labels.length); count < end && !(untilCrowded && !clear); count++) placeOne(labels[count]!);
  };
  return {
    get count() {
      return count;
    },
    get clear() {
      return clear;
    },
    placeFirst,
    get(id) {
      const i = index.get(id);
      if (i === undefined) return undefined;
      placeFirst(i + 1);
      return placed.get(id);
    },
  };
}

/**
 * The places a label may take at `along` on its arrow, best first: centred above it, centred
 * below it, then with a corner at the arrow (beside a steep arrow, a centred box would have to
 * stand far off; one with its corner at the arrow stays close, on the arrow's open side).
 */
function candidates(l: LabelInput, along: number, left: number, right: number): Box[] {
  const px = l.x1 + (l.x2 - l.x1) * along;
  const py = l.y1 + (l.y2 - l.y1) * along;
  // Going down to the right, the open sides are above-right and below-left; going down to the left, above-left and below-right.
  const downRight = (l.x2 - l.x1) * (l.y2 - l.y1) >= 0;
  const clampX = (x: number) => Math.min(Math.max(x, left), right - l.w);
  const above = { x: clampX(downRight ? px + LABEL_GAP : px - LABEL_GAP - l.w), y: py - LABEL_GAP - l.h, w: l.w, h: l.h };
  const below = { x: clampX(downRight ? px - LABEL_GAP - l.w : px + LABEL_GAP), y: py + LABEL_GAP, w: l.w, h: l.h };
  return [besideArrow(l, along, -1, left, right), besideArrow(l, along, 1, left, right), above, below];
}

/** A label's box at `along` on its arrow, above (side -1) or below (side 1) it, not touching it. */
function besideArrow(l: LabelInput, along: number, side: -1 | 1, left: number, right: number): Box {
  const ax = l.x1 + (l.x2 - l.x1) * along;
  const x = Math.min(Math.max(ax - l.w / 2, left), right - l.w);
  // The arrow's height at the box's two ends: above, the box's bottom clears the higher one; below, its top clears the lower.
  const at = (px: number) => (l.x2 === l.x1 ? l.y1 + (l.y2 - l.y1) * along : l.y1 + ((l.y2 - l.y1) * (px - l.x1)) / (l.x2 - l.x1));
  const ya = at(Math.min(Math.max(x, Math.min(l.x1, l.x2)), Math.max(l.x1, l.x2)));
  const yb = at(Math.min(Math.max(x + l.w, Math.min(l.x1, l.x2)), Math.max(l.x1, l.x2)));
  const y = side < 0 ? Math.min(ya, yb) - LABEL_GAP - l.h : Math.max(ya, yb) + LABEL_GAP;
  return { x, y, w: l.w, h: l.h };
}

interface Room {
  readonly arrows: HeightIndex<LabelInput>;
  /** Every box no label may cover: obstacles and the labels placed. */
  readonly taken: HeightIndex<Box>;
  /** The labels placed. */
  readonly others: HeightIndex<Box>;
  readonly lifelines: readonly number[];
  readonly strict: boolean;
}

/**
 * How crowded a place is: the arrows and boxes it would cover, HARD each or more (under HARD: a
 * clear place), then the lifelines through it and the labels beside it on its line (0: nothing
 * near), counted until it reaches `enough` (the best place's so far: a place as crowded as that is
 * not taken, however much more).
 */
function crowding(box: Box, own: LabelInput, room: Room, enough: number): number {
  let n = box.y < 0 ? 5 * HARD : 0;
  if (n >= enough) return n;
  room.arrows.each(box.y, box.y + box.h, (l) => {
    if (lineCrossesBox(l.x1, l.y1, l.x2, l.y2, box)) n += (l === own ? 4 : 2) * HARD;
    return n >= enough;
  });
  if (n >= enough) return n;
  room.taken.each(box.y, box.y + box.h, (b) => {
    if (overlaps(box, b)) n += 3 * HARD;
    return n >= enough;
  });
  // A label that fits between the lifelines is not clear across one; a wider one (a phone) has to cross.
  const lane = room.strict && room.lifelines.length > 1 ? Math.max(...room.lifelines) - Math.min(...room.lifelines) - 8 : 0;
  for (const x of room.lifelines) if (box.x < x && x < box.x + box.w) n += box.w <= lane ? 2 * HARD : ON_LIFELINE;
  if (n >= enough) return n;
  // On the same line: the two boxes share more than half their height.
  const apart = box.h * SIDE_BY_SIDE;
  const beside = { x: box.x - apart, y: box.y + box.h / 2, w: box.w + 2 * apart, h: 0.01 };
  room.others.each(box.y, box.y + box.h, (b) => {
    if (overlaps(beside, b) && !overlaps(box, b)) n += 1;
    return n >= enough;
  });
  return n;
}

/** Rows of this many pixels: an item is filed in every row its heights reach. */
const ROW_PX = 64;
/** An item reaching over more rows than this (or to no finite height) is looked at for every query. */
const MOST_ROWS = 256;

/**
 * Items filed by the heights they reach (from y0 to y1), to visit those whose heights may meet a
 * range, each once. A superset: the caller's own test decides.
 */
class HeightIndex<T> {
  private readonly rows = new Map<number, number[]>();
  private readonly always: number[] = [];
  private readonly items: T[] = [];
  private readonly seen: number[] = [];
  private stamp = 0;

  add(item: T, y0: number, y1: number): void {
    const i = this.items.length;
    this.items.push(item);
    this.seen.push(0);
    const a = Math.floor(y0 / ROW_PX);
    const b = Math.floor(y1 / ROW_PX);
    if (!Number.isFinite(a) || !Number.isFinite(b) || b - a > MOST_ROWS) {
      this.always.push(i);
      return;
    }
    for (let r = a; r <= b; r++) {
      const row = this.rows.get(r);
      if (row) row.push(i);
      else this.rows.set(r, [i]);
    }
  }

  /** Each item whose heights may meet y0..y1, once (in no particular order), until `visit` says it has seen enough. */
  each(y0: number, y1: number, visit: (item: T) => boolean): void {
    const stamp = ++this.stamp;
    const { seen, items } = this;
    const take = (i: number): boolean => {
      if (seen[i] === stamp) return false;
      seen[i] = stamp;
      return visit(items[i]!);
    };
    for (const i of this.always) if (take(i)) return;
    const a = Math.floor(y0 / ROW_PX);
    const b = Math.floor(y1 / ROW_PX);
    if (Number.isFinite(a) && Number.isFinite(b) && b - a <= MOST_ROWS) {
      for (let r = a; r <= b; r++) {
        const row = this.rows.get(r);
        if (row) for (const i of row) if (take(i)) return;
      }
    } else for (let i = 0; i < items.length; i++) if (take(i)) return;
  }
}

// ---------------------------------------------------------------------------------------------
// State chips beside their lifelines

export interface ChipInput {
  readonly key: string;
  /** Where the state was entered. */
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * Chips go outside their lifeline (the client's to its left, the server's to its right), where no
 * arrow runs, so an arrowhead is never under one. Chips that would overlap on one side, or cover
 * one of `obstacles`, are pushed down just enough, in time order; none goes past the drawing's edges.
 */
export function placeChips(
  chips: readonly ChipInput[],
  side: 'left' | 'right',
  lifelineX: number,
  width: number,
  obstacles: readonly Box[] = [],
  gap = 6,
): Map<string, Box> {
  const out = new Map<string, Box>();
  let floor = -Infinity;
  for (const c of chips) {
    const x = side === 'left' ? Math.max(2, lifelineX - gap - c.w) : Math.min(width - c.w - 2, lifelineX + gap);
    let box = { x, y: Math.max(c.y - c.h / 2, floor), w: c.w, h: c.h };
    // Below anything it would cover (a silence's words in the margin).
    for (let hit = obstacles.find((o) => overlaps(box, o)); hit; hit = obstacles.find((o) => overlaps(box, o))) box = { ...box, y: hit.y + hit.h + 2 };
    out.set(c.key, box);
    floor = box.y + box.h + 2;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A fold: a run too long for its box keeps its beginning and "now" in view

export interface Fold {
  /** The stretch of time folded away: drawn as one band of `bandPx` between its two ends. */
  readonly from: number;
  readonly to: number;
  /** The band's top, in the folded drawing. */
  readonly y: number;
  readonly bandPx: number;
}

/**
 * The same scale with the time from `from` to `to` folded into a band `bandPx` tall: what came
 * before stays where it was, what comes after moves up. Silences squeezed inside the fold go with it.
 */
export function foldScale(scale: TimeScale, from: number, to: number, bandPx: number): TimeScale & { readonly fold: Fold } {
  const yf = scale.y(from);
  const yt = scale.y(to);
  const cut = yt - yf - bandPx;
  const y = (t: number): number => (t <= from ? scale.y(t) : t >= to ? scale.y(t) - cut : yf + (bandPx * (t - from)) / Math.max(1e-9, to - from));
  const gaps = scale.gaps.filter((g) => g.y < yf || g.y > yt).map((g) => (g.y > yt ? { ...g, y: g.y - cut } : g));
  return { ...scale, y, gaps, height: Math.ceil(scale.height - cut), fold: { from, to, y: yf, bandPx } };
}

export interface FoldOptions {
  /** The visible box's height. */
  readonly box: number;
  /** The fold's band height. */
  readonly bandPx: number;
  /** The beginning always kept above the fold, at least to this time (the first segment's arrival). */
  readonly keep: number;
  /** Room kept below "now" (half a state chip entered now): "now" sits this far above the box's bottom, no further. */
  readonly margin: number;
  /** The drawn height just above "now" that is never folded while anything earlier can be (what just happened). */
  readonly recent: number;
  /** The fold's height grows in steps of this many pixels (so a run playing is laid out again only now and then). */
  readonly quantum?: number;
  /**
   * Things drawn from a moment on that reach further down than `margin` below it (a state chip
   * pushed below the one before it): from time `t`, the drawing reaches `drop` below y(t).
   */
  readonly below?: readonly { readonly t: number; readonly drop: number }[];
}

/** How far below the box's bottom the drawing up to `now` reaches (the room below now included). */
function overflowAt(scale: TimeScale, now: number, o: FoldOptions): number {
  let bottom = scale.y(now) + o.margin;
  for (const b of o.below ?? []) if (b.t <= now) bottom = Math.max(bottom, scale.y(b.t) + b.drop);
  return bottom - o.box;
}

/** Something drawn that a fold would hide: a segment's arrow (from its sending to its arrival) or a state entered, and how much it matters. */
export interface Mark {
  readonly from: number;
  readonly to: number;
  readonly weight: number;
}

/** The time at which the drawing reaches `y` (y only grows with t): the first t with scale.y(t) ≥ y. */
function timeAt(scale: TimeScale, y: number, lo: number, hi: number): number {
  if (scale.y(lo) >= y) return lo;
  for (let i = 0; i < 80 && hi - lo > 1e-3; i++) {
    const mid = (lo + hi) / 2;
    if (scale.y(mid) < y) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The y that "now" reaches at the run's end (time after the last event runs on half a silence's band). */
const endY = (scale: TimeScale): number => scale.y(Number.MAX_SAFE_INTEGER);

/** How much would folding the drawn stretch from y `a` to `b` hide of what matters? */
export function foldCost(scale: TimeScale, marks: readonly Mark[], a: number, b: number): number {
  let cost = 0;
  for (const m of marks) {
    const y1 = scale.y(m.from);
    const y2 = scale.y(m.to);
    if (y2 <= a || y1 >= b) continue;
    if (y1 >= a && y2 <= b) cost += m.weight;
    // Cut by the fold: half of it still shows, drawn from or to the band's edge.
    else cost += m.weight * (0.5 + (0.5 * (Math.min(b, y2) - Math.max(a, y1))) / Math.max(1e-9, y2 - y1));
  }
  return cost;
}

/**
 * Where a run's fold begins (a time), chosen once for the whole run: the place where folding the
 * height the run's end needs folded hides the least of what matters (`marks`: arrows and states,
 * weighted; a squeezed silence or a retry's wait weighs nothing), earlier rather than later at equal
 * cost, never in its first segment nor in the `recent` stretch above the end. Null if the run never
 * needs a fold. Fixed for the run, so that as "now" advances the fold grows from the same place
 * instead of jumping (see chooseFold).
 */
export function foldAnchor(scale: TimeScale, points: readonly number[], marks: readonly Mark[], o: FoldOptions): number | null {
  if (scale.height <= o.box + 0.5) return null;
  const need = overflowAt(scale, Number.MAX_SAFE_INTEGER, o);
  if (need <= 0) return null;
  const d = need + o.bandPx;
  const lo = scale.y(o.keep);
  const hi = endY(scale) - o.recent - d;
  if (hi <= lo) return o.keep;
  const last = Math.max(o.keep, points[points.length - 1] ?? 0) + 1e7;
  let best = { a: lo, t: o.keep, cost: Infinity };
  // A fold that begins at an instant (exactly: a state entered then stays above the band), or one that ends at one.
  const places = [o.keep, ...points].flatMap((p) => [
    { a: scale.y(p), t: p },
    { a: scale.y(p) - d, t: null },
  ]);
  for (const { a, t } of places) {
    if (a < lo || a > hi || (t !== null && t < o.keep)) continue;
    // A tie goes to the earlier place, furthest from now (a hundredth of a mark per box of distance).
    const cost = foldCost(scale, marks, a, a + d) + ((a - lo) / Math.max(1, o.box)) * 0.01;
    if (cost < best.cost - 1e-9) best = { a, t: t ?? Math.max(o.keep, timeAt(scale, a, 0, last)), cost };
  }
  return best.t;
}

/**
 * Which stretch to fold so that both the run's beginning and `now` are in the box, or null when
 * the drawing up to now fits. The fold hides only the height that must go (now lands `margin` above
 * the box's bottom, at most a `quantum` higher), starting at the run's `anchor` (see foldAnchor) and
 * growing down from it as now advances; only when the anchor is too close to now is it moved up, to
 * keep the `recent` stretch in view. `points` are the run's instants, ascending.
 */
export function chooseFold(
  scale: TimeScale,
  points: readonly number[],
  now: number,
  o: FoldOptions & { readonly anchor: number | null },
): { from: number; to: number } | null {
  if (scale.height <= o.box + 0.5) return null;
  const need = overflowAt(scale, now, o);
  if (need <= 0) return null;
  const q = Math.max(1, o.quantum ?? 1);
  const d = Math.ceil((need + o.bandPx) / q) * q;
  const last = Math.max(o.keep, points[points.length - 1] ?? 0) + 1e7;
  let yk = scale.y(o.keep);
  // A box too small for the first segment and a fold below it (a phone's crowded screen): now comes first.
  if (o.box - yk - o.bandPx <= o.margin * 2) yk = scale.y(0);
  const anchorY = o.anchor === null ? yk : Math.max(yk, scale.y(o.anchor));
  // Where the fold may begin at the latest to keep the `recent` stretch above now in view: with now
  // at the box's bottom that is the same place at every moment, so a fold moved up from its anchor
  // stays put too.
  const latest = o.box - o.margin - o.bandPx - o.recent - q;
  const a = Math.max(yk, Math.min(anchorY, latest));
  const from = a === anchorY && o.anchor !== null ? o.anchor : timeAt(scale, a, 0, last);
  return { from, to: timeAt(scale, a + d, from, last) };
}

/**
 * An arrow as drawn on a folded drawing: the part inside the band is not drawn. One that begins in
 * the band begins at its lower edge; one that ends in it ends at its upper edge. Returns the drawn
 * ends, or null if the whole arrow is inside the band.
 */
export function clipToBand(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  band: { readonly top: number; readonly bottom: number } | null,
): [number, number, number, number] | null {
  if (!band || y2 === y1) return [x1, y1, x2, y2];
  const at = (y: number) => x1 + ((x2 - x1) * (y - y1)) / (y2 - y1);
  const inside = (y: number) => y > band.top && y < band.bottom;
  if (inside(y1) && inside(y2)) return null;
  if (inside(y1) && y2 >= band.bottom) return [at(band.bottom), band.bottom, x2, y2];
  if (inside(y2) && y1 <= band.top) return [x1, y1, at(band.top), band.top];
  return [x1, y1, x2, y2];
}
