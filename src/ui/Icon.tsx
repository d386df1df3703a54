/**
 * The few icons the controls use, drawn inline: a glyph such as ⏸ or ⏭ is missing from many
 * fonts (it shows as an empty box), a path never is. Each is decorative: its button has a name.
 */
const PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M3.5 2.5h3.2v11H3.5zM9.3 2.5h3.2v11H9.3z',
  back: 'M3 2.5h2v11H3zM14 2.5v11L6 8z',
  forward: 'M11 2.5h2v11h-2zM2 2.5v11L10 8z',
  skip: 'M1.5 2.5v11L7.5 8zM8 2.5v11L14 8zM14 2.5h1.5v11H14z',
  reset: 'M8 2a6 6 0 1 1-5.7 4.1l1.9.6A4 4 0 1 0 8 4v2.5L4.5 3.3 8 0z',
  timer: 'M6 0h4v1.6H6zM8 2.5a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 2.5zm0 1.7a4.5 4.5 0 1 1 0 9 4.5 4.5 0 0 1 0-9zM7.2 5.2h1.6v4.4H7.2z',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
