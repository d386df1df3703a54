/** The exercises' words in English (see ../exerciseStrings.ts). */
import type { ExerciseWords } from '../exerciseStrings';

export const exercises: ExerciseWords = {
  bank: 'Handshake Lab',
  kindNames: {
    'next-state': 'Next state',
    why: 'What made it',
    'ack-number': 'Acknowledgment numbers',
    'read-bytes': 'What one read() returns',
    order: 'Order',
    'lost-segment': 'The lost segment',
    claim: 'Claims and misconceptions',
    capture: 'Reading a capture',
  },
  nextState: {
    before: (who, state) => `The ${who} is in ${state}.`,
    ask: (who) => `Which state is the ${who} in right after that?`,
    finAcked: (who, acked) => (acked ? `Its ACK covers the ${who}'s own FIN.` : `Its ACK does not yet cover the ${who}'s own FIN.`),
  },
  why: {
    ask: (who, from, to) => `The ${who} went from ${from} to ${to}. What made it change?`,
  },
  segment: (from, to, flags) => `${from} → ${to} ${flags}`,
  readBytes: {
    ask: (sender, receiver, sends) => {
      const fates = sends.map((x, i) => `the ${['first', 'second', 'third', 'fourth'][i]} ${x.lost ? 'is lost on the way' : 'arrives'}`).join('; ');
      return `The ${sender}'s application sends ${sends.map((x) => `${x.bytes} bytes`).join(', then ')}, each in a segment of its own. ${fates.charAt(0).toUpperCase()}${fates.slice(1)}. Later the lost one is sent again and arrives. How many bytes does the ${receiver}'s application get at that moment?`;
    },
  },
  order: {
    call: (sentence, later) => (later === null ? sentence : `${later} s later: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`),
    ask: (phase) => `In which order are the segments of the ${phase === 'handshake' ? 'handshake' : 'close'} sent?`,
    sequence: (segments) => segments.map((x, n) => `${n + 1}) ${x}`).join(', '),
    because: (steps) => `The engine sent them in this order. ${steps.join(' ')}`,
    at: (segment, seconds) => `${segment} at ${seconds} s`,
  },
  lost: {
    line: (n, segment, seconds) => `#${n} ${segment} at ${seconds} s`,
    ask: (lines) => `These segments were sent, in this order: ${lines.join('; ')}. One of them never arrived. Which?`,
    choice: (n, segment) => `#${n} ${segment}`,
    because: (n, again, waited) =>
      `#${n} never arrived. No ACK came for it, so when its retransmission timer ran out, ${waited} s later, its sender sent the same segment again (#${again}).`,
  },
  claims: {
    'close-wait-kernel': {
      statement: 'CLOSE-WAIT means the kernel is closing the socket.',
      evidence: ([a, b]) =>
        `In the CLOSE-WAIT lesson the server entered CLOSE-WAIT at ${a} s and is still there when the run ends, at ${b} s. The kernel does nothing more: it waits for the application to call close(), and this one never does.`,
    },
    'time-wait-forever': {
      statement: 'TIME-WAIT lasts for ever.',
      evidence: ([a, b, c]) =>
        `In the 4-way close the client entered TIME-WAIT at ${a} s and left it for CLOSED at ${b} s, when its 2 MSL timer ran out (${c} s in this run).`,
    },
    'fin-rst-same': {
      statement: 'FIN and RST end a connection the same way.',
      evidence: ([a, b]) =>
        `The client's abort() sent a RST at ${a} s, and both sides were CLOSED by ${b} s: no FIN-WAIT, no LAST-ACK, no TIME-WAIT, nothing acknowledged. A FIN only says "I have nothing more to send" and the connection closes in steps; a RST throws it away at once.`,
    },
    'listen-sends': {
      statement: "A server's listen() sends a SYN to the client.",
      evidence: ([a, b]) =>
        `The server's listen() at ${a} s sent nothing: a listening socket only waits. The first segment, a SYN, came from the client at ${b} s.`,
    },
    'second-closer-time-wait': {
      statement: 'When one side closes and the other later, the side that calls close() second waits in TIME-WAIT.',
      evidence: ([a]) =>
        `In the 4-way close the server closed second: it went from LAST-ACK straight to CLOSED at ${a} s, when the last ACK arrived. Of two that close one after the other, only the first waits in TIME-WAIT (when both close at once, both do).`,
    },
    'ack-uses-seq': {
      statement: 'A segment that only acknowledges (no data, no SYN, no FIN) uses up one sequence number.',
      evidence: ([a, n, b, m]) =>
        `The client's bare ACK at ${a} s carried seq=${n}, and the next segment it sent, at ${b} s, carried seq=${m}: the same number. Only data, a SYN and a FIN take up sequence numbers.`,
    },
    'first-closer-time-wait': {
      statement: 'When one side closes and the other later, the side that calls close() first waits in TIME-WAIT.',
      evidence: () =>
        'In the 4-way close the client closed first and waited in TIME-WAIT; when the server closes first, the server waits in it and the client does not.',
    },
    'fin-wait-2-timer': {
      statement: 'On Linux, a socket whose application has closed it does not wait in FIN-WAIT-2 for ever.',
      evidence: ([a, b, c]) =>
        `The client entered FIN-WAIT-2 at ${a} s. No FIN came from the server, and at ${b} s Linux's tcp_fin_timeout (${c} s in this run) ran out and the client went to CLOSED.`,
    },
    'syn-resent': {
      statement: 'A SYN that is lost is sent again.',
      evidence: ([a, b]) =>
        `The client's SYN at ${a} s was lost. No SYN+ACK came, so at ${b} s, when its retransmission timer ran out, the client sent the SYN again.`,
    },
    'close-wait-ends-on-close': {
      statement: 'A socket leaves CLOSE-WAIT when its application calls close().',
      evidence: ([a, b]) => `The server entered CLOSE-WAIT at ${a} s and left it at ${b} s, the moment its application called close(): its FIN went out then.`,
    },
  },
  capture: {
    ask: (who, client, server, lines) =>
      `On a Linux machine, tcpdump -n printed these lines (TCP options left out; ${client} is the client, ${server} the server):\n${lines}\nWhich state was the ${who} in when the capture ended?`,
    because: (who, states, ss) =>
      `Read segment by segment, the ${who} went ${states.join(' → ')}. ${
        ss === 'CLOSED'
          ? `Linux's own ss, asked as it ran, at last listed no socket for the ${who}: it was closed.`
          : `Linux's own ss, asked as it ran, last saw the ${who}'s socket in ${ss}.`
      }`,
  },
  claim: {
    ask: (mode) => (mode === 'true' ? 'Which of these is true?' : 'Which of these is NOT true?'),
    verdict: (holds) => (holds ? 'True.' : 'Not true.'),
  },
  ackNumber: {
    sent: (peer, flags, seq, bytes) => `The ${peer} sends ${flags} with seq=${seq}${bytes > 0 ? ` and ${bytes} bytes of data` : ''}, and it arrives.`,
    ask: (who, flags) =>
      `The next segment the ${who} sends is ${flags}. What acknowledgment number (ack) does it carry? (Numbers count from each side's first, as Wireshark shows them.)`,
    because: (seq, bytes, syn, fin, ack) =>
      bytes === 0 && !syn && !fin
        ? `The ack names the next byte expected. That segment carried no data, no SYN and no FIN, so it moved nothing: still ${ack}.`
        : `The ack names the next byte expected: ${seq}${bytes > 0 ? ` + ${bytes} bytes` : ''}${syn ? ' + 1 for the SYN' : ''}${fin ? ' + 1 for the FIN' : ''} = ${ack}.`,
  },
  practice: {
    title: 'Practice',
    progress: (n, of, right) => `Question ${n} of ${of} · ${right} right so far`,
    check: 'Check',
    next: 'Next question',
    right: 'Right.',
    wrong: (answer) => (/[.?!]$/.test(answer) ? `Not quite. The answer: ${answer}` : `Not quite: the answer is ${answer}.`),
    finished: (right, of) => `You answered ${right} of ${of} right.`,
    again: 'The same questions again',
    another: (count) => `${count} other questions`,
    recorded: (score, status) =>
      `Your course has recorded ${score} out of 100${status === 'completed' ? '' : status === 'passed' ? ': passed' : ': not passed'}. You can close this page.`,
    alreadyRecorded: (score, status) =>
      `Your course has recorded ${score} out of 100${status === 'completed' ? '' : status === 'passed' ? ': passed' : ': not passed'}. This is practice now: nothing you answer changes that.`,
    notRecorded: 'No course is recording this page: it is practice, and your answers go nowhere.',
    toScore: 'See the score',
    resumed: (answered) => `Going on where you left off: ${answered} answered.`,
    review: 'The ones you missed',
    yourAnswer: (answer) => (/[.?!]$/.test(answer) ? `You answered: ${answer}` : `You answered ${answer}.`),
    markRight: 'right answer',
    markWrong: 'your answer, wrong',
    before: 'The run just before the moment asked about',
    after: 'The run just after it: what the engine did',
  },
  course: {
    open: 'For a course…',
    title: 'Exercises for your course',
    intro: 'Each question is made and checked by the engine. The same choices always make the same file, so a colleague can make it again from the seed.',
    format: 'File',
    formats: {
      'moodle-xml': 'Moodle XML question bank',
      gift: 'GIFT question bank (plain text)',
      scorm: 'SCORM 1.2 package: graded, with the run on the stage',
    },
    formatNotes: {
      'moodle-xml': 'In Moodle: Question bank, Import, Moodle XML format. Then add the questions to a quiz.',
      gift: 'In Moodle: Question bank, Import, GIFT format. Other tools that read GIFT take it too.',
      scorm:
        'In Moodle: add an activity, SCORM package, and upload the zip; the grade goes to the gradebook. In Canvas: upload it where your school has SCORM turned on. With no LMS it opens as practice.',
    },
    language: 'Language',
    count: 'Questions',
    countPerPart: 'Questions in each part',
    seed: 'Seed',
    kinds: 'Kinds of question',
    lessons: 'Lessons',
    allLessons: 'All the lessons, and connections the seed makes up',
    mastery: 'Pass mark (%)',
    masteryNone: 'empty: "completed" once done, no pass or fail',
    perLesson: 'One part per lesson (one SCORM activity; Moodle grades it by its grading method: the highest, the average or the sum of the parts)',
    perLearner: 'Each learner gets their own questions',
    download: 'Download',
    making: 'Making the file…',
    made: (name, questions, asked, parts, kb) =>
      `${name}: ${parts > 1 ? `${parts} parts, each up to ${asked} questions` : `${questions} question${questions === 1 ? '' : 's'}`}${
        questions < asked ? ` (the kinds and lessons chosen hold only ${questions}${parts > 1 ? ' for the smallest part' : ''})` : ''
      }, ${kb} KB. Saved to your downloads.`,
    badSeed: 'The seed is a whole number from 0 to 4294967295.',
    failed: (why) => `The package could not be made here: ${why}. The command line makes it too: npm run exercises -- --format scorm.`,
    noKind: 'Choose at least one kind of question.',
    noLesson: 'Choose at least one lesson.',
    close: 'Close',
    packageTitle: (seed) => `Handshake Lab: TCP practice (seed ${seed})`,
  },
  rfc: (section, title) => `RFC 9293, section ${section} (${title})`,
  sysctl: (name) => `Linux's ${name}`,
};
