/** The app's strings in Korean: the core strings and the app's own (calls, lessons' summaries, network, pile-ups; the on-demand parts' words are in views.ts). Loaded on its own, so a reader downloads one language. */
import type { AppStrings } from '../appStrings';
import { core } from './core';
import { explain } from './explain';
import { pileupLessons } from './pileupLessons';

export const app: AppStrings = {
  captureOpen: '캡처 엑스레이: .pcap 또는 tcpdump 텍스트 열기…',
  captureGroup: '내 캡처',
  practiceOpen: '연습: 엔진이 채점하는 열 문제',
  ...core,
  ...explain,
  lessons: { ...core.lessons, ...pileupLessons },
  summaries: {
    'three-way-handshake':
      '서버는 LISTEN 상태로 기다리고, 클라이언트가 SYN을 보내면 서버가 SYN+ACK로 답하고, 클라이언트가 ACK로 확인합니다. 이 과정에서 양쪽은 서로의 순서 번호 출발점을 알게 됩니다.',
    'four-way-close':
      '클라이언트가 먼저 닫습니다. FIN을 받은 서버는 ACK로 답하고, 자기 애플리케이션이 close()를 부를 때까지 CLOSE_WAIT에 머뭅니다. close()가 불리면 두 번째 FIN이 나갑니다.',
    'server-closes-first': '먼저 닫는 쪽이 FIN_WAIT를 거쳐 TIME_WAIT에 이릅니다. 클라이언트냐 서버냐는 상관없습니다. 이번에는 서버가 먼저 닫습니다.',
    'close-wait-hang':
      '클라이언트는 닫았지만 서버 애플리케이션이 close()를 부르지 않습니다. 서버 소켓은 CLOSE_WAIT에 남고, TCP에는 이를 풀어 줄 타이머가 없습니다.',
    'close-wait-pileup':
      '새는 서버가 클라이언트마다 응답은 하지만 close()는 부르지 않습니다. 연결마다 파일 디스크립터를 쥔 채 CLOSE_WAIT로 남고, 프로세스의 한도가 차면 커널은 accept 대기열을 채운 뒤 새 SYN을 버립니다.',
    'fin-wait-1-timeout':
      '클라이언트가 닫기 직전에 서버가 사라집니다(또는 방화벽이 모든 것을 막기 시작합니다). FIN이 확인되지 않으니 점점 긴 간격으로 다시 보내다가 결국 소켓이 포기합니다.',
    'fin-wait-2-timeout':
      '서버가 클라이언트의 FIN을 확인만 하고 자기 FIN은 보내지 않는 일이 두 번 일어납니다. 첫 번째는 클라이언트가 close()로 소켓을 닫았기에 FIN_WAIT_2가 시간 제한 뒤 포기합니다. 두 번째는 shutdown()만 불렀기에 소켓을 여전히 쥐고 있어 끝없이 기다립니다.',
    'orphan-pileup':
      '요청 도중에 클라이언트가 사라져도 서버는 응답을 쓰고 close()를 부릅니다. 아무도 확인해 주지 않으니, 이제 어떤 프로세스도 쥐고 있지 않은 소켓(고아 소켓)이 보내지 못한 데이터를 안은 채 FIN_WAIT_1에서 약 100초 동안 재전송합니다. 이들이 tcp_max_orphans와 tcp_mem에 닿을 때까지 쌓이고, 그러면 커널이 버리기 시작합니다.',
    'time-wait':
      '클라이언트의 마지막 ACK가 유실됩니다. LAST_ACK에 있던 서버가 FIN을 다시 보내고, 아직 TIME_WAIT에 있는 클라이언트가 여기에 답한 뒤 기다림을 처음부터 다시 시작합니다.',
    'time-wait-pileup':
      '클라이언트가 한 서버로 짧은 연결을 쉴 새 없이 열고 닫습니다. 연결마다 TIME_WAIT 소켓이 남아 로컬 포트를 60초 동안 붙듭니다. 리눅스의 임시 포트는 28,232개이니 초당 약 470개면 모두 소진됩니다.',
    'simultaneous-open':
      '양쪽이 동시에 connect()를 부릅니다. 두 SYN이 전송 중에 엇갈리고, 각자 상대의 SYN에 SYN+ACK로 답하며, 둘 다 SYN_RCVD를 거쳐 ESTABLISHED에 이릅니다.',
    'simultaneous-close':
      '양쪽 애플리케이션이 같은 순간에 close()를 부릅니다. 각 FIN이 상대가 아직 FIN_WAIT_1일 때 도착하므로 둘 다 CLOSING을 거치고, 둘 다 TIME_WAIT로 끝납니다.',
    'connection-refused': '그 포트에서 아무도 기다리지 않습니다. 서버 커널이 SYN에 RST+ACK로 답하고, 클라이언트의 connect()는 "연결 거부"로 실패합니다.',
    'syn-lost': '클라이언트의 첫 SYN이 유실됩니다. 아무 답이 없으니 재전송 타이머가 만료될 때 SYN을 다시 보내고, 핸드셰이크가 이어집니다.',
    'abort-rst':
      '정중한 FIN 대신 클라이언트가 연결을 끊어 버립니다. 클라이언트는 곧바로 CLOSED가 되어 RST 하나를 보내고, 서버는 그 RST가 도착하는 대로 CLOSED가 됩니다. 어느 쪽에도 TIME_WAIT는 없으며, 서버 애플리케이션은 "연결 재설정" 오류를 봅니다.',
    'tcp-promises':
      '두 세그먼트가 순서대로 떠났지만 첫 번째가 늦어져 두 번째가 먼저 도착합니다. 서버는 빈자리가 채워질 때까지 기다렸다가 둘을 한 번에 읽습니다. 뒤이어 세그먼트 하나가 유실되고, 다시 보내집니다.',
    'zero-window':
      '클라이언트가 애플리케이션이 읽지 않는 서버에 3,000바이트를 보냅니다. 2,000바이트 버퍼가 차서 윈도가 0이 되면 클라이언트는 멈추고 가끔 탐침을 보냅니다. 애플리케이션이 읽으면 윈도가 열리고 나머지가 뒤따릅니다.',
  },
  enlarge: '크게 보기',
  why: '왜 이렇게 되었나',
  rfcLink: (section) => `RFC 9293, ${section}절`,
  title: '핸드셰이크 랩',
  tagline: 'TCP가 연결을 열고 닫는 과정을 세그먼트 하나하나 지켜보세요.',
  language: '언어',
  theme: '테마',
  themes: { auto: '시스템 설정대로', light: '밝게', dark: '어둡게', contrast: '고대비' },
  network: '네트워크',
  calls: '애플리케이션 호출',
  callHints: {
    abort: 'abort()라는 소켓 함수는 없습니다. 프로그램은 SO_LINGER 시간을 0으로 두고 close()를 불러 연결을 재설정합니다.',
    shutdown: 'shutdown(SHUT_WR): FIN을 보내되 소켓은 쥐고 있어, 받는 것은 계속할 수 있습니다.',
    read: 'read(): 애플리케이션이 수신 버퍼에 기다리는 바이트를 모두 가져갑니다. 그렇게 비운 자리를 상대에게 다시 윈도로 알립니다.',
  },
  neverCloses: '애플리케이션이 close()를 호출하지 않음',
  neverClosesHelp: 'close() 호출을 잊은 서버는 소켓을 CLOSE_WAIT 상태로 영영 남겨 둡니다.',
  timers: '작동 중인 타이머',
  heldBytes: (bytes) => `${bytes}바이트 보관 중`,
  unreadBytes: (bytes) => `안 읽음 ${bytes}B ·`,
  windowNow: (window) => `윈도 ${window}`,
  queuedBytes: (bytes) => `${bytes}B 대기`,
  queuedBytesHelp: '애플리케이션이 썼지만 상대의 윈도가 아직 내보내 주지 않은 바이트입니다. 송신 큐에서 기다리다가 윈도가 열리면 곧바로 나갑니다.',
  earlierEntries: (n) => `… 그 앞의 항목 ${n}개 (내보내기에는 모두 있습니다)`,
  unreadBytesHelp:
    '이 애플리케이션은 read()를 부를 때만 읽습니다. 읽지 않은 바이트가 수신 버퍼를 채운 만큼 상대에게 알리는 윈도가 줄어듭니다. 0이 되면 상대는 멈추고 기다려야 합니다.',
  heldBytesHelp: '빈자리보다 앞서 도착한 바이트입니다. 수신 버퍼가 보관하고, 빠진 바이트가 도착해야 애플리케이션에 전달됩니다.',
  noTimers: '없음',
  timerEffects: {
    retransmit: '확인받지 못한 가장 오래된 세그먼트를 다시 보내거나, 마지막 재시도 뒤에는 포기합니다',
    'delayed-ack': '미뤄 두었던 ACK를 보냅니다',
    'time-wait': '소켓이 완전히 닫힙니다',
    'fin-wait-2': '주인 없는 소켓이 FIN 기다리기를 그만두고 닫힙니다',
    persist: '상대의 닫힌 윈도를 탐침으로 물어봅니다',
  },
  inSeconds: (s) => `${s}초 뒤`,
  profile: '타이머 값',
  profiles: { linux: '리눅스 (TIME-WAIT 60초)', rfc: 'RFC 9293 (2 MSL = 4분)', classroom: '수업용 (짧게)' },
  latency: '단방향 지연 (ms)',
  invalidNumber: (min, max, using) => `${min}에서 ${max} 사이의 정수를 입력하세요. 그동안은 고치기 전의 값 ${using} 그대로 씁니다.`,
  dropNext: '다음 것 유실',
  delayNext: '다음 것 1.5초 지연',
  block: '차단',
  manual: '내가 네트워크 (수동)',
  manualHelp: '세그먼트마다 중간에 멈춰 여러분의 결정을 기다립니다.',
  paused: '일시 정지됨',
  wire: '네트워크 선로',
  delayBy: (s) => `다음 것을 ${s}초 지연`,
  delayShort: '지연',
  dropShort: '유실',
  neverClosesShort: 'close() 안 함',
  more: '설명, 상태 다이어그램, 도구',
  unblock: '차단 해제',
  stateDiagram: 'RFC 9293 상태 다이어그램',
  views: '보기',
  relativeNumbers: '상대 순서 번호',
  eventLog: '사건 기록',
  sent: (who, flags) => `${who}가 ${flags} 세그먼트를 보냈습니다.`,
  lesson: '수업',
  scenario: '시나리오',
  freePlay: '자유 실습 (스크립트 없음)',
  groups: { opening: '연결 수립', 'normal-close': '정상 종료', 'abnormal-close': '비정상 종료', promises: 'TCP의 약속', rarer: '드문 경로' },
  unknownScenario: (id) => `"${id}"라는 수업은 없습니다. 대신 자유 실습을 엽니다.`,
  pileup: '수많은 소켓',
  lang: 'ko',
  quiz: '퀴즈: 상태가 바뀔 때마다 먼저 묻기',
  present: '발표 모드',
  leavePresent: '발표 모드 끝내기',
  keysTitle: '키보드와 프레젠터 리모컨',
  close: '닫기',
  share: '공유 / 삽입',
  badLink: (reason, lesson) => `이 링크의 실행 기록은 열 수 없습니다(${reason}). 대신 ${lesson ? '링크가 가리키는 수업' : '자유 실습'}을 엽니다.`,
  badParam: (name, value) => `${name}="${value}"은(는) 이 페이지가 모르는 값이라 무시했습니다.`,
  orphanGaveUp: '포기함',
  orphanGaveUpHelp: '애플리케이션이 이미 소켓을 닫았기 때문에 오류를 받을 곳이 없습니다. 커널이 조용히 버립니다.',
  errorNames: { 'connection refused': '연결 거부됨', 'connection reset': '연결 재설정됨', 'connection timed out': '연결 시간 초과' },
};
