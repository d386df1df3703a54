import { useEffect, useRef } from 'react';

/** A <dialog> shown modal while `open` (the keys go into it, Esc closes it) and closed when not: its ref. */
export function useModal(open: boolean) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal?.();
    if (!open && el.open) el.close();
  }, [open]);
  return dialog;
}
