/**
 * A shared run as an embed plays it: where it opens (at=), what its narration says at each moment
 * (the player's choice of text and its explanation of the latest event), Play at the end, and the
 * parameters Share / Embed writes, read back by the one link reader.
 */
import { describe, expect, it } from 'vitest';
import { app as en } from '../../src/i18n/en/app';
import { app as ko } from '../../src/i18n/ko/app';
import { STRINGS } from '../../src/i18n/embedStrings';
import { MAX_AT_MS, embedParams, parseLink, type EmbedChoice } from '../../src/player/links';
import { explain } from '../../src/player/narrate';
import { lineKey, narrationLine, runLines, type LessonText } from '../../src/player/narration';
import type { Frame } from '../../src/player/frame';
import { NO_POLICY } from '../../src/player/policy';
import { Run } from '../../src/player/run';
import { createSession, type Session } from '../../src/player/session';
import { decodeRun, encodeRun } from '../../src/player/shareLink';
import { findScenario } from '../../src/scenarios/catalog';

/** A run made in free play, as the author makes it with the pointer: listen, connect, and later close. */
function freePlayRun(): Session {
  const session = createSession({ config: { preset: 'classroom', seed: 2026 }, steps: [] });
  session.call('server', 'listen');
  session.tick(16.7);
  session.call('client', 'connect');
  for (let i = 0; i < 400 && session.getState().playing; i++) session.tick(16.7);
  session.call('client', 'close');
  for (let i = 0; i < 2000 && session.getState().playing; i++) session.tick(16.7);
  return session;
}

/** The link the author shares, read back as a reader's embed reads it, opened at `at`. */
const sharedAt = (author: Session, at: number): Session => createSession({ ...decodeRun(encodeRun(author.shared())), t: at });

/** A narration's texts, as the tests below name them. */
interface Texts {
  moments?: LessonText['moments'];
  takeaway?: string;
  summary?: string;
  standing?: boolean;
}

/** Which text the player's narration shows: 'hint' before anything, 'why' for the latest event, or the lesson's own. */
function narrationKey(frame: Frame, texts: Texts | null): string {
  const lesson = texts && {
    summary: texts.summary !== undefined,
    takeaway: texts.takeaway !== undefined,
    moments: texts.moments ?? {},
    fleet: false,
    standing: texts.standing,
  };
  const line = narrationLine(frame, lesson);
  return line.kind === 'start' ? 'hint' : line.kind === 'why' ? 'why' : lineKey(line);
}

describe('where a shared run opens', () => {
  it('a run shared at its last moment opens, for a reader, at its start with every step ahead, or at the moment its author chose', () => {
    const author = freePlayRun();
    const end = author.getState().frame;
    expect(end.nextEventAt()).toBeNull();
    const reader = sharedAt(author, 0);
    expect(reader.getState().frame.now).toBe(0);
    expect(reader.getState().frame.nextEventAt()).not.toBeNull();
    const chosen = end.instants[4]!;
    expect(sharedAt(author, chosen).getState().frame.now).toBe(chosen);
    // The link's own moment is still the app's: a share link opens where it was shared.
    expect(createSession(decodeRun(encodeRun(author.shared()))).getState().frame.now).toBe(Math.round(end.now));
  });

  it('Play at the end plays the run again from its start; Play before the end goes on from where it is', () => {
    const reader = sharedAt(freePlayRun(), 0);
    reader.stepForward();
    reader.stepForward();
    const mid = reader.getState().frame.now;
    reader.play();
    expect(reader.getState().frame.now).toBe(mid);
    for (let i = 0; i < 3000 && reader.getState().playing; i++) reader.tick(50);
    const over = reader.getState();
    expect(over.playing).toBe(false);
    expect(over.frame.nextEventAt()).toBeNull();
    expect(over.frame.now).toBeGreaterThan(mid);
    reader.play();
    expect(reader.getState().frame.now).toBe(0);
    expect(reader.getState().playing).toBe(true);
    reader.tick(50);
    expect(reader.getState().frame.now).toBeGreaterThan(0);
  });

  it('Play just after the last thing that happened goes on to the quiet moment after it, and only then plays the run again', () => {
    const reader = sharedAt(freePlayRun(), 0);
    for (let i = 0; i < 200 && reader.getState().frame.nextEventAt() !== null; i++) reader.stepForward();
    const last = reader.getState().frame.now;
    expect(reader.getState().frame.nextEventAt()).toBeNull();
    // A student paused at the end who blocks a lane there: the block is an instant at that moment.
    reader.network({ kind: 'block', direction: 'client->server' });
    reader.pause();
    reader.play();
    expect(reader.getState().frame.now).toBeGreaterThanOrEqual(last);
    for (let i = 0; i < 3000 && reader.getState().playing; i++) reader.tick(50);
    expect(reader.getState().frame.now).toBeGreaterThan(last + 1000);
    expect(reader.getState().frame.lane('client->server').blocked).toBe(true);
    reader.play();
    expect(reader.getState().frame.now).toBe(0);
  });

  it('an empty free play is not "over": Play there does not jump anywhere', () => {
    const session = createSession({ config: {}, steps: [] });
    session.play();
    expect(session.getState().frame.now).toBe(0);
  });
});

describe('what the narration says', () => {
  it('a run made in free play: every event explained as it happens, in the words free play uses, a new sentence at each step', () => {
    const reader = sharedAt(freePlayRun(), 0);
    const said: string[] = [];
    for (let i = 0; i < 60; i++) {
      const frame = reader.getState().frame;
      const key = narrationKey(frame, null);
      // Nothing is ever left unsaid: before anything the hint, then why the latest event happened.
      expect(key === 'why' || key === 'hint').toBe(true);
      if (key === 'why') said.push(explain(frame, STRINGS.en)!);
      if (frame.nextEventAt() === null) break;
      reader.stepForward();
    }
    expect(said.length).toBeGreaterThan(8);
    expect(said[0]).toBe("The server's application called listen(). The server is now in LISTEN: waiting for a SYN from any client.");
    expect(said.some((s) => s.includes('CLOSE-WAIT'))).toBe(true);
    // Each step says something new (a step always shows a new event).
    for (let i = 1; i < said.length; i++) expect(said[i], `step ${i}`).not.toBe(said[i - 1]);
    // The embed's words are the app's, key for key: one source.
    expect(explain(reader.getState().frame, STRINGS.en)).toBe(explain(reader.getState().frame, en));
    expect(explain(reader.getState().frame, STRINGS.ko)).toBe(explain(reader.getState().frame, ko));
  });

  it('a lesson as written, in an embed: the start hint at its start, each event said until its first moment, its moments standing until the next, and the takeaway at the end', () => {
    const lesson = findScenario('four-way-close')!;
    const words = en.lessons['four-way-close'];
    const run = new Run(lesson.script.config ?? {}, lesson.script.steps);
    const texts = { moments: words.moments, takeaway: words.takeaway, standing: true };
    expect(narrationKey(run.frameAt(0, NO_POLICY), texts)).toBe('hint');
    const keys = run.frameAt(Infinity, NO_POLICY).instants.map((t) => narrationKey(run.frameAt(t, NO_POLICY), texts));
    expect(keys.at(-1)).toBe('takeaway');
    const firstMoment = keys.findIndex((k) => k.startsWith('moment:'));
    expect(firstMoment).toBeGreaterThan(1);
    // The handshake before its first narrated moment: what happened, not "press Play" (a reader who steps is past that).
    expect(keys.slice(1, firstMoment).every((k) => k === 'why')).toBe(true);
    // Once a moment is said, something stays said until the takeaway.
    expect(keys.slice(firstMoment).every((k) => k.startsWith('moment:') || k === 'takeaway')).toBe(true);
  });

  it("a run made in a lesson: the lesson's words where it reaches its moments, every other event explained, and no takeaway", () => {
    const lesson = findScenario('four-way-close')!;
    const words = en.lessons['four-way-close'];
    const run = new Run(lesson.script.config ?? {}, lesson.script.steps);
    const texts = { moments: words.moments };
    const keys = run
      .frameAt(Infinity, NO_POLICY)
      .instants.slice(1)
      .map((t) => narrationKey(run.frameAt(t, NO_POLICY), texts));
    expect(keys).toContain('why');
    expect(keys.some((k) => k.startsWith('moment:'))).toBe(true);
    expect(keys).not.toContain('takeaway');
  });

  it("the app's lesson: its summary until its first narrated moment", () => {
    const lesson = findScenario('four-way-close')!;
    const words = en.lessons['four-way-close'];
    const run = new Run(lesson.script.config ?? {}, lesson.script.steps);
    const texts = { moments: words.moments, takeaway: words.takeaway, summary: en.summaries['four-way-close'] };
    expect(narrationKey(run.frameAt(0, NO_POLICY), texts)).toBe('summary');
    expect(narrationKey(run.frameAt(Infinity, NO_POLICY), texts)).toBe('takeaway');
  });

  it('every sentence of a run, each once, in either language: the narration is as tall as the longest from the start', () => {
    const reader = sharedAt(freePlayRun(), 0);
    const { run, policy } = reader.getState();
    for (const t of [STRINGS.en, STRINGS.ko]) {
      const all = runLines(run, policy, null, t);
      expect(new Set(all).size).toBe(all.length);
      const instants = run.frameComputed(policy).instants;
      for (const at of instants) {
        const text = explain(run.frameAt(at, policy), t);
        if (text) expect(all).toContain(text);
      }
    }
    expect(runLines(run, policy, null, STRINGS.en, { limit: 3 }).length).toBeLessThanOrEqual(3);
  });
});

describe('the parameters Share / Embed writes', () => {
  it('at= is read as the moment to open at; anything else is named and ignored', () => {
    expect(parseLink('?at=4321', 'embed').at).toBe(4321);
    expect(parseLink('?run=1.x', 'embed').at).toBeNull();
    for (const bad of ['-1', '1.5', 'soon', '', String(MAX_AT_MS + 1)]) {
      const link = parseLink(`?at=${bad}`, 'embed');
      expect(link.at, bad).toBe(0);
      expect(link.problems, bad).toEqual([{ name: 'at', value: bad }]);
    }
  });

  it('what the dialog writes is what an embed reads, for every choice', () => {
    const run = encodeRun(freePlayRun().shared());
    const choices: EmbedChoice[] = [
      { scenario: null, run, lang: 'ko', theme: 'dark', controls: 'full', at: null, autoplay: false },
      { scenario: 'time-wait', run: null, lang: 'en', theme: 'light', controls: 'none', at: 2500, autoplay: true },
      { scenario: 'four-way-close', run, lang: 'en', theme: 'auto', controls: 'minimal', at: 0, autoplay: false },
    ];
    for (const c of choices) {
      const link = parseLink(`?${new URLSearchParams(embedParams(c))}`, 'embed');
      expect(link.problems).toEqual([]);
      expect({
        scenario: link.askedScenario,
        run: link.run,
        lang: link.lang,
        theme: link.theme,
        controls: link.controls,
        at: link.at,
        autoplay: link.autoplay,
      }).toEqual({ ...c, at: c.at || null });
    }
  });
});
