/** The strings every view needs, embeds included, in English. */
import type { Strings } from '../strings';
import { lessons } from './lessons';

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
  lost: 'lost',
  retransmission: 'retransmission',
  compressed: (s) => `${s} s pass`,
  takeaway: 'Takeaway',
  badEmbedParam: (name, value) => `Ignored ${name}="${value}": not a value this embed knows.`,
  openFull: 'Open in Handshake Lab',
  badEmbedRun: (reason) => `This run could not be opened (${reason}); here is the lesson instead.`,
  sharedRun: 'A run made in Handshake Lab',
  neverClosesTag: 'never calls close()',
};
