import { useEffect } from 'react';

export interface ShortcutActions {
  togglePlay(): void;
  stepForward(): void;
  stepBack(): void;
  toStart(): void;
  openLesson(n: number): void;
  togglePresent(): void;
  /** Page Down: a presenter remote's "next" (a step; at a lesson's end in presentation, the next lesson). */
  next(): void;
  /** Page Up: a presenter remote's "back" (a step back; at a lesson's start in presentation, the lesson before). */
  previous(): void;
  /** Escape: the screen back if blanked, else what is open closed, else out of presentation mode. */
  escape(): void;
  /** B or . (a remote's blank-screen button): the screen black, or back. */
  toggleBlank(): void;
  toggleFullscreen(): void;
  toggleLanguage(): void;
  toggleHelp(): void;
}

/** Input types a student types into: they keep every key while focused, however they were reached. */
const TYPED = /^(text|search|email|url|tel|password|number|date|time|datetime-local|month|week)$/;

/** A field typed into: its keys are its own (digits, letters, arrows, Space), whoever clicked it. */
export function isTyped(el: HTMLElement): boolean {
  return el.isContentEditable || el.tagName === 'TEXTAREA' || (el instanceof HTMLInputElement && TYPED.test(el.type));
}

/**
 * The keys a control reached with the keyboard (Tab) needs for itself, as a keyboard user expects:
 * a button's Space and Enter, a checkbox's Space, a slider's arrows, a menu's arrows and letters.
 * Page Up and Page Down are never a control's: a presenter's remote sends only those, and they step.
 */
function controlKeys(el: HTMLElement, key: string): boolean {
  if (key === 'PageUp' || key === 'PageDown') return false;
  // A refused call (aria-disabled) does nothing with Space or Enter: the page's keys keep working.
  if (el.getAttribute('aria-disabled') === 'true') return false;
  if (el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) {
    if (el.type === 'range') return /^(Arrow(Left|Right|Up|Down)|Home|End)$/.test(key);
    if (el.type === 'checkbox' || el.type === 'radio') return key === ' ' || (el.type === 'radio' && key.startsWith('Arrow'));
    return key === ' ' || key === 'Enter';
  }
  if (el.tagName === 'A') return key === 'Enter';
  return (el.tagName === 'BUTTON' || el.tagName === 'SUMMARY' || el.getAttribute('role') === 'button') && (key === ' ' || key === 'Enter');
}

/**
 * Who a key belongs to: the field being typed in, the control the keyboard reached, or the page.
 * A control the pointer clicked (a button, a menu chosen from, a slider dragged, a checkbox) has
 * given the keys back to the page: Space plays and pauses, the arrows step, and no key presses it
 * again. Inside an open dialog its controls keep their own keys (the page behind it waits).
 */
export type KeyOwner = 'field' | 'control' | 'page' | 'dialog';

export function keyOwner(target: EventTarget | null, key: string, reachedByPointer: boolean): KeyOwner {
  if (!(target instanceof HTMLElement)) return 'page';
  if (isTyped(target)) return 'field';
  if (target.closest('dialog[open]')) return 'dialog';
  if (target === document.body || target === document.documentElement) return 'page';
  return !reachedByPointer && controlKeys(target, key) ? 'control' : 'page';
}

/** The classroom keys (presenter remotes send PageUp/PageDown), on the whole page, whatever was clicked last. */
export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    // The controls the pointer left focus on since the keyboard last moved it (a click or a tap; a
    // label's click focuses its control; a dialog closed gives focus back to the button that opened
    // it): they take no key. A control focused with Tab takes its own (see controlKeys).
    let pointed = new WeakSet<Element>();
    // What the pointer last pressed, until the next key: a key that comes before the timer below has
    // run (a browser serves input before timers, and a busy page's timer waits) reads focus itself,
    // if the press put it there (the control pressed, or the one its label names), not the page's code.
    let pressedOn: Element | null = null;
    // That timer, until it runs or a key comes first: a key reads the press itself, and a timer left
    // to run after it would mark the control the keyboard has since reached (Tab) as clicked.
    let pending: ReturnType<typeof setTimeout> | undefined;
    const takeFocused = () => {
      if (document.activeElement && document.activeElement !== document.body) pointed.add(document.activeElement);
    };
    const focusedByPress = (on: Element): boolean => {
      const active = document.activeElement;
      if (!active || active === document.body) return false;
      return active.contains(on) || on.closest('label')?.control === active;
    };
    // Read once the pointer's press or click has done its work (moved focus, or not).
    const onPointer = (e: Event) => {
      if (e.type === 'click' && (e as MouseEvent).detail === 0) return;
      if (e.target instanceof Element) pressedOn = e.target;
      clearTimeout(pending);
      pending = setTimeout(() => {
        pending = undefined;
        takeFocused();
      }, 0);
    };
    const onKey = (e: KeyboardEvent) => {
      clearTimeout(pending);
      pending = undefined;
      if (e.key === 'Tab') pointed = new WeakSet();
      else if (pressedOn && focusedByPress(pressedOn)) takeFocused();
      pressedOn = null;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target;
      const byPointer = target instanceof Element && pointed.has(target);
      const owner = keyOwner(target, e.key, byPointer);
      if (owner === 'field') {
        // Enter or Escape in a one-line field: done typing, the keys are the page's again.
        if ((e.key === 'Enter' || e.key === 'Escape') && target instanceof HTMLInputElement && !target.closest('dialog[open]')) target.blur();
        return;
      }
      if (owner === 'control') return;
      const act: Record<string, () => void> = {
        ' ': actions.togglePlay,
        ArrowRight: actions.stepForward,
        PageDown: actions.next,
        ArrowLeft: actions.stepBack,
        PageUp: actions.previous,
        Home: actions.toStart,
        p: actions.togglePresent,
        P: actions.togglePresent,
        f: actions.toggleFullscreen,
        F: actions.toggleFullscreen,
        l: actions.toggleLanguage,
        L: actions.toggleLanguage,
        '?': actions.toggleHelp,
        Escape: actions.escape,
        b: actions.toggleBlank,
        B: actions.toggleBlank,
        '.': actions.toggleBlank,
      };
      // In a dialog only ? acts (it closes the list of keys); its controls keep the rest.
      if (owner === 'dialog' && e.key !== '?') return;
      const run = /^[1-9]$/.test(e.key) ? () => actions.openLesson(Number(e.key)) : act[e.key];
      // The control the pointer clicked lets go of focus at the first key: no keyboard focus ring (nor
      // a refusal's tooltip) is left on it, and the next Tab goes on from it.
      const clicked = byPointer && owner === 'page' && target instanceof HTMLElement && target !== document.body;
      if (clicked) target.blur();
      // A key never presses the control the pointer clicked (Enter included), nor reaches its own handlers.
      if (!run && !(clicked && (e.key === 'Enter' || e.key === ' '))) return;
      e.preventDefault();
      e.stopPropagation();
      run?.();
    };
    // Capture, so the page hears its keys before a focused control's own handlers do.
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('click', onPointer, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      clearTimeout(pending);
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('click', onPointer, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [actions]);
}
