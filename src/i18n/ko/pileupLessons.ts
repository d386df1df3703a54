/** The pile-up lessons' own words in Korean (their titles and takeaways): the app's alone, since an embed never opens a pile-up (see PileupLessonId). */
import type { LessonWords, PileupLessonId } from '../strings';

export const pileupLessons: Readonly<Record<PileupLessonId, LessonWords>> = {
  'close-wait-pileup': {
    title: '서버가 멈출 때까지 쌓이는 CLOSE_WAIT',
    takeaway:
      '이것이 바로 "Hang"입니다. 서버는 살아 있지만 아무에게도 답하지 않습니다. ss -tan에 CLOSE-WAIT가 가득하다면 원인은 네트워크가 아니라 애플리케이션입니다.',
  },
  'orphan-pileup': {
    title: '메모리가 바닥날 때까지 쌓이는 고아 FIN_WAIT 소켓',
    takeaway:
      '이 설정에서는 tcp_mem의 max에 먼저 닿아 "out of memory -- consider tuning tcp_mem"이 찍히고 고아 소켓이 리셋됩니다. 4 KiB, 초당 1,000이면 tcp_max_orphans에 먼저 닿아 "too many orphaned sockets"가 찍힙니다. 한도를 올려도 벽이 옮겨질 뿐, 재시도를 줄이고 제대로 닫아야 더미가 줄어듭니다.',
  },
  'time-wait-pileup': {
    title: '바쁜 클라이언트에 쌓이는 TIME_WAIT',
    takeaway:
      'TIME_WAIT는 메모리로는 싸지만(256바이트) 포트로는 비쌉니다. 연결을 재사용하거나 tcp_tw_reuse로 오래된 TIME_WAIT 포트를 넘겨받게 하세요. TIME_WAIT 자체를 줄이지는 마세요.',
  },
};
