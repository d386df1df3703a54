/**
 * Reading Zeek's conn.log as Zeek writes it, a piece at a time (a fleet's log holds millions of
 * rows: nothing here keeps more than the line being read). Two forms:
 *
 * - TSV, Zeek's ASCII writer: a header of `#separator` (itself written escaped, `\x09`),
 *   `#set_separator`, `#empty_field`, `#unset_field`, `#path`, `#open`, `#fields`, `#types`; rows
 *   of fields joined by the separator; `#close` at the end. A field equal to the unset mark (`-`)
 *   has no value, one equal to the empty mark (`(empty)`) is empty, and bytes the writer escaped
 *   (the separator inside a value, a value that would read as a mark, anything unprintable) are
 *   `\xHH`. Several logs one after another (each with its header) read as one.
 * - JSON lines (`LogAscii::use_json`): one object per line, field names as in TSV ("id.orig_h");
 *   an unset field is left out; `ts` is seconds since 1970 or an ISO 8601 string.
 *
 * Input is untrusted: a line that cannot be a row is a ConnLogError whose message names the line's
 * number, in one line.
 */

/** The fields of a row this project reads; others are skipped. */
export interface ConnRow {
  /** The row's line in the file, from 1. */
  readonly line: number;
  /** Seconds since 1970 (null: unset or unreadable, as Zeek's own tests mask it). */
  readonly ts: number | null;
  readonly uid: string;
  readonly origH: string;
  readonly origP: number;
  readonly respH: string;
  readonly respP: number;
  readonly proto: string;
  readonly service: string | null;
  readonly duration: number | null;
  readonly origBytes: number | null;
  readonly respBytes: number | null;
  readonly connState: string | null;
  readonly history: string | null;
}

export type ConnLogFormat = 'zeek-tsv' | 'zeek-json';

export class ConnLogError extends Error {
  override name = 'ConnLogError';
}

/** The longest line read (a conn.log row is a few hundred bytes): longer is damage, not a row. */
export const MAX_LINE = 65_536;

/** Whether the start of a file (decompressed) is a Zeek conn.log: its TSV header, or a JSON row with Zeek's connection fields. */
export function looksLikeConnLog(head: string): boolean {
  const text = head.replace(/^\uFEFF/, '');
  const lines = text.split('\n', 40);
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line === '' || line.startsWith('###')) continue;
    if (line.startsWith('#separator ')) return true;
    if (line.startsWith('{')) return /"id[._]orig_h"\s*:|"id"\s*:\s*\{\s*"orig_h"/.test(line) && /"conn_state"\s*:|"history"\s*:/.test(line);
    return false;
  }
  return false;
}

const textOf = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** `\xHH` escapes undone (Zeek's ASCII writer writes bytes it escapes so). */
export function unescapeZeek(s: string): string {
  if (!s.includes('\\x')) return s;
  return s.replace(/\\x([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A conn.log read a chunk of text at a time: `push` each decoded chunk, then `end`; each row goes
 * to `onRow` as soon as its line is whole.
 */
export class ConnLogReader {
  format: ConnLogFormat | null = null;
  /** Lines read so far, rows given. */
  lines = 0;
  rows = 0;
  private rest = '';
  private separator = '\t';
  private unset = '-';
  private empty = '(empty)';
  private fields: string[] | null = null;
  private index: Partial<Record<keyof typeof FIELD, number>> = {};

  constructor(private readonly onRow: (row: ConnRow) => void) {}

  push(chunk: string): void {
    let text = this.rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    text = text.slice(start);
    if (text.length > MAX_LINE) throw new ConnLogError(`line ${this.lines + 1}: longer than ${MAX_LINE} characters: not a conn.log row`);
    this.rest = text;
  }

  /** The input is over: a last line without its newline is read too. */
  end(): void {
    if (this.rest !== '') this.line(this.rest);
    this.rest = '';
    if (this.format === null) throw new ConnLogError('empty: no conn.log header or row');
  }

  private line(raw: string): void {
    this.lines += 1;
    const n = this.lines;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // A byte-order mark before the first line is not part of it.
    this.take(n === 1 && line.startsWith('\uFEFF') ? line.slice(1) : line, n);
  }

  private take(line: string, n: number): void {
    if (line === '') return;
    if (this.format === null) {
      if (line.startsWith('###')) return;
      if (line.startsWith('#separator ')) this.format = 'zeek-tsv';
      else if (line.startsWith('{')) this.format = 'zeek-json';
      else throw new ConnLogError(`line ${n}: not a Zeek conn.log (no #separator header, nor a JSON row)`);
    }
    if (this.format === 'zeek-json') {
      if (line.startsWith('###')) return;
      this.onRow(this.jsonRow(line, n));
      this.rows += 1;
      return;
    }
    if (line.startsWith('#')) return this.directive(line, n);
    if (!this.fields) throw new ConnLogError(`line ${n}: a row before the #fields header`);
    this.onRow(this.tsvRow(line, n));
    this.rows += 1;
  }

  private directive(line: string, n: number): void {
    if (line.startsWith('#separator ')) {
      this.separator = unescapeZeek(line.slice('#separator '.length));
      if (this.separator === '') throw new ConnLogError(`line ${n}: an empty #separator`);
      this.fields = null;
      return;
    }
    const parts = line.split(this.separator);
    const name = parts[0]!;
    const value = parts.slice(1);
    if (name === '#unset_field') this.unset = value[0] ?? '-';
    else if (name === '#empty_field') this.empty = value[0] ?? '(empty)';
    else if (name === '#path' && value[0] !== undefined && value[0] !== 'conn' && !value[0].startsWith('conn'))
      throw new ConnLogError(`line ${n}: a Zeek ${value[0]}.log, not a conn.log`);
    else if (name === '#fields') {
      this.fields = value;
      this.index = {};
      for (const [key, zeekName] of Object.entries(FIELD)) {
        const i = fieldIndex(value, zeekName);
        if (i >= 0) this.index[key as keyof typeof FIELD] = i;
      }
      for (const need of NEEDED) if (this.index[need] === undefined) throw new ConnLogError(`line ${n}: the #fields header has no ${FIELD[need]} field`);
    }
  }

  private tsvRow(line: string, n: number): ConnRow {
    const parts = line.split(this.separator);
    if (parts.length !== this.fields!.length) throw new ConnLogError(`line ${n}: ${parts.length} fields where the #fields header names ${this.fields!.length}`);
    const get = (key: keyof typeof FIELD): string | null => {
      const i = this.index[key];
      if (i === undefined) return null;
      const v = parts[i]!;
      if (v === this.unset) return null;
      if (v === this.empty) return '';
      return unescapeZeek(v);
    };
    return this.row(get, n);
  }

  private jsonRow(line: string, n: number): ConnRow {
    let o: unknown;
    try {
      o = JSON.parse(line);
    } catch {
      throw new ConnLogError(`line ${n}: not JSON (a JSON conn.log has one object per line)`);
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ConnLogError(`line ${n}: not a JSON object`);
    const rec = o as Record<string, unknown>;
    // Zeek writes "id.orig_h"; some pipelines nest it as "id": { "orig_h" }.
    const nested = typeof rec.id === 'object' && rec.id !== null ? (rec.id as Record<string, unknown>) : null;
    const get = (key: keyof typeof FIELD): string | null => {
      const name = FIELD[key];
      const v = rec[name] ?? (nested && name.startsWith('id.') ? nested[name.slice(3)] : undefined) ?? (key in RENAMED ? renamed(rec, name) : undefined);
      if (v === undefined || v === null) return null;
      if (key === 'ts' && typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) {
        const t = Date.parse(v);
        return Number.isFinite(t) ? String(t / 1000) : null;
      }
      return textOf(v);
    };
    return this.row(get, n);
  }

  private row(get: (key: keyof typeof FIELD) => string | null, n: number): ConnRow {
    const text = (key: keyof typeof FIELD): string => {
      const v = get(key);
      if (v === null || v === '') throw new ConnLogError(`line ${n}: no ${FIELD[key]}`);
      return v;
    };
    const port = (key: 'origP' | 'respP'): number => {
      const v = text(key);
      if (!/^\d{1,5}$/.test(v) || Number(v) > 65_535) throw new ConnLogError(`line ${n}: ${FIELD[key]} is not a port number (got ${show(v)})`);
      return Number(v);
    };
    const num = (key: keyof typeof FIELD): number | null => {
      const v = get(key);
      if (v === null || v === '') return null;
      const x = Number(v);
      return Number.isFinite(x) && x >= 0 ? x : null;
    };
    const history = get('history');
    if (history !== null && history.length > 1000) throw new ConnLogError(`line ${n}: a history of ${history.length} letters`);
    return {
      line: n,
      ts: num('ts'),
      uid: get('uid') ?? '',
      origH: text('origH'),
      origP: port('origP'),
      respH: text('respH'),
      respP: port('respP'),
      proto: (get('proto') ?? '').toLowerCase(),
      service: get('service'),
      duration: num('duration'),
      origBytes: num('origBytes'),
      respBytes: num('respBytes'),
      connState: get('connState'),
      history,
    };
  }
}

/** Zeek's name for each field read. */
const FIELD = {
  ts: 'ts',
  uid: 'uid',
  origH: 'id.orig_h',
  origP: 'id.orig_p',
  respH: 'id.resp_h',
  respP: 'id.resp_p',
  proto: 'proto',
  service: 'service',
  duration: 'duration',
  origBytes: 'orig_bytes',
  respBytes: 'resp_bytes',
  connState: 'conn_state',
  history: 'history',
} as const;

const NEEDED = ['origH', 'origP', 'respH', 'respP'] as const;

/**
 * The connection's addresses under the other names Zeek can give them: another scope separator
 * (`Log::default_scope_sep`, "id_orig_h"), or the names its own field-name-map tests choose
 * (`Log::default_field_name_map`: "src", "src_ip", "src_port", "dst", "dst_ip", "dst_port").
 */
const RENAMED: Partial<Record<keyof typeof FIELD, readonly string[]>> = {
  origH: ['src', 'src_ip'],
  origP: ['src_port'],
  respH: ['dst', 'dst_ip'],
  respP: ['dst_port'],
};
const RENAMED_BY_NAME = new Map<string, readonly string[]>(Object.entries(RENAMED).map(([k, v]) => [FIELD[k as keyof typeof FIELD], v]));

/** Where a field is among the #fields header's names, under its own name, another scope separator, or a known rename; -1 if nowhere. */
function fieldIndex(names: readonly string[], zeekName: string): number {
  const exact = names.indexOf(zeekName);
  if (exact >= 0) return exact;
  if (zeekName.startsWith('id.')) {
    const sep = names.findIndex((n) => n.length === zeekName.length && n.startsWith('id') && n.slice(3) === zeekName.slice(3));
    if (sep >= 0) return sep;
  }
  for (const alt of RENAMED_BY_NAME.get(zeekName) ?? []) {
    const i = names.indexOf(alt);
    if (i >= 0) return i;
  }
  return -1;
}

/** A JSON row's address field under another scope separator or a known rename. */
function renamed(rec: Record<string, unknown>, zeekName: string): unknown {
  const scoped = Object.keys(rec).find((n) => n.length === zeekName.length && n.startsWith('id') && n.slice(3) === zeekName.slice(3));
  if (scoped !== undefined) return rec[scoped];
  for (const alt of RENAMED_BY_NAME.get(zeekName) ?? []) if (rec[alt] !== undefined) return rec[alt];
  return undefined;
}

/** A piece of the input as a message shows it: short, printable. */
const show = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** "address:port", IPv6 addresses in brackets (as the capture reader names ends). */
export const endpointName = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);
