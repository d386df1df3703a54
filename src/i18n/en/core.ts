/** The strings every view needs, embeds included, in English. */
import type { Strings } from '../strings';
import { lessons } from './lessons';

/** A stretch of time in the unit that shows it: 41 ms, not 0.0 s; a loopback's microseconds too. */
const duration = (ms: number): string => (ms < 1 ? `${Math.round(ms * 1000)} µs` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

export const core: Strings = {
  lessons,
  startHint: 'Press Play, or step forward one moment at a time.',
  client: 'Client',
  server: 'Server',
  timeline: 'Timeline',
  time: 'Simulated time',
  play: 'Play',
  pause: 'Pause',
  stepForward: 'Step forward',
  stepBack: 'Step back',
  skipToTimer: 'Skip to the next timer',
  reset: 'Reset',
  speed: 'Speed',
  scrub: 'Position in time',
  deliver: (what) => `Deliver ${what}`,
  drop: (what) => `Drop ${what}`,
  waiting: 'waiting for you',
  dropInFlight: (flags) => `${flags} on the wire: drop it here`,
  sequenceDiagram: 'Sequence diagram',
  workingOut: (s) => `Working out the rest of this run: ${s} s of it so far…`,
  stopWorkingOut: 'Stop here',
  catchingUp: (target, reached) => `Going to ${target} s: worked out up to ${reached} s…`,
  drawnOnly: (n, s) => `This run is long: the diagram draws its first ${n} segments, up to ${s} s. The exports (trace, capture) have them all.`,
  lost: 'lost',
  retransmission: 'retransmission',
  windowProbe: 'window probe',
  compressed: (ms) => `${duration(ms)} pass`,
  noTimer: 'no timer',
  timerNote: (s) => `timer ${s} s`,
  folded: (ms, n) => `⋯ folded to fit: ${duration(ms)}${n ? `, ${n} segment${n === 1 ? '' : 's'}` : ''} ⋯`,
  takeaway: 'Takeaway',
  badEmbedParam: (name, value) => `Ignored ${name}="${value}": not a value this embed knows.`,
  openFull: 'Open in Handshake Lab',
  badEmbedRun: (reason) => `This run could not be opened (${reason}); here is the lesson instead.`,
  sharedRun: 'A run made in Handshake Lab',
  linkProblems: {
    'too-long': () => 'the link is too long',
    'no-version': () => 'the link has no version',
    newer: () => 'the link comes from a newer version',
    damaged: () => 'the link is damaged',
    'bad-time': () => 'the link has a bad time',
    'bad-switches': () => "the link's never-close switches are damaged",
    'bad-field': (field) => `its run has a bad value at ${field}`,
  },
  neverClosesTag: 'never calls close()',
};
