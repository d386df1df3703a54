/**
 * What redraws when only time passes. The whole App is rendered, playing, and every panel's body
 * is counted each time it runs. In a frame where nothing happens (no segment arrives, no timer
 * fires) the sequence diagram's now line and the clock must move, and no component may render
 * at all: what moves is set on the drawing from the session's frames, outside React. A frame in
 * which something happens must redraw the panels (so the count can fail).
 */
import { act, memo, type ComponentType, type MemoExoticComponent } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeRun, readRun } from '../../src/player/shareLink';
import { parseLink } from '../../src/player/links';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const renders = vi.hoisted(() => new Map<string, number>());

/** The same component, counting each time its body runs (memoized exactly as the original is). */
function counted<P extends object>(name: string, original: ComponentType<P> | MemoExoticComponent<ComponentType<P>>) {
  const memoized = typeof original === 'object' && 'type' in original;
  const body = (memoized ? (original as unknown as { type: (p: P) => React.ReactNode }).type : original) as (p: P) => React.ReactNode;
  const compare = memoized ? (original as unknown as { compare: ((a: P, b: P) => boolean) | null }).compare : null;
  const wrapped = (props: P) => {
    renders.set(name, (renders.get(name) ?? 0) + 1);
    return body(props);
  };
  return memoized ? memo(wrapped, compare ?? undefined) : wrapped;
}

vi.mock('../../src/ui/EndpointHead', async (o) => ({
  EndpointHead: counted('EndpointHead', (await o<typeof import('../../src/ui/EndpointHead')>()).EndpointHead),
}));
vi.mock('../../src/ui/StateDiagram', async (o) => ({
  StateDiagram: counted('StateDiagram', (await o<typeof import('../../src/ui/StateDiagram')>()).StateDiagram),
}));
vi.mock('../../src/ui/SequenceDiagram', async (o) => ({
  SequenceDiagram: counted('SequenceDiagram', (await o<typeof import('../../src/ui/SequenceDiagram')>()).SequenceDiagram),
}));
vi.mock('../../src/ui/Lesson', async (o) => {
  const m = await o<typeof import('../../src/ui/Lesson')>();
  return { Narration: counted('Narration', m.Narration), LessonPicker: counted('LessonPicker', m.LessonPicker) };
});
vi.mock('../../src/ui/NetworkPanel', async (o) => ({
  NetworkPanel: counted('NetworkPanel', (await o<typeof import('../../src/ui/NetworkPanel')>()).NetworkPanel),
}));
vi.mock('../../src/ui/QuizPanel', async (o) => ({ QuizPanel: counted('QuizPanel', (await o<typeof import('../../src/ui/QuizPanel')>()).QuizPanel) }));
vi.mock('../../src/ui/SsPanel', async (o) => ({ SsPanel: counted('SsPanel', (await o<typeof import('../../src/ui/SsPanel')>()).SsPanel) }));
vi.mock('../../src/ui/Timeline', async (o) => ({ Timeline: counted('Timeline', (await o<typeof import('../../src/ui/Timeline')>()).Timeline) }));
vi.mock('../../src/ui/Explanation', async (o) => {
  const m = await o<typeof import('../../src/ui/Explanation')>();
  return { ...m, Explanation: counted('Explanation', m.Explanation), EventLog: counted('EventLog', m.EventLog) };
});

const { App } = await import('../../src/ui/App');
const { app: en } = await import('../../src/i18n/en/app');

/** Animation frames, pumped by hand at 60 per simulated second of wall time. */
let frames: FrameRequestCallback[] = [];
let clock = 0;
const pump = (n: number) => {
  for (let i = 0; i < n; i++) {
    act(() => {
      clock += 16;
      const due = frames;
      frames = [];
      for (const cb of due) cb(clock);
    });
  }
};

let container: HTMLDivElement;
let root: Root;

beforeEach(async () => {
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  vi.spyOn(performance, 'now').mockImplementation(() => clock);
  // Both ends ESTABLISHED at 1 s with no timer running; the next event is the close at 5 s.
  const run = encodeRun({
    config: { preset: 'classroom', latencyMs: 100 },
    steps: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 0, endpoint: 'client', call: 'connect' },
      { at: 5000, endpoint: 'client', call: 'close' },
    ],
    t: 1000,
  });
  history.replaceState(null, '', `/?lang=en&run=${run}`);
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<App lang="en" strings={en} shared={readRun(parseLink(location.search, 'app').run)} />));
  // The panels loaded after the first view (the quiz, ss) arrive inside act().
  for (let i = 0; i < 200 && !container.querySelector('aside.rail section[aria-label="Network"]'); i++)
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
  history.replaceState(null, '', '/');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const clockText = () => container.querySelector('output.clock')!.textContent;
const diagram = () => container.querySelector('.diagram-layers')!.innerHTML;
// The slider's drawn thumb: it moves every frame (the hidden input takes its value once a second).
const thumb = () => container.querySelector<HTMLElement>('.scrub-mover')!.style.transform;
const play = () => act(() => [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Play')!.click());

describe('a frame in which only time passes', () => {
  it('moves the diagram and the clock, and renders no panel: not the endpoints, the state diagram, the narration or the log', () => {
    expect(container.querySelector('section[aria-label="Client"] [role="status"]')!.textContent).toContain('ESTABLISHED');
    play();
    pump(2);
    renders.clear();
    const before = { clock: clockText(), diagram: diagram(), thumb: thumb() };
    pump(10);
    expect(clockText()).not.toBe(before.clock);
    // A silence this long is squeezed: the now line waits below it while its length counts up.
    expect(diagram()).not.toBe(before.diagram);
    expect(container.querySelector('g.gap.growing')!.textContent).toMatch(/^(\d+ ms|\d+\.\d s) pass$/);
    expect(thumb()).toMatch(/^translateX\(\d+(\.\d+)?%\)$/);
    expect(thumb()).not.toBe(before.thumb);
    for (const quiet of [
      'SequenceDiagram',
      'EndpointHead',
      'StateDiagram',
      'Explanation',
      'EventLog',
      'Narration',
      'LessonPicker',
      'NetworkPanel',
      'QuizPanel',
      'SsPanel',
      'Timeline',
    ]) {
      expect(renders.get(quiet) ?? 0, quiet).toBe(0);
    }
  });

  it('...while a frame in which something happens redraws them', () => {
    play();
    pump(2);
    renders.clear();
    // Playing at 8x, 4 s of simulated time pass in about 30 frames and the client's close() at 5 s happens.
    act(() => {
      const select = container.querySelector<HTMLSelectElement>('section[aria-label="Timeline"] select')!;
      select.value = '8';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    pump(40);
    expect(container.querySelector('section[aria-label="Client"] [role="status"]')!.textContent).not.toContain('ESTABLISHED');
    for (const busy of ['SequenceDiagram', 'EndpointHead', 'StateDiagram', 'Explanation', 'EventLog', 'Narration'])
      expect(renders.get(busy) ?? 0, busy).toBeGreaterThan(0);
  });
});
