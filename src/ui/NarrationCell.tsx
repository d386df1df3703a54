import type { ReactNode } from 'react';
import type { CellText } from '../player/narration';

/**
 * A narration's cell: every text it may say laid out in one place, the current one shown (the
 * player's `cellTexts` decides which); `children` go first (an embed's hint how to start).
 */
export function NarrationCell({ texts, takeawayLabel, children }: { texts: readonly CellText[]; takeawayLabel: string; children?: ReactNode }) {
  return (
    <div className="narration-lines" aria-live="polite">
      {children}
      {texts.map((x) => (
        <p key={x.key} className={x.kind === 'why' ? 'why-line' : x.kind} data-current={x.current} aria-hidden={!x.current}>
          {x.kind === 'takeaway' ? (
            <>
              <strong>{takeawayLabel}:</strong> {x.text}
            </>
          ) : (
            x.text
          )}
        </p>
      ))}
    </div>
  );
}
