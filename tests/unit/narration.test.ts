/**
 * Issue 23: in free play the narration line and the "Why it happened" panel never show the same
 * sentence. The player decides which line the narration says (src/player/narration.ts); in free
 * play beside the panel it is what happened, the panel says why; without the panel, why.
 */
import { describe, expect, it } from 'vitest';
import { app as en } from '../../src/i18n/en/app';
import { app as ko } from '../../src/i18n/ko/app';
import { formatFlags } from '../../src/model/segment';
import { momentOf } from '../../src/player/moment';
import { cellTexts, narrationLine } from '../../src/player/narration';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { createSession } from '../../src/player/session';
import { SCENARIOS, findScenario } from '../../src/scenarios/catalog';
import { describe as why, happenedLine } from '../../src/player/narrate';

describe('the narration line', () => {
  it('in free play: how to start, then what happened beside the panel, or why without it', () => {
    const session = createSession({ config: { preset: 'classroom', seed: 7 }, steps: [] });
    expect(narrationLine(session.getState().frame, null, { explained: true }).kind).toBe('start');
    session.call('server', 'listen');
    session.call('client', 'connect');
    session.stepForward();
    const frame = session.getState().frame;
    const beside = narrationLine(frame, null, { explained: true });
    expect(beside.kind).toBe('what');
    const alone = narrationLine(frame, null, { explained: false });
    expect(alone.kind).toBe('why');
    // Both are about the same, latest moment.
    expect(beside.kind === 'what' && beside.moment).toEqual(momentOf(frame));
  });

  it.each(SCENARIOS.filter((s) => !s.fleet).flatMap((s) => (['en', 'ko'] as const).map((lang) => [s.id, lang] as const)))(
    '%s played as free play (%s): at every moment, the narration and the panel say different sentences, and the narration names the event',
    (id, lang) => {
      const t = lang === 'en' ? en : ko;
      const script = findScenario(id)!.script;
      const run = new Run(script.config ?? {}, script.steps);
      for (const at of run.frameAt(Infinity, NO_POLICY).instants.slice(0, 80)) {
        const frame = run.frameAt(at, NO_POLICY);
        const line = narrationLine(frame, null, { explained: true });
        if (line.kind === 'start') continue;
        expect(line.kind).toBe('what');
        if (line.kind !== 'what') continue;
        const said = happenedLine(line.moment, frame, t);
        const panel = why(line.moment, frame, t);
        expect(said, `at ${at} ms`).not.toBe(panel);
        expect(panel.startsWith(said), `at ${at} ms`).toBe(false);
        expect(said.length).toBeGreaterThan(5);
        // A change of state names it, as the lifeline's chip does.
        if (line.moment.kind === 'transition') expect(said).toContain(line.moment.transition.to);
        if (line.moment.kind === 'sent') expect(said).toContain(formatFlags(line.moment.segment.segment.flags));
      }
    },
  );

  it("in a lesson, the lesson's own words as before: summary, each narrated moment, takeaway at the end", () => {
    const s = findScenario('four-way-close')!;
    const moments = en.lessons['four-way-close'].moments ?? {};
    const lesson = { summary: true, takeaway: true, moments, fleet: false };
    const session = createSession(s.script);
    expect(narrationLine(session.getState().frame, lesson, { explained: true }).kind).toBe('summary');
    session.seek(10 * 60_000);
    expect(narrationLine(session.getState().frame, lesson, { explained: true }).kind).toBe('takeaway');
    const pileup = { summary: true, takeaway: true, moments: {}, fleet: true };
    expect(narrationLine(session.getState().frame, pileup).kind).toBe('summary');
    expect(narrationLine(session.getState().frame, pileup, { fleetOver: true }).kind).toBe('takeaway');
  });
});

describe("a narration's cell: every text laid out, one shown (the app's, the embed's and the element's)", () => {
  const moments = { 'client:SYN-SENT': 'The client asks.', 'server:SYN-RECEIVED': 'The server answers.' } as const;

  it("shows a lesson's own moment, with the latest line and the run's others laid out hidden, each once", () => {
    const texts = cellTexts({ current: 'moment:server:SYN-RECEIVED', summary: 'Sum.', moments, takeaway: 'Take.', latest: 'B', whys: ['A', 'B', 'C'] });
    expect(texts.map((x) => [x.key, x.kind, x.text])).toEqual([
      ['summary', 'summary', 'Sum.'],
      ['moment:client:SYN-SENT', 'moment', 'The client asks.'],
      ['moment:server:SYN-RECEIVED', 'moment', 'The server answers.'],
      ['takeaway', 'takeaway', 'Take.'],
      ['latest', 'why', 'B'],
      ['why:0', 'why', 'A'],
      ['why:2', 'why', 'C'],
    ]);
    expect(texts.filter((x) => x.current).map((x) => x.key)).toEqual(['moment:server:SYN-RECEIVED']);
  });

  it('shows the latest line when it is the current one, and nothing when none is said (an embed before its start)', () => {
    expect(cellTexts({ current: 'latest', moments: {}, latest: 'Now.', whys: ['Now.'] }).filter((x) => x.current)).toEqual([
      { key: 'latest', kind: 'why', text: 'Now.', current: true },
    ]);
    expect(cellTexts({ current: 'latest', moments: {}, latest: null, whys: ['Later.'] }).filter((x) => x.current)).toEqual([]);
    expect(cellTexts({ current: 'takeaway', moments: {}, takeaway: 'Take.', latest: null, whys: [] }).find((x) => x.current)?.kind).toBe('takeaway');
  });
});
