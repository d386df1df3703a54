/**
 * "Read a capture": a real Linux 6.18 capture, as tcpdump printed it (./linuxCaptures.ts), and
 * where one end was when it ended. The capture reader reads the lines back into segments
 * (src/capture/tcpdumpText.ts), the engine replays them (src/capture/infer.ts), and the state it
 * ends in is the answer; asked only where Linux's own ss, polled while the case ran, last saw the
 * same. The stage then plays the replay. Wrong choices: the states that end passed through on the
 * way, then those the machine's table leads to from the answer, then any.
 */
import { connectionsOf } from '../capture/connections';
import { replayOf, simulationOf, statesOf } from '../capture/infer';
import { readTcpdumpText } from '../capture/tcpdumpText';
import { nextStates } from '../model/endpoint/edges';
import { TCP_STATES, type TcpState } from '../model/types';
import { NO_POLICY } from '../player/policy';
import { LINUX_CAPTURES } from './linuxCaptures';
import { cite, place, shuffled, type Exercise, type ExerciseStrings } from './exercise';

/** How a question shows a line: tcpdump's own, less its TCP options (long, and not what is asked). */
export const shownLine = (line: string): string => line.replace(/, options \[[^\]]*\]/, '');

/** An end's address as tcpdump prints it: the port after a dot (127.0.0.1.40000), an IPv6 address bare. */
const asTcpdump = (end: string): string => end.replace(/^\[?(.*?)\]?:(\d+)$/, '$1.$2');

export function captureExercises(words: ExerciseStrings, random: (id: string) => () => number): Exercise[] {
  const t = words.exercises;
  const out: Exercise[] = [];
  for (const c of LINUX_CAPTURES) {
    const connections = connectionsOf(readTcpdumpText(c.tcpdump).segments);
    if (connections.length !== 1) continue;
    const connection = connections[0]!;
    // A capture that saw one side only (a one-way vantage) leaves the other's story to guesswork: not asked.
    if (connection.segments.every((x) => x.fromClient) || connection.segments.every((x) => !x.fromClient)) continue;
    const replay = replayOf(connection);
    const sim = simulationOf(replay);
    sim.runUntil(replay.endMs);
    const states = statesOf(replay, sim.transitions);
    const lines = c.tcpdump.split('\n').map(shownLine).join('\n');
    for (const end of ['client', 'server'] as const) {
      const seen = states[end].map((s) => s.state);
      const answer = seen.at(-1)!;
      if (answer !== c.ss[end]) continue;
      const id = `capture:${c.case}:${end}`;
      const rng = random(id);
      const tiers: TcpState[][] = [shuffled(seen, rng), shuffled(nextStates(answer), rng), shuffled(TCP_STATES, rng)];
      const wrong: TcpState[] = [];
      for (const s of tiers.flat()) if (s !== answer && !wrong.includes(s) && wrong.length < 3) wrong.push(s);
      const who = words.endpointName[end];
      out.push({
        id,
        kind: 'capture',
        lesson: null,
        script: { config: replay.config, steps: replay.steps },
        policy: NO_POLICY,
        replay: true,
        at: replay.endMs,
        // The lines are the evidence: the stage plays the replay once answered.
        before: -1,
        after: replay.endMs + 1,
        question: t.capture.ask(who, asTcpdump(connection.client), asTcpdump(connection.server), lines),
        ...place(answer, wrong, rng),
        explanation: t.capture.because(who, seen, c.ss[end]),
        reference: cite({ rfc: '3.10.7.4' }, words.exercises),
        check: { capture: c.case, endpoint: end, state: answer },
      });
    }
  }
  return out;
}
