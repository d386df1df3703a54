import { useEffect, useId, useRef, useState } from 'react';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { viewWords } from '../i18n/viewWords';
import { resolveConfig } from '../model/config';
import type { Policy } from '../player/policy';
import { Run } from '../player/run';
import { RunTextError, printRunText, readRunText, sayError, type RunText } from '../player/runText';
import { TEXT_WORDS } from '../i18n/textStrings';
import type { Session } from '../player/session';
import { useSessionState } from './useSession';

/** How long typing may pause before the text is read and the stage follows it. */
const SETTLE_MS = 300;
/** A run whose receiver reads only when told needs an end in its text: this long after its last step. */
const READ_TAIL_MS = 60_000;

/**
 * The run on the stage as text (docs/text-format.md), both ways: act on the stage and the text is
 * written anew; edit the text and, once it reads and its expected states hold, the stage shows its
 * run at the same moment. A text that cannot be used yet leaves the stage as it was and says why,
 * with its line marked beside the text. Closed until asked for: the parser loads with the rail.
 */
export function TextPane({ session, t }: { session: Session; t: Strings }) {
  const v = viewWords[t.lang];
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="panel text-pane" aria-label={v.textTitle}>
      <h2>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
          {v.textTitle}
        </button>
      </h2>
      {open ? (
        <div id={id}>
          <TextEditor session={session} t={t} />
        </div>
      ) : null}
    </section>
  );
}

/** The stage's run as text, or null for a capture's replay (its segments are no steps). */
function printed(run: Run, policy: Policy, title: string | null): string | null {
  if (run.steps.some((s) => 'observed' in s)) return null;
  const config = resolveConfig(run.config);
  const lastAt = run.steps.at(-1)?.at ?? 0;
  // A receiver that reads only when told probes for ever: the text says where the run ends (the stage plays on regardless).
  const lazy = config.clientReads === 'when-called' || config.serverReads === 'when-called';
  const until = lazy ? Math.ceil((lastAt + READ_TAIL_MS) / 1000) * 1000 : undefined;
  return printRunText({ title, script: { config: run.config, steps: run.steps, ...(until !== undefined ? { until } : {}) }, policy });
}

/** A text read and checked: the run, or the first place it needs a fix. */
function read(text: string): RunText | RunTextError {
  try {
    return readRunText(text, Run);
  } catch (e) {
    if (e instanceof RunTextError) return e;
    throw e;
  }
}

const sameRun = (a: RunText, run: Run, policy: Policy): boolean =>
  JSON.stringify([a.script.config ?? {}, a.script.steps, a.policy.neverCloses]) === JSON.stringify([run.config, run.steps, policy.neverCloses]);

function TextEditor({ session, t }: { session: Session; t: Strings }) {
  const v = viewWords[t.lang];
  const run = useSessionState(session, (s) => s.run);
  const policy = useSessionState(session, (s) => s.policy);
  // The title the text last gave: kept when the stage's actions write the text anew.
  const title = useRef<string | null>(null);
  const [text, setText] = useState(() => printed(run, policy, null));
  const [problem, setProblem] = useState<RunTextError | null>(null);
  // The run (and policy) this pane put on the stage: its own edit is not written back over what is being typed.
  const mine = useRef<{ run: Run; policy: Policy } | null>(null);
  // The stage moved on while the text could not be read: the text is kept, and the pane offers the stage's run.
  const [stale, setStale] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const gutter = useRef<HTMLPreElement>(null);
  const problemId = useId();

  // What is typed and could not be read yet is not thrown away when the stage changes.
  const problemNow = useRef<RunTextError | null>(null);
  useEffect(() => {
    problemNow.current = problem;
  }, [problem]);
  useEffect(() => {
    if (run === mine.current?.run && policy === mine.current.policy) return;
    // The stage changed by its own controls (or Reset, or another lesson): the text follows it.
    clearTimeout(timer.current);
    if (problemNow.current) return setStale(true);
    setText(printed(run, policy, title.current));
    setStale(false);
  }, [run, policy]);
  /** The stage's run, written over the text. */
  const rewrite = () => {
    clearTimeout(timer.current);
    setText(printed(run, policy, title.current));
    setProblem(null);
    setStale(false);
  };
  useEffect(() => () => clearTimeout(timer.current), []);

  if (text === null) return <p className="muted">{v.textReplay}</p>;

  const apply = (value: string) => {
    const result = read(value);
    if (result instanceof RunTextError) return setProblem(result);
    setProblem(null);
    title.current = result.title;
    const now = session.getState();
    if (sameRun(result, now.run, now.policy)) return;
    session.load({ config: result.script.config ?? {}, steps: result.script.steps, policy: result.policy });
    mine.current = { run: session.getState().run, policy: session.getState().policy };
    setStale(false);
  };
  const lines = text.split('\n').length;
  // The line numbers, the one that needs a fix marked.
  const numbers = Array.from({ length: lines }, (_, i) =>
    problem?.line === i + 1 ? (
      <span key={i} className="bad">
        {`✕ ${i + 1}\n`}
      </span>
    ) : (
      `${i + 1}\n`
    ),
  );
  return (
    <>
      <p className="muted text-help">{v.textHelp}</p>
      <div className="text-editor">
        <pre ref={gutter} className="text-gutter" aria-hidden="true">
          {numbers}
        </pre>
        <textarea
          value={text}
          rows={Math.min(Math.max(lines + 1, 6), 16)}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          aria-label={v.textTitle}
          aria-invalid={problem !== null}
          aria-describedby={problem ? problemId : undefined}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setText(value);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => apply(value), SETTLE_MS);
          }}
        />
      </div>
      {problem ? (
        <p id={problemId} className="text-problem" role="status">
          {v.textProblem(sayError(problem, TEXT_WORDS[t.lang]))}
        </p>
      ) : null}
      {stale ? (
        <p className="text-stale" role="status">
          {v.textStale}{' '}
          <button type="button" className="small" onClick={rewrite}>
            {v.textFollow}
          </button>
        </p>
      ) : null}
    </>
  );
}
