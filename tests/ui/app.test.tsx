/**
 * Component tests in jsdom: the structure the issue promises (regions, statuses, exact button
 * names), refusals with their reasons, and that the components render what the engine says.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app as en } from '../../src/i18n/en/app';
import { app as ko } from '../../src/i18n/ko/app';
import { createSession } from '../../src/player/session';
import { App, openingLang } from '../../src/ui/App';
import { readRun } from '../../src/player/shareLink';
import { parseLink } from '../../src/player/links';
import { StateDiagram } from '../../src/ui/StateDiagram';
import { SequenceDiagram } from '../../src/ui/SequenceDiagram';
import { findScenario } from '../../src/scenarios/catalog';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** Render the App and let its lazily loaded panels arrive inside act(), as a page would after its first view. */
async function renderApp(root: Root): Promise<void> {
  await act(async () =>
    root.render(
      <App
        lang={openingLang(location.search)}
        strings={openingLang(location.search) === 'ko' ? ko : en}
        shared={readRun(parseLink(location.search, 'app').run)}
      />,
    ),
  );
  // The rail is loaded on demand: wait for it (a loaded machine may take a while), as a reader would.
  for (let i = 0; i < 200 && !document.querySelector('aside.rail section[aria-label="Network"], aside.rail section[aria-label="네트워크"]'); i++)
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
}

const region = (name: string) => container.querySelector<HTMLElement>(`section[aria-label="${name}"]`)!;
/** A button by its accessible name: its aria-label, or its text (an icon beside it has none). */
const button = (scope: HTMLElement, name: string) =>
  [...scope.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name) ?? null;
const click = (el: HTMLElement | null) => {
  if (!el) throw new Error('no such button');
  act(() => el.click());
};

describe('the page, rendered', () => {
  beforeEach(() => renderApp(root));

  it('has the named regions, a status per endpoint, and the six calls by their exact names', () => {
    for (const name of ['Client', 'Server', 'Timeline', 'Network']) expect(region(name), name).not.toBeNull();
    for (const who of ['Client', 'Server']) {
      expect(region(who).querySelector('[role="status"]')!.textContent).toContain('CLOSED');
      for (const call of ['listen()', 'connect()', 'send()', 'shutdown()', 'close()', 'abort()']) expect(button(region(who), call), call).not.toBeNull();
    }
    for (const name of ['Play', 'Step forward', 'Step back']) expect(button(region('Timeline'), name), name).not.toBeNull();
  });

  it('marks a refused call and says why, as the engine explains it', () => {
    const close = button(region('Client'), 'close()')!;
    expect(close.getAttribute('aria-disabled')).toBe('true');
    const reason = document.getElementById(close.getAttribute('aria-describedby')!);
    expect(reason!.textContent).toBe('connection does not exist');
    click(close); // nothing happens
    expect(region('Client').querySelector('[role="status"]')!.textContent).toContain('CLOSED');
  });

  it('makes the calls, steps through time, and explains what happened with the RFC section', () => {
    click(button(region('Server'), 'listen()'));
    click(button(region('Client'), 'connect()'));
    expect(region('Client').querySelector('[role="status"]')!.textContent).toContain('SYN-SENT');
    click(button(region('Timeline'), 'Step forward'));
    expect(region('Server').querySelector('[role="status"]')!.textContent).toContain('SYN-RECEIVED');
    const why = region('Why it happened');
    expect(why.textContent).toContain('The server received SYN.');
    expect(why.querySelector('a')!.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc9293#section-3.10.7.2');
    click(button(region('Timeline'), 'Step back'));
    expect(region('Server').querySelector('[role="status"]')!.textContent).toContain('LISTEN');
  });

  it('switches timer profiles and latency: the same run, replayed with other numbers', () => {
    click(button(region('Server'), 'listen()'));
    click(button(region('Client'), 'connect()'));
    for (let i = 0; i < 3; i++) click(button(region('Timeline'), 'Step forward'));
    click(button(region('Client'), 'close()'));
    click(button(region('Server'), 'close()'));
    for (let i = 0; i < 4 && !region('Client').textContent!.includes('TIME-WAIT in'); i++) click(button(region('Timeline'), 'Step forward'));
    expect(region('Client').textContent).toMatch(/TIME-WAIT in 8\.0 s/);
    const change = (el: HTMLSelectElement | HTMLInputElement, value: string) =>
      act(() => {
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!;
        setter.call(el, value);
        el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
      });
    change(region('Network').querySelector('select')!, 'linux');
    // Linux's 20 ms segments: the same calls at the same times now finish the close at once.
    expect(region('Client').textContent).toMatch(/TIME-WAIT in 5\d\.\d s/);
    change(region('Network').querySelector('input[type="number"]')!, '2000');
    expect(region('Client').querySelector('[role="status"]')!.textContent).not.toContain('TIME-WAIT');
  });

  it('lists running timers with a countdown and what happens when they fire', () => {
    click(button(region('Client'), 'connect()'));
    const timer = region('Client').querySelector('.timers li')!;
    expect(timer.querySelector('strong')!.textContent).toBe('Retransmission');
    expect(timer.querySelector('.countdown')!.textContent).toBe('in 2.0 s');
    // What happens when it fires is said on the line itself, for a pointer or a screen reader.
    expect(timer.getAttribute('title')).toMatch(/^resends the oldest unacknowledged segment/);
  });
});

describe('the "Paused" badge', () => {
  afterEach(() => history.replaceState(null, '', '/'));
  const shown = () => container.querySelector('.paused-mark[data-shown="true"]');

  it('is not shown to a newcomer who only steps (they never started playing), and is once they play and pause', async () => {
    history.replaceState(null, '', '/?scenario=three-way-handshake&lang=en');
    await renderApp(root);
    click(button(region('Timeline'), 'Step forward'));
    click(button(region('Timeline'), 'Step forward'));
    expect(region('Server').querySelector('[role="status"]')!.textContent).toContain('SYN-RECEIVED');
    expect(shown()).toBeNull();
    click(button(region('Timeline'), 'Play'));
    click(button(region('Timeline'), 'Pause'));
    expect(shown()!.textContent).toContain('Paused');
    // Reset starts over: stepping from there again pauses nothing.
    click(button(region('Timeline'), 'Reset'));
    click(button(region('Timeline'), 'Step forward'));
    expect(shown()).toBeNull();
  });
});

describe('the sequence diagram', () => {
  it("draws a silence still passing under the state chips, as one passed is: its band never covers a timer's words", () => {
    // fin-wait-2-timeout: the client's FIN-WAIT-2, with its timer's 6 s, is a silence squeezed into a band.
    const session = createSession(findScenario('fin-wait-2-timeout')!.script);
    act(() => root.render(<SequenceDiagram session={session} relative t={en} />));
    const growing = container.querySelector<SVGGElement>('g.gap.growing')!;
    let at = 0;
    for (; at < 20_000 && growing.getAttribute('visibility') !== 'visible'; at += 250) act(() => session.seek(at));
    expect(growing.getAttribute('visibility')).toBe('visible');
    // In the drawing under the chips (the settled one), before them: whatever a chip says is drawn over it.
    const chips = container.querySelector<SVGGElement>('svg.sequence g.state-marks')!;
    expect(growing.ownerSVGElement).toBe(chips.ownerSVGElement);
    expect(growing.compareDocumentPosition(chips) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The silence is FIN-WAIT-2's, whose chip says its timer.
    expect([...container.querySelectorAll('g.state-mark .chip-note')].map((n) => n.textContent)).toContain('timer 6 s');
  });
});

describe('the state diagram', () => {
  it('marks where each endpoint is', () => {
    const session = createSession({ steps: [{ at: 0, endpoint: 'server', call: 'listen' }] });
    act(() => root.render(<StateDiagram session={session} t={en} />));
    const current = [...container.querySelectorAll('g.node.current')].map((g) => g.textContent);
    expect(current).toEqual(['CLOSEDC', 'LISTENS']);
  });
});

describe('strings', () => {
  it('has every string in both languages, none empty', () => {
    const walk = (o: unknown, path: string): string[] =>
      typeof o === 'string' ? (o.trim() ? [] : [path]) : typeof o === 'object' && o ? Object.entries(o).flatMap(([k, v]) => walk(v, `${path}.${k}`)) : [];
    expect(walk(ko, 'ko')).toEqual([]);
    expect(walk(en, 'en')).toEqual([]);
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('in Korean', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it("says why a call is refused in Korean, keeping RFC 9293's error name beside it", async () => {
    history.replaceState(null, '', '/?lang=ko');
    await renderApp(root);
    const close = button(region('클라이언트'), 'close()')!;
    const reason = document.getElementById(close.getAttribute('aria-describedby')!);
    expect(reason!.textContent).toBe('연결이 없습니다 (connection does not exist)');
  });
});
