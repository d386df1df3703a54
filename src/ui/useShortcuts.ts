import { useEffect } from 'react';

export interface ShortcutActions {
  togglePlay(): void;
  stepForward(): void;
  stepBack(): void;
  toStart(): void;
  openLesson(n: number): void;
  togglePresent(): void;
  toggleFullscreen(): void;
  toggleLanguage(): void;
  toggleHelp(): void;
}

/** Keys a focused control needs for itself: typing, choosing, sliding, pressing. */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A presenter's remote sends only Page Up / Page Down: they always step, even with the lesson menu focused.
  if (key === 'PageUp' || key === 'PageDown') return target.isContentEditable || /^(INPUT|TEXTAREA)$/.test(target.tagName);
  if (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return true;
  // A refused call (aria-disabled) does nothing with Space or Enter: the page's keys keep working.
  if (target.getAttribute('aria-disabled') === 'true') return false;
  return (target.tagName === 'BUTTON' || target.getAttribute('role') === 'button') && (key === ' ' || key === 'Enter');
}

/** The classroom keys (presenter remotes send PageUp/PageDown), on the whole page. */
export function useShortcuts(actions: ShortcutActions): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || ownsKey(e.target, e.key)) return;
      const act: Record<string, () => void> = {
        ' ': actions.togglePlay,
        ArrowRight: actions.stepForward,
        PageDown: actions.stepForward,
        ArrowLeft: actions.stepBack,
        PageUp: actions.stepBack,
        Home: actions.toStart,
        p: actions.togglePresent,
        P: actions.togglePresent,
        f: actions.toggleFullscreen,
        F: actions.toggleFullscreen,
        l: actions.toggleLanguage,
        L: actions.toggleLanguage,
        '?': actions.toggleHelp,
      };
      const run = /^[1-9]$/.test(e.key) ? () => actions.openLesson(Number(e.key)) : act[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
