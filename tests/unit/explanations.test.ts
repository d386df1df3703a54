/**
 * Every step explained: walking each lesson one instant at a time, in both languages, the
 * explanation is of that instant's own event (never a stale one), names it, and cites only sections
 * of RFC 9293 and Linux settings that are in the table.
 */
import { describe, expect, it } from 'vitest';
import { RFC9293_SECTIONS, SYSCTLS } from '../../src/model/cause';
import { formatFlags } from '../../src/model/segment';
import { momentOf, referenceOf } from '../../src/player/moment';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { SCENARIOS, findScenario } from '../../src/scenarios/catalog';
import { app as en } from '../../src/i18n/en/app';
import { app as ko } from '../../src/i18n/ko/app';
import { explain } from '../../src/ui/Explanation';

function walk(id: string, lang: 'en' | 'ko') {
  const t = lang === 'en' ? en : ko;
  const script = findScenario(id)!.script;
  const run = new Run(script.config ?? {}, script.steps);
  const instants = run.frameAt(Infinity, NO_POLICY).instants.slice(0, 80);
  return instants.map((at) => {
    const frame = run.frameAt(at, NO_POLICY);
    return { at, frame, moment: momentOf(frame), text: explain(frame, t) ?? '' };
  });
}

describe('every step explained', () => {
  it.each(SCENARIOS.flatMap((s) => (['en', 'ko'] as const).map((lang) => [s.id, lang] as const)))('%s (%s): each step explains its own event', (id, lang) => {
    for (const { at, frame, moment, text } of walk(id, lang)) {
      // Before any call or segment, a lesson may only have set up the network: nothing to tell yet.
      if (frame.calls.length === 0 && frame.wire.length === 0) continue;
      expect(moment, `${id} at ${at} ms: nothing to explain`).not.toBeNull();
      expect(text).not.toMatch(/undefined|NaN|\[object/);
      const m = moment!;
      if (m.kind === 'sent') expect(text, `${id} at ${at} ms`).toContain(formatFlags(m.segment.segment.flags));
      if (m.kind === 'transition') expect(text, `${id} at ${at} ms`).toContain(m.transition.to);
      if (m.kind === 'lost' || m.kind === 'arrived') expect(text).toContain(formatFlags(m.segment.segment.flags));
      const ref = referenceOf(m);
      if (ref?.rfc) expect(Object.keys(RFC9293_SECTIONS)).toContain(ref.rfc);
      if (ref?.sysctl) expect(SYSCTLS).toContain(ref.sysctl);
    }
  });

  it('most steps are the event of that very instant: retransmissions, ACKs and losses are told when they happen', () => {
    let own = 0;
    let all = 0;
    for (const s of SCENARIOS)
      for (const { at, moment } of walk(s.id, 'en')) {
        all++;
        if (moment?.t === at) own++;
      }
    // An instant that only changes a network setting leaves the event before it standing.
    expect(own / all).toBeGreaterThan(0.9);
  });

  it('a retransmitted FIN says which try it is and how long the next wait is (fin-wait-1-timeout)', () => {
    const texts = walk('fin-wait-1-timeout', 'en').map((s) => s.text);
    expect(texts.some((x) => /FIN\+ACK again, retry 1 of \d+/.test(x))).toBe(true);
    expect(texts.some((x) => /retry 2 of \d+\. If no ACK comes, it waits \d+(\.\d)? s before the next/.test(x))).toBe(true);
    const ko = walk('fin-wait-1-timeout', 'ko').map((s) => s.text);
    expect(ko.some((x) => /재시도 \d+번 중 2번째/.test(x))).toBe(true);
  });

  it('a lost SYN is told when it is lost, and its retry cites net.ipv4.tcp_syn_retries (syn-lost)', () => {
    const steps = walk('syn-lost', 'en');
    const retry = steps.find((s) => s.moment?.kind === 'sent' && s.moment.segment.why.kind === 'retransmit');
    expect(retry).toBeDefined();
    expect(referenceOf(retry!.moment!)).toEqual({ rfc: '3.8.1', sysctl: 'net.ipv4.tcp_syn_retries' });
  });

  it("the FIN-WAIT-2 timeout cites Linux's tcp_fin_timeout, not a section of RFC 9293 (which has no such timer)", () => {
    const end = walk('fin-wait-2-timeout', 'en').find(
      (s) => s.moment?.kind === 'transition' && s.moment.transition.from === 'FIN-WAIT-2' && s.moment.transition.to === 'CLOSED',
    );
    expect(end).toBeDefined();
    expect(referenceOf(end!.moment!)).toEqual({ sysctl: 'net.ipv4.tcp_fin_timeout' });
  });
});

describe('tcp-promises tells its promises as they happen', () => {
  it('the early segment is held back, then one read gets both sends: no message boundaries', () => {
    const steps = walk('tcp-promises', 'en');
    const held = steps.find((s) => s.moment?.kind === 'sent' && s.moment.segment.why.kind === 'ack-gap')!;
    expect(held.text).toMatch(/ahead of a gap/);
    expect(held.frame.tcb('server').aheadOfGap.reduce((n, h) => n + h.len, 0)).toBe(1000);
    const filled = steps.find((s) => s.moment?.kind === 'sent' && s.moment.segment.why.kind === 'ack-data' && s.moment.segment.why.filled)!;
    expect(filled.at).toBeGreaterThan(held.at);
    expect(filled.text).toMatch(/2000 bytes reach the server's application at once/);
    expect(filled.frame.tcb('server').aheadOfGap).toEqual([]);
    expect(filled.frame.history.reads.at(-1)).toMatchObject({ endpoint: 'server', bytes: 2000 });
  });
});

describe("the quiz's wrong answers", () => {
  it('are three states that cannot come next from the current one, for every question any lesson asks', async () => {
    const { choicesFor } = await import('../../src/ui/QuizPanel');
    const { nextStates } = await import('../../src/model/endpoint/edges');
    const { TCP_STATES } = await import('../../src/model/types');
    for (const from of TCP_STATES)
      for (const to of nextStates(from))
        for (let seed = 0; seed < 40; seed++) {
          const choices = choicesFor(to, from, nextStates(from), seed);
          expect(choices).toContain(to);
          expect(new Set(choices).size).toBe(choices.length);
          const wrong = choices.filter((c) => c !== to);
          expect(wrong.length).toBe(Math.min(3, TCP_STATES.length - 1 - nextStates(from).length));
          for (const w of wrong) expect(nextStates(from)).not.toContain(w);
        }
  });

  it("FIN-WAIT-2's and CLOSE-WAIT's real next states are never offered as wrong", async () => {
    const { nextStates } = await import('../../src/model/endpoint/edges');
    expect(nextStates('FIN-WAIT-2')).toEqual(expect.arrayContaining(['CLOSED', 'TIME-WAIT']));
    expect(nextStates('CLOSE-WAIT')).toEqual(expect.arrayContaining(['CLOSED', 'LAST-ACK']));
  });
});

describe("issue 12's listed defects in the words", () => {
  it('TIME-WAIT gives both reasons, FIN-WAIT-1 says its waits stop doubling at a ceiling, in both languages', () => {
    expect(en.stateMeaning['TIME-WAIT']).toMatch(/old duplicates/);
    expect(ko.stateMeaning['TIME-WAIT']).toMatch(/오래된 중복/);
    expect(en.lessons['fin-wait-1-timeout'].moments!['client:FIN-WAIT-1']).toMatch(/ceiling \(8 s here\)/);
    expect(ko.lessons['fin-wait-1-timeout'].moments!['client:FIN-WAIT-1']).toMatch(/상한\(여기서는 8초\)/);
  });

  it('abort() says what it stands for in a real program', () => {
    expect(en.callHints.abort).toMatch(/SO_LINGER.*close\(\)/);
    expect(ko.callHints.abort).toMatch(/SO_LINGER.*close\(\)/);
  });

  it('before a lesson starts, its explanation says to press Play, not to call listen() (simultaneous-open, connection-refused)', async () => {
    const { startHint } = await import('../../src/ui/Explanation');
    for (const id of ['simultaneous-open', 'connection-refused'] as const) {
      const script = findScenario(id)!.script;
      const frame = new Run(script.config ?? {}, script.steps).frameAt(0, NO_POLICY);
      expect(startHint(frame, en)).toBe(en.startHint);
      expect(startHint(frame, ko)).toBe(ko.startHint);
    }
  });
});
