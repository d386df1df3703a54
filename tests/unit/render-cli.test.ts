/**
 * Issue 27's first part: `npm run render`, a run drawn or written elsewhere from its script. Each
 * output read back by other code: the SVG by an XML parser (its heads say each end's final state),
 * the capture by the capture reader (every segment, in order), the Mermaid text as the app's
 * exporter writes it, the script as the engine reads it. A bad input: one line, exit 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SCENARIOS } from '../../src/scenarios/catalog';
import { readCapture } from '../../src/capture/read';
import { formatFlags } from '../../src/model/segment';
import { core } from '../../src/i18n/en/core';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { toMermaid } from '../../src/ui/exportDiagram';

const dir = mkdtempSync(join(tmpdir(), 'handshake-render-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const render = (...args: string[]) => spawnSync('node', ['scripts/render.mjs', ...args], { encoding: 'utf8' });
const lesson = (id: string) => {
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(SCENARIOS.find((s) => s.id === id)!.script));
  return file;
};

// Each check starts node afresh: seconds under a full run's load.
vi.setConfig({ testTimeout: 60_000 });

describe('npm run render', () => {
  it('svg, mermaid, pcap and script from a lesson, each read back', () => {
    for (const id of ['four-way-close', 'syn-lost', 'close-wait-hang'] as const) {
      const file = lesson(id);
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      const run = new Run(scenario.script.config ?? {}, scenario.script.steps);
      run.extendToEnd(100_000);
      const whole = run.frameAt(Infinity, NO_POLICY);
      const svg = render(file, '--to', 'svg');
      expect(svg.status, svg.stderr).toBe(0);
      expect(XMLValidator.validate(svg.stdout)).toBe(true);
      // The heads at the run's end: each end's last state.
      for (const e of ['client', 'server'] as const) expect(svg.stdout).toContain(`>${whole.state(e)}</text>`);
      expect(render(file, '--to', 'mermaid').stdout).toBe(`${toMermaid(whole.history, { client: core.client, server: core.server }, true)}\n`);
      const pcap = join(dir, `${id}.pcap`);
      expect(render(file, '--to', 'pcap', '-o', pcap).status).toBe(0);
      const read = readCapture(new Uint8Array(readFileSync(pcap)));
      expect(read.segments.map((s) => formatFlags(s.flags))).toEqual(whole.wire.map((w) => formatFlags(w.segment.flags)));
      expect(JSON.parse(render(file, '--to', 'script').stdout)).toEqual(JSON.parse(JSON.stringify(scenario.script)));
    }
  });

  it('a moment of the run: --at draws what happened by then', () => {
    const early = render(lesson('four-way-close'), '--to', 'svg', '--at', '700');
    expect(early.stdout).toContain('>SYN-SENT</text>');
    expect(early.stdout).not.toContain('TIME-WAIT');
  });

  it('reads a run as text, writes it back as text, and checks what it expects', () => {
    const text = [
      'title The normal close',
      'preset classroom',
      'seed 9293',
      '',
      '0      server listen',
      '500ms  client connect',
      '3s     client close',
      '3s     client is FIN-WAIT-1',
      '5.5s   server close',
      '',
    ].join('\n');
    const file = join(dir, 'close.tcp');
    writeFileSync(file, text);
    expect(render(file, '--to', 'text').stdout).toBe(text);
    // The drawings carry the text's title, above the heads and in their label.
    for (const to of ['svg', 'animated-svg']) {
      const drawn = render(file, '--to', to).stdout;
      expect(XMLValidator.validate(drawn)).toBe(true);
      expect(drawn).toContain('aria-label="The normal close: Sequence diagram"');
      expect(drawn).toMatch(/font-weight="700" fill="#14161a">The normal close<\/text>/);
    }
    expect(JSON.parse(render(file, '--to', 'script').stdout)).toEqual(JSON.parse(JSON.stringify(SCENARIOS.find((s) => s.id === 'four-way-close')!.script)));
    // A script's JSON becomes text, and the text the same script.
    const json = render(lesson('close-wait-hang'), '--to', 'text');
    expect(json.stdout).toContain('until 14s');
    const again = spawnSync('node', ['scripts/render.mjs', '-', '--to', 'script'], { input: json.stdout, encoding: 'utf8' });
    expect(JSON.parse(again.stdout)).toEqual(JSON.parse(JSON.stringify(SCENARIOS.find((s) => s.id === 'close-wait-hang')!.script)));
    // An expectation the engine disagrees with: the line, the column, what the side is there.
    const wrong = join(dir, 'wrong.tcp');
    writeFileSync(wrong, text.replace('client is FIN-WAIT-1', 'client is FIN-WAIT-2'));
    const r = render(wrong, '--to', 'svg');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${wrong}: line 8, column 18: at 3s the client goes ESTABLISHED → FIN-WAIT-1, not FIN-WAIT-2\n`);
  });

  it('an animated SVG plays the run with CSS alone, and a PNG is a picture of the still one', () => {
    const file = lesson('four-way-close');
    const svg = render(file, '--to', 'animated-svg').stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    // No script, no event handler, no outside reference: it can be an <img> anywhere.
    expect(svg).not.toMatch(/<script|\son[a-z]+=|href="http|xlink:href/i);
    expect(svg).toMatch(/@keyframes k0\{/);
    expect(svg).toMatch(/animation:k\d+ [\d.]+s linear infinite/);
    expect(svg).toContain('@media (prefers-reduced-motion: reduce){.a{animation:none}');
    // Every state of the run appears in a head, in turn.
    for (const state of ['SYN-SENT', 'ESTABLISHED', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK'])
      expect(svg).toMatch(new RegExp(`font-size="16.9" font-weight="700" fill="#14161a" class="a k\\d+"[^>]*>${state}</text>`));
    const png = join(dir, 'close.png');
    const r = render(file, '--to', 'png', '-o', png);
    expect(r.status, r.stderr).toBe(0);
    const bytes = readFileSync(png);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the drawing's size: 560 px wide.
    expect(bytes.readUInt32BE(16)).toBe(1120);
  });

  it('a bad input or option is one line and exit 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"steps":[{"at":0,"endpoint":"client","call":"dance"}]}');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{ listen then connect');
    const notText = join(dir, 'not.tcp');
    writeFileSync(notText, 'listen then connect');
    const file = lesson('four-way-close');
    for (const args of [
      [bad, '--to', 'svg'],
      [notJson, '--to', 'svg'],
      [notText, '--to', 'svg'],
      [join(dir, 'missing.json'), '--to', 'svg'],
      [file],
      [file, '--to', 'gif'],
      [file, '--to', 'pcap'],
      [file, '--to', 'png'],
      [file, '--to', 'animated-svg', '--at', '5'],
      [file, '--to', 'mermaid', '--at', '5'],
      [file, '--to', 'svg', '--at', 'soon'],
      [file, '--to', 'svg', '--lang', 'fr'],
      [file, '--colour', 'red'],
      [],
    ]) {
      const r = render(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
