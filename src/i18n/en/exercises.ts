/** The exercises' words in English (see ../exerciseStrings.ts). */
import type { ExerciseWords } from '../exerciseStrings';

export const exercises: ExerciseWords = {
  bank: 'Handshake Lab',
  kindNames: { 'next-state': 'Next state', why: 'What made it', 'ack-number': 'Acknowledgment numbers', order: 'Order', 'lost-segment': 'The lost segment' },
  nextState: {
    before: (who, state) => `The ${who} is in ${state}.`,
    ask: (who) => `Which state is the ${who} in right after that?`,
  },
  why: {
    ask: (who, from, to) => `The ${who} went from ${from} to ${to}. What made it change?`,
  },
  segment: (from, to, flags) => `${from} → ${to} ${flags}`,
  order: {
    call: (sentence, later) => (later === null ? sentence : `${later} s later: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`),
    ask: (phase) => `In which order are the segments of the ${phase === 'handshake' ? 'handshake' : 'close'} sent?`,
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
    wrong: (answer) => `Not quite: the answer is ${answer}.`,
    finished: (right, of) => `You answered ${right} of ${of} right.`,
    again: 'The same questions again',
    another: (count) => `${count} other questions`,
    recorded: (score, status) =>
      `Your course has recorded ${score} out of 100${status === 'completed' ? '' : status === 'passed' ? ': passed' : ': not passed'}. You can close this page.`,
    resumed: (answered) => `Going on where you left off: ${answered} answered.`,
    review: 'The ones you missed',
    yourAnswer: (answer) => `You answered ${answer}.`,
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
    seed: 'Seed',
    kinds: 'Kinds of question',
    lessons: 'Lessons',
    allLessons: 'Every lesson, and connections that carry data',
    mastery: 'Pass mark (%)',
    masteryNone: 'empty: "completed" once done, no pass or fail',
    perLesson: 'One activity per lesson',
    perLearner: 'Each learner gets their own questions',
    download: 'Download',
    making: 'Making the file…',
    made: (name, questions, kb) => `${name}: ${questions} questions, ${kb} KB. Saved to your downloads.`,
    failed: (why) => `The package could not be made here: ${why}. The command line makes it too: npm run exercises -- --format scorm.`,
    noKind: 'Choose at least one kind of question.',
    noLesson: 'Choose at least one lesson.',
    close: 'Close',
  },
  rfc: (section, title) => `RFC 9293, section ${section} (${title})`,
  sysctl: (name) => `Linux's ${name}`,
};
