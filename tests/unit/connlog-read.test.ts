/** Reading Zeek's conn.log (src/capture/connlog.ts): Zeek's own recorded logs, escapes, JSON, chunking, bad lines. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConnLogError, ConnLogReader, looksLikeConnLog, unescapeZeek, type ConnRow } from '../../src/capture/connlog';

const FIX = 'tests/fixtures/zeek-logs';
const readAll = (text: string, chunk = text.length || 1): { rows: ConnRow[]; reader: ConnLogReader } => {
  const rows: ConnRow[] = [];
  const reader = new ConnLogReader((r) => rows.push(r));
  for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
  reader.end();
  return { rows, reader };
};
const fail = (text: string): string => {
  try {
    readAll(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConnLogError);
    return (e as Error).message;
  }
  throw new Error('read without an error');
};

const HEADER = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\thistory',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tstring',
].join('\n');

describe("Zeek's recorded conn.logs", () => {
  it('reads every row of the teredo baseline, TCP, UDP and ICMP, with IPv6 addresses', () => {
    const text = readFileSync(`${FIX}/core.tunnels.teredo.conn.log`, 'utf8');
    const { rows, reader } = readAll(text);
    expect(reader.format).toBe('zeek-tsv');
    expect(rows).toHaveLength(21);
    expect(rows.filter((r) => r.proto === 'tcp')).toHaveLength(10);
    const first = rows[0]!;
    expect(first).toMatchObject({ line: 10, uid: 'ClEkJM2Vm5giqnMf4h', origH: '192.168.2.16', origP: 1576, respH: '75.126.130.163', respP: 80 });
    expect(first).toMatchObject({ connState: 'SHR', history: '^fA', ts: null, service: null });
    const v6 = rows.find((r) => r.history === 'ShADad')!;
    expect(v6.origH).toBe('2001:0:4137:9e50:8000:f12a:b9c8:2815');
    expect(v6.connState).toBe('S1');
    // ICMP rows have no history: unset.
    expect(rows.find((r) => r.proto === 'icmp')!.history).toBeNull();
  });

  it('reads the same rows from a JSON-lines log as from the TSV one', () => {
    const tsv = readAll(readFileSync(`${FIX}/scripts.base.protocols.ssh.basic.conn.log`, 'utf8')).rows;
    const { rows, reader } = readAll(readFileSync(`${FIX}/scripts.base.protocols.ssh.basic.conn.json`, 'utf8'));
    expect(reader.format).toBe('zeek-json');
    expect(rows).toHaveLength(tsv.length);
    const strip = ({ line: _l, ts: _t, ...r }: ConnRow) => r;
    expect(rows.map(strip)).toEqual(tsv.map(strip));
    expect(rows[1]!.ts).toBe(1357000000.5);
  });

  it('reads the same rows whatever the chunks (a line split anywhere)', () => {
    const text = readFileSync(`${FIX}/core.tunnels.teredo.conn.log`, 'utf8');
    const whole = readAll(text).rows;
    for (const chunk of [1, 7, 64]) expect(readAll(text, chunk).rows).toEqual(whole);
  });

  it('reads the addresses under another scope separator (id_orig_h) or the names a field-name map gives them (src_ip, dst_port)', () => {
    const scoped = readAll(readFileSync(`${FIX}/scripts.base.frameworks.logging.scope_sep.conn.log`, 'utf8')).rows;
    const mapped = readAll(readFileSync(`${FIX}/scripts.base.frameworks.logging.field-name-map2.conn.log`, 'utf8')).rows;
    expect(scoped.length).toBeGreaterThan(20);
    expect(scoped[0]).toMatchObject({ origH: '173.192.163.128', origP: 80, respH: '141.142.220.235', respP: 6705 });
    expect(mapped).toHaveLength(1);
    expect(mapped[0]).toMatchObject({ origH: '192.168.1.2', origP: 49159, respH: '192.168.1.1', respP: 20000, connState: 'S0', history: 'SAD' });
    const json = readAll('{"id_orig_h":"10.0.0.1","id_orig_p":1,"src_ip":"x","dst_ip":"10.0.0.2","dst_port":80,"proto":"tcp"}\n').rows[0]!;
    expect(json).toMatchObject({ origH: '10.0.0.1', origP: 1, respH: '10.0.0.2', respP: 80 });
  });

  it('tells a conn.log by its start', () => {
    expect(looksLikeConnLog(readFileSync(`${FIX}/scripts.base.protocols.pop3.basic.conn.log`, 'utf8'))).toBe(true);
    expect(looksLikeConnLog(readFileSync(`${FIX}/scripts.base.protocols.ssh.basic.conn.json`, 'utf8'))).toBe(true);
    expect(looksLikeConnLog('12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S]')).toBe(false);
    expect(looksLikeConnLog('{"steps": []}')).toBe(false);
    expect(looksLikeConnLog('{"id_orig_h":"10.0.0.1","proto":"tcp","conn_state":"S0"}')).toBe(true);
    expect(looksLikeConnLog('{"id.orig_h":"10.0.0.1","proto":"udp","query":"example.org"}')).toBe(false); // a dns.log
    // Zeek's http.log in JSON has the addresses too, but it is not a connection log.
    expect(looksLikeConnLog('{"ts":1,"uid":"C1","id.orig_h":"1.2.3.4","id.orig_p":1,"id.resp_h":"5.6.7.8","id.resp_p":80,"method":"GET"}')).toBe(false);
  });
});

describe('escapes and marks', () => {
  it('undoes \\xHH, and tells the unset mark and the empty mark from a value that is written as them', () => {
    const row = ['1.5', 'C1', '10.0.0.1', '40000', '10.0.0.2', '80', 'tcp', 'a\\x09b\\x2cc', '-', '(empty)', '\\x2d', 'SF', 'ShADadFf'].join('\t');
    const [r] = readAll(`${HEADER}\n${row}\n`).rows;
    expect(r!.service).toBe('a\tb,c');
    expect(r!.duration).toBeNull();
    expect(r!.origBytes).toBeNull(); // "(empty)" is no number
    expect(r!.ts).toBe(1.5);
    expect(unescapeZeek('\\x2d')).toBe('-');
  });

  it('reads another separator, said in the header', () => {
    const text = `${HEADER.replace('#separator \\x09', '#separator \\x7c').replaceAll('\t', '|')}\n1|C1|10.0.0.1|1|10.0.0.2|2|tcp|-|-|-|-|S0|S\n`;
    expect(readAll(text).rows[0]).toMatchObject({ origP: 1, respP: 2, connState: 'S0', history: 'S' });
  });

  it('reads JSON with nested id fields and ISO 8601 times, and CRLF line ends', () => {
    const text =
      '{"ts":"2024-01-02T03:04:05.500000Z","uid":"C1","id":{"orig_h":"10.0.0.1","orig_p":1,"resp_h":"10.0.0.2","resp_p":80},"proto":"tcp","conn_state":"S0","history":"S"}\r\n';
    expect(readAll(text).rows[0]).toMatchObject({ ts: Date.UTC(2024, 0, 2, 3, 4, 5, 500) / 1000, origH: '10.0.0.1', respP: 80, history: 'S' });
  });

  it('reads logs one after another, each with its header', () => {
    const row = '1\tC1\t10.0.0.1\t1\t10.0.0.2\t2\ttcp\t-\t-\t-\t-\tS0\tS';
    const text = `${HEADER}\n${row}\n#close\t2024\n${HEADER}\n${row}\n`;
    expect(readAll(text).rows.map((r) => r.line)).toEqual([8, 17]);
  });
});

describe('bad input: one line naming the line', () => {
  it('a row with the wrong number of fields', () => {
    expect(fail(`${HEADER}\n1\tC1\t10.0.0.1\t1\n`)).toBe('line 8: 4 fields where the #fields header names 13');
  });
  it('a port that is not a port', () => {
    expect(fail(`${HEADER}\n1\tC1\t10.0.0.1\t99999\t10.0.0.2\t2\ttcp\t-\t-\t-\t-\tS0\tS\n`)).toBe('line 8: id.orig_p is not a port number (got "99999")');
  });
  it('a row before the header, a header without addresses, another log', () => {
    expect(fail('#separator \\x09\n1\t2\n')).toBe('line 2: a row before the #fields header');
    expect(fail('#separator \\x09\n#fields\tts\tuid\n')).toBe('line 2: the #fields header has no id.orig_h field');
    expect(fail('#separator \\x09\n#path\thttp\n')).toBe('line 2: a Zeek http.log, not a conn.log');
  });
  it('a JSON line that is not JSON, or not an object', () => {
    const good = '{"id.orig_h":"10.0.0.1","id.orig_p":1,"id.resp_h":"10.0.0.2","id.resp_p":2,"proto":"tcp"}';
    expect(fail(`${good}\n${good.slice(0, 30)}\n`)).toBe('line 2: not JSON (a JSON conn.log has one object per line)');
    expect(fail(`${good}\n[1]\n`)).toBe('line 2: not a JSON object');
    expect(fail(`${good}\n{"id.orig_h":"10.0.0.1"}\n`)).toBe('line 2: no id.orig_p');
  });
  it('not a conn.log at all, an empty file, an endless line', () => {
    expect(fail('hello\n')).toBe('line 1: not a Zeek conn.log (no #separator header, nor a JSON row)');
    expect(fail('')).toBe('empty: no conn.log header or row');
    expect(fail(`{"a":"${'x'.repeat(70_000)}`)).toBe('line 1: longer than 65536 characters: not a conn.log row');
  });
});
