/**
 * The capture X-ray's first screen: open a capture (pick, drop or paste), then its TCP connections
 * as a sortable list with a census of where their ends were when the capture stopped. Opening a
 * connection hands its replay to the page, which puts it on the stage. The file is read by a
 * worker on this page (capture.worker.ts): nothing leaves the browser. Loaded on demand.
 */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TcpState } from '../model/types';
import { formatFlags } from '../model/segment';
import type { AppStrings as Strings } from '../i18n/appStrings';
import type { Lang } from '../i18n/strings';
import { anomalySentence, historyTitle, type CaptureStrings } from '../i18n/captureStrings';
import type { Session } from '../player/session';
import { useSessionState } from './useSession';
import type { Anomaly } from '../capture/anomalies';
import { replayMs, type Replayed } from '../capture/infer';
import { finWithoutSyn, resetAfterClose } from '../capture/zeekHistory';
import type { CaptureErrorKind, SkippedBy } from '../capture/read';
import type { CaptureReply, CaptureRequest, Ends, Row } from './captureProtocol';
import { stateFamily } from './stateFamily';
import { sniffConnLog } from './connlogSniff';
import { useWindow } from './useWindow';
import './capture.css';

const ConnLogView = lazy(() => import('./ConnLogView'));

/** A connection opened from the list, for the stage. */
export interface OpenedConnection {
  readonly row: Row;
  readonly replay: Replayed;
  readonly anomalies: readonly Anomaly[];
}

/** States by how much they say something is wrong, for sorting by where the ends were. */
const TROUBLE: readonly TcpState[] = [
  'CLOSE-WAIT',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'LAST-ACK',
  'CLOSING',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'TIME-WAIT',
  'LISTEN',
  'CLOSED',
];

type Column = 'start' | 'client' | 'server' | 'duration' | 'segments' | 'bytes' | 'verdict' | 'ends';

type Status =
  | { readonly kind: 'empty' }
  | { readonly kind: 'reading'; readonly name: string; readonly packets?: number }
  | { readonly kind: 'failed'; readonly name: string; readonly reason: CaptureErrorKind | null; readonly message: string }
  | {
      readonly kind: 'listed';
      readonly name: string;
      readonly format: string;
      readonly packets: number;
      readonly skipped: number;
      readonly skippedBy: SkippedBy;
      readonly cutShort: boolean;
      /** The capture's first packet's time, in seconds since 1970 (null for tcpdump text). */
      readonly epoch: number | null;
      /** How many connections the capture has; `rows` fills up to it as the worker sends them (written in place). */
      readonly total: number;
      readonly rows: Row[];
      readonly loaded: number;
    };

export default function CaptureView({ lang, hidden, onOpen, w }: { lang: Lang; hidden: boolean; onOpen: (c: OpenedConnection) => void; w: CaptureStrings }) {
  const [status, setStatus] = useState<Status>({ kind: 'empty' });
  // Where each connection's ends were, filled in as the worker replays them (one array, written in
  // place: a copy per message would cost the page a pass over every connection each time), and the
  // worker's running census of them.
  const [endsSeen, setEndsSeen] = useState<{
    readonly all: (Ends | undefined)[];
    readonly known: number;
    readonly census: readonly (readonly [TcpState, number])[];
  }>({ all: [], known: 0, census: [] });
  const ends = endsSeen.all;
  const [sort, setSort] = useState<{ column: Column; down: boolean }>({ column: 'start', down: false });
  const [dragging, setDragging] = useState(false);
  // The census's state a reader picked: the list shows only connections with an end in it.
  const [only, setOnly] = useState<TcpState | null>(null);
  const [text, setText] = useState('');
  // A Zeek conn.log dropped here: shown by ConnLogView, beside any capture read.
  const [connLog, setConnLog] = useState<File | null>(null);
  const worker = useRef<Worker | null>(null);
  const request = useRef(0);
  const rows = status.kind === 'listed' ? status.rows : null;
  const loaded = status.kind === 'listed' ? status.loaded : 0;
  const total = status.kind === 'listed' ? status.total : 0;
  // The worker's answers are handled outside render: they read the latest list and callback through these.
  const rowsRef = useRef(rows);
  const openRef = useRef(onOpen);
  useEffect(() => {
    rowsRef.current = rows;
    openRef.current = onOpen;
  });

  const send = useCallback((req: CaptureRequest) => {
    if (!worker.current) {
      const made = new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module' });
      made.onmessage = (e: MessageEvent<CaptureReply>) => {
        const reply = e.data;
        // Only the latest file's answers count.
        if (reply.id !== request.current) return;
        if (reply.kind === 'failed')
          setStatus((s) => ({
            kind: 'failed',
            name: s.kind === 'reading' && s.name !== 'tcpdump' ? s.name : '',
            reason: reply.reason,
            message: reply.message,
          }));
        else if (reply.kind === 'listed') {
          setStatus((s) => ({
            kind: 'listed',
            name: s.kind === 'reading' ? s.name : '',
            format: reply.format,
            packets: reply.packets,
            skipped: reply.skipped,
            skippedBy: reply.skippedBy,
            cutShort: reply.cutShort,
            epoch: reply.epoch,
            total: reply.total,
            rows: reply.rows.slice(),
            loaded: reply.rows.length,
          }));
          setEndsSeen({ all: [], known: 0, census: [] });
          setOnly(null);
        } else if (reply.kind === 'ends') {
          setEndsSeen(({ all }) => {
            reply.ends.forEach((x, i) => (all[reply.from + i] = x));
            return { all, known: reply.known, census: reply.census };
          });
        } else if (reply.kind === 'rows')
          setStatus((s) => {
            if (s.kind !== 'listed') return s;
            reply.rows.forEach((r, i) => (s.rows[reply.from + i] = r));
            return { ...s, loaded: Math.max(s.loaded, reply.from + reply.rows.length) };
          });
        else if (reply.kind === 'progress') setStatus((s) => (s.kind === 'reading' ? { ...s, packets: reply.packets } : s));
        else {
          const row = rowsRef.current?.[reply.index];
          if (row) openRef.current({ row, replay: reply.replay, anomalies: reply.anomalies });
        }
      };
      made.onerror = () => setStatus({ kind: 'failed', name: '', reason: null, message: 'the reader stopped' });
      worker.current = made;
    }
    worker.current.postMessage(req);
  }, []);
  useEffect(() => () => worker.current?.terminate(), []);

  const readFile = (file: File) => void sniffConnLog(file).then((log) => (log ? setConnLog(file) : readCapture(file)));
  const readCapture = (file: File) => {
    const id = ++request.current;
    setStatus({ kind: 'reading', name: file.name });
    send({ kind: 'read', id, file, name: file.name });
  };
  const readText = () => {
    if (!text.trim()) return;
    const id = ++request.current;
    setStatus({ kind: 'reading', name: 'tcpdump' });
    send({ kind: 'text', id, text });
    setText('');
  };

  // Sorting by where the ends were, or keeping one state's, reads the ends: the list follows them as they come.
  const endsVersion = sort.column === 'ends' || only ? endsSeen.known : 0;
  const sorted = useMemo(() => {
    if (!rows) return [];
    // The worker lists connections in the order they began: nothing to sort.
    if (sort.column === 'start' && !sort.down && !only) return rows.slice(0, loaded);
    const key = (r: Row): number | string => {
      switch (sort.column) {
        case 'start':
          return r.start;
        case 'duration':
          return r.duration;
        case 'segments':
          return r.segments;
        case 'bytes':
          return r.bytes.client + r.bytes.server;
        case 'client':
          return r.client;
        case 'server':
          return r.server;
        case 'verdict':
          return r.verdict;
        case 'ends': {
          // The most troubled end first: a socket left in CLOSE-WAIT before one in TIME-WAIT, before none.
          const e = ends[r.index];
          return e ? Math.min(TROUBLE.indexOf(e.client), TROUBLE.indexOf(e.server)) : TROUBLE.length;
        }
      }
    };
    const kept = only ? rows.filter((r) => ends[r.index]?.client === only || ends[r.index]?.server === only) : rows;
    const out = kept.slice().sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return (x < y ? -1 : x > y ? 1 : a.index - b.index) * (sort.down ? -1 : 1);
    });
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `ends` is written in place; endsVersion says when it changed
  }, [rows, loaded, sort, only, endsVersion]);
  const { census, known } = endsSeen;
  const listRef = useRef<HTMLTableSectionElement>(null);
  const shown = useWindow(listRef, sorted.length);

  const header = (column: Column, label: string) => (
    <th scope="col" aria-sort={sort.column === column ? (sort.down ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        title={w.sortBy(label)}
        onClick={() =>
          setSort((s) => ({
            column,
            down: s.column === column ? !s.down : column !== 'start' && column !== 'client' && column !== 'server' && column !== 'ends',
          }))
        }
      >
        {label}
        <span aria-hidden="true">{sort.column === column ? (sort.down ? ' ▼' : ' ▲') : ''}</span>
      </button>
    </th>
  );
  const n = (x: number) => x.toLocaleString(lang);
  // Seconds since the capture's start; an hour or more as h:mm:ss (a file that joins captures taken years apart starts some connections that late).
  const secs = (x: number) => {
    if (x < 3600) return `${x.toFixed(x < 10 ? 3 : 1)} s`;
    const d = Math.floor(x / 86_400);
    const two = (k: number) => String(Math.floor(k)).padStart(2, '0');
    const hms = `${Math.floor((x % 86_400) / 3600)}:${two((x % 3600) / 60)}:${two(x % 60)}`;
    return d > 0 ? `${w.days(n(d))} ${hms}` : hms;
  };

  return (
    <section
      className={`capture-view panel${dragging ? ' dragging' : ''}${connLog ? ' has-connlog' : ''}`}
      hidden={hidden}
      aria-label={w.title}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        // A conn.log and the capture it came from may come together.
        for (const file of Array.from(e.dataTransfer.files).slice(0, 2)) readFile(file);
      }}
    >
      <div className={`capture-open${rows || connLog ? ' compact' : ''}`}>
        <div className="capture-intro">
          <h2>{w.title}</h2>
          <p>{w.intro}</p>
          <p className="privacy">{w.privacy}</p>
        </div>
        <div className="capture-inputs">
          <label className="pick">
            <span className="pick-button">{w.pick}</span>
            <input
              type="file"
              accept=".pcap,.pcapng,.cap,.txt,.log,.json,.gz,application/vnd.tcpdump.pcap,application/gzip"
              multiple
              onChange={(e) => {
                for (const file of Array.from(e.target.files ?? []).slice(0, 2)) readFile(file);
                e.target.value = '';
              }}
            />
            <span className="drop-hint">{w.drop}</span>
          </label>
          <details className="paste">
            <summary>{w.pasteLabel}</summary>
            <textarea
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={w.pastePlaceholder}
              rows={5}
              spellCheck={false}
              aria-label={w.pasteLabel}
            />
            <button type="button" onClick={readText} disabled={!text.trim()}>
              {w.pasteGo}
            </button>
          </details>
        </div>
      </div>
      {connLog ? (
        <Suspense fallback={null}>
          <ConnLogView
            key={`${connLog.name}:${connLog.size}:${connLog.lastModified}`}
            lang={lang}
            file={connLog}
            capture={status.kind === 'listed' ? { name: status.name, rows: status.rows, epoch: status.epoch } : null}
            onOpenPackets={(index) => send({ kind: 'open', id: request.current, index })}
            onAddCapture={readCapture}
            onClose={() => setConnLog(null)}
            w={w}
          />
        </Suspense>
      ) : null}
      <div className="capture-status" role="status" aria-live="polite">
        {status.kind === 'reading' ? <p>{w.reading(status.packets === undefined ? '…' : n(status.packets))}</p> : null}
        {status.kind === 'failed' ? (
          <p className="notice" role="alert" title={status.message}>
            {w.failed(status.name, status.reason ? w.refusals[status.reason] : status.message)}
          </p>
        ) : null}
        {status.kind === 'listed' ? (
          <p>
            <strong>{w.summary(status.name || status.format, status.packets, status.total, n)}</strong>{' '}
            {status.skipped > 0 ? <span className="muted-inline skipped-line">{skippedLine(w, status.skippedBy, n)}</span> : null}
          </p>
        ) : null}
        {status.kind === 'listed' && status.cutShort ? (
          <p className="notice" role="alert">
            {w.cutShort}
          </p>
        ) : null}
      </div>
      {rows && total === 0 ? <p>{w.none}</p> : null}
      {rows && total > 0 ? (
        <>
          <div className="census" aria-label={w.census}>
            <h3 title={w.censusHelp}>{w.census}</h3>
            {known < total ? (
              <p className="counting" role="status">
                {w.counting(n(known), n(total))}
              </p>
            ) : (
              <ul>
                {census.length === 0 ? <li>{w.censusNone}</li> : null}
                {census.map(([state, count]) => (
                  <li key={state}>
                    <button
                      type="button"
                      className={`chip family-${stateFamily(state)}`}
                      aria-pressed={only === state}
                      title={w.filterHelp}
                      onClick={() => setOnly((o) => (o === state ? null : state))}
                    >
                      <span className="state-name">{state}</span> <strong>{w.censusRow(n(count))}</strong>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {only ? (
            <p className="filtered">
              {w.filtered(only, n(sorted.length))}{' '}
              <button type="button" onClick={() => setOnly(null)}>
                {w.showAll}
              </button>
            </p>
          ) : null}
          <div className="connections-scroll">
            <table className="connections" aria-rowcount={(only ? sorted.length : total) + 1}>
              <thead>
                <tr>
                  {header('start', w.columns.start)}
                  {header('client', w.columns.client)}
                  {header('server', w.columns.server)}
                  {header('duration', w.columns.duration)}
                  {header('segments', w.columns.segments)}
                  {header('bytes', w.columns.bytes)}
                  {header('verdict', w.columns.verdict)}
                  {header('ends', w.columns.ends)}
                  <th scope="col">
                    <span className="visually-hidden">{w.openConnection}</span>
                  </th>
                </tr>
              </thead>
              <tbody ref={listRef}>
                {shown.before > 0 ? (
                  <tr className="spacer" data-spacer aria-hidden="true" style={{ height: shown.before }}>
                    <td colSpan={9} />
                  </tr>
                ) : null}
                {sorted.slice(shown.first, shown.last).map((r, k) => {
                  const e = ends[r.index];
                  return (
                    <tr key={r.index} aria-rowindex={shown.first + k + 2}>
                      <td className="num start">{secs(r.start)}</td>
                      <td className="addr client">
                        {r.client}
                        {r.clientGuessed ? (
                          <abbr className="guessed" title={w.clientGuessed} aria-label={w.clientGuessed}>
                            ?
                          </abbr>
                        ) : null}
                      </td>
                      <td className="addr server">{r.server}</td>
                      <td className="num duration">{secs(r.duration)}</td>
                      <td className="num segs">{n(r.segments)}</td>
                      <td className="num bytes">
                        {n(r.bytes.client)} / {n(r.bytes.server)}
                      </td>
                      <td className="verdict">
                        <abbr title={w.verdictMeaning[r.verdict]}>{r.verdict}</abbr> <HistoryLetters history={r.history} originator={r.originator} w={w} />{' '}
                        <span className="meaning">{meaningOf(r, w)}</span>
                      </td>
                      <td className="ends">
                        {e ? `${e.client} / ${e.server}` : '…'}
                        {r.followed ? (
                          <>
                            {' '}
                            <abbr className="reused" title={w.reusedHelp}>
                              ({w.reused})
                            </abbr>
                          </>
                        ) : null}
                      </td>
                      <td className="open">
                        <button type="button" className="open-connection" onClick={() => send({ kind: 'open', id: request.current, index: r.index })}>
                          {w.openConnection}
                        </button>
                      </td>
                      {/* A phone's card has no columns: duration, segments and bytes on one line, each named (hidden elsewhere; last, so the other cells keep their columns' places). */}
                      <td className="size">
                        {w.columns.duration} {secs(r.duration)} · {w.columns.segments} {n(r.segments)} · {w.columns.bytes} {n(r.bytes.client)} /{' '}
                        {n(r.bytes.server)}
                      </td>
                    </tr>
                  );
                })}
                {shown.after > 0 ? (
                  <tr className="spacer" data-spacer aria-hidden="true" style={{ height: shown.after }}>
                    <td colSpan={9} />
                  </tr>
                ) : null}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

/** A verdict's meaning in words, with what Zeek's verdict does not say: a reset after a clean close, an SH whose SYN was not captured. */
function meaningOf(r: Pick<Row, 'verdict' | 'history' | 'originator'>, w: CaptureStrings): string {
  if (finWithoutSyn(r.verdict, r.history)) return w.finWithoutSyn;
  const reset = resetAfterClose(r.verdict, r.history, r.originator);
  return reset ? `${w.verdictMeaning[r.verdict]}; ${w.resetAfterClose[reset]}` : w.verdictMeaning[r.verdict];
}

/** A connection's Zeek history, small, its letters spelled out in a tooltip (and to a screen reader). */
function HistoryLetters({ history, originator, w }: { history: string; originator: 'client' | 'server'; w: CaptureStrings }) {
  if (history === '') return null;
  const spelled = historyTitle(w, history, originator);
  return (
    <abbr className="history" title={spelled} aria-label={`${w.history.label}: ${spelled}`}>
      {history}
    </abbr>
  );
}

/**
 * Above the stage while a capture's connection is on it: which connection, where the capture was
 * taken, what stands out (each a button to its moment), and whether the run has forked into the
 * simulator yet.
 */
export function CaptureBar({
  opened,
  session,
  t,
  onBack,
  w,
}: {
  opened: OpenedConnection;
  session: Session;
  t: Strings;
  onBack: () => void;
  w: CaptureStrings;
}) {
  const [open, setOpen] = useState(false);
  const { row, replay, anomalies } = opened;
  // Forked once a step of the user's (a call or a network action) is in the run.
  const forked = useSessionState(session, (s) => s.run.forked);
  // Past the capture's last packet, what the stage shows is the model's own going on.
  const beyond = useSessionState(session, (s) => s.frame.now > replay.endMs);
  // The capture's packet sent last by the moment shown: its window and options, which the stage does not draw.
  const packet = useSessionState(session, (s) => {
    const wire = s.frame.wire;
    for (let i = wire.length - 1; i >= 0; i--) if (wire[i]!.packet && wire[i]!.sentAt <= s.frame.now) return wire[i]!;
    return null;
  });
  const ms = (x: number) => `${(x * 1000).toFixed(x < 0.01 ? 3 : 1)} ms`;
  const listRef = useRef<HTMLOListElement>(null);
  const shown = useWindow(listRef, open ? anomalies.length : 0, { own: true });
  // Opened from a list scrolled down the page (a phone's is one long page): the connection comes into view, not what lay below the list.
  const barRef = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    barRef.current?.scrollIntoView({ block: 'nearest' });
  }, [row]);
  return (
    <section className="capture-bar" aria-label={w.title} ref={barRef}>
      <div className="capture-line">
        <button type="button" className="back" onClick={onBack}>
          ← {w.back}
        </button>
        <strong className="addr">
          {row.client} → {row.server}
        </strong>
        <span className="verdict">
          <abbr title={w.verdictMeaning[row.verdict]}>{row.verdict}</abbr> <HistoryLetters history={row.history} originator={row.originator} w={w} />{' '}
          {meaningOf(row, w)}
        </span>
        <button type="button" className="anomalies-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {w.anomalies} ({anomalies.length})
        </button>
      </div>
      <p className="capture-note">
        {/* The three notes share one cell, the others hidden: the bar keeps its height as the replay goes on. */}
        <span className="swap">
          <span data-shown={!forked && !beyond}>{w.forkHint}</span>
          <strong data-shown={!forked && beyond}>{w.beyondEnd}</strong>
          <strong data-shown={forked}>{w.forked}</strong>
        </span>{' '}
        <span className="vantage">{w.vantage(ms(replay.vantage.toClient), ms(replay.vantage.toServer), replay.vantage.from)}</span>
      </p>
      {/* Always there (empty before the first packet), one line: the stage below never moves. */}
      <p className="packet-line" title={packet?.packet ? w.packet(packet.packet.frame, formatFlags(packet.segment.flags), packet.packet.details) : undefined}>
        {packet?.packet ? w.packet(packet.packet.frame, formatFlags(packet.segment.flags), packet.packet.details) : '\u00a0'}
      </p>
      {open ? (
        <ol className="anomalies" ref={listRef}>
          {anomalies.length === 0 ? <li>{w.noAnomalies}</li> : null}
          {shown.before > 0 ? <li className="spacer" data-spacer aria-hidden="true" style={{ height: shown.before }} /> : null}
          {anomalies.slice(shown.first, shown.last).map((a, k) => (
            <li key={shown.first + k}>
              <button
                type="button"
                onClick={() => {
                  session.seek(replayMs(replay, a.t));
                  setOpen(false);
                }}
              >
                {/* On the timeline's clock (the capture's time, moved by where it was taken). */}
                <span className="at">{(replayMs(replay, a.t) / 1000).toFixed(3)} s</span> {anomalySentence(w, a, (e) => t.endpointName[e])}
              </button>
            </li>
          ))}
          {shown.after > 0 ? <li className="spacer" data-spacer aria-hidden="true" style={{ height: shown.after }} /> : null}
        </ol>
      ) : null}
    </section>
  );
}

/** Why packets were left out, in one line: each reason with its count, the tunnels and link types not read by name. */
function skippedLine(w: CaptureStrings, by: SkippedBy, n: (x: number) => string): string {
  const parts: string[] = [];
  if (by.notTcp) parts.push(w.skippedWhy.notTcp(n(by.notTcp)));
  if (by.notIp) parts.push(w.skippedWhy.notIp(n(by.notIp)));
  if (by.fragment) parts.push(w.skippedWhy.fragment(n(by.fragment)));
  if (by.unreassembled) parts.push(w.skippedWhy.unreassembled(n(by.unreassembled)));
  if (by.cutOff) parts.push(w.skippedWhy.cutOff(n(by.cutOff)));
  if (by.damaged) parts.push(w.skippedWhy.damaged(n(by.damaged)));
  const unread = Object.entries(by.unread ?? {});
  if (unread.length > 0) {
    const total = unread.reduce((sum, [, k]) => sum + k, 0);
    const names = unread.length === 1 ? unread[0]![0] : unread.map(([name, k]) => `${name} (${n(k)})`).join(', ');
    parts.push(w.skippedWhy.unread(n(total), names));
  }
  return w.skipped(parts);
}
