/** The app's strings in English: the core strings and the app's own (calls, lessons' summaries, network, pile-ups; the on-demand parts' words are in views.ts). Loaded on its own, so a reader downloads one language. */
import type { AppStrings } from '../appStrings';
import { core } from './core';
import { explain } from './explain';
import { pileupLessons } from './pileupLessons';

export const app: AppStrings = {
  captureOpen: 'Capture X-ray: open a .pcap or tcpdump text…',
  captureGroup: 'Your own capture',
  practiceOpen: 'Practice: ten questions the engine checks',
  ...core,
  ...explain,
  lessons: { ...core.lessons, ...pileupLessons },
  summaries: {
    'three-way-handshake':
      'The server listens; the client sends SYN; the server answers SYN+ACK; the client acknowledges with ACK. Each side learns where the other starts counting.',
    'four-way-close':
      'The client closes: FIN, then the server ACKs and sits in CLOSE_WAIT until its own application calls close(), which sends the second FIN.',
    'server-closes-first': 'Nothing makes the client special: whoever closes first goes through FIN_WAIT and ends in TIME_WAIT. Here that is the server.',
    'close-wait-hang':
      "The client closes, but the server's application never calls close(). The server's socket stays in CLOSE_WAIT; TCP itself has no timer to rescue it.",
    'close-wait-pileup':
      'A leaking server serves each client and never calls close(). Every connection ends in CLOSE_WAIT holding a file descriptor; when the process runs out, the kernel fills its accept queue, then drops new SYNs.',
    'fin-wait-1-timeout':
      'The server vanishes (or a firewall starts dropping everything) just before the client closes. Its FIN is never acknowledged, so it is resent with growing waits until the socket gives up.',
    'fin-wait-2-timeout':
      "Twice the server acknowledges the client's FIN but never sends its own. The first time the client closed its socket, so FIN_WAIT_2 gives up after a timeout. The second time it only called shutdown(): it still holds the socket, and waits for good.",
    'orphan-pileup':
      "A server's clients vanish mid-request; it writes each one its response and calls close(). Nobody acknowledges anything, so each socket, held by no process any more (an orphan), waits in FIN_WAIT_1 with its unsent data, retrying for about 100 s. They pile up against tcp_max_orphans and tcp_mem until the kernel starts throwing them away.",
    'time-wait':
      "The client's last ACK is lost. The server, still in LAST_ACK, sends its FIN again; the client, still in TIME_WAIT, can answer it, and starts its wait over.",
    'time-wait-pileup':
      'A client opens and closes short connections to one server, one after another. Each leaves a TIME_WAIT socket that holds its local port for 60 s; Linux has 28,232 ephemeral ports, so about 470 connections a second use them all.',
    'simultaneous-open':
      'Both sides call connect() at once. The two SYNs cross on the wire, each side answers the other’s with SYN+ACK, and both reach ESTABLISHED through SYN_RCVD.',
    'simultaneous-close':
      'Both applications call close() at the same moment. Each FIN arrives while its receiver is still in FIN_WAIT_1, so both go through CLOSING, and both end in TIME_WAIT.',
    'connection-refused':
      'Nobody listens on the port. The server’s kernel answers the SYN with RST+ACK, and the client’s connect() fails with "connection refused".',
    'syn-lost': "The client's first SYN is lost. Nothing comes back, so when its retransmission timer fires it sends the SYN again, and the handshake goes on.",
    'abort-rst':
      'Instead of a polite FIN, the client aborts: it is CLOSED at once and sends one RST, and the server is CLOSED as soon as that arrives. No TIME_WAIT anywhere; the server’s application sees "connection reset".',
    'tcp-promises':
      'Two segments leave in order but the first is held up, so the second arrives first: the server keeps it until the gap fills, then reads both at once. Later a segment is lost, and is sent again.',
    'zero-window':
      'The client sends 3,000 bytes to a server whose application is not reading. Its 2,000-byte buffer fills, its window falls to 0, and the client stops, probing now and then; when the application reads, the window opens and the rest follows.',
  },
  enlarge: 'Enlarge',
  why: 'Why it happened',
  rfcLink: (section) => `RFC 9293, section ${section}`,
  title: 'Handshake Lab',
  tagline: 'Watch TCP open and close a connection, segment by segment.',
  language: 'Language',
  theme: 'Theme',
  themes: { auto: 'As the system', light: 'Light', dark: 'Dark', contrast: 'High contrast' },
  network: 'Network',
  calls: 'Application calls',
  callHints: {
    abort: 'No socket call is named abort(): a program resets a connection by setting SO_LINGER with a zero timeout, then calling close().',
    shutdown: 'shutdown(SHUT_WR): send a FIN but keep the socket, still able to read.',
    read: 'read(): the application takes every byte waiting in its receive buffer; the room it frees is offered to the peer again.',
  },
  neverCloses: 'Application never calls close()',
  neverClosesHelp: 'A buggy server that forgets close() leaves the socket in CLOSE_WAIT for good.',
  timers: 'Running timers',
  heldBytes: (bytes) => `${bytes} bytes held`,
  unreadBytes: (bytes) => `${bytes} B unread ·`,
  windowNow: (window) => `window ${window}`,
  queuedBytes: (bytes) => `${bytes} B queued`,
  queuedBytesHelp: "Bytes the application has written that the peer's window does not let out yet: they wait in the send queue and leave as soon as it opens.",
  earlierEntries: (n) => `… ${n} earlier entries (the exports have them all)`,
  unreadBytesHelp:
    'This application reads only when it calls read(). Bytes it has not read fill the receive buffer, and the window it offers the peer shrinks by as much; at 0 the peer must stop and wait.',
  heldBytesHelp: 'Bytes that arrived ahead of a gap: the receive buffer keeps them, and the application gets them only once the missing bytes arrive.',
  noTimers: 'none',
  timerEffects: {
    retransmit: 'resends the oldest unacknowledged segment, or gives up after the last retry',
    'delayed-ack': 'sends the ACK it has been holding back',
    'time-wait': 'the socket closes for good',
    'fin-wait-2': 'the orphaned socket stops waiting for the FIN and closes',
    persist: "asks about the peer's closed window with a probe",
  },
  inSeconds: (s) => `in ${s} s`,
  profile: 'Timer values',
  profiles: { linux: 'Linux (TIME-WAIT 60 s)', rfc: 'RFC 9293 (2 MSL = 4 min)', classroom: 'Classroom (short)' },
  latency: 'One-way latency (ms)',
  invalidNumber: (min, max, using) => `Enter a whole number from ${min} to ${max}. Still using ${using}.`,
  dropNext: 'Drop next',
  delayNext: 'Delay next 1.5 s',
  block: 'Block',
  manual: 'I am the network (manual)',
  manualHelp: 'Each segment stops halfway and waits for you.',
  paused: 'Paused',
  wire: 'The wire',
  delayBy: (s) => `Delay the next one ${s} s`,
  delayShort: 'Delay',
  dropShort: 'Drop',
  neverClosesShort: 'never calls close()',
  more: 'Explanation, state diagram and tools',
  unblock: 'Unblock',
  stateDiagram: 'RFC 9293 state diagram',
  views: 'Views',
  relativeNumbers: 'Relative sequence numbers',
  eventLog: 'Event log',
  sent: (who, flags) => `The ${who} sent ${flags}.`,
  lesson: 'Lesson',
  scenario: 'Scenario',
  freePlay: 'Free play (no script)',
  groups: { opening: 'Opening', 'normal-close': 'Normal close', 'abnormal-close': 'Abnormal close', promises: "TCP's promises", rarer: 'Rarer paths' },
  unknownScenario: (id) => `There is no lesson called "${id}"; here is free play instead.`,
  pileup: 'Many sockets',
  lang: 'en',
  quiz: 'Quiz me: ask before each state change',
  present: 'Present',
  leavePresent: 'Leave presentation',
  keysTitle: 'Keyboard and presenter remote',
  close: 'Close',
  share: 'Share / Embed',
  badLink: (reason, lesson) => `This link's run could not be opened (${reason}). Here is ${lesson ? 'the lesson it names' : 'free play'} instead.`,
  badParam: (name, value) => `Ignored ${name}="${value}": not a value this page knows.`,
  orphanGaveUp: 'gave up',
  orphanGaveUpHelp: 'Its application had already closed the socket, so no error reaches anyone: the kernel just drops it.',
  errorNames: { 'connection refused': 'connection refused', 'connection reset': 'connection reset', 'connection timed out': 'connection timed out' },
};
