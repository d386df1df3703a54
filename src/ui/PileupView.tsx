import { useEffect, useMemo, useRef, useState } from 'react';
import { EPHEMERAL_PORTS, SERVER_STATES, census, closeWaitFleet, timeWaitFleet, type SocketFleet } from '../model/fleet';
import { TCP_STATES, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { PileupChart } from './PileupChart';
import { stateFamily, type StateFamily } from './stateFamily';
import './pileup.css';

const COUNT = 10_000;
/** The server's listen backlog: connections the kernel completes before the application accepts them (no descriptor yet). */
const BACKLOG = 128;
const END_MS = 120_000;
/** Read from the page's CSS, so the canvas follows the theme like everything else. */
const FAMILY_VARS: Record<StateFamily, string> = {
  closed: '--c-closed',
  opening: '--c-opening',
  established: '--c-established',
  closing: '--c-closing',
  waiting: '--c-waiting',
};

/** What the page's keys do to the pile-up (Space, the arrows, Page Up/Down, Home), as to a lesson's run. */
export interface PileupKeys {
  togglePlay(): void;
  forward(): void;
  back(): void;
  toStart(): void;
}

/** Ten simulated seconds a key press. */
const KEY_STEP_MS = 10_000;

interface Props {
  kind: 'time-wait' | 'close-wait';
  t: Strings;
  /** Filled with what the keys do, so a presenter's remote drives the pile-up too. */
  keys?: { current: PileupKeys | null };
  /** Told whether the two minutes have run out (the lesson's takeaway is said then). */
  onEnd?: (over: boolean) => void;
}

/**
 * Many sockets at once: a field of 10,000 on a canvas (one cell each, coloured by state family,
 * named with its count in the legend beside it), and what they cost.
 */
export default function PileupView({ kind, t, keys, onEnd }: Props) {
  const [rate, setRate] = useState(kind === 'time-wait' ? 500 : 200);
  const [twReuse, setTwReuse] = useState(false);
  const [maxTwBuckets, setMaxTwBuckets] = useState(262_144);
  const [fdLimit, setFdLimit] = useState(1024);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  useEffect(() => onEnd?.(time >= END_MS), [time, onEnd]);
  const fleet: SocketFleet = useMemo(
    () =>
      kind === 'time-wait'
        ? timeWaitFleet({
            config: { preset: 'linux' },
            rate,
            count: Math.min(200_000, Math.ceil((rate * END_MS) / 1000)),
            twReuse,
            maxTwBuckets,
            ports: EPHEMERAL_PORTS,
          })
        : closeWaitFleet({ config: { preset: 'linux' }, rate, count: Math.min(200_000, Math.ceil((rate * END_MS) / 1000)), fdLimit, backlog: BACKLOG }),
    [kind, rate, twReuse, maxTwBuckets, fdLimit],
  );
  const canvas = useRef<HTMLCanvasElement>(null);
  // The canvas reads its colours from the page's CSS: drawn again when the theme changes.
  const theme = useThemeChanges();
  // Play at the end of the two minutes plays them again from the start (the button and the Space key alike).
  const toggle = useRef(() => {});
  toggle.current = () => {
    if (!playing && time >= END_MS) setTime(0);
    setPlaying(!playing);
  };
  useEffect(() => {
    if (!keys) return;
    keys.current = {
      togglePlay: () => toggle.current(),
      forward: () => {
        setPlaying(false);
        setTime((x) => Math.min(END_MS, x + KEY_STEP_MS));
      },
      back: () => {
        setPlaying(false);
        setTime((x) => Math.max(0, x - KEY_STEP_MS));
      },
      toStart: () => {
        setPlaying(false);
        setTime(0);
      },
    };
    return () => {
      keys.current = null;
    };
  }, [keys]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      // Ten simulated seconds a second: a minute of pile-up in six.
      setTime((x) => {
        const next = Math.min(END_MS, x + (now - last) * 10);
        if (next >= END_MS) setPlaying(false);
        return next;
      });
      last = now;
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  // The field shows the newest 10,000 sockets that have started by now.
  const firstShown = kind === 'time-wait' ? Math.max(0, Math.floor((time / 1000) * rate) - COUNT) : 0;
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const style = getComputedStyle(el);
    const colours = Object.fromEntries(Object.entries(FAMILY_VARS).map(([f, v]) => [f, style.getPropertyValue(v).trim() || '#ccc'])) as Record<
      StateFamily,
      string
    >;
    const cols = 100;
    const cell = el.width / cols;
    ctx.clearRect(0, 0, el.width, el.height);
    const failedColour = style.getPropertyValue('--c-failed').trim();
    // A socket not opened yet is a faint cell in the theme's line colour, not a CLOSED one.
    const unopened = style.getPropertyValue('--line').trim() || '#ddd';
    for (let k = 0; k < COUNT; k++) {
      const i = firstShown + k;
      const failed = fleet.failedAt(i) <= time;
      const state = fleet.stateAt(i, time);
      ctx.fillStyle = fleet.startOf(i) > time ? unopened : failed ? failedColour : colours[stateFamily(state)];
      ctx.fillRect((k % cols) * cell, Math.floor(k / cols) * cell, cell - 1, cell - 1);
    }
  }, [fleet, time, firstShown, theme]);

  const { counts, bytes, failed } = useMemo(() => census(fleet, time, kind === 'close-wait' ? SERVER_STATES : undefined), [fleet, time, kind]);
  const portsInUse = kind === 'time-wait' ? [...counts.values()].reduce((a, b) => a + b, 0) : null;
  return (
    <section className="panel pileup" aria-label={t.pileup}>
      <h2>{t.pileup}</h2>
      <div className="row">
        <button type="button" className="primary" onClick={() => toggle.current()}>
          {playing ? t.pause : t.play}
        </button>
        <button
          type="button"
          onClick={() => {
            setPlaying(false);
            setTime(0);
          }}
        >
          {t.reset}
        </button>
        <input type="range" aria-label={t.scrub} min={0} max={END_MS} step={100} value={time} onChange={(e) => setTime(Number(e.target.value))} />
        <output className="clock">{(time / 1000).toFixed(1)} s</output>
      </div>
      <div className="row knobs">
        <label>
          {t.rate}{' '}
          <input
            type="number"
            min={1}
            max={5000}
            value={rate}
            onChange={(e) => setRate(Math.min(5000, Math.max(1, Math.round(Number(e.target.value)) || 1)))}
          />
        </label>
        {kind === 'time-wait' ? (
          <>
            <label>
              <input type="checkbox" checked={twReuse} onChange={(e) => setTwReuse(e.target.checked)} /> {t.twReuse}
            </label>
            <label>
              {t.maxTwBuckets}{' '}
              <input
                type="number"
                min={0}
                max={1_000_000}
                value={maxTwBuckets}
                onChange={(e) => setMaxTwBuckets(Math.min(1_000_000, Math.max(0, Math.round(Number(e.target.value)) || 0)))}
              />
            </label>
          </>
        ) : (
          <label>
            {t.fdLimit}{' '}
            <input
              type="number"
              min={16}
              max={100_000}
              value={fdLimit}
              onChange={(e) => setFdLimit(Math.min(100_000, Math.max(16, Math.round(Number(e.target.value)) || 16)))}
            />
          </label>
        )}
      </div>
      <div className="pileup-body">
        <figure className="pileup-field">
          <canvas ref={canvas} width={600} height={600} role="img" aria-label={`${COUNT} ${t.sockets}`} />
          <figcaption className="muted">{t.fieldNote(COUNT.toLocaleString(), fleet.count.toLocaleString(), kind === 'time-wait')}</figcaption>
        </figure>
        <div className="pileup-stats">
          <h3>{t.counts}</h3>
          <table>
            <tbody>
              {TCP_STATES.filter((s) => counts.has(s)).map((s: TcpState) => (
                <tr key={s} data-state={s}>
                  <td>
                    <span className={`swatch family-${stateFamily(s)}`} aria-hidden="true" /> {s}
                  </td>
                  <td className="num">{counts.get(s)!.toLocaleString()}</td>
                </tr>
              ))}
              <tr data-state="failed">
                <td>
                  <span className="swatch failed" aria-hidden="true" /> {t.failedConnects}
                </td>
                <td className="num">{failed.toLocaleString()}</td>
              </tr>
            </tbody>
          </table>
          <p>
            {t.memory}: <strong>{(bytes / 2 ** 20).toFixed(1)} MiB</strong>
          </p>
          {portsInUse !== null ? (
            <p>
              {t.portsInUse}: <strong>{portsInUse.toLocaleString()}</strong> / {EPHEMERAL_PORTS.toLocaleString()}
              <meter min={0} max={EPHEMERAL_PORTS} value={portsInUse} high={EPHEMERAL_PORTS * 0.9} aria-label={t.portsInUse} />
            </p>
          ) : null}
          <PileupChart
            fleet={fleet}
            endMs={END_MS}
            now={time}
            states={kind === 'time-wait' ? ['TIME-WAIT'] : ['CLOSE-WAIT', 'SYN-SENT']}
            limit={
              kind === 'time-wait'
                ? { value: EPHEMERAL_PORTS, label: `${t.portsInUse}: ${EPHEMERAL_PORTS.toLocaleString()}` }
                : { value: fdLimit + BACKLOG, label: t.fdLimitLine(fdLimit.toLocaleString(), String(BACKLOG)) }
            }
            failedLabel={t.failedConnects}
            title={t.counts}
          />
          <p className="muted">{t.perSocketSource}</p>
        </div>
      </div>
    </section>
  );
}

/** A number that changes whenever the page's colours do (its data-theme, presentation mode, or the system's light or dark). */
function useThemeChanges(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    // Presentation mode has colours of its own, set on the app's element.
    const app = document.querySelector('.app');
    if (app) observer.observe(app, { attributes: true, attributeFilter: ['class'] });
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      scheme.removeEventListener('change', bump);
    };
  }, []);
  return version;
}
