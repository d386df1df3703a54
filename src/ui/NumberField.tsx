import { useId, useState } from 'react';

/** A whole number as the fields and the pile-ups write it (1,024). */
export const formatWhole = (v: number): string => Math.round(v).toLocaleString('en-US');

/** A value as the field shows it: a whole number as it is, another (a capture's measured latency) to three decimals. */
const shown = (v: number): string => (Number.isInteger(v) ? String(v) : String(Number(v.toFixed(3))));

/**
 * A whole-number field that says, beside it, when what was typed cannot be used (and which value
 * still is), instead of quietly changing it: meanwhile the run keeps the value it had when the field
 * got focus, not whatever usable prefix was typed on the way.
 */
export function NumberField({
  label,
  value,
  range,
  onValue,
  invalid,
  hint,
  step = 1,
}: {
  label: string;
  /** What the value means, said under the field (tcp_orphan_retries: 0 is 8 retries). */
  hint?: string;
  value: number;
  range: readonly [number, number];
  onValue: (v: number) => void;
  /** What to say when the text cannot be used: the range, and the value still in use. */
  invalid: (min: string, max: string, using: string) => string;
  step?: number;
}) {
  const [text, setText] = useState(() => shown(value));
  // The value the run had when this edit began (the field got focus): what it goes back to, and names, while the text cannot be used.
  const [before, setBefore] = useState(value);
  // The last value this field showed or set, and whether the reader is editing it: a value changed elsewhere (a new
  // profile, another run opened) is shown when they are not.
  const [seen, setSeen] = useState(value);
  const [editing, setEditing] = useState(false);
  if (!editing && value !== seen) {
    setSeen(value);
    setBefore(value);
    setText(shown(value));
  }
  const id = useId();
  const [min, max] = range;
  const usable = (s: string) => /^\s*\d+\s*$/.test(s) && Number(s) >= min && Number(s) <= max;
  // The value in use, as shown, is never flagged (a capture's replay may measure a latency that is no whole number).
  const ok = usable(text) || text === shown(before);
  return (
    <label className={`field${ok ? '' : ' bad'}`}>
      <span className="field-name">{label}</span>
      <input
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={text}
        aria-invalid={!ok}
        aria-describedby={ok ? undefined : id}
        onFocus={() => {
          setBefore(value);
          setEditing(true);
        }}
        onBlur={() => setEditing(false)}
        onChange={(e) => {
          // A prefix that was usable mid-typing (the 9 of 99999999) is not kept once the text is not: the run goes back to the value from before the edit.
          const next = usable(e.target.value) ? Number(e.target.value) : before;
          setText(e.target.value);
          setSeen(next);
          onValue(next);
        }}
      />
      {hint ? <span className="field-hint">{hint}</span> : null}
      {ok ? null : (
        <span className="invalid" id={id} role="alert">
          {invalid(formatWhole(min), formatWhole(max), Number.isInteger(before) ? formatWhole(before) : shown(before))}
        </span>
      )}
    </label>
  );
}
