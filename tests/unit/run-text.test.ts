/**
 * The text form of a run (src/player/runText.ts, docs/text-format.md): every script has one and
 * reads back as the same run, segment for segment; expectations are checked against the engine;
 * any other text is a run or one clean line naming its line and column.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { LINUX_CASES } from '../model/linuxCases';
import { LIMITS, parseScript, type Script } from '../../src/model/script';
import { Simulation } from '../../src/model/simulation';
import { splitmix32 } from '../../src/model/rng';
import { DIRECTIONS, ENDPOINTS } from '../../src/model/types';
import { neverClosing } from '../../src/player/policy';
import { RunTextError, checkExpectations, parseRunText, printRunText, sayError, statesAt, time } from '../../src/player/runText';
import { TEXT_WORDS } from '../../src/i18n/textStrings';

/** Numbers in [0, 1) from a seed. */
const uniform = (seed: number) => {
  const next = splitmix32(seed);
  return () => next() / 2 ** 32;
};

const sameRun = (a: Script, b: Script) => {
  expect(b).toEqual(a);
  expect(Simulation.run(b)).toEqual(Simulation.run(a));
};

/** A script the engine accepts, of every kind of step and setting, from a seed. */
function randomScript(seed: number): Script {
  const r = uniform(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const config: Record<string, unknown> = {};
  if (r() < 0.7) config.preset = pick(['linux', 'rfc', 'classroom']);
  if (r() < 0.5) config.seed = int(0, 0xffff_ffff);
  if (r() < 0.3) config.latencyMs = int(0, 2000);
  if (r() < 0.2) config.rtoMs = int(1, 5000);
  if (r() < 0.2) config.timeWaitMs = int(0, 90_000);
  if (r() < 0.2) config.finWait2TimeoutMs = int(0, 90_000);
  if (r() < 0.2) config.ackDelayMs = int(0, 500);
  if (r() < 0.2) config.synRetries = int(0, 6);
  if (r() < 0.2) config.finRetries = int(0, 8);
  if (r() < 0.2) config.mss = int(100, 9000);
  if (r() < 0.2) config.tailLossProbe = r() < 0.5;
  if (r() < 0.1) config.clientIsn = int(0, 0xffff_ffff);
  if (r() < 0.1) config.rcvBufBytes = int(1, 200_000);
  const lazy = r() < 0.15;
  if (lazy) config.serverReads = 'when-called';
  // Written as JSON writes them: parseScript makes the script.
  const steps: Record<string, unknown>[] = [];
  let at = 0;
  const n = int(0, 14);
  for (let i = 0; i < n; i++) {
    at += pick([0, 0, int(1, 999), int(1, 10) * 1000, int(1, 40) * 250]);
    const endpoint = pick(ENDPOINTS);
    const direction = pick(DIRECTIONS);
    const kind = int(0, 11);
    steps.push(
      kind === 0
        ? { at, endpoint: 'server', call: 'listen' }
        : kind === 1
          ? { at, endpoint: 'client', call: 'connect' }
          : kind === 2
            ? { at, endpoint, call: pick(['close', 'shutdown', 'abort'] as const) }
            : kind === 3
              ? { at, endpoint, call: 'send', bytes: int(1, 5000) }
              : kind === 4
                ? r() < 0.5
                  ? { at, endpoint, call: 'read' }
                  : { at, endpoint, call: 'read', bytes: int(1, 3000) }
                : kind === 5
                  ? { at, network: pick(['drop-next', 'block', 'unblock'] as const), direction }
                  : kind === 6
                    ? { at, network: 'delay-next', direction, byMs: int(1, 3000) }
                    : kind === 7
                      ? { at, network: 'manual', on: r() < 0.5 }
                      : kind === 8
                        ? { at, network: pick(['deliver', 'drop'] as const), segment: int(1, 12) }
                        : kind === 9
                          ? (() => {
                              const flags = pick(['RST', 'RST+ACK', 'SYN', 'FIN+ACK', 'ACK', 'PSH+ACK', 'SYN+ACK']);
                              const segment = {
                                flags,
                                seq: int(0, 0xffff_ffff),
                                ack: flags.includes('ACK') ? int(0, 0xffff_ffff) : null,
                                len: r() < 0.3 ? int(1, 1400) : 0,
                                win: r() < 0.3 ? int(0, 100_000) : 65_535,
                              };
                              return { at, endpoint, segment };
                            })()
                          : { at, endpoint: pick(ENDPOINTS), call: pick(['listen', 'connect'] as const) },
    );
  }
  const until = lazy || r() < 0.3 ? at + int(0, 60_000) : undefined;
  return parseScript({ ...(Object.keys(config).length > 0 || r() < 0.5 ? { config } : {}), steps, ...(until !== undefined ? { until } : {}) });
}

describe('a run as text, and back', () => {
  it('gives every lesson back, with its policy, as the same run', () => {
    for (const s of SCENARIOS) {
      const policy = neverClosing(s.neverCloses);
      const back = parseRunText(printRunText({ title: s.id, script: s.script, policy }));
      sameRun(s.script, back.script);
      expect(back.policy).toEqual(policy);
      expect(back.title).toBe(s.id);
    }
  });

  it('gives every Linux case back as the same run', () => {
    for (const c of LINUX_CASES) {
      // One case reads for ever after its last read: a script must then say where it ends, and the test's run ends where the case's does.
      const script =
        c.script.until === undefined && c.script.config?.serverReads === 'when-called' ? { ...c.script, until: Simulation.run(c.script).final.t } : c.script;
      sameRun(script, parseRunText(printRunText({ script })).script);
    }
  });

  it('gives 400 seeded random scripts of every kind of step back as the same run, segment for segment', { timeout: 120_000 }, () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 400; seed++) {
      const script = randomScript(seed);
      for (const s of script.steps) kinds.add('call' in s ? s.call : 'network' in s ? s.network : 'segment');
      const text = printRunText({ script });
      const back = parseRunText(text);
      expect(back.script, text).toEqual(script);
      // The text of the text is the text: printing is canonical.
      expect(printRunText({ script: back.script })).toBe(text);
      if (seed % 8 === 0) expect(Simulation.run(back.script)).toEqual(Simulation.run(script));
    }
    expect([...kinds].sort()).toEqual(
      [
        'abort',
        'block',
        'close',
        'connect',
        'delay-next',
        'deliver',
        'drop',
        'drop-next',
        'listen',
        'manual',
        'read',
        'segment',
        'send',
        'shutdown',
        'unblock',
      ].sort(),
    );
  });

  it('writes times as people write them, and reads them back exactly', () => {
    expect([0, 1, 40, 999, 1000, 1500, 12_250, 12_345, 60_000, LIMITS.timeMs].map(time)).toEqual([
      '0',
      '1ms',
      '40ms',
      '999ms',
      '1s',
      '1.5s',
      '12.25s',
      '12345ms',
      '60s',
      '1000000s',
    ]);
    const read = (t: string) => parseRunText(`${t} client connect`).script.steps[0]!.at;
    expect(['0', '1ms', '0.001s', '1.5s', '12.25s', '2.125s', '+3s'].map(read)).toEqual([0, 1, 1, 1500, 12_250, 2125, 3000]);
  });

  it('reads relative times, comments, netstat spellings and a title with a # in it', () => {
    const run = parseRunText(
      [
        'title The #1 mistake: never calling close()',
        '# the server keeps its socket',
        'preset classroom   # short timers',
        'server never closes',
        '',
        '0      server listen',
        '+500ms client connect      # SYN',
        '+2.5s  client close',
        '       client is FIN_WAIT_1',
        '+1s    server is close_wait',
      ].join('\n'),
    );
    expect(run.title).toBe('The #1 mistake: never calling close()');
    expect(run.script).toEqual({
      config: { preset: 'classroom' },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 500, endpoint: 'client', call: 'connect' },
        { at: 3000, endpoint: 'client', call: 'close' },
      ],
    });
    expect(run.policy.neverCloses).toEqual({ client: false, server: true });
    expect(run.expects.map((x) => [x.line, x.at, x.endpoint, x.state])).toEqual([
      [9, 3000, 'client', 'FIN-WAIT-1'],
      [10, 4000, 'server', 'CLOSE-WAIT'],
    ]);
    expect(checkExpectations(run.expects, Simulation.run(run.script).transitions)).toBeNull();
  });
});

describe("a mistake in the reader's language", () => {
  it('says its place and an expectation the run disagrees with in Korean, a reason as the reader gave it', () => {
    const run = parseRunText('preset classroom\n0 server listen\n500ms client connect\n3s client close\n5.5s server close\n6s server is CLOSE-WAIT');
    const wrong = checkExpectations(run.expects, Simulation.run(run.script).transitions)!;
    expect(sayError(wrong, TEXT_WORDS.ko)).toBe('6행 14열: 6s에 서버는 LAST-ACK 상태입니다. CLOSE-WAIT 상태가 아닙니다');
    expect(sayError(wrong, TEXT_WORDS.en)).toBe(wrong.message);
    const instant = parseRunText('preset linux\nlatency 0\n0 server listen\n0 client connect\n0 client is LISTEN');
    expect(sayError(checkExpectations(instant.expects, Simulation.run(instant.script).transitions)!, TEXT_WORDS.ko)).toBe(
      '5행 13열: 0에 클라이언트는 CLOSED → SYN-SENT → ESTABLISHED 순서로 바뀝니다. LISTEN 상태가 아닙니다',
    );
    let slip: RunTextError | null = null;
    try {
      parseRunText('0 client conect');
    } catch (e) {
      slip = e as RunTextError;
    }
    expect(sayError(slip!, TEXT_WORDS.ko)).toBe(`1행 10열: ${slip!.reason}`);
  });
});

describe('expectations', () => {
  const close = (expect: string) =>
    parseRunText(['preset classroom', '0 server listen', '500ms client connect', '3s client close', '5.5s server close', expect].join('\n'));

  it('teach where the engine disagrees: the line, the column, and what the side is there', () => {
    const run = close('6s server is CLOSE-WAIT');
    const error = checkExpectations(run.expects, Simulation.run(run.script).transitions);
    expect(error).toBeInstanceOf(RunTextError);
    expect(error!.message).toBe('line 6, column 14: at 6s the server is LAST-ACK, not CLOSE-WAIT');
  });

  it('say every state a side passes through in one instant', () => {
    const run = parseRunText('preset linux\nlatency 0\n0 server listen\n0 client connect\n0 client is LISTEN');
    expect(statesAt(Simulation.run(run.script).transitions, 'client', 0)).toEqual(['CLOSED', 'SYN-SENT', 'ESTABLISHED']);
    expect(checkExpectations(run.expects, Simulation.run(run.script).transitions)!.message).toBe(
      'line 5, column 13: at 0 the client goes CLOSED → SYN-SENT → ESTABLISHED, not LISTEN',
    );
  });

  it('hold for every state the post names, at the time a lesson reaches it', () => {
    for (const s of SCENARIOS) {
      const trace = Simulation.run(s.script);
      const expects = trace.transitions.map((c) => ({ at: c.t, endpoint: c.endpoint, state: c.to }));
      const run = parseRunText(printRunText({ script: s.script, policy: neverClosing(s.neverCloses), expects }));
      expect(run.expects.length).toBe(expects.length);
      expect(checkExpectations(run.expects, trace.transitions)).toBeNull();
    }
  });
});

/** Every message is one printable line that names where. */
const clean = (text: string): string | null => {
  try {
    parseRunText(text);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(RunTextError);
    const m = (e as Error).message;
    expect(m).toMatch(/^line \d+, column \d+: \S/);
    // eslint-disable-next-line no-control-regex -- no control character may reach a message
    expect(m).not.toMatch(/[\u0000-\u001f]/);
    expect(m.length).toBeLessThan(400);
    return m;
  }
};

describe('bad text', () => {
  it('gets one message that names the line and column, and says what would do', () => {
    const cases: [string, string][] = [
      [
        '0 client conect',
        'line 1, column 10: client needs one of listen, connect, close, shutdown, abort, send, read, is, receives (got "conect") (did you mean connect?)',
      ],
      ['500 client connect', 'line 1, column 1: "500" needs its unit: 500ms or 500s'],
      ['presett linux', 'line 1, column 1: "presett" is not a word this text knows (did you mean preset?)'],
      ['preset bsd', 'line 1, column 8: preset needs one of linux, rfc, classroom (got "bsd")'],
      ['2s drop next c->s', 'line 1, column 14: drop needs one of client->server, server->client (got "c->s")'],
      ['client connect', 'line 1, column 1: a step starts with its time, such as "500ms client connect"'],
      ['0 server listen\n3s client send', 'line 2, column 16: send needs a whole number from 1 to 1000000'],
      ['1s client receives FIN seq=1 ack=3', 'line 1, column 20: ack=N belongs to a segment with the ACK flag (FIN+ACK)'],
      ['seed 1\n0 server listen\nlatency 2s', 'line 3, column 1: settings come before the first timed line (line 2)'],
      ['5s client connect\n4s server listen', "line 2, column 1: lines go in time order: 4s comes before line 1's 5s"],
      ['1.2345s client connect', 'line 1, column 1: times are whole milliseconds: at most 3 digits after the point (got "1.2345s")'],
      [
        'server never closes\n0 server listen\n1s server close',
        "line 3, column 1: the server's application never calls close() (line 1 says so): take one of the two lines out",
      ],
      ['until 5s\n6s client is CLOSED', 'line 2, column 1: the run ends at 5s (line 1): nothing can be expected at 6s'],
      [
        'server-reads when-called\n0 server listen',
        'line 1, column 1: is needed when config.serverReads is "when-called": a receiver that stops reading keeps its peer probing for ever',
      ],
      ['mss 10', 'line 1, column 1: must be a whole number from 100 to 65495 (got 10)'],
      ['0 client connect extra', 'line 1, column 18: nothing more belongs after connect (got "extra"); a comment starts with #'],
      ['title', 'line 1, column 1: title needs its words'],
      [
        '1s serer close',
        'line 1, column 4: after a time comes a side (client, server) or a network action (drop, delay, block, unblock, manual, deliver); got "serer" (did you mean server?)',
      ],
    ];
    for (const [text, message] of cases) expect(clean(text), text).toBe(message);
  });

  it('is bounded before it is read: too long, too many lines, too long a line, too many steps', () => {
    expect(clean('#'.repeat(1_000_001))).toMatch(/longer than 1000000 characters/);
    expect(clean('\n'.repeat(20_001))).toMatch(/at most 20000 lines/);
    expect(clean(`0 client connect #${'x'.repeat(1000)}`)).toMatch(/^line 1, column 1001: a line may be at most 1000/);
    expect(clean(Array.from({ length: 10_001 }, () => '0 client connect').join('\n'))).toMatch(/^line 10001, column 1: a run may have at most 10000 steps/);
    expect(clean('0 client send 1000000\n0 client send 1000000\nmss 100')).toMatch(/^line 3/);
  });

  it('is, over thousands of damaged and hostile texts, a run or one clean line', { timeout: 120_000 }, () => {
    const r = uniform(27);
    const int = (n: number) => Math.floor(r() * n);
    const seeds = [
      ...SCENARIOS.map((s) => printRunText({ title: s.id, script: s.script, policy: neverClosing(s.neverCloses) })),
      ...Array.from({ length: 20 }, (_, i) => printRunText({ script: randomScript(1000 + i) })),
    ];
    const junk = [
      '#',
      '+',
      '=',
      '->',
      'is',
      'never',
      '\u0000',
      '\u202e',
      '한글',
      'seq=',
      '1e9s',
      '99999999999s',
      '-1s',
      'NaN',
      '0x10',
      '  ',
      '\t',
      '\r',
      'title',
      'until',
      '__proto__',
      'constructor',
      '9'.repeat(30),
    ];
    let runs = 0;
    let errors = 0;
    for (let i = 0; i < 4000; i++) {
      let text = seeds[int(seeds.length)]!;
      for (let k = 1 + int(4); k > 0; k--) {
        const at = int(text.length + 1);
        const how = int(4);
        text =
          how === 0
            ? text.slice(0, at) + text.slice(at + 1 + int(8))
            : how === 1
              ? text.slice(0, at) + junk[int(junk.length)]! + text.slice(at)
              : how === 2
                ? text.slice(0, at) + String.fromCharCode(int(0x3000)) + text.slice(at)
                : text.slice(0, at) + text.slice(int(text.length)).slice(0, 40) + text.slice(at);
      }
      if (clean(text) !== null) errors++;
      // A text that reads is a run the engine runs (now and then, to keep the test quick).
      else if (runs++ % 10 === 0) Simulation.run(parseRunText(text).script);
    }
    // Both outcomes are common: the damage is not all fatal, nor all harmless.
    expect(runs).toBeGreaterThan(100);
    expect(errors).toBeGreaterThan(200);
  });
});
