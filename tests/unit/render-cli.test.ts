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

  it('a bad input or option is one line and exit 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"steps":[{"at":0,"endpoint":"client","call":"dance"}]}');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'listen then connect');
    const file = lesson('four-way-close');
    for (const args of [
      [bad, '--to', 'svg'],
      [notJson, '--to', 'svg'],
      [join(dir, 'missing.json'), '--to', 'svg'],
      [file],
      [file, '--to', 'gif'],
      [file, '--to', 'text'],
      [file, '--to', 'pcap'],
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
