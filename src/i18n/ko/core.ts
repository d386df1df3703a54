/** The strings every view needs, embeds included, in Korean. */
import type { Strings } from '../strings';
import { lessons } from './lessons';

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
  lost: '유실',
  retransmission: '재전송',
  compressed: (s) => `${s}초 경과`,
  takeaway: '정리',
  badEmbedParam: (name, value) => `${name}="${value}"은(는) 알 수 없는 값이라 무시했습니다.`,
  openFull: '핸드셰이크 랩에서 열기',
  badEmbedRun: (reason) => `이 실행 기록은 열 수 없습니다(${reason}). 대신 수업을 보여 드립니다.`,
  sharedRun: '핸드셰이크 랩에서 만든 실행',
  neverClosesTag: 'close()를 부르지 않음',
};
