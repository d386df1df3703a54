/**
 * A run's sequence diagram at one moment, as a standalone SVG document: for a question bank's
 * question (Moodle shows it inside the question), or anywhere a picture must stand alone. It is
 * laid out by the same layout as the page's diagram (diagramLayout.ts: the same scale, lifelines,
 * labels and state chips), and drawn as the page draws a moment: what happened by `at`, the
 * segments on their way as far as they have come, a lost one's cross where it was lost. No DOM:
 * the command line makes it too. Colours are the light theme's, written on each element.
 */
import type { Script } from '../model/script';
import type { Exercise } from '../exercises/generate';
import type { QuestionImage } from '../exercises/moodleXml';
import type { EndpointId, TcpState } from '../model/types';
import type { Strings } from '../i18n/strings';
import type { Policy } from '../player/policy';
import { Run } from '../player/run';
import { stopFraction, stopsOnWay } from '../player/flight';
import { stateWaits } from '../player/waits';
import { lastEventAt } from '../player/lastEvent';
import { formatFlags } from '../model/segment';
import { textWidth } from './diagramGeometry';
import { chipKey, drawnPart, inLane, lastingStates, layOut } from './diagramLayout';
import { stateFamily, type StateFamily } from './stateFamily';

/** The light theme's colours (base.css), written on each element: an SVG shown as an image reads no stylesheet. */
const INK = {
  fg: '#14161a',
  muted: '#56606e',
  card: '#ffffff',
  bg: '#f7f8fa',
  line: '#d3d8e0',
  accent: '#1f5fbf',
  client: '#1f5fbf',
  server: '#a4491a',
  lost: '#c0262d',
};
const FAMILY: Record<StateFamily, string> = { closed: '#e4e6ea', opening: '#cfe3f7', established: '#cdeedd', closing: '#fde7c4', waiting: '#eadcf6' };
const MONO = "ui-monospace, Menlo, 'DejaVu Sans Mono', 'Noto Sans Mono CJK KR', monospace";
const SANS = "system-ui, 'Noto Sans KR', 'Apple SD Gothic Neo', 'Malgun Gothic', sans-serif";

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number): string => String(Math.round(v * 10) / 10);

export interface MomentSvgOptions {
  /** The drawing's width in pixels (a question's column). */
  readonly width?: number;
  /** Sequence numbers counted from each side's first (as Wireshark shows them). */
  readonly relative?: boolean;
  readonly label?: number;
  readonly chip?: number;
  /** The tallest the drawing below the heads may be: a longer run shows its last part, up to the moment. */
  readonly maxBody?: number;
  /** A title above the drawing (a run written as text may have one). */
  readonly title?: string | null;
}

export interface RunSvg {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
  /** The state each end is in at the moment (the run's end, for an animated drawing). */
  readonly states: Record<EndpointId, TcpState>;
}

/** The SVG text of `script`'s run at `at` (ms; Infinity: its end), with its width and height, and the state each end is in then. */
export function momentSvg(script: Script, policy: Policy, at: number, t: Strings, o: MomentSvgOptions = {}): RunSvg {
  return draw(script, policy, at, t, o, null);
}

/** How an animated drawing plays: the moment sweeps down the drawing at a steady pace, then rests on the whole run. */
export interface Playing {
  /** Pixels of the drawing a second. */
  readonly pxPerSecond: number;
  /** How long the whole run rests on screen before the next loop, seconds. */
  readonly holdSeconds: number;
}

const PLAYING: Playing = { pxPerSecond: 80, holdSeconds: 3 };

/**
 * The whole run as an SVG that plays by itself, where no script may run (an <img> in a README, a
 * feed): a band sweeps down the drawing as the page's moment does, uncovering each arrow as its
 * segment flies, a packet named by its flags riding each arrow's tip, each end's state changing in
 * its head, then the whole run rests and the loop begins again. CSS animations only: no script, no
 * event handlers. A reader who asks for reduced motion gets the still drawing of the whole run.
 */
export function animatedSvg(script: Script, policy: Policy, t: Strings, o: MomentSvgOptions = {}, playing: Playing = PLAYING): RunSvg {
  return draw(script, policy, Infinity, t, o, playing);
}

function draw(script: Script, policy: Policy, atAsked: number, t: Strings, o: MomentSvgOptions, playing: Playing | null): RunSvg {
  const width = o.width ?? 560;
  const label = o.label ?? 13;
  const chip = o.chip ?? 13;
  const run = new Run(script.config ?? {}, script.steps);
  run.extendToEnd(100_000);
  const whole = drawnPart(run.frameAt(Infinity, policy));
  // An animated drawing is drawn at the run's end, and uncovered as it plays.
  // The run's end: its last event, and the moment after, so that the last arrow has arrived.
  const at = Number.isFinite(atAsked) ? atAsked : lastEventAt(run.frameAt(Infinity, policy)) + 1;
  const now = drawnPart(run.frameAt(at, policy)).history;
  const waits = new Map(stateWaits(run, policy).map((w) => [chipKey({ endpoint: w.endpoint, t: w.from, state: w.state }), w] as const));
  // Laid out whole and unfolded (a picture has no box to fold into): cut below the moment.
  const layout = layOut(whole, { width, label, chip }, o.relative ?? true, t, undefined, waits)(100_000).whole;
  const { scale, X, labels, chips, gapLabels, chipPx, noteSize } = layout;
  const y = scale.y;
  const lineH = Math.round(label * 1.3);
  const head = Math.round(chip * 3.6);
  const bottom = Math.min(layout.height, Math.ceil(y(at) + lineH * 2));
  // A long run: its last part only, up to the moment (the question is about the moment). An animated one is drawn whole.
  const top = playing ? 0 : Math.max(0, bottom - (o.maxBody ?? Infinity));
  const body = bottom - top;
  const height = head + body;
  const states = {} as Record<EndpointId, TcpState>;
  const shown = new Set(lastingStates(now).map(chipKey));
  const out: string[] = [];
  const push = (s: string) => out.push(s);

  // An animated drawing's clock: the moment's height on the drawing as a share of the loop.
  const sweep = playing ? Math.max(1, bottom / playing.pxPerSecond) : 0;
  const loop = playing ? sweep + playing.holdSeconds : 0;
  const share = (px: number): number => Math.round(Math.min(1, Math.max(0, px / bottom)) * (sweep / loop) * 10_000) / 100;
  const animations: string[] = [];
  /** A named animation of the loop from its keyframes (offset in percent, declarations). */
  const animation = (frames: readonly [number, string][]): string => {
    const name = `k${animations.length}`;
    animations.push(
      `@keyframes ${name}{${frames.map(([at, d]) => `${Math.round(Math.min(100, Math.max(0, at)) * 100) / 100}%{${d}}`).join('')}}.${name}{animation:${name} ${n(loop)}s linear infinite}`,
    );
    return name;
  };

  // The heads: each endpoint's name over its lifeline, and the state it is in at the moment (in turn, when it plays).
  for (const e of ['client', 'server'] as const) {
    const held = lastingStates(now).filter((s) => s.endpoint === e);
    const state = held.at(-1)!.state;
    states[e] = state;
    push(
      `<text x="${X[e]}" y="${n(chip * 1.1)}" text-anchor="middle" font-family="${SANS}" font-size="${n(chip * 0.9)}" fill="${INK.muted}" letter-spacing="1">${esc(t[e].toUpperCase())}</text>`,
    );
    const stateText = (name: TcpState, extra: string) =>
      `<text x="${X[e]}" y="${n(chip * 2.7)}" text-anchor="middle" font-family="${MONO}" font-size="${n(chip * 1.3)}" font-weight="700" fill="${INK.fg}"${extra}>${esc(name)}</text>`;
    if (!playing) push(stateText(state, ''));
    else
      held.forEach((s, i) => {
        // Each state shows from its entry to the next one's; the last stays through the rest. Still (reduced motion): the last.
        const from = i === 0 ? -1 : share(y(s.t));
        const to = i === held.length - 1 ? 101 : share(y(held[i + 1]!.t));
        const name = animation([
          [0, `opacity:${from < 0 ? 1 : 0}`],
          ...(from >= 0
            ? ([
                [from, 'opacity:0'],
                [from + 0.01, 'opacity:1'],
              ] as [number, string][])
            : []),
          ...(to <= 100
            ? ([
                [to, 'opacity:1'],
                [to + 0.01, 'opacity:0'],
              ] as [number, string][])
            : []),
          [100, `opacity:${to > 100 ? 1 : 0}`],
        ]);
        push(stateText(s.state, ` class="a ${name}"${i === held.length - 1 ? '' : ' opacity="0"'}`));
      });
  }
  push(`<g clip-path="url(#body)"><g transform="translate(0 ${head - top})">`);
  for (const e of ['client', 'server'] as const) push(`<line x1="${X[e]}" x2="${X[e]}" y1="${top}" y2="${bottom}" stroke="${INK.muted}" stroke-width="2"/>`);
  // The silences the scale squeezed, once passed.
  for (const g of scale.gaps.filter((g) => g.from + g.ms <= at)) {
    const place = gapLabels.get(g.from)!;
    push(`<rect x="0" y="${n(g.y - label * 0.65)}" width="${width}" height="${n(label * 1.3)}" fill="${INK.bg}"/>`);
    push(
      `<text x="${n(place.x)}" y="${n(g.y + label * 0.35)}" text-anchor="${place.anchor}" font-family="${SANS}" font-size="${label}" fill="${INK.muted}">${esc(t.compressed(g.ms))}</text>`,
    );
  }
  // The now line, between the lifelines (an animated drawing's moves, below).
  if (!playing)
    push(`<line x1="${X.client}" x2="${X.server}" y1="${n(y(at))}" y2="${n(y(at))}" stroke="${INK.accent}" stroke-width="2" stroke-dasharray="3 4"/>`);
  // Drawn over the band that covers what is to come, each whole once the moment reaches it (not uncovered a line at a time).
  const above: string[] = [];
  const popAt = (px: number) =>
    animation([
      [0, 'opacity:0'],
      [share(px), 'opacity:0'],
      [share(px) + 0.01, 'opacity:1'],
      [100, 'opacity:1'],
    ]);
  const pop = (px: number, parts: string[]) => (playing ? above.push(`<g class="a ${popAt(px)}">${parts.join('')}</g>`) : parts.forEach(push));
  // The state chips entered by the moment.
  for (const [key, c] of chips) {
    if (!shown.has(key) || c.at > y(at) + 0.5) continue;
    const parts: string[] = [];
    const push = (s: string) => parts.push(s);
    push(`<rect x="${n(c.x)}" y="${n(c.y)}" width="${n(c.w)}" height="${n(c.h)}" rx="5" fill="${FAMILY[stateFamily(c.state)]}" stroke="${INK.line}"/>`);
    push(
      `<text x="${n(c.x + c.w / 2)}" y="${n(c.note ? c.y + chipPx * 0.78 : c.y + c.h / 2)}" dominant-baseline="central" text-anchor="middle" font-family="${MONO}" font-size="${n(chipPx)}" font-weight="700" fill="${INK.fg}">${esc(c.state)}</text>`,
    );
    if (c.note)
      push(
        `<text x="${n(c.x + c.w / 2)}" y="${n(c.y + c.h - chipPx * noteSize * 0.75)}" dominant-baseline="central" text-anchor="middle" font-family="${SANS}" font-size="${n(chipPx * noteSize)}" fill="${INK.fg}">${esc(c.note)}</text>`,
      );
    pop(c.at, parts);
  }
  // The segments sent by the moment: as far as each has come, its label once the arrow has reached it.
  for (const w of now.wire) {
    const colour = w.lost ? INK.lost : INK[w.from as EndpointId];
    const progress = Math.min(1, (at - w.sentAt) / Math.max(1, w.arrivesAt - w.sentAt));
    const stopped = stopsOnWay(w);
    const along = stopped ? Math.min(progress, stopFraction(w)) : progress;
    const done = !stopped && progress >= 1;
    const [x0, y0] = [X[w.from], y(w.sentAt)];
    const [x2, y2] = [X[w.to], w.arrivesAt > w.sentAt ? y(w.arrivesAt) : y(w.sentAt) + lineH * 1.2];
    const [xe, ye] = [x0 + (x2 - x0) * along, y0 + (y2 - y0) * along];
    const dash = w.retransmission ? ' stroke-dasharray="6 4"' : '';
    push(
      `<line x1="${n(x0)}" y1="${n(y0)}" x2="${n(xe)}" y2="${n(ye)}" stroke="${colour}" stroke-width="2"${dash}${done ? ` marker-end="url(#arrow-${w.from})"` : ''}/>`,
    );
    const placed = labels.get(w.id);
    if (placed?.clear && (done || progress >= placed.along)) {
      const b = placed.box;
      pop(y0 + (y2 - y0) * placed.along, [
        `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="3" fill="${INK.card}"/>`,
        `<text x="${n(b.x + b.w / 2)}" y="${n(b.y + b.h / 2)}" dominant-baseline="central" text-anchor="middle" font-family="${MONO}" font-size="${label}" fill="${INK.fg}">${esc(placed.text)}</text>`,
      ]);
    }
    if (!done && !stopped) {
      // On its way: a packet named by its flags, where it has come to.
      const flags = formatFlags(w.segment.flags);
      const pw = textWidth(flags, label) + lineH * 0.8;
      const px = inLane(xe, pw, X);
      push(
        `<g transform="translate(${n(px)} ${n(ye)})"><rect x="${n(-pw / 2)}" y="${n(-lineH * 0.6)}" width="${n(pw)}" height="${n(lineH * 1.2)}" rx="${n(lineH * 0.3)}" fill="${colour}"/>`,
      );
      push(
        `<text dominant-baseline="central" text-anchor="middle" font-family="${MONO}" font-size="${label}" font-weight="700" fill="${INK.card}">${esc(flags)}</text></g>`,
      );
    }
    if (w.lost && stopped && progress >= stopFraction(w))
      push(
        `<text x="${n(xe)}" y="${n(ye)}" dominant-baseline="central" text-anchor="middle" font-size="${n(label * 1.4)}" font-weight="700" fill="${INK.lost}">✕</text>`,
      );
  }
  if (playing) {
    // What is still to come, covered: the band's top edge is the moment, sweeping down.
    const cover = animation([
      [0, 'transform:translateY(0)'],
      [share(bottom), `transform:translateY(${bottom}px)`],
      [100, `transform:translateY(${bottom}px)`],
    ]);
    push(
      `<g class="a ${cover} still-hide" transform="translate(0 ${bottom})"><rect x="0" y="0" width="${width}" height="${bottom + lineH}" fill="${INK.card}"/><line x1="${X.client}" x2="${X.server}" y1="0" y2="0" stroke="${INK.accent}" stroke-width="2" stroke-dasharray="3 4"/></g>`,
    );
    out.push(...above);
    // Each segment on its way: a packet named by its flags, at the arrow's tip, which is at the moment's height.
    for (const w of now.wire) {
      const stopped = stopsOnWay(w);
      const [x0, y0] = [X[w.from], y(w.sentAt)];
      const [x2, y2] = [X[w.to], w.arrivesAt > w.sentAt ? y(w.arrivesAt) : y(w.sentAt) + lineH * 1.2];
      const along = stopped ? stopFraction(w) : 1;
      const [xe, ye] = [x0 + (x2 - x0) * along, y0 + (y2 - y0) * along];
      if (ye - y0 < 2) continue;
      const flags = formatFlags(w.segment.flags);
      const pw = textWidth(flags, label) + lineH * 0.8;
      const colour = w.lost ? INK.lost : INK[w.from as EndpointId];
      const [p0, p1] = [share(y0), share(ye)];
      const name = animation([
        [0, `opacity:0;transform:translate(${n(inLane(x0, pw, X))}px,${n(y0)}px)`],
        [p0, `opacity:0;transform:translate(${n(inLane(x0, pw, X))}px,${n(y0)}px)`],
        [p0 + 0.01, `opacity:1;transform:translate(${n(inLane(x0, pw, X))}px,${n(y0)}px)`],
        [p1, `opacity:1;transform:translate(${n(inLane(xe, pw, X))}px,${n(ye)}px)`],
        [p1 + 0.01, `opacity:0;transform:translate(${n(inLane(xe, pw, X))}px,${n(ye)}px)`],
        [100, `opacity:0;transform:translate(${n(inLane(xe, pw, X))}px,${n(ye)}px)`],
      ]);
      push(
        `<g class="a ${name} still-hide" opacity="0"><rect x="${n(-pw / 2)}" y="${n(-lineH * 0.6)}" width="${n(pw)}" height="${n(lineH * 1.2)}" rx="${n(lineH * 0.3)}" fill="${colour}"/><text dominant-baseline="central" text-anchor="middle" font-family="${MONO}" font-size="${label}" font-weight="700" fill="${INK.card}">${esc(flags)}</text></g>`,
      );
    }
  }
  push('</g>');
  // Cut above: a fading band says the run began earlier.
  if (top > 0) push(`<rect x="0" y="${head}" width="${width}" height="${lineH * 2}" fill="url(#earlier)"/>`);
  push('</g>');
  const defs = (['client', 'server'] as const)
    .map(
      (e) =>
        `<marker id="arrow-${e}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${INK[e]}"/></marker>`,
    )
    .join('');
  // A title takes a line of its own above the heads; the rest moves down under it.
  const titleH = o.title ? Math.round(chip * 2.4) : 0;
  const titled = o.title
    ? [
        `<text x="${n(chip)}" y="${n(chip * 1.6)}" font-family="${SANS}" font-size="${n(chip * 1.3)}" font-weight="700" fill="${INK.fg}">${esc(o.title)}</text>`,
        `<g transform="translate(0 ${titleH})">`,
        ...out,
        '</g>',
      ]
    : out;
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + titleH}" viewBox="0 0 ${width} ${height + titleH}" role="img" aria-label="${esc(o.title ? `${o.title}: ${t.sequenceDiagram}` : t.sequenceDiagram)}">`,
    `<defs>${defs}<clipPath id="body"><rect x="0" y="${head}" width="${width}" height="${body}"/></clipPath><linearGradient id="earlier" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${INK.card}"/><stop offset="1" stop-color="${INK.card}" stop-opacity="0"/></linearGradient></defs>`,
    ...(playing
      ? [
          // Still for a reader who asks for less motion: the whole run, as it ends.
          `<style>${animations.join('')}@media (prefers-reduced-motion: reduce){.a{animation:none}.still-hide{display:none}}</style>`,
        ]
      : []),
    `<rect width="${width}" height="${height + titleH}" fill="${INK.card}"/>`,
    ...titled,
    '</svg>',
  ].join('\n');
  return { svg, width, height: height + titleH, states };
}

/** The tallest a question's picture is below its heads: a long run shows its last part. */
const MAX_BODY = 480;

/**
 * The picture a question bank's question carries: its run just before the moment it asks about,
 * as the practice page's stage shows it before the answer. None where nothing is drawn by then
 * (a claim's, an order's: the picture would be the answer) or the moment is the run's start.
 */
export function questionImage(e: Exercise, t: Strings, alt: string): QuestionImage | null {
  if (e.before < 0) return null;
  const run = new Run(e.script.config ?? {}, e.script.steps);
  run.extendToEnd(100_000);
  if (run.frameAt(e.before, e.policy).history.wire.length === 0) return null;
  const { svg, width, height, states } = momentSvg(e.script, e.policy, e.before, t, { maxBody: MAX_BODY });
  // Said in words too: where each end is at that moment.
  return { name: `${e.id.replace(/[^\w.-]+/g, '-')}.svg`, svg, width, height, alt: `${alt}: ${t.client} ${states.client}, ${t.server} ${states.server}` };
}
