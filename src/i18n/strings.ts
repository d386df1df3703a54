/** Every string the UI shows, in Korean and English. A key missing from one language fails the build. */
const en = {
  title: 'Handshake Lab',
  tagline: 'Watch TCP open and close a connection, segment by segment.',
  client: 'Client',
  server: 'Server',
  state: 'State',
  time: 'Simulated time',
  segments: 'Segments on the wire',
  replay: 'Replay',
  pause: 'Pause',
  play: 'Play',
  noSegments: 'No segment sent yet.',
  lost: 'lost',
  inFlight: 'in flight',
  arrived: 'arrived',
  retransmission: 'retransmission',
  timers: 'Running timers',
  noTimers: 'none',
  language: 'Language',
  enginePreview: 'Engine preview: the full visualizer is on its way.',
  timerNames: { retransmit: 'retransmission', 'delayed-ack': 'delayed ACK', 'time-wait': 'TIME-WAIT ends', 'fin-wait-2': 'FIN-WAIT-2 gives up' },
};

export type Strings = typeof en;

const ko: Strings = {
  title: '핸드셰이크 랩',
  tagline: 'TCP가 연결을 열고 닫는 과정을 세그먼트 하나하나 지켜보세요.',
  client: '클라이언트',
  server: '서버',
  state: '상태',
  time: '시뮬레이션 시각',
  segments: '전송 중인 세그먼트',
  replay: '다시 보기',
  pause: '일시 정지',
  play: '재생',
  noSegments: '아직 보낸 세그먼트가 없습니다.',
  lost: '유실',
  inFlight: '전송 중',
  arrived: '도착',
  retransmission: '재전송',
  timers: '작동 중인 타이머',
  noTimers: '없음',
  language: '언어',
  enginePreview: '엔진 미리 보기: 전체 시각화 화면은 곧 추가됩니다.',
  timerNames: { retransmit: '재전송', 'delayed-ack': '지연 ACK', 'time-wait': 'TIME-WAIT 종료', 'fin-wait-2': 'FIN-WAIT-2 포기' },
};

export const STRINGS = { en, ko } as const;
export type Lang = keyof typeof STRINGS;

export function detectLang(languages: readonly string[]): Lang {
  return languages.some((l) => l.toLowerCase().startsWith('ko')) && !languages[0]?.toLowerCase().startsWith('en') ? 'ko' : 'en';
}
