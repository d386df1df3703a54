/**
 * Who a key belongs to when the pointer's timer and the keyboard race. The pointer's press is read
 * after a timer (focus moves after pointerdown); a key that comes first decides for itself. A timer
 * left over from a press must not then mark the control the keyboard has since reached (Tab) as
 * clicked: that took Enter from a Tab-reached Present button once in CI.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useShortcuts, type ShortcutActions } from '../../src/ui/useShortcuts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLDivElement;
const calls: string[] = [];
const actions = new Proxy({} as ShortcutActions, { get: (_, name: string) => () => calls.push(name) });

function Page() {
  useShortcuts(actions);
  return (
    <div>
      <p id="title">Title</p>
      <button id="present">Present</button>
      <button id="other">Other</button>
    </div>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  calls.length = 0;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root.render(<Page />));
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.useRealTimers();
});

const key = (k: string) => {
  const target = document.activeElement ?? document.body;
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true });
  target.dispatchEvent(e);
  return e.defaultPrevented;
};
const press = (el: Element) => {
  el.dispatchEvent(new Event('pointerdown', { bubbles: true }));
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }));
};

it('a press on the page, then Tab to a button before the pointer timer runs: the button keeps Enter', () => {
  press(document.getElementById('title')!);
  key('Tab');
  document.getElementById('present')!.focus();
  vi.runAllTimers(); // the press's timer, late on a busy page
  expect(key('Enter')).toBe(false); // the button's own: not taken by the page
  expect(calls).toEqual([]);
});

it('a button clicked with the pointer gives Space to the page, whether its timer ran or not', () => {
  const present = document.getElementById('present')!;
  present.focus();
  press(present);
  expect(key(' ')).toBe(true);
  expect(calls).toEqual(['togglePlay']);
  present.focus();
  press(present);
  vi.runAllTimers();
  expect(key(' ')).toBe(true);
  expect(calls).toEqual(['togglePlay', 'togglePlay']);
});
