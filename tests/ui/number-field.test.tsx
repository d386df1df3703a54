/**
 * The one number field (src/ui/NumberField.tsx), where a student sets the network's latency: text
 * it cannot use is said beside it, with the value still in use, and never quietly clamped.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { app as en } from '../../src/i18n/en/app';
import { createSession, type Session } from '../../src/player/session';
import { NetworkPanel } from '../../src/ui/NetworkPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
let session: Session;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  session = createSession({ config: { preset: 'classroom' }, steps: [] });
  act(() => root.render(<NetworkPanel session={session} t={en} />));
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** Type into the latency field as a user does (React reads the input's value on its input event). */
function type(text: string): HTMLInputElement {
  const input = container.querySelector<HTMLInputElement>('input[type="number"]')!;
  const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    input.focus();
    set.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  return input;
}

describe('the latency field', () => {
  it('sets the run’s latency from a whole number in range', () => {
    type('250');
    expect(session.getState().run.config.latencyMs).toBe(250);
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });

  it('says what is wrong with text it cannot use, and keeps the value from before the edit', () => {
    const before = session.getState().frame.config.latencyMs;
    const input = type('99999');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(`Enter a whole number from 0 to 5,000. Still using ${before.toLocaleString('en-US')}.`);
    expect(session.getState().frame.config.latencyMs).toBe(before);
    type('12.5');
    expect(container.querySelector('[role="alert"]')).not.toBeNull();
    type('40');
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(session.getState().frame.config.latencyMs).toBe(40);
  });

  it('shows a latency changed elsewhere (a new profile, a capture’s measured one), and does not flag one that is no whole number', () => {
    act(() => session.setConfig({ preset: 'linux' }));
    const input = container.querySelector<HTMLInputElement>('input[type="number"]')!;
    expect(input.value).toBe(String(session.getState().frame.config.latencyMs));
    act(() => session.setConfig({ preset: 'linux', latencyMs: 0.01800060272216797 }));
    expect(input.value).toBe('0.018');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(container.querySelector('[role="alert"]')).toBeNull();
  });
});
