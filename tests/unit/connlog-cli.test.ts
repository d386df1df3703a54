/** `npm run analyze` on a Zeek conn.log: TSV, JSON, gzipped; one line and exit 2 for a bad one. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const FIX = 'tests/fixtures/zeek-logs';
const run = (file: string) => spawnSync('npm', ['run', '--silent', 'analyze', '--', file], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'connlog-'));

describe('analyze on a conn.log', { timeout: 60_000 }, () => {
  it("prints the census of Zeek's pop3 log: six refused, five closed in order, by server", () => {
    const r = run(`${FIX}/scripts.base.protocols.pop3.basic.conn.log`);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ format: 'zeek-tsv', gzip: false, rows: 11, tcp: 11, verdicts: { REJ: 6, SF: 5 } });
    expect(out.states.client).toEqual({ CLOSED: 11 });
    expect(out.states.server).toEqual({ CLOSED: 6, 'TIME-WAIT': 5 });
    expect(out.servers[0]).toMatchObject({ server: '212.227.15.166:110', rows: 5 });
    expect(out.piles.server['TIME-WAIT']).toEqual([{ server: '212.227.15.166:110', rows: 5 }]);
    expect(out.histories[0]).toMatchObject({
      history: 'Sr',
      verdict: 'REJ',
      rows: 6,
      client: 'CLOSED',
      server: 'CLOSED',
      meaning: 'refused: the SYN was answered with a reset',
    });
    expect(out.histories[0].explanation).toContain('Nothing listened on the port');
  });

  it('reads a gzipped log (streamed) and a JSON one the same', () => {
    const tsv = JSON.parse(run(`${FIX}/scripts.base.protocols.ssh.basic.conn.log`).stdout);
    const gz = join(dir, 'conn.log.gz');
    writeFileSync(gz, gzipSync(readFileSync(`${FIX}/scripts.base.protocols.ssh.basic.conn.log`)));
    const fromGz = run(gz);
    expect(fromGz.status).toBe(0);
    expect({ ...JSON.parse(fromGz.stdout), gzip: false }).toEqual(tsv);
    const json = JSON.parse(run(`${FIX}/scripts.base.protocols.ssh.basic.conn.json`).stdout);
    expect({ ...json, format: 'zeek-tsv' }).toEqual(tsv);
  });

  it('reads a conn.log from standard input (plain or gzipped) as from its file', () => {
    const file = `${FIX}/scripts.base.protocols.pop3.basic.conn.log`;
    const fromFile = run(file);
    const stdin = (input: Buffer) => spawnSync('npm', ['run', '--silent', 'analyze', '--', '-'], { input, encoding: 'utf8' });
    const plain = stdin(readFileSync(file));
    expect(plain.status).toBe(0);
    expect(plain.stdout).toBe(fromFile.stdout);
    const zipped = stdin(gzipSync(readFileSync(file)));
    expect(zipped.status).toBe(0);
    expect({ ...JSON.parse(zipped.stdout), gzip: false }).toEqual(JSON.parse(fromFile.stdout));
    expect(JSON.parse(zipped.stdout).gzip).toBe(true);
  });

  it('refuses a bad line with one line naming it, and exit 2', () => {
    const bad = join(dir, 'bad.log');
    const lines = readFileSync(`${FIX}/scripts.base.protocols.pop3.basic.conn.log`, 'utf8').split('\n');
    lines[12] = lines[12]!.split('\t').slice(0, 5).join('\t');
    writeFileSync(bad, lines.join('\n'));
    const r = run(bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${bad}: line 13: 5 fields where the #fields header names 22\n`);
    const cut = join(dir, 'cut.log.gz');
    writeFileSync(cut, gzipSync(readFileSync(`${FIX}/core.tunnels.teredo.conn.log`)).subarray(0, 600));
    const c = run(cut);
    expect(c.status).toBe(2);
    expect(c.stderr.trim().split('\n')).toHaveLength(1);
    expect(c.stderr).toMatch(/gzip stream is damaged|unexpected end/);
  });
});
