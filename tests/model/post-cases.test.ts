/**
 * Every case the source post describes, as a script run through `npm run simulate` exactly as
 * other tools will run it, with the states and segments the post (and RFC 9293) say must happen.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Script } from '../../src/model/script';
import type { Trace } from '../../src/model/trace';

const dir = mkdtempSync(join(tmpdir(), 'handshake-lab-'));
let n = 0;

function simulate(script: unknown): Trace {
  const file = join(dir, `script-${n++}.json`);
  writeFileSync(file, JSON.stringify(script));
  return JSON.parse(execFileSync('npm', ['run', '--silent', 'simulate', '--', file], { encoding: 'utf8' })) as Trace;
}

const path = (trace: Trace, endpoint: 'client' | 'server') =>
  ['CLOSED', ...trace.transitions.filter((t) => t.endpoint === endpoint).map((t) => t.to)].join(' > ');
const flags = (trace: Trace) => trace.segments.map((s) => `${s.from[0]}:${s.flags}${s.fate === 'dropped' ? '(lost)' : ''}`);

const classroom = { preset: 'classroom', seed: 7 } as const;
const open: Script['steps'] = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 100, endpoint: 'client', call: 'connect' },
];

describe("the post's cases, headless", () => {
  it('3-way handshake: LISTEN/CLOSED -> SYN -> SYN_RCV -> SYN+ACK -> ESTABLISHED -> ACK -> ESTABLISHED', () => {
    const t = simulate({ config: classroom, steps: open });
    expect(path(t, 'server')).toBe('CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED');
    expect(path(t, 'client')).toBe('CLOSED > SYN-SENT > ESTABLISHED');
    expect(flags(t)).toEqual(['c:SYN', 's:SYN+ACK', 'c:ACK']);
    const [syn, synAck, ack] = t.segments;
    expect(synAck!.ack).toBe((syn!.seq + 1) >>> 0); // the SYN takes one sequence number
    expect(ack!.seq).toBe((syn!.seq + 1) >>> 0);
    expect(ack!.ack).toBe((synAck!.seq + 1) >>> 0);
    expect(t.final).toEqual({ t: 1900, client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('normal 4-way close: FIN_WAIT_1, CLOSE_WAIT, FIN_WAIT_2, LAST_ACK, TIME_WAIT, then CLOSED after a while', () => {
    const t = simulate({
      config: classroom,
      steps: [...open, { at: 3000, endpoint: 'client', call: 'close' }, { at: 5000, endpoint: 'server', call: 'close' }],
    });
    expect(path(t, 'client')).toBe('CLOSED > SYN-SENT > ESTABLISHED > FIN-WAIT-1 > FIN-WAIT-2 > TIME-WAIT > CLOSED');
    expect(path(t, 'server')).toBe('CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED');
    expect(flags(t).slice(3)).toEqual(['c:FIN+ACK', 's:ACK', 's:FIN+ACK', 'c:ACK']);
    const timeWait = t.transitions.find((x) => x.to === 'TIME-WAIT')!;
    const closed = t.transitions.at(-1)!;
    expect(closed).toMatchObject({ endpoint: 'client', to: 'CLOSED', cause: 'timer:time-wait', t: timeWait.t + 8000 });
  });

  it('CLOSE_WAIT forever when the application never calls close(); the orphaned FIN_WAIT_2 times out', () => {
    const t = simulate({ config: classroom, steps: [...open, { at: 3000, endpoint: 'client', call: 'close' }], until: 3_600_000 });
    expect(t.final).toEqual({ t: 3_600_000, client: 'CLOSED', server: 'CLOSE-WAIT' });
    expect(t.transitions.at(-1)).toMatchObject({ endpoint: 'client', from: 'FIN-WAIT-2', to: 'CLOSED', cause: 'timer:fin-wait-2' });
  });

  it('FIN_WAIT_1 with no ACK (peer gone, firewall): the FIN is retransmitted until the socket gives up', () => {
    const t = simulate({
      config: classroom,
      steps: [...open, { at: 2900, network: 'block', direction: 'client->server' }, { at: 3000, endpoint: 'client', call: 'close' }],
    });
    const fins = t.segments.filter((s) => s.from === 'client' && s.flags === 'FIN+ACK');
    expect(fins.map((f) => f.retransmission)).toEqual([false, true, true, true]); // classroom finRetries: 3
    expect(fins.map((f) => f.sentAt)).toEqual([3000, 5000, 9000, 17000]); // backoff: 2, 4, 8 s
    // The last wait is capped at the classroom's maxRtoMs (8 s): 17 + 8 = 25 s.
    expect(t.transitions.at(-1)).toMatchObject({ endpoint: 'client', from: 'FIN-WAIT-1', to: 'CLOSED', cause: 'timer:retries-exhausted', t: 25000 });
    expect(t.errors).toEqual([{ t: 25000, endpoint: 'client', error: 'connection timed out' }]);
  });

  it('FIN_WAIT_2 with no FIN: the ACK came, the FIN never does, and FIN_WAIT_2 closes itself', () => {
    const t = simulate({ config: classroom, steps: [...open, { at: 3000, endpoint: 'client', call: 'close' }] });
    const fw2 = t.transitions.find((x) => x.to === 'FIN-WAIT-2')!;
    expect(t.transitions.at(-1)).toMatchObject({ endpoint: 'client', to: 'CLOSED', cause: 'timer:fin-wait-2', t: fw2.t + 6000 });
  });

  it('...but only an orphaned one: after shutdown() FIN_WAIT_2 waits for good', () => {
    const t = simulate({ config: classroom, steps: [...open, { at: 3000, endpoint: 'client', call: 'shutdown' }], until: 3_600_000 });
    expect(t.final).toEqual({ t: 3_600_000, client: 'FIN-WAIT-2', server: 'CLOSE-WAIT' });
  });

  it('TIME_WAIT answers the FIN again when the last ACK is lost, and waits 2 MSL from then', () => {
    const t = simulate({
      config: classroom,
      steps: [
        ...open,
        { at: 3000, endpoint: 'client', call: 'close' },
        { at: 4999, network: 'drop-next', direction: 'client->server' },
        { at: 5000, endpoint: 'server', call: 'close' },
      ],
    });
    expect(flags(t).slice(3)).toEqual(['c:FIN+ACK', 's:ACK', 's:FIN+ACK', 'c:ACK(lost)', 's:FIN+ACK', 'c:ACK']);
    const refin = t.segments[7]!;
    expect(refin.retransmission).toBe(true);
    expect(path(t, 'server')).toBe('CLOSED > LISTEN > SYN-RECEIVED > ESTABLISHED > CLOSE-WAIT > LAST-ACK > CLOSED');
    expect(t.transitions.at(-1)).toMatchObject({ endpoint: 'client', to: 'CLOSED', t: refin.arrivedAt! + 8000 });
  });

  it('TCP keeps order: segments that overtake each other are read in the order sent', () => {
    const t = simulate({
      config: { ...classroom, mss: 1000 },
      steps: [
        ...open,
        { at: 2999, network: 'delay-next', direction: 'client->server', byMs: 1500 },
        { at: 3000, endpoint: 'client', call: 'send', bytes: 2000 },
      ],
    });
    const data = t.segments.filter((s) => s.len > 0);
    expect(data[1]!.arrivedAt!).toBeLessThan(data[0]!.arrivedAt!); // the second overtook the first
    expect(t.reads).toEqual([{ t: data[0]!.arrivedAt, endpoint: 'server', bytes: 2000 }]); // one read, in order
  });

  it('TCP does not lose data: a lost segment is sent again and read once', () => {
    const t = simulate({
      config: classroom,
      steps: [...open, { at: 2999, network: 'drop-next', direction: 'client->server' }, { at: 3000, endpoint: 'client', call: 'send', bytes: 500 }],
    });
    expect(flags(t).slice(3)).toEqual(['c:PSH+ACK(lost)', 'c:PSH+ACK', 's:ACK']);
    expect(t.reads.map((r) => r.bytes)).toEqual([500]);
  });

  it('connection refused: RST+ACK from a port nobody listens on', () => {
    const t = simulate({ config: classroom, steps: [{ at: 0, endpoint: 'client', call: 'connect' }] });
    expect(flags(t)).toEqual(['c:SYN', 's:RST+ACK']);
    expect(t.errors).toEqual([{ t: 1200, endpoint: 'client', error: 'connection refused' }]);
  });

  it('a refused call is recorded with the reason, as a socket API error', () => {
    const t = simulate({ config: classroom, steps: [{ at: 0, endpoint: 'client', call: 'send', bytes: 10 }] });
    expect(t.calls).toEqual([{ t: 0, endpoint: 'client', call: 'send', bytes: 10, refused: 'connection does not exist' }]);
  });
});

describe('the command line', () => {
  const run = (args: string[], input?: string) => spawnSync('npm', ['run', '--silent', 'simulate', '--', ...args], { encoding: 'utf8', input });

  it('prints the trace of a script file', () => {
    const r = run([new URL('../scripts/normal-close.json', import.meta.url).pathname]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['transitions', 'segments', 'calls', 'reads', 'errors', 'final']);
  });

  it('reads standard input when given -', () => {
    const r = run(['-'], JSON.stringify({ steps: [] }));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).final).toEqual({ t: 0, client: 'CLOSED', server: 'CLOSED' });
  });

  it.each([
    [{ steps: [{ at: 0, endpoint: 'client', call: 'dance' }] }, /^steps\[0\]\.call: must be one of "listen", .* \(got "dance"\)$/],
    [{ config: { latencyMs: -1 }, steps: [] }, /^config\.latencyMs: must be a whole number from 0 to /],
    [{ config: { preset: 'bsd' }, steps: [] }, /^config\.preset: must be one of "linux", "rfc", "classroom"/],
    [{ config: { latnecyMs: 5 }, steps: [] }, /^config\.latnecyMs: unknown field/],
    [{ steps: [{ at: 5, network: 'block', direction: 'up' }] }, /^steps\[0\]\.direction: must be one of/],
    [
      {
        steps: [
          { at: 5, endpoint: 'client', call: 'listen' },
          { at: 1, endpoint: 'server', call: 'listen' },
        ],
      },
      /^steps\[1\]\.at: steps must be in time order/,
    ],
    [{ steps: [{ at: 0, endpoint: 'client', call: 'send' }] }, /^steps\[0\]\.bytes: must be a whole number/],
    [{ steps: [{ at: 0, network: 'delay-next', direction: 'client->server' }] }, /^steps\[0\]\.byMs: must be a whole number/],
    [{ steps: 'none' }, /^steps: must be an array/],
    [[1, 2], /^script: must be an object/],
  ])('rejects a bad script with one line naming the field, exit 2: %j', (script, message) => {
    const r = run(['-'], JSON.stringify(script));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('rejects broken JSON and a missing file the same way', () => {
    const bad = run(['-'], '{ "steps": [');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^-: not valid JSON/);
    const missing = run(['/nonexistent/script.json']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(ENOENT\)/);
  });

  it('every error is one printable line of bounded length, whatever the input (issue 13)', () => {
    const one = (r: ReturnType<typeof run>) => {
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      const line = r.stderr.replace(/\n$/, '');
      expect(line).not.toContain('\n');
      // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
      expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(line.length).toBeLessThanOrEqual(300);
      return line;
    };
    // 4,500 nested arrays: refused by depth, not a stack overflow.
    expect(one(run(['-'], `${'['.repeat(4500)}${']'.repeat(4500)}`))).toBe('script: nests deeper than 32 levels');
    // An unknown field's name is quoted with its control characters escaped, and cut.
    const named = one(run(['-'], JSON.stringify({ steps: [], ['x\r\nok: trace written\u001b[2J']: 1 })));
    expect(named).toContain('script."x\\r\\nok: trace written\\u001b[2J": unknown field');
    expect(one(run(['-'], JSON.stringify({ steps: [], ['k'.repeat(2_000_000)]: 1 }))).length).toBeLessThan(300);
    // Endless or huge input stops at the cap.
    expect(one(run(['/dev/zero']))).toBe('/dev/zero: larger than 4 MB, more than any script needs');
    // Four processes of the command line, each starting tsx: about 1.5 s apiece on a quiet machine.
  }, 30_000);

  it('accepts a UTF-8 byte-order mark before the JSON', () => {
    const r = run(['-'], `\uFEFF${JSON.stringify({ steps: [{ at: 0, endpoint: 'server', call: 'listen' }] })}`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).final.server).toBe('LISTEN');
  });
});
