/**
 * A Zeek conn.log on the capture X-ray: the census of where its rows left each end (by state, by
 * server, where each state piles up) and its TCP rows, drawn only where they are seen (a million
 * rows are never a million elements), each with both ends' likely states and its verdict in words.
 * The log is read by its own worker (connlog.worker.ts). A capture dropped beside it lets a row's
 * own packets open on the stage, as the capture's list does.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CensusResult } from '../capture/connlogCensus';
import { endpointName } from '../capture/connlog';
import { VERDICTS, type Verdict } from '../capture/connections';
import { TCP_STATES, type EndpointId, type TcpState } from '../model/types';
import type { CaptureStrings } from '../i18n/captureStrings';
import { explainEnds, historySteps, type ConnLogStrings } from '../i18n/connlogStrings';
import { historyTitle } from '../i18n/captureStrings';
import { loadConnLogStrings } from '../i18n/load';
import type { Lang } from '../i18n/strings';
import type { Row } from './captureProtocol';
import type { ConnLogReply, ConnLogRequest, LogRow, RowFilter } from './connlogProtocol';
import { stateFamily } from './stateFamily';
import { packetsOf } from './connlogMatch';
import './connlog.css';

/** One row's height (px) until the stylesheet's `--connlog-row-h` is read: the list is drawn from it, so every row has it (a phone's and presentation's two- and three-line rows are taller). */
const ROW_H_DEFAULT = 34;
/** Rows asked of the worker at once. */
const PAGE = 100;
/** The tallest the list's scroll area is made (browsers cap an element's height near 33 million px); beyond, a scroll step moves more rows. */
const MAX_PX = 20_000_000;
/** Rows drawn beyond the visible ones, each way. */
const OVERSCAN = 4;
/** Servers shown in the census. */
const TOP_SERVERS = 8;

type Status =
  | { readonly kind: 'reading'; readonly rows: number }
  | { readonly kind: 'failed'; readonly message: string }
  | {
      readonly kind: 'counted';
      readonly done: boolean;
      readonly census: CensusResult;
      readonly stored: number;
      readonly format: string | null;
      readonly gzip: boolean;
    };

const isVerdict = (v: string | null): v is Verdict => v !== null && (VERDICTS as readonly string[]).includes(v);

/** The states where an end waits for something that may never come: what "piles up" looks for (TIME-WAIT ends by itself, so it is said apart). */
const PILE_STATES = ['CLOSE-WAIT', 'FIN-WAIT-2', 'FIN-WAIT-1', 'LAST-ACK', 'SYN-RECEIVED', 'SYN-SENT'] as const;

/**
 * An address and port, whole: a line may break before the port (never inside it, so 192.168.2.158:2200
 * never reads as port 22), and inside a long IPv6 host.
 */
function Addr({ host, port }: { host: string; port: number }) {
  return <AddrName name={endpointName(host, port)} />;
}

/** An endpoint already named ("host:port", "[v6]:port"), shown as Addr shows one. */
function AddrName({ name }: { name: string }) {
  const cut = name.lastIndexOf(':');
  return (
    <span className="addr">
      <span className="host">{name.slice(0, cut)}</span>
      <wbr />
      <span className="port">{name.slice(cut)}</span>
    </span>
  );
}

export default function ConnLogView({
  lang,
  file,
  capture,
  onOpenPackets,
  onAddCapture,
  onClose,
  w,
}: {
  lang: Lang;
  file: File;
  /** A capture read beside the log (its name and connections), if one was. */
  capture: { readonly name: string; readonly rows: readonly Row[]; readonly epoch: number | null } | null;
  onOpenPackets: (index: number) => void;
  onAddCapture: (file: File) => void;
  onClose: () => void;
  w: CaptureStrings;
}) {
  const [words, setWords] = useState<ConnLogStrings | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'reading', rows: 0 });
  const [filter, setFilter] = useState<RowFilter | null>(null);
  const [total, setTotal] = useState(0);
  const [pages, setPages] = useState<ReadonlyMap<number, readonly LogRow[]>>(new Map());
  const [selected, setSelected] = useState<LogRow | null>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 400 });
  const [ROW_H, setRowH] = useState(ROW_H_DEFAULT);
  // Taller rows, once a drawn row's content (a long IPv6 address, wrapped) did not fit its line: every row then has the room.
  const [tall, setTall] = useState(false);
  const worker = useRef<Worker | null>(null);
  const request = useRef(0);
  const asked = useRef(new Set<number>());
  const viewport = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    void loadConnLogStrings(lang).then((s) => live && setWords(s));
    return () => {
      live = false;
    };
  }, [lang]);

  const send = useCallback((req: ConnLogRequest) => {
    if (!worker.current) {
      const made = new Worker(new URL('./connlog.worker.ts', import.meta.url), { type: 'module' });
      made.onmessage = (e: MessageEvent<ConnLogReply>) => {
        const reply = e.data;
        if (reply.id !== request.current) return;
        if (reply.kind === 'progress') setStatus((s) => (s.kind === 'reading' ? { kind: 'reading', rows: reply.rows } : s));
        else if (reply.kind === 'failed') setStatus({ kind: 'failed', message: reply.message });
        else if (reply.kind === 'census') {
          setStatus({ kind: 'counted', done: reply.done, census: reply.census, stored: reply.stored, format: reply.format, gzip: reply.gzip });
          // The list grows as the log is read: the pages asked for are asked again.
          asked.current.clear();
          setPages(new Map());
        } else if (reply.kind === 'rows') {
          setTotal(reply.total);
          setPages((p) => new Map(p).set(Math.floor(reply.from / PAGE), reply.rows));
        }
      };
      made.onerror = () => setStatus({ kind: 'failed', message: 'the reader stopped' });
      worker.current = made;
    }
    worker.current.postMessage(req);
  }, []);
  // Ended with the view (and forgotten: a view mounted again, as React's strict mode does, makes a new one).
  useEffect(
    () => () => {
      worker.current?.terminate();
      worker.current = null;
    },
    [],
  );

  // One view reads one file (the page gives a new file a new view).
  useEffect(() => {
    send({ kind: 'read', id: ++request.current, file });
  }, [file, send]);

  // A new filter starts the list anew, at its top.
  const pickFilter = (f: RowFilter | null) => {
    setFilter(f);
    setPages(new Map());
    asked.current.clear();
    setSelected(null);
    if (viewport.current) viewport.current.scrollTop = 0;
  };

  const counted = status.kind === 'counted' ? status : null;
  const hasCensus = counted !== null;
  const listSize = filter ? total : (counted?.stored ?? 0);
  const spacer = Math.min(listSize * ROW_H, MAX_PX);
  const visible = Math.ceil(scroll.height / ROW_H) + 1;
  // The first row shown: where the scroll stands, as a share of the list (exact while the list fits MAX_PX).
  const room = Math.max(1, spacer - scroll.height);
  const first = Math.max(0, Math.min(Math.max(0, listSize - visible), Math.round((scroll.top / room) * Math.max(0, listSize - visible))));
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(listSize, first + visible + OVERSCAN);

  // The pages the window needs, asked once each.
  useEffect(() => {
    if (!counted) return;
    for (let p = Math.floor(from / PAGE); p <= Math.floor(Math.max(from, to - 1) / PAGE); p++) {
      if (asked.current.has(p)) continue;
      asked.current.add(p);
      send({ kind: 'rows', id: request.current, from: p * PAGE, count: PAGE, filter });
    }
  }, [from, to, counted, filter, send]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const measure = () => {
      setScroll({ top: el.scrollTop, height: el.clientHeight });
      const h = parseFloat(getComputedStyle(el).getPropertyValue('--connlog-row-h'));
      if (h > 0) setRowH(h);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    ro.observe(el.parentElement ?? el);
    // Presentation mode changes the rows' layout (a class on the app), not always the list's size.
    const app = el.closest('.app');
    const mo = new MutationObserver(measure);
    if (app) mo.observe(app, { attributes: true, attributeFilter: ['class'] });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, [words, hasCensus]);

  // A row whose content overflows its fixed height makes the list's rows taller (the stylesheet says how tall).
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (!tall && [...el.querySelectorAll<HTMLElement>('button.connlog-row')].some((b) => b.scrollHeight > b.clientHeight + 1)) setTall(true);
    const h = parseFloat(getComputedStyle(el).getPropertyValue('--connlog-row-h'));
    if (h > 0 && h !== ROW_H) setRowH(h);
  }, [tall, ROW_H, from, to, pages, words, hasCensus]);

  if (!words) return null;
  const n = (x: number) => x.toLocaleString(lang);
  const rowAt = (i: number): LogRow | undefined => pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  const match = selected && capture ? packetsOf(selected, capture.rows, capture.epoch) : null;
  const matched = capture && counted ? capture.rows.length : 0;
  const piling = counted ? (['server', 'client'] as const).some((end) => PILE_STATES.some((st) => counted.census.piles[end][st])) : false;
  // TIME-WAIT, said apart: each end's rows left in it, and the server with the most.
  const timeWait = counted
    ? (['client', 'server'] as const).flatMap((end) => {
        const rows = counted.census.states[end]['TIME-WAIT'] ?? 0;
        const top = counted.census.piles[end]['TIME-WAIT']?.[0];
        return rows > 0 && top ? [{ end, rows, top }] : [];
      })
    : [];
  const states = counted ? TCP_STATES.filter((s) => counted.census.states.client[s] || counted.census.states.server[s]) : [];
  const filterButton = (end: EndpointId, state: TcpState, count: number | undefined) =>
    count ? (
      <button
        type="button"
        className={`chip family-${stateFamily(state)}`}
        aria-pressed={filter?.end === end && filter.state === state}
        title={words.filterHelp}
        onClick={() => pickFilter(filter?.end === end && filter.state === state ? null : { end, state })}
      >
        {n(count)}
      </button>
    ) : (
      <span className="zero">0</span>
    );

  const moveSelection = (by: number) => {
    const at = selected ? selected.index + by : 0;
    if (at < 0 || at >= listSize) return;
    const row = rowAt(at);
    if (row) setSelected(row);
    const el = viewport.current;
    if (el && listSize * ROW_H <= MAX_PX) {
      if (at * ROW_H < el.scrollTop) el.scrollTop = at * ROW_H;
      else if ((at + 1) * ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = (at + 1) * ROW_H - el.clientHeight;
    }
    // The keys' focus follows the selection, once the row is drawn.
    requestAnimationFrame(() => el?.querySelector<HTMLButtonElement>(`button[data-index="${at}"]`)?.focus());
  };

  return (
    <section className="connlog-view" aria-label={words.title}>
      <div className="connlog-head">
        <h3>
          {words.title}{' '}
          {counted ? (
            <span className="connlog-summary">{words.summary(file.name, counted.census.rows, n(counted.census.rows), n(counted.census.tcp))}</span>
          ) : null}
        </h3>
        <button type="button" className="connlog-close" onClick={onClose}>
          × <span className="visually-hidden">{file.name}</span>
        </button>
      </div>
      <div role="status" aria-live="polite" className="connlog-status">
        {status.kind === 'reading' ? <p>{words.reading(status.rows, n(status.rows))}</p> : null}
        {counted && !counted.done ? <p>{words.reading(counted.census.rows, n(counted.census.rows))}</p> : null}
        {status.kind === 'failed' ? (
          <p className="notice" role="alert">
            {words.failed(status.message)}
          </p>
        ) : null}
      </div>
      {counted ? (
        <div className="connlog-census">
          <div className="connlog-states">
            <h4 title={words.byStateHelp}>{words.byState}</h4>
            <table>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{w.columns.ends}</span>
                  </th>
                  <th scope="col">{words.columns.client}</th>
                  <th scope="col">{words.columns.server}</th>
                </tr>
              </thead>
              <tbody>
                {states.map((s) => (
                  <tr key={s} data-state={s}>
                    <th scope="row" className="state-name">
                      {s}
                    </th>
                    <td className="client-count">{filterButton('client', s, counted.census.states.client[s])}</td>
                    <td className="server-count">{filterButton('server', s, counted.census.states.server[s])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {Object.keys(counted.census.otherProtocols).length > 0 ? (
              <p className="muted-inline">
                {words.notTcp(
                  Object.entries(counted.census.otherProtocols)
                    .map(([p, c]) => `${p} ${n(c)}`)
                    .join(', '),
                )}
              </p>
            ) : null}
          </div>
          <div className="connlog-servers">
            <h4 title={words.byServerHelp}>{words.byServer}</h4>
            <ol>
              {counted.census.servers.slice(0, TOP_SERVERS).map((s) => (
                <li key={s.server}>
                  <AddrName name={s.server} /> <strong>{words.rowsCount(s.rows, n(s.rows))}</strong>{' '}
                  <span className="server-states">
                    {TCP_STATES.filter((st) => st !== 'CLOSED' && s.states.server[st])
                      .sort((a, b) => s.states.server[b]! - s.states.server[a]!)
                      .slice(0, 3)
                      .map((st) => (
                        <span key={st} className={`mini family-${stateFamily(st)}`}>
                          {st} {n(s.states.server[st]!)}
                        </span>
                      ))}
                  </span>
                </li>
              ))}
            </ol>
            {counted.census.serverCountsMayMiss > 0 ? (
              <p className="muted-inline">{words.mayMiss(counted.census.serverCountsMayMiss, n(counted.census.serverCountsMayMiss))}</p>
            ) : null}
          </div>
          <div className="connlog-piles">
            <h4>{words.piles}</h4>
            {piling ? null : <p className="muted-inline connlog-no-piles">{words.noPiles('CLOSE-WAIT, FIN-WAIT-1/2, LAST-ACK, SYN-SENT, SYN-RECEIVED')}</p>}
            <ul>
              {(['server', 'client'] as const).flatMap((end) =>
                PILE_STATES.filter((st) => counted.census.piles[end][st]).map((st) => (
                  <li key={`${end}${st}`}>
                    <span className={`mini family-${stateFamily(st)}`}>{words.pileOf(words.role[end], st)}</span>{' '}
                    {counted.census.piles[end][st]!.slice(0, 3).map((p, i) => (
                      <span key={p.server} className="pile">
                        {i > 0 ? ', ' : ''}
                        <AddrName name={p.server} /> ({n(p.rows)})
                      </span>
                    ))}
                  </li>
                )),
              )}
            </ul>
            {timeWait.map(({ end, rows, top }) => (
              <p key={end} className="muted-inline connlog-time-wait">
                {words.timeWaitAside(words.role[end], rows, n(rows), top.server, n(top.rows))}
              </p>
            ))}
          </div>
        </div>
      ) : null}
      {counted && filter ? (
        <p className="filtered">
          {words.filtered(words.pileOf(words.role[filter.end], filter.state), total, n(total))}{' '}
          <button type="button" onClick={() => pickFilter(null)}>
            {words.showAll}
          </button>
        </p>
      ) : null}
      {counted ? (
        <div className="connlog-body">
          <div className="connlog-list">
            <div className="connlog-row connlog-header" aria-hidden="true">
              <span className="line">{words.columns.line}</span>
              <span className="addr">{words.columns.client}</span>
              <span className="addr">{words.columns.server}</span>
              <span className="history">{words.columns.history}</span>
              <span className="verdict">{words.columns.verdict}</span>
              <span className="ends">{words.columns.ends}</span>
            </div>
            <div
              className={`connlog-viewport${tall ? ' tall' : ''}`}
              ref={viewport}
              tabIndex={-1}
              onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  moveSelection(e.key === 'ArrowDown' ? 1 : -1);
                }
              }}
            >
              <div className="connlog-spacer" style={{ height: spacer }}>
                <ul
                  className="connlog-window"
                  style={{ top: scroll.top - (first - from) * ROW_H }}
                  aria-label={words.rowsShown(n(from + 1), n(to), n(listSize))}
                >
                  {Array.from({ length: to - from }, (_, k) => {
                    const i = from + k;
                    const r = rowAt(i);
                    return (
                      <li key={i} style={{ height: ROW_H }}>
                        {r ? (
                          <button
                            type="button"
                            className="connlog-row"
                            data-index={r.index}
                            aria-pressed={selected?.index === r.index}
                            title={explainEnds(words, r.verdict, r).slice(0, 2).join(' ')}
                            onClick={() => setSelected(r)}
                          >
                            <span className="line">{r.line}</span>
                            <Addr host={r.origH} port={r.origP} />
                            <Addr host={r.respH} port={r.respP} />
                            <span className="history" title={r.history ? historyTitle(w, r.history, 'client') : undefined}>
                              {r.history ?? words.noHistory}
                            </span>
                            <span className="verdict" title={isVerdict(r.verdict) ? w.verdictMeaning[r.verdict] : undefined}>
                              {r.verdict ?? '-'}
                            </span>
                            <span className="ends">
                              <span className={`mini family-${stateFamily(r.client)}`}>{r.client}</span>{' '}
                              <span className={`mini family-${stateFamily(r.server)}`}>{r.server}</span>
                            </span>
                          </button>
                        ) : (
                          <span className="connlog-row pending">…</span>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            </div>
            {counted.done && counted.stored < counted.census.tcp ? <p className="muted-inline">{words.listedFirst(n(counted.stored))}</p> : null}
            <p className="muted-inline connlog-range">
              {listSize > 0 ? words.rowsShown(n(first + 1), n(Math.min(listSize, first + visible)), n(listSize)) : ''}
            </p>
          </div>
          <div className="connlog-detail" aria-live="polite">
            {selected ? (
              <>
                <h4>
                  <Addr host={selected.origH} port={selected.origP} /> → <Addr host={selected.respH} port={selected.respP} />
                </h4>
                <p className="muted-inline">
                  {words.columns.line} {selected.line}
                  {selected.uid ? ` · ${selected.uid}` : ''}
                </p>
                {selected.verdict ? (
                  <p className="connlog-verdict">
                    {words.verdictIs(selected.verdict)} {isVerdict(selected.verdict) ? w.verdictMeaning[selected.verdict] : ''}
                  </p>
                ) : null}
                <div className="connlog-history">
                  <p>
                    {words.columns.history} <code>{selected.history ?? words.noHistory}</code>
                    {selected.history ? ` · ${words.historySpelled}` : ''}
                  </p>
                  {selected.history ? (
                    <ol>
                      {historySteps(w, selected.history).map((step, i) => (
                        <li key={i}>{step}</li>
                      ))}
                    </ol>
                  ) : null}
                </div>
                <dl className="connlog-ends">
                  <dt>{words.role.client}</dt>
                  <dd>
                    <span className={`mini family-${stateFamily(selected.client)}`}>{selected.client}</span>
                  </dd>
                  <dt>{words.role.server}</dt>
                  <dd>
                    <span className={`mini family-${stateFamily(selected.server)}`}>{selected.server}</span>
                  </dd>
                </dl>
                <ul className="connlog-why">
                  {explainEnds(words, selected.verdict, selected).map((s, i) => (
                    <li key={i} className={i < 2 ? 'end' : 'note'}>
                      {s}
                    </li>
                  ))}
                </ul>
                {match !== null ? (
                  <button type="button" className="open-connection" onClick={() => onOpenPackets(match)}>
                    {words.openPackets}
                  </button>
                ) : null}
              </>
            ) : (
              <p className="muted-inline">{words.explain}</p>
            )}
            {capture ? (
              <p className="muted-inline">{words.withCapture(capture.name, n(matched))}</p>
            ) : (
              <label className="add-capture">
                <span>{words.addCapture}</span>
                <input
                  type="file"
                  accept=".pcap,.pcapng,.cap,.gz,application/vnd.tcpdump.pcap"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) onAddCapture(f);
                    e.target.value = '';
                  }}
                />
              </label>
            )}
          </div>
        </div>
      ) : null}
    </section>
  );
}
