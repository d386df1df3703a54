/** The pile-up lessons' own words in English (their titles and takeaways): the app's alone, since an embed never opens a pile-up (see PileupLessonId). */
import type { LessonWords, PileupLessonId } from '../strings';

export const pileupLessons: Readonly<Record<PileupLessonId, LessonWords>> = {
  'close-wait-pileup': {
    title: 'CLOSE_WAIT piling up until the server hangs',
    takeaway: 'That is the "Hang": the server is alive but answers nobody. ss -tan full of CLOSE-WAIT points at the application, never at the network.',
  },
  'orphan-pileup': {
    title: 'Orphaned FIN_WAIT sockets until memory runs out',
    takeaway:
      'Here tcp_mem\'s max comes first: "out of memory -- consider tuning tcp_mem", and orphans are reset. 4 KiB responses to 1,000 clients a second reach tcp_max_orphans first: "too many orphaned sockets". Raising either only moves the wall: fewer retries and clients that close properly shrink the pile.',
  },
  'time-wait-pileup': {
    title: 'TIME_WAIT piling up on a busy client',
    takeaway:
      'TIME_WAIT is cheap in memory (256 bytes) but not in ports. Reuse connections, or let tcp_tw_reuse take over old TIME_WAIT ports; do not shorten TIME_WAIT itself.',
  },
};
