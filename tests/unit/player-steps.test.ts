/** Issue 23: a step back always changes what is shown, from anywhere in every lesson, and most of all from past its end. */
import { describe, expect, it } from 'vitest';
import { createSession, type Session } from '../../src/player/session';
import { SCENARIOS } from '../../src/scenarios/catalog';

/** What the stage draws at the moment shown: everything that has happened by then, and the pending events' times. */
const seen = (session: Session): string => {
  const { run, frame } = session.getState();
  return `${run.happenedBy(frame.now)}|${frame.state('client')}|${frame.state('server')}|${frame
    .pending()
    .map((p) => p.at - frame.now)
    .join(',')}`;
};

/** Play a session to its end as Play does: until it stops by itself (a moment past the last event). */
function playOut(session: Session): void {
  session.play();
  for (let i = 0; i < 100_000 && session.getState().playing; i++) session.tick(100);
}

describe('stepping back', () => {
  const lessons = SCENARIOS.filter((s) => !s.fleet);

  it.each(lessons.map((s) => [s.id, s] as const))(
    '%s: from its end (played out), the first step back changes what is shown, and so does every one after',
    (_, s) => {
      const session = createSession(s.script);
      playOut(session);
      const { frame } = session.getState();
      // Played out: past the last event, nothing more to come.
      expect(frame.nextEventAt()).toBeNull();
      expect(frame.now).toBeGreaterThan(frame.instants.at(-1)!);
      for (let i = 0; i < 200 && session.getState().frame.now > 0; i++) {
        const before = seen(session);
        const at = session.getState().frame.now;
        session.stepBack();
        expect(session.getState().frame.now).toBeLessThan(at);
        expect(seen(session), `step ${i + 1} back from ${at} ms`).not.toBe(before);
      }
      expect(session.getState().frame.now).toBe(0);
    },
  );

  it('from past the end, the step goes to the moment before the last event: the last event is undone on screen', () => {
    const session = createSession(SCENARIOS.find((s) => s.id === 'three-way-handshake')!.script);
    playOut(session);
    const { run, frame } = session.getState();
    const last = frame.instants.at(-1)!;
    const end = run.happenedBy(frame.now);
    session.stepBack();
    expect(session.getState().frame.now).toBeLessThan(last);
    expect(run.happenedBy(session.getState().frame.now)).toBeLessThan(end);
  });

  it('mid-flight, a step back still goes to the last event (the segment on the wire moves back to where it left)', () => {
    const session = createSession(SCENARIOS.find((s) => s.id === 'three-way-handshake')!.script);
    session.stepForward();
    session.stepForward();
    const event = session.getState().frame.now;
    const next = session.getState().frame.nextEventAt()!;
    session.seek((event + next) / 2);
    session.stepBack();
    expect(session.getState().frame.now).toBe(event);
  });
});
