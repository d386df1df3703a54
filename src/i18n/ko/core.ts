/** The strings every view needs, embeds included, in Korean. */
import type { Strings } from '../strings';
import { lessons } from './lessons';

/** 시간을 그것이 드러나는 단위로: 0.0초가 아니라 41ms, 루프백의 마이크로초까지. */
const duration = (ms: number): string => (ms < 1 ? `${Math.round(ms * 1000)}µs` : ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}초`);

export const core: Strings = {
  lessons,
  startHint: '재생을 누르거나, 한 단계씩 앞으로 가 보세요.',
  client: '클라이언트',
  server: '서버',
  timeline: '타임라인',
  time: '시뮬레이션 시각',
  play: '재생',
  pause: '일시 정지',
  stepForward: '한 단계 앞으로',
  stepBack: '한 단계 뒤로',
  skipToTimer: '다음 타이머로 건너뛰기',
  reset: '처음으로',
  speed: '속도',
  scrub: '시간 위치',
  deliver: (what) => `${what} 전달`,
  drop: (what) => `${what} 유실`,
  waiting: '결정을 기다리는 중',
  dropInFlight: (flags) => `전송 중인 ${flags}: 여기서 유실시키기`,
  sequenceDiagram: '시퀀스 다이어그램',
  workingOut: (s) => `이 실행의 나머지를 계산하는 중: 지금까지 ${s}초…`,
  stopWorkingOut: '여기서 멈추기',
  catchingUp: (target, reached) => `${target}초로 가는 중: ${reached}초까지 계산했습니다…`,
  drawnOnly: (n, s) => `긴 실행입니다. 다이어그램은 처음 ${n}개 세그먼트(${s}초까지)만 그립니다. 내보내기(트레이스, 캡처)에는 모두 있습니다.`,
  lost: '유실',
  retransmission: '재전송',
  windowProbe: '윈도 탐침',
  compressed: (ms) => `${duration(ms)} 경과`,
  noTimer: '타이머 없음',
  timerNote: (s) => `타이머 ${s}초`,
  folded: (ms, n) => `⋯ 화면에 맞게 접음: ${duration(ms)}${n ? `, 세그먼트 ${n}개` : ''} ⋯`,
  takeaway: '정리',
  badEmbedParam: (name, value) => `${name}="${value}"은(는) 알 수 없는 값이라 무시했습니다.`,
  openFull: '핸드셰이크 랩에서 열기',
  badEmbedRun: (reason) => `이 실행 기록은 열 수 없습니다(${reason}). 대신 수업을 보여 드립니다.`,
  sharedRun: '핸드셰이크 랩에서 만든 실행',
  linkProblems: {
    'too-long': () => '링크가 너무 깁니다',
    'no-version': () => '링크에 버전이 없습니다',
    newer: () => '더 새로운 버전에서 만든 링크입니다',
    damaged: () => '링크가 손상되었습니다',
    'bad-time': () => '링크의 시각 값이 올바르지 않습니다',
    'bad-switches': () => '링크의 close() 스위치 값이 손상되었습니다',
    'bad-field': (field) => `실행 기록의 ${field} 값이 올바르지 않습니다`,
  },
  neverClosesTag: 'close()를 부르지 않음',
};
