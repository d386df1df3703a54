/**
 * The strings every view needs, embeds included (the diagram, the timeline, the narration), in
 * Korean and English; the app's own are in appStrings.ts, so a blog reader downloads only these.
 * A key missing from one language fails the build.
 */

export interface Strings {
  /** An embed's narration before the lesson's first moment. */
  startHint: string;
  client: string;
  server: string;
  timeline: string;
  time: string;
  play: string;
  pause: string;
  stepForward: string;
  stepBack: string;
  skipToTimer: string;
  reset: string;
  speed: string;
  scrub: string;
  deliver: (what: string) => string;
  drop: (what: string) => string;
  waiting: string;
  /** A packet in flight, as a button: what pressing it does. */
  dropInFlight: (flags: string) => string;
  sequenceDiagram: string;
  lost: string;
  retransmission: string;
  compressed: (s: string) => string;
  takeaway: string;
  badEmbedParam: (name: string, value: string) => string;
  openFull: string;
}

const en: Strings = {
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
};

const ko: Strings = {
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
};

export const STRINGS = { en, ko } as const;
export type Lang = keyof typeof STRINGS;

export function detectLang(languages: readonly string[]): Lang {
  const first = languages.find((l) => /^(ko|en)\b/i.test(l));
  return first?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** The language this browser's reader prefers, of the two there are. */
export const readerLang = (): Lang => detectLang(navigator.languages ?? [navigator.language]);
