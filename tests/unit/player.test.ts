/** The player: a run kept as worlds at checkpoints, forks, the applications' policy, and links. */
import { describe, expect, it } from 'vitest';
import { formatFlags } from '../../src/model/segment';
import { Simulation } from '../../src/model/simulation';
import type { ScriptStep } from '../../src/model/script';
import { parseLink } from '../../src/player/links';
import { Run } from '../../src/player/run';
import { createSession } from '../../src/player/session';
import { decodeRun, encodeRun, readRun } from '../../src/player/shareLink';
import { NO_POLICY } from '../../src/player/policy';
import { findScenario } from '../../src/scenarios/catalog';
import { randomScript } from '../golden/scripts';

const FOUR_WAY = findScenario('four-way-close')!.script;

describe('a run kept at checkpoints', () => {
  it('shows at any instant exactly what a replay to that instant shows', () => {
    const run = new Run(FOUR_WAY.config ?? {}, FOUR_WAY.steps);
    const end = run.frameAt(200_000, NO_POLICY);
    for (const t of [...end.instants, 1, 250, 999, 4321, 61_000]) {
      const frame = run.frameAt(t, NO_POLICY);
      const sim = new Simulation(FOUR_WAY);
      sim.runUntil(t);
      expect(frame.trace()).toEqual(sim.trace());
      expect(frame.world.endpoints.client.context).toEqual(sim.world.endpoints.client.context);
    }
  });

  it('walked moment by moment (eachMoment), each frame reads as frameAt gives it, on lessons and random runs', () => {
    const scripts = [FOUR_WAY, findScenario('syn-lost')!.script, findScenario('zero-window')!.script, ...[1, 2, 3, 4, 5, 6].map(randomScript)];
    for (const script of scripts) {
      const walked = new Run(script.config ?? {}, script.steps);
      walked.extendToEnd(5_000);
      const seen: unknown[] = [];
      // What a frame shows, read while it is good (the walk grows its history in place).
      const read = (f: ReturnType<Run['frameAt']>) => JSON.stringify([f.now, f.instants, f.history, f.trace(), f.nextEventAt()]);
      walked.eachMoment(NO_POLICY, 400, (frame) => seen.push(read(frame)));
      const looked = new Run(script.config ?? {}, script.steps);
      looked.extendToEnd(5_000);
      const instants = looked.frameComputed(NO_POLICY).instants.slice(0, 400);
      expect(seen.length).toBe(instants.length);
      expect(seen.length).toBeGreaterThan(3);
      instants.forEach((t, i) => expect(seen[i], `at ${t} ms`).toBe(read(looked.frameAt(t, NO_POLICY))));
    }
  });

  it('goes back by lookup: no event is computed again', () => {
    const run = new Run(FOUR_WAY.config ?? {}, FOUR_WAY.steps);
    run.frameAt(600_000, NO_POLICY);
    const computed = run.computed;
    for (let t = 600_000; t >= 0; t -= 997) run.frameAt(t, NO_POLICY);
    expect(run.computed).toBe(computed);
  });

  it('shares its world and history between frames where only time passed', () => {
    const run = new Run(FOUR_WAY.config ?? {}, FOUR_WAY.steps);
    const a = run.frameAt(1500, NO_POLICY);
    const b = run.frameAt(1501, NO_POLICY);
    expect(b.now).toBe(1501);
    expect(b.world).toBe(a.world);
    expect(b.history).toBe(a.history);
  });

  it('forks where a student acts: the same as rebuilding the run with that action, for 150 random runs', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const script = randomScript(seed);
      const run = new Run(script.config ?? {}, script.steps);
      const instants = run.frameAt(30_000, NO_POLICY).instants;
      const t = instants[seed % instants.length]! + (seed % 3);
      const action: ScriptStep = seed % 2 ? { at: t, endpoint: 'client', call: 'close' } : { at: t, network: 'drop-next', direction: 'server->client' };
      const forked = run.fork(t, action);
      const rebuilt = new Simulation({ config: script.config, steps: [...script.steps.filter((s) => s.at <= t), action] });
      rebuilt.runUntil(40_000);
      expect(forked.frameAt(40_000, NO_POLICY).trace(), `seed ${seed} at ${t}`).toEqual(rebuilt.trace());
    }
  });
});

describe('the session', () => {
  it('steps back at the end of a 10-minute run without running anything again', () => {
    const session = createSession({ ...FOUR_WAY, steps: [...FOUR_WAY.steps, { at: 590_000, endpoint: 'client', call: 'connect' }] });
    session.seek(600_000);
    const computed = session.getState().run.computed;
    session.stepBack();
    session.stepBack();
    expect(session.getState().frame.now).toBeLessThan(600_000);
    expect(session.getState().run.computed).toBe(computed);
  });

  it("enforces the application's policy for every caller, carries it in share links, and clears it on reset", () => {
    const session = createSession(findScenario('close-wait-hang')!.script);
    session.seek(10_000);
    session.setNeverCloses('server', true);
    expect(session.getState().frame.state('server')).toBe('CLOSE-WAIT');
    const steps = session.getState().run.steps.length;
    expect(session.call('server', 'close')).toBe('the application never calls close()');
    expect(session.getState().run.steps.length).toBe(steps);
    expect(session.getState().frame.check('server', 'close')).toEqual({ allowed: false, reason: 'the application never calls close()' });
    expect(session.getState().frame.check('server', 'abort')).toEqual({ allowed: true });

    const link = decodeRun(encodeRun(session.shared()));
    expect(link.policy).toEqual({ neverCloses: { client: false, server: true } });
    const reopened = createSession(link);
    expect(reopened.call('server', 'close')).toBe('the application never calls close()');
    expect(reopened.getState().frame.state('server')).toBe('CLOSE-WAIT');

    session.reset();
    expect(session.getState().policy).toEqual(NO_POLICY);
    expect(session.getState().frame.check('server', 'close')).not.toEqual({ allowed: false, reason: 'the application never calls close()' });
  });

  it('free play is live: a call sets the world moving, and both ends reach ESTABLISHED with nothing else clicked', () => {
    const session = createSession({ config: { preset: 'classroom', seed: 2026 }, steps: [] });
    session.call('server', 'listen');
    session.call('client', 'connect');
    expect(session.getState().playing).toBe(true);
    for (let i = 0; i < 400 && session.getState().playing; i++) session.tick(16);
    const frame = session.getState().frame;
    expect([frame.state('client'), frame.state('server')]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  it('a call made while playing, between two milliseconds, still travels in a share link', () => {
    const session = createSession({ config: { preset: 'classroom', seed: 2026 }, steps: [] });
    session.call('server', 'listen');
    session.tick(16.7);
    session.call('client', 'connect');
    const at = session.getState().frame.now;
    const link = decodeRun(encodeRun(session.shared()));
    expect(link.steps.map((s) => s.at)).toEqual([0, Math.ceil(16.7)]);
    expect(createSession(link).getState().frame.trace()).toEqual(session.getState().frame.trace());
    expect(at).toBe(17);
  });

  it('a slow frame never skips a state: at 8x with 100 ms frames, every state of the handshake is shown', () => {
    // One-way latency 50 ms: SYN-SENT and SYN-RECEIVED last 100 and 50 ms, one 800 ms frame would pass both.
    const session = createSession({
      config: { preset: 'classroom', latencyMs: 50 },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 10, endpoint: 'client', call: 'connect' },
        { at: 3000, endpoint: 'client', call: 'close' },
      ],
    });
    session.setSpeed(8);
    session.play();
    const shown = new Set<string>();
    for (let i = 0; i < 200 && session.getState().playing; i++) {
      session.tick(100);
      const f = session.getState().frame;
      shown.add(`client ${f.state('client')}`).add(`server ${f.state('server')}`);
    }
    const entered = session.getState().frame.transitions.map((t) => `${t.endpoint} ${t.to}`);
    expect(entered).toEqual(expect.arrayContaining(['client SYN-SENT', 'server SYN-RECEIVED', 'client FIN-WAIT-1']));
    for (const state of entered) expect(shown, state).toContain(state);
  });

  it('...unless the student holds time: then a call shows its immediate effect and waits', () => {
    const session = createSession({ config: { preset: 'classroom', seed: 2026 }, steps: [] });
    session.call('server', 'listen');
    session.pause();
    session.call('client', 'connect');
    expect(session.getState().playing).toBe(false);
    expect(session.getState().frame.state('client')).toBe('SYN-SENT');
    session.play();
    session.stepForward();
    session.call('client', 'abort');
    expect(session.getState().playing).toBe(false);
  });

  it('moving in time by hand pauses: a step back while playing goes back and stays', () => {
    const session = createSession(FOUR_WAY);
    session.play();
    session.tick(16);
    session.seek(4000);
    expect(session.getState().playing).toBe(false);
    session.play();
    session.stepBack();
    const back = session.getState().frame.now;
    expect(back).toBeLessThan(4000);
    expect(session.getState().playing).toBe(false);
    session.tick(100);
    expect(session.getState().frame.now).toBe(back);
    for (const move of [() => session.stepForward(), () => session.skipToNextTimer()]) {
      session.play();
      move();
      expect(session.getState().playing).toBe(false);
    }
  });

  it('knows whether time has played: not after steps alone; after Play, or a call that sets the world moving; not after Reset', () => {
    const session = createSession(FOUR_WAY);
    session.stepForward();
    session.stepForward();
    session.stepBack();
    expect(session.getState()).toMatchObject({ timeInHand: true, playing: false });
    expect(session.getState().played).toBeFalsy();
    session.play();
    session.pause();
    expect(session.getState()).toMatchObject({ timeInHand: true, playing: false, played: true });
    session.reset();
    expect(session.getState().played).toBeFalsy();
    session.call('client', 'abort');
    expect(session.getState()).toMatchObject({ playing: true, played: true });
  });

  it("Reset goes back to the lesson's own start, paused, with no policy", () => {
    const session = createSession(FOUR_WAY);
    const atStart = session.getState().frame.trace();
    session.seek(2500);
    session.call('client', 'abort');
    session.setNeverCloses('server', true);
    session.play();
    session.reset();
    const state = session.getState();
    expect(state.frame.now).toBe(0);
    expect(state.playing).toBe(false);
    expect(state.policy).toEqual(NO_POLICY);
    expect(state.run.steps).toEqual(FOUR_WAY.steps);
    expect(state.frame.trace()).toEqual(atStart);
  });

  it('answers the quiz from the run ahead, without changing the moment shown', () => {
    const session = createSession(FOUR_WAY);
    session.seek(150);
    const next = session.upcomingTransition()!;
    expect(next.t).toBeGreaterThan(150);
    expect(session.getState().frame.now).toBe(150);
    session.seek(next.t);
    expect(session.getState().frame.transitions.at(-1)).toEqual(next);
  });
});

describe('links: one parser for the app, the embed and the element', () => {
  it('reads what each page takes and reports the rest by name', () => {
    const app = parseLink('?scenario=close-wait-pileup&lang=ko&theme=contrast&present=1&speed=3', 'app');
    expect(app).toMatchObject({ scenario: 'close-wait-pileup', lang: 'ko', theme: 'contrast', present: true, speed: 1 });
    expect(app.problems).toEqual([{ name: 'speed', value: '3' }]);
    const embed = parseLink('?scenario=close-wait-pileup&theme=contrast&present=1&controls=none', 'embed');
    expect(embed).toMatchObject({ scenario: 'three-way-handshake', theme: 'auto', present: false, controls: 'none' });
    expect(embed.problems.map((p) => p.name)).toEqual(['scenario', 'theme']);
  });

  it('refuses a damaged shared run with a reason, and takes a good one', () => {
    expect(readRun(parseLink('?run=1.bad', 'app').run)).toEqual({ run: null, problem: { code: 'damaged', field: null, message: 'the link is damaged' } });
    const good = encodeRun({
      config: {},
      steps: [{ at: 0, endpoint: 'server', call: 'listen' }],
      t: 5,
      policy: { neverCloses: { client: true, server: false } },
    });
    expect(readRun(parseLink(`?run=${good}`, 'app').run).run).toEqual({
      config: {},
      steps: [{ at: 0, endpoint: 'server', call: 'listen' }],
      t: 5,
      policy: { neverCloses: { client: true, server: false } },
    });
    // An embed takes a run too (issue 12): the same parameter, checked by the same reader.
    expect(parseLink(`?run=${good}`, 'embed').run).toBe(good);
  });
});

describe('dropping a segment on the wire', () => {
  /** A handshake on the classroom preset (600 ms a segment), from 0 s. */
  const handshake = () =>
    createSession({
      config: { preset: 'classroom' },
      steps: [
        { at: 0, endpoint: 'server', call: 'listen' },
        { at: 0, endpoint: 'client', call: 'connect' },
      ],
    });

  it('loses a travelling segment where it is, as a click on it in the diagram does; its retransmission follows', () => {
    const session = handshake();
    session.seek(200);
    const syn = session.getState().frame.wire.find((w) => formatFlags(w.segment.flags) === 'SYN')!;
    expect(syn.delivered || syn.lost).toBeFalsy();
    session.network({ kind: 'drop', segment: syn.id });
    session.seek(100_000);
    const after = session.getState().frame;
    const lost = after.wire.find((w) => w.id === syn.id)!;
    expect(lost.lost).toBe('dropped');
    expect(lost.droppedAt).toBe(200);
    expect(after.trace().segments.find((s) => s.id === syn.id)!.fate).toBe('dropped');
    // The SYN is sent again when its timer fires, and the handshake completes.
    expect(after.wire.some((w) => w.retransmission && formatFlags(w.segment.flags) === 'SYN')).toBe(true);
    expect(after.state('client')).toBe('ESTABLISHED');
  });

  it('does nothing to a segment that has already arrived', () => {
    const session = handshake();
    session.seek(700);
    const before = session.getState().frame.trace();
    session.network({ kind: 'drop', segment: 1 });
    session.seek(100_000);
    expect(
      session
        .getState()
        .frame.trace()
        .segments.slice(0, before.segments.length)
        .map((s) => s.fate),
    ).toEqual(before.segments.map(() => 'delivered'));
  });
});

describe("a lesson's own switches", () => {
  it("close-wait-hang starts with the server's application never calling close(), and Reset keeps it so", async () => {
    const { neverClosing } = await import('../../src/player/policy');
    const lesson = findScenario('close-wait-hang')!;
    const session = createSession(lesson.script, neverClosing(lesson.neverCloses));
    session.seek(10_000);
    expect(session.getState().frame.state('server')).toBe('CLOSE-WAIT');
    expect(session.getState().frame.check('server', 'close')).toEqual({ allowed: false, reason: 'the application never calls close()' });
    expect(session.call('server', 'close')).toBe('the application never calls close()');
    session.reset();
    expect(session.getState().policy.neverCloses).toEqual({ client: false, server: true });
    // Every other lesson starts with both switches off.
    for (const other of ['four-way-close', 'fin-wait-2-timeout'])
      expect(createSession(findScenario(other)!.script, neverClosing(findScenario(other)!.neverCloses)).getState().policy.neverCloses).toEqual({
        client: false,
        server: false,
      });
  });
});

describe('bounds a link cannot get past', () => {
  it('delays that add up past the time limit are refused, naming the steps (issue 13)', async () => {
    const { parseScript, ScriptError } = await import('../../src/model/script');
    const steps = [
      { at: 0, endpoint: 'server', call: 'listen' },
      ...Array.from({ length: 9998 }, () => ({ at: 1, network: 'delay-next', direction: 'client->server', byMs: 1_000_000_000 })),
    ];
    expect(() => parseScript({ steps } as never)).toThrow(ScriptError);
    expect(() => parseScript({ steps } as never)).toThrow(/^steps: the delays add up to more than 1000000000 ms$/);
  });
});

describe('a long run is worked out a slice at a time (issue 13)', () => {
  const bulk: ScriptStep[] = [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 0, endpoint: 'client', call: 'connect' },
    { at: 100, endpoint: 'client', call: 'send', bytes: 1_000_000 },
  ];
  const turn = () => new Promise((r) => setTimeout(r, 0));

  it('a shared moment deep in a bulk send opens at once, short of it, and gets there over later turns', async () => {
    const session = createSession({ config: { mss: 100 }, steps: bulk, t: 700 });
    const first = session.getState();
    // 20,000 segments before 700 ms: far more than one slice works out.
    expect(first.catchingUp).toBe(700);
    expect(first.frame.now).toBeLessThan(700);
    let turns = 0;
    while (session.getState().catchingUp !== null && turns < 1000) {
      await turn();
      turns++;
    }
    expect(turns).toBeGreaterThan(5);
    expect(session.getState().frame.now).toBe(700);
    // The same moment as a run worked out in one go.
    const sim = new Simulation({ config: { mss: 100 }, steps: bulk });
    sim.runUntil(700);
    expect(session.getState().frame.trace()).toEqual(sim.trace());
  });

  it('a new move while it works stops the old one: the newest moment asked for wins', async () => {
    const session = createSession({ config: { mss: 100 }, steps: bulk, t: 700 });
    session.seek(50);
    expect(session.getState().catchingUp).toBeNull();
    for (let i = 0; i < 50; i++) await turn();
    expect(session.getState().frame.now).toBe(50);
  });

  it('a lesson goes anywhere at once: its runs are far smaller than a slice', () => {
    const session = createSession(findScenario('zero-window')!.script);
    session.seek(6000);
    expect(session.getState().catchingUp).toBeNull();
    expect(session.getState().frame.now).toBe(6000);
  });
});

describe('what a frame says about an endpoint (the views only draw it)', () => {
  const frameOf = (script: { config?: object; steps: ScriptStep[] }, t: number) => new Run(script.config ?? {}, script.steps).frameAt(t, NO_POLICY);

  it('an orphan whose FIN is never answered gives up with nobody told; a held socket whose peer vanishes is told it timed out', () => {
    const lesson = findScenario('fin-wait-1-timeout')!;
    const end = new Run(lesson.script.config ?? {}, lesson.script.steps).frameAt(600_000, NO_POLICY);
    expect(end.state('client')).toBe('CLOSED');
    expect(end.ending('client')).toEqual({ kind: 'orphan-gave-up' });
    // shutdown() keeps the socket: the same silence ends in an error the application hears.
    const held = frameOf(
      {
        config: lesson.script.config,
        steps: lesson.script.steps.map((s) => ('call' in s && s.call === 'close' && s.endpoint === 'client' ? { ...s, call: 'shutdown' as const } : s)),
      },
      600_000,
    );
    expect(held.state('client')).toBe('CLOSED');
    expect(held.ending('client')).toEqual({ kind: 'error', error: 'connection timed out' });
  });

  it('a refused connect() ends in an error; a clean close and a live connection in none', () => {
    const refused = frameOf({ steps: [{ at: 0, endpoint: 'client', call: 'connect' }] }, 1000);
    expect(refused.ending('client')).toEqual({ kind: 'error', error: 'connection refused' });
    const lesson = findScenario('four-way-close')!;
    const run = new Run(lesson.script.config ?? {}, lesson.script.steps);
    expect(run.frameAt(1, NO_POLICY).ending('client')).toBeNull();
    expect(run.frameAt(600_000, NO_POLICY).state('client')).toBe('CLOSED');
    expect(run.frameAt(600_000, NO_POLICY).ending('client')).toBeNull();
  });

  it('says which application reads only when it calls read()', () => {
    const f = frameOf({ config: { serverReads: 'when-called' }, steps: [] }, 0);
    expect([f.readsOnCall('client'), f.readsOnCall('server')]).toEqual([false, true]);
  });

  it('a run is forked once a user acts on it, not by the listen() a replay begins with', () => {
    const listen: ScriptStep = { at: 0, endpoint: 'server', call: 'listen' };
    expect(new Run({}, [listen]).forked).toBe(false);
    expect(new Run({}, [listen]).fork(5, { at: 5, endpoint: 'client', call: 'connect' }).forked).toBe(true);
    expect(new Run({}, [listen, { at: 3, network: 'block', direction: 'client->server' }]).forked).toBe(true);
  });
});
