import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { EPHEMERAL_PORTS, SERVER_STATES, SOCKET_BYTES, census, closeWaitFleet, timeWaitFleet, type Ending, type SocketFleet } from '../model/fleet';
import { MACHINE_GIB, effectiveOrphanRetries, linuxDefaults, orphanRun, orphanTimeoutMs, type KernelMessage, type OrphanRun } from '../model/orphans';
import { TCP_STATES, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { PileupKind, PileupStrings } from '../i18n/pileupStrings';
import { loadPileupStrings } from '../i18n/load';
import { PILEUP_SPAN, createSpanClock, type SpanClock } from '../player/spanClock';
import { NumberField, formatWhole as n0 } from './NumberField';
import { PileupChart, type ChartPanel } from './PileupChart';
import { stateFamily, type StateFamily } from './stateFamily';
import './pileup.css';

const COUNT = 10_000;
/** The server's listen backlog: connections the kernel completes before the application accepts them (no descriptor yet). */
const BACKLOG = 128;
const END_MS = PILEUP_SPAN.end;
/** Read from the page's CSS, so the canvas follows the theme like everything else. */
const FAMILY_VARS: Record<StateFamily, string> = {
  closed: '--c-closed',
  opening: '--c-opening',
  established: '--c-established',
  closing: '--c-closing',
  waiting: '--c-waiting',
};
/** Endings that are a failure or the kernel throwing a socket away (drawn in the failure colour); the others are sockets freed in the ordinary way. */
const BAD_ENDINGS: ReadonlySet<Ending> = new Set(['failed', 'reset-orphans', 'reset-memory']);
/**
 * Rows whose cells share their family's colour with another row of the same census (FIN-WAIT-1 and
 * FIN-WAIT-2, the two resets, the freed ones): the colour with the card's colour laid over it
 * (1) or the text's (2), in the field's cells and in the census's swatches alike, so each row can be told apart.
 */
const SHADE: Readonly<Record<string, 1 | 2>> = { 'SYN-RECEIVED': 1, 'FIN-WAIT-2': 1, 'fin-timeout': 1, 'reset-memory': 1, 'tw-overflow': 2 };
const swatchClass = (key: string) => (SHADE[key] ? ` shade-${SHADE[key]}` : '');

/** The endings each pile-up can have, listed even while none has happened, so the census's rows stay put. */
const ENDINGS_OF: Record<PileupKind, readonly Ending[]> = {
  'time-wait': ['closed', 'failed'],
  'close-wait': ['failed'],
  orphans: ['timed-out', 'fin-timeout', 'reset-orphans', 'reset-memory', 'tw-overflow'],
};
/** The states each pile-up's sockets pass through, listed from the start (even at 0), so the census's rows never move. */
const STATES_OF: Record<PileupKind, readonly TcpState[]> = {
  'time-wait': ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT'],
  'close-wait': ['SYN-SENT', 'SYN-RECEIVED', 'ESTABLISHED', 'CLOSE-WAIT'],
  orphans: ['FIN-WAIT-1', 'FIN-WAIT-2'],
};
/** Limits of the number fields: what Linux (or the lesson) takes. */
const LIMITS = {
  rate: [1, 5000],
  maxTwBuckets: [0, 1_000_000],
  fdLimit: [16, 100_000],
  unackedKiB: [0, 1024],
  finWait2Percent: [0, 100],
  orphanRetries: [0, 15],
  finTimeout: [1, 600],
  maxOrphans: [0, 4_194_304],
} as const;

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

interface Props {
  kind: PileupKind;
  t: Strings;
  /** Given the pile-up's clock while the view is on the page (null once it leaves): the page's keys and animation loop drive it. */
  onClock: (clock: SpanClock | null) => void;
}

/**
 * Many sockets at once: a field of 10,000 on a canvas (one cell each, coloured by state family,
 * named with its count in the legend beside it), every attempt accounted for, what they cost and
 * against which limit, and each quantity over the run in its own panel against its own limit.
 */
export default function PileupView({ kind, t, onClock }: Props) {
  // The pile-ups' own words come with this view, in the page's language.
  const [words, setWords] = useState<{ lang: string; p: PileupStrings } | null>(null);
  useEffect(() => {
    let live = true;
    void loadPileupStrings(t.lang).then((loaded) => live && setWords({ lang: t.lang, p: loaded }));
    return () => {
      live = false;
    };
  }, [t.lang]);
  const [rate, setRate] = useState(kind === 'time-wait' ? 500 : 200);
  const [twReuse, setTwReuse] = useState(false);
  const [maxTwBuckets, setMaxTwBuckets] = useState(262_144);
  const [fdLimit, setFdLimit] = useState(1024);
  // The orphan pile-up's machine and sysctls: tcp_max_orphans follows the machine until it is typed in.
  const [gib, setGib] = useState<number>(4);
  const defaults = useMemo(() => linuxDefaults(gib), [gib]);
  const [unackedKiB, setUnackedKiB] = useState(64);
  const [finWait2Percent, setFinWait2Percent] = useState(25);
  const [orphanRetries, setOrphanRetries] = useState(0);
  const [finTimeoutS, setFinTimeoutS] = useState(60);
  const [maxOrphansTyped, setMaxOrphans] = useState<{ gib: number; value: number } | null>(null);
  const maxOrphans = maxOrphansTyped?.gib === gib ? maxOrphansTyped.value : defaults.maxOrphans;
  const [clock] = useState(() => createSpanClock(PILEUP_SPAN));
  useEffect(() => {
    onClock(clock);
    return () => onClock(null);
  }, [clock, onClock]);
  const { now: time, playing } = useSyncExternalStore(clock.subscribe, clock.getState);
  // Every attempt of the two minutes: rate x 120 of them, however many that is.
  const count = (rate * END_MS) / 1000;
  const orphans: OrphanRun | null = useMemo(
    () =>
      kind === 'orphans'
        ? orphanRun({
            rate,
            durationMs: END_MS,
            unackedBytes: unackedKiB * 1024,
            finWait2Percent,
            orphanRetries,
            finTimeoutS,
            maxOrphans,
            maxTwBuckets: defaults.maxTwBuckets,
            tcpMem: defaults.tcpMem,
          })
        : null,
    [kind, rate, unackedKiB, finWait2Percent, orphanRetries, finTimeoutS, maxOrphans, defaults],
  );
  const fleet: SocketFleet = useMemo(
    () =>
      orphans ??
      (kind === 'time-wait'
        ? timeWaitFleet({ config: { preset: 'linux' }, rate, count, twReuse, maxTwBuckets, ports: EPHEMERAL_PORTS })
        : closeWaitFleet({ config: { preset: 'linux' }, rate, count, fdLimit, backlog: BACKLOG })),
    [orphans, kind, rate, count, twReuse, maxTwBuckets, fdLimit],
  );
  const canvas = useRef<HTMLCanvasElement>(null);
  // The canvas reads its colours from the page's CSS: drawn again when the theme changes.
  const [theme, present] = useThemeChanges();
  // The field shows the newest 10,000 sockets that have started by now (the close-wait one its first: they are the ones that stay).
  const firstShown = kind === 'close-wait' ? 0 : Math.max(0, Math.floor((time / 1000) * rate) - COUNT);
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
    // The shades' overlays: the card's colour and the text's, as the page has them now.
    const panel = el.closest('.panel');
    const overlays = { 1: panel ? getComputedStyle(panel).backgroundColor : '#fff', 2: style.color || '#000' } as const;
    // A socket not opened yet is a faint cell in the theme's line colour (at 40%, below), not a CLOSED one's grey.
    const unopened = style.getPropertyValue('--line').trim() || '#ddd';
    for (let k = 0; k < COUNT; k++) {
      const i = firstShown + k;
      const ending = i < fleet.count ? fleet.endingAt(i, time) : null;
      const opened = i < fleet.count && fleet.startOf(i) <= time;
      const state = opened && !ending ? fleet.stateAt(i, time) : null;
      ctx.fillStyle = !opened ? unopened : ending ? (BAD_ENDINGS.has(ending) ? failedColour : colours.closed) : colours[stateFamily(state!)];
      const [cx, cy] = [(k % cols) * cell, Math.floor(k / cols) * cell];
      // A cell not attempted yet is fainter still (its colour at 40%), so it is not taken for a closed one's grey.
      if (!opened) ctx.globalAlpha = 0.4;
      ctx.fillRect(cx, cy, cell - 1, cell - 1);
      ctx.globalAlpha = 1;
      const shade = opened ? SHADE[ending ?? state!] : undefined;
      if (shade) {
        ctx.globalAlpha = shade === 1 ? 0.5 : 0.3;
        ctx.fillStyle = overlays[shade];
        ctx.fillRect(cx, cy, cell - 1, cell - 1);
        ctx.globalAlpha = 1;
      }
    }
    // Drawn again once the words have come and the canvas is on the page.
  }, [fleet, time, firstShown, theme, words]);

  const now = useMemo(() => census(fleet, time, kind === 'close-wait' ? SERVER_STATES : undefined), [fleet, time, kind]);
  const { counts, ended, started, bytes } = now;
  const portsInUse = kind === 'time-wait' ? [...counts.values()].reduce((a, b) => a + b, 0) : null;
  const orphanNow = orphans?.at(time);
  const p = words?.lang === t.lang ? words.p : null;
  if (!p)
    return (
      <section className={`panel pileup pileup-${kind}`} aria-label={t.pileup} aria-busy="true">
        <h2>{t.pileup}</h2>
      </section>
    );
  // In presentation mode every word is at least 22 px and all of it one screen: shorter names, from the same words.
  const short = present ? p.short : null;
  const panels = chartPanels(kind, fleet, orphans, short ? { ...p, panels: short.panels } : p, { fdLimit, maxTwBuckets, maxOrphans, tcpMem: defaults.tcpMem });
  const secs = (time / 1000).toFixed(time % 1000 ? 1 : 0);
  const said = orphans ? orphans.messages.filter((m) => m.t <= time) : [];
  const resets = (ended.get('reset-orphans') ?? 0) + (ended.get('reset-memory') ?? 0);
  return (
    <section className={`panel pileup pileup-${kind}`} aria-label={t.pileup}>
      <h2>{t.pileup}</h2>
      <div className="row">
        <button type="button" className="primary" onClick={() => (playing ? clock.pause() : clock.play())}>
          {playing ? t.pause : t.play}
        </button>
        <button type="button" onClick={() => clock.seek(0)}>
          {t.reset}
        </button>
        <input type="range" aria-label={t.scrub} min={0} max={END_MS} step={100} value={time} onChange={(e) => clock.scrub(Number(e.target.value))} />
        <output className="clock">{(time / 1000).toFixed(1)} s</output>
      </div>
      <div className="row knobs">
        {kind === 'orphans' ? (
          <label className="field">
            <span className="field-name">{short?.machine ?? p.machine}</span>
            <select value={gib} onChange={(e) => setGib(Number(e.target.value))}>
              {MACHINE_GIB.map((g) => (
                <option key={g} value={g}>
                  {p.gib(g)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <NumberField
          label={kind === 'orphans' ? (short?.closesPerSecond ?? p.closesPerSecond) : (short?.rate ?? p.rate)}
          value={rate}
          range={LIMITS.rate}
          onValue={setRate}
          invalid={p.invalid}
        />
        {kind === 'time-wait' ? (
          <>
            <label className="field check">
              <input type="checkbox" checked={twReuse} onChange={(e) => setTwReuse(e.target.checked)} /> {short?.twReuse ?? p.twReuse}
            </label>
            <NumberField label={p.maxTwBuckets} value={maxTwBuckets} range={LIMITS.maxTwBuckets} onValue={setMaxTwBuckets} invalid={p.invalid} />
          </>
        ) : kind === 'close-wait' ? (
          <NumberField label={short?.fdLimit ?? p.fdLimit} value={fdLimit} range={LIMITS.fdLimit} onValue={setFdLimit} invalid={p.invalid} />
        ) : (
          <>
            <NumberField label={short?.unackedKiB ?? p.unackedKiB} value={unackedKiB} range={LIMITS.unackedKiB} onValue={setUnackedKiB} invalid={p.invalid} />
            <NumberField
              label={short?.finWait2Percent ?? p.finWait2Percent}
              value={finWait2Percent}
              range={LIMITS.finWait2Percent}
              onValue={setFinWait2Percent}
              invalid={p.invalid}
            />
            <NumberField
              label={short?.orphanRetries ?? p.orphanRetries}
              value={orphanRetries}
              range={LIMITS.orphanRetries}
              onValue={setOrphanRetries}
              invalid={p.invalid}
              hint={p.retriesMean(
                String(effectiveOrphanRetries(orphanRetries)),
                (orphanTimeoutMs(effectiveOrphanRetries(orphanRetries)) / 1000).toFixed(0),
                orphanRetries === 0,
              )}
            />
            <NumberField label={short?.finTimeout ?? p.finTimeout} value={finTimeoutS} range={LIMITS.finTimeout} onValue={setFinTimeoutS} invalid={p.invalid} />
            {/* A new machine brings its own default: the field starts again from it. */}
            <NumberField
              key={gib}
              label={short?.maxOrphans ?? p.maxOrphans}
              value={maxOrphans}
              range={LIMITS.maxOrphans}
              onValue={(value) => setMaxOrphans({ gib, value })}
              invalid={p.invalid}
            />
          </>
        )}
      </div>
      <div className="pileup-body">
        <figure className="pileup-field">
          <canvas ref={canvas} width={600} height={600} role="img" aria-label={`${n0(COUNT)} ${p.sockets}`} />
          <p className="field-legend">
            <span className="swatch unopened" aria-hidden="true" /> {p.notYet}
          </p>
          <figcaption className="muted">{p.fieldNote(n0(Math.min(COUNT, Math.max(0, started - firstShown))), n0(started), kind !== 'close-wait')}</figcaption>
        </figure>
        <div className="pileup-stats">
          <h3>{p.counts}</h3>
          <table className="census">
            <tbody>
              {TCP_STATES.filter((s) => STATES_OF[kind].includes(s) || counts.has(s)).map((s: TcpState) => (
                <tr key={s} data-state={s}>
                  <td>
                    <span className={`swatch family-${stateFamily(s)}${swatchClass(s)}`} aria-hidden="true" /> {s}
                    {kind === 'close-wait' && !SERVER_STATES.has(s) ? <span className="muted"> ({p.onClients})</span> : null}
                  </td>
                  <td className="num">{n0(counts.get(s) ?? 0)}</td>
                </tr>
              ))}
              {ENDINGS_OF[kind].map((e) => (
                <tr key={e} className="ending" data-state={e === 'failed' ? 'failed' : `ended-${e}`}>
                  <td>
                    <span className={`swatch ${BAD_ENDINGS.has(e) ? 'failed' : 'family-closed'}${swatchClass(e)}`} aria-hidden="true" />{' '}
                    {(short ?? p).endings[kind][e]}
                  </td>
                  <td className="num">{n0(ended.get(e) ?? 0)}</td>
                </tr>
              ))}
              <tr className="total" data-state="total">
                <td>
                  {short?.everyAttempt ?? p.everyAttempt} <span className="muted attempts">{p.attempts(n0(rate), secs)}</span>
                </td>
                <td className="num">{n0(started)}</td>
              </tr>
            </tbody>
          </table>
          {kind === 'time-wait' ? (
            <p className="memory">{p.memory.timeWait(mib(bytes), mib(maxTwBuckets * SOCKET_BYTES.timeWait), n0(maxTwBuckets))}</p>
          ) : kind === 'close-wait' ? (
            <p className="memory">{p.memory.closeWait(mib(bytes), mib((fdLimit + BACKLOG) * SOCKET_BYTES.full), p.limits.fds(n0(fdLimit), String(BACKLOG)))}</p>
          ) : orphanNow ? (
            <>
              <p className="memory">
                {p.memory.orphanBuffers(n0(orphanNow.pages), mib(orphanNow.pages * 4096), n0(defaults.tcpMem[2]), mib(defaults.tcpMem[2] * 4096))}
                <meter
                  min={0}
                  max={defaults.tcpMem[2]}
                  low={defaults.tcpMem[0]}
                  high={defaults.tcpMem[1]}
                  optimum={0}
                  value={orphanNow.pages}
                  aria-label={p.panels.pages}
                />
              </p>
              <p className="memory muted">
                {p.memory.orphanSlab(mib(orphanNow.slabBytes))}{' '}
                {orphans?.firstPressure !== null && orphans?.firstPressure !== undefined && orphans.firstPressure <= time
                  ? p.memory.pressure((orphans.firstPressure / 1000).toFixed(1))
                  : null}
              </p>
            </>
          ) : null}
          {portsInUse !== null ? (
            <p className="ports">
              {p.portsInUse}: <strong>{n0(portsInUse)}</strong> / {n0(EPHEMERAL_PORTS)}
              <meter min={0} max={EPHEMERAL_PORTS} value={portsInUse} high={EPHEMERAL_PORTS * 0.9} aria-label={p.portsInUse} />
            </p>
          ) : null}
          <PileupChart
            panels={panels}
            endMs={END_MS}
            now={time}
            title={p.counts}
            above={short?.above ?? p.above}
            version={fleet}
            // On a projector: words of 22 px, and the three panels share what the screen has left.
            height={present ? 'fill' : 72}
            fontSize={present ? 22 : 12}
          />
          <p className="muted per-socket">{p.perSocket}</p>
        </div>
        {orphans ? (
          <div className="pileup-notes">
            <section className="kernel" aria-label={p.dmesg}>
              <h3>{p.dmesg}</h3>
              <pre className="dmesg" role="log">
                {said.length === 0
                  ? p.dmesgEmpty
                  : tail(said).map((m, k) => (
                      // One line each, so a projector can keep the first and the latest.
                      <span key={k} className="line">
                        {m ? dmesgLine(m, p) : '…'}
                        {'\n'}
                      </span>
                    ))}
              </pre>
              <p className="counters">{p.counters(n0(resets), n0(ended.get('timed-out') ?? 0))}</p>
              {said.length > 0 ? <p className="what-it-did">{p.whatItDid}</p> : null}
            </section>
            <details className="sysctls" open>
              <summary>{p.sysctlsTitle(gib)}</summary>
              <ul>
                <li>{p.sysctls.maxOrphans(n0(defaults.maxOrphans), n0(defaults.ehashEntries))}</li>
                <li>{p.sysctls.orphanRetries('0', (orphanTimeoutMs(effectiveOrphanRetries(0)) / 1000).toFixed(1))}</li>
                <li>{p.sysctls.finTimeout('60')}</li>
                <li>{p.sysctls.tcpMem(n0(defaults.tcpMem[0]), n0(defaults.tcpMem[1]), n0(defaults.tcpMem[2]), mib(defaults.tcpMem[2] * 4096))}</li>
                <li>{p.sysctls.maxTwBuckets(n0(defaults.maxTwBuckets))}</li>
              </ul>
            </details>
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** The kernel's log as the lesson shows it: its first line (when it started), then its latest, with an ellipsis between if lines are left out. */
const tail = (said: readonly KernelMessage[]): (KernelMessage | null)[] => (said.length <= 5 ? [...said] : [said[0]!, null, ...said.slice(-3)]);

/** A line of the kernel's log as dmesg prints it: seconds (here, since the run began), then the message. */
function dmesgLine(m: KernelMessage, p: PileupStrings): string {
  const stamp = `[${(m.t / 1000).toFixed(6).padStart(12)}]`;
  return m.text === 'suppressed' ? `${stamp} ${p.suppressed(n0(m.n ?? 0))}` : `${stamp} TCP: ${m.text}`;
}

/** Each pile-up's quantities, each in a panel with the limits it runs into. */
function chartPanels(
  kind: PileupKind,
  fleet: SocketFleet,
  orphans: OrphanRun | null,
  p: PileupStrings,
  l: { fdLimit: number; maxTwBuckets: number; maxOrphans: number; tcpMem: readonly [number, number, number] },
): ChartPanel[] {
  const inState = (s: TcpState) => (t: number) => fleet.tally(t).counts.get(s) ?? 0;
  const endedAs =
    (...e: Ending[]) =>
    (t: number) =>
      e.reduce((sum, x) => sum + (fleet.tally(t).ended.get(x) ?? 0), 0);
  const failed = { key: 'failed', title: p.panels.failed, tone: 'failed', value: endedAs('failed'), limits: [] };
  if (kind === 'time-wait')
    return [
      {
        key: 'ports',
        title: p.panels.timeWaitPorts,
        tone: 'family-opening',
        value: (t) => [...fleet.tally(t).counts.values()].reduce((a, b) => a + b, 0),
        limits: [{ value: EPHEMERAL_PORTS, label: p.limits.ports(n0(EPHEMERAL_PORTS)) }],
      },
      {
        key: 'time-wait',
        title: p.panels.timeWait,
        tone: 'family-waiting',
        value: inState('TIME-WAIT'),
        limits: [{ value: l.maxTwBuckets, label: p.limits.twBuckets(n0(l.maxTwBuckets)) }],
      },
      failed,
    ];
  if (kind === 'close-wait')
    return [
      {
        key: 'close-wait',
        title: p.panels.closeWait,
        tone: 'family-waiting',
        value: inState('CLOSE-WAIT'),
        limits: [{ value: l.fdLimit + BACKLOG, label: p.limits.fds(n0(l.fdLimit), String(BACKLOG)) }],
      },
      {
        key: 'syn-sent',
        title: p.panels.synSent(String(Math.round(('hangMs' in fleet ? Number(fleet.hangMs) : 0) / 1000))),
        tone: 'family-opening',
        value: inState('SYN-SENT'),
        limits: [],
      },
      failed,
    ];
  const pages = (t: number) => orphans?.at(t).pages ?? 0;
  const marks = ['min', 'pressure', 'max'] as const;
  return [
    {
      key: 'orphans',
      title: p.panels.orphans,
      tone: 'family-closing',
      value: inState('FIN-WAIT-1'),
      limits: [{ value: l.maxOrphans, label: p.limits.maxOrphans(n0(l.maxOrphans)) }],
    },
    {
      key: 'pages',
      title: p.panels.pages,
      tone: 'memory',
      value: pages,
      limits: l.tcpMem.map((v, k) => ({ value: v, label: p.limits.tcpMem(marks[k]!, n0(v)) })),
    },
    { key: 'resets', title: p.panels.resets, tone: 'failed', value: endedAs('reset-orphans', 'reset-memory'), limits: [] },
  ];
}

/** A number that changes whenever the page's colours do (its data-theme, presentation mode, or the system's light or dark), and whether the page is in presentation mode. */
function useThemeChanges(): [number, boolean] {
  const [version, setVersion] = useState(0);
  const [present, setPresent] = useState(() => document.querySelector('.app')?.classList.contains('present') ?? false);
  useEffect(() => {
    const bump = () => {
      setVersion((v) => v + 1);
      setPresent(document.querySelector('.app')?.classList.contains('present') ?? false);
    };
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
  return [version, present];
}
