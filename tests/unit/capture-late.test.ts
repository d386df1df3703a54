/**
 * A connection that starts late in a long capture (or in a file that joins captures taken years
 * apart, as some of Zeek's test traces do) starts near 0 on the stage's clock, not after all that
 * time of nothing; its states and anomalies are still said in the capture's seconds.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { connectionsOf } from '../../src/capture/connections';
import { captureSeconds, inferStates, replayMs, replayOf } from '../../src/capture/infer';
import { captureEnd, readCapture } from '../../src/capture/read';

const capture = readCapture(new Uint8Array(readFileSync(new URL('../fixtures/captures/lo-ethernet.pcap', import.meta.url))));
const LATE = 183_109_009; // about 5.8 years, as a reviewer met it
const [early] = connectionsOf(capture.segments);

it('a connection 5.8 years into the capture: its run starts within a second, its states keep the capture’s seconds', () => {
  const late = connectionsOf(capture.segments.map((s) => ({ ...s, t: s.t + LATE })));
  const c = late[0]!;
  const r = replayOf(c, { captureEnd: captureEnd(capture) + LATE });
  const times = r.steps.map((s) => s.at);
  expect(Math.min(...times)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...times)).toBeLessThan(1_000 + early!.duration * 1000);
  expect(r.endMs).toBeLessThan(1_000 + early!.duration * 1000);
  // The same states as the connection at the capture’s start, each LATE seconds later (to within the
  // few microseconds the first one clamps at the capture’s start).
  const at0 = inferStates(early!).states;
  const atLate = inferStates(c).states;
  for (const e of ['client', 'server'] as const) {
    expect(atLate[e].map((x) => x.state)).toEqual(at0[e].map((x) => x.state));
    atLate[e].slice(1).forEach((x, i) => expect(x.t).toBeCloseTo(at0[e][i + 1]!.t + LATE, 4));
  }
  // The capture's seconds and the run's clock map both ways.
  expect(captureSeconds(r, replayMs(r, LATE + 0.25))).toBeCloseTo(LATE + 0.25, 5);
});
