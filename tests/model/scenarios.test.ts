/**
 * Every lesson's script, run headless through `npm run simulate` as other tools run it: the
 * states it must show, where it ends, and that Play would finish it within 30 s at 1x.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appearsInOrder } from '../inOrder';
import type { Trace } from '../../src/model/trace';
import { SCENARIOS, findScenario } from '../../src/scenarios/catalog';
import { app as en } from '../../src/i18n/en/app';
import { lastNarrated } from '../../src/player/moment';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { app as ko } from '../../src/i18n/ko/app';

const dir = mkdtempSync(join(tmpdir(), 'scenarios-'));

function simulate(id: string): Trace {
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(findScenario(id)!.script));
  return JSON.parse(execFileSync('npm', ['run', '--silent', 'simulate', '--', file], { encoding: 'utf8' })) as Trace;
}

describe('the guided lessons, headless', () => {
  it('have unique ids', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
    const trace = simulate(id);
    for (const endpoint of ['client', 'server'] as const) {
      const seen = trace.transitions.filter((t) => t.endpoint === endpoint).map((t) => t.to);
      const wanted = scenario.visits[endpoint] ?? [];
      expect(appearsInOrder(wanted, seen), `${endpoint} went ${seen.join(' > ')}, expected ${wanted.join(' > ')} in order`).toBe(true);
    }
    expect({ client: trace.final.client, server: trace.final.server }).toEqual(scenario.final);
    const lastThing = Math.max(0, ...trace.transitions.map((t) => t.t), ...trace.segments.map((s) => s.arrivedAt ?? s.sentAt));
    expect(lastThing, 'plays to its end within 30 s at 1x').toBeLessThan(30_000);
  });

  it('tcp-promises: the overtaken bytes are read once, in order, and the lost one is resent', () => {
    const trace = simulate('tcp-promises');
    expect(trace.reads.map((r) => r.bytes)).toEqual([2000, 500]);
    const data = trace.segments.filter((s) => s.len > 0);
    expect(data[1]!.arrivedAt!).toBeLessThan(data[0]!.arrivedAt!);
    expect(data.filter((s) => s.fate === 'dropped')).toHaveLength(1);
    expect(data.filter((s) => s.retransmission)).toHaveLength(1);
  });

  it('time-wait: the repeated FIN is answered from TIME-WAIT', () => {
    const trace = simulate('time-wait');
    const fins = trace.segments.filter((s) => s.from === 'server' && s.flags === 'FIN+ACK');
    expect(fins.map((f) => f.retransmission)).toEqual([false, true]);
    expect(trace.segments.filter((s) => s.from === 'client' && s.flags === 'RST')).toEqual([]);
  });
});

describe("the lessons' own narration", () => {
  it.each(SCENARIOS.map((s) => [s.id] as const))('%s: every moment it narrates happens, and both languages narrate the same moments', (id) => {
    const trace = simulate(id);
    // Each entry into a state, both as "client:FIN-WAIT-1" and as its count, "client:FIN-WAIT-1#2".
    const seen = new Map<string, number>();
    const reached = new Set(
      trace.transitions.flatMap((t) => {
        const key = `${t.endpoint}:${t.to}`;
        seen.set(key, (seen.get(key) ?? 0) + 1);
        return [key, `${key}#${seen.get(key)}`];
      }),
    );
    const moments = { en: en.lessons[id].moments ?? {}, ko: ko.lessons[id].moments ?? {} };
    expect(Object.keys(moments.ko)).toEqual(Object.keys(moments.en));
    for (const [key, text] of [...Object.entries(moments.en), ...Object.entries(moments.ko)]) {
      expect(reached.has(key), `${id} never reaches ${key}`).toBe(true);
      expect(text!.trim().length).toBeGreaterThan(0);
    }
  });

  it.each(SCENARIOS.map((s) => [s.id] as const))('%s: each narrated moment is told at the step that does what it says, in both languages', (id) => {
    const script = SCENARIOS.find((s) => s.id === id)!.script;
    const run = new Run(script.config ?? {}, script.steps);
    const instants = run.frameAt(Infinity, NO_POLICY).instants;
    for (const t of [en, ko]) {
      const moments = t.lessons[id].moments ?? {};
      const told = new Set<string>();
      let last: string | null = null;
      for (const at of instants) {
        const frame = run.frameAt(at, NO_POLICY);
        const key = lastNarrated(frame.transitions, moments);
        if (key !== null && key !== last) {
          // Its words appear at the very step its side enters its state.
          const [who, state] = key.split('#')[0]!.split(':');
          expect(
            frame.transitions.some((x) => x.t === at && x.endpoint === who && x.to === state),
            `${id}: "${key}" told at ${at} ms`,
          ).toBe(true);
          told.add(key);
        }
        last = key;
      }
      expect([...told].sort(), `${id}: moments never told`).toEqual(Object.keys(moments).sort());
    }
  });

  it('fin-wait-2-timeout says close() at close() and shutdown() at shutdown(): each narrated moment is told at the step it describes', () => {
    const script = SCENARIOS.find((s) => s.id === 'fin-wait-2-timeout')!.script;
    const run = new Run(script.config ?? {}, script.steps);
    for (const t of [en, ko]) {
      const moments = t.lessons['fin-wait-2-timeout'].moments!;
      const said = (at: number) => {
        const frame = run.frameAt(at, NO_POLICY);
        return { key: lastNarrated(frame.transitions, moments), call: frame.calls.findLast((c) => c.endpoint === 'client')?.call };
      };
      // Just after close() and just after shutdown(): the words of that FIN-WAIT-1, not the other's.
      expect(said(3001)).toEqual({ key: 'client:FIN-WAIT-1#1', call: 'close' });
      expect(said(14_501)).toEqual({ key: 'client:FIN-WAIT-1#2', call: 'shutdown' });
      expect(moments['client:FIN-WAIT-1#1']).toMatch(/close\(\)/);
      expect(moments['client:FIN-WAIT-1#2']).toMatch(/shutdown\(\)/);
    }
  });
});

describe("the lessons' summaries and takeaways", () => {
  it('every lesson has both, in both languages, and no notes belong to a lesson that does not exist', () => {
    for (const t of [en, ko]) {
      expect(Object.keys(t.summaries).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
      expect(Object.keys(t.lessons).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
      for (const text of [...Object.values(t.summaries), ...Object.values(t.lessons).flatMap((l) => [l.title, l.takeaway])])
        expect(text.trim().length).toBeGreaterThan(0);
    }
  });
});
