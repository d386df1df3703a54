/** The app's own strings (calls, lessons, network, quiz, pile-ups, sharing, keys), on top of those every view needs. A key missing from one language fails the build. */
import type { Refusal } from '../player/frame';
import type { CallName, EndpointId, TcpState } from '../model/types';
import type { TimerName } from '../model/endpoint/tcb';
import { STRINGS as CORE, type Strings } from './strings';

export interface AppStrings extends Strings {
  enlarge: string;
  why: string;
  nothingYet: string;
  rfcLink: (section: string) => string;
  stateMeaning: Record<TcpState, string>;
  causeCall: (who: string, call: CallName) => string;
  causeSegment: (who: string, flags: string) => string;
  causeTimer: (who: string, timer: string) => string;
  entered: (who: string, state: string) => string;
  endpointName: Record<EndpointId, string>;
  timerNames: Record<TimerName, string>;
  title: string;
  tagline: string;
  language: string;
  theme: string;
  themes: Record<'auto' | 'light' | 'dark' | 'contrast', string>;
  network: string;
  calls: string;
  neverCloses: string;
  neverClosesHelp: string;
  /** The engine's refusals (RFC 9293's error names), as the reader's language says them. */
  /** Why a call is refused: the socket API's reasons and the application policy's. */
  refusals: Record<Refusal, string>;
  timers: string;
  noTimers: string;
  timerEffects: Record<TimerName, string>;
  inSeconds: (s: string) => string;
  profile: string;
  profiles: Record<'linux' | 'rfc' | 'classroom', string>;
  latency: string;
  dropNext: string;
  delayNext: string;
  block: string;
  manual: string;
  manualHelp: string;
  paused: string;
  /** The controls on each direction of the wire, beside the diagram. */
  wire: string;
  delayBy: (s: string) => string;
  delayShort: string;
  dropShort: string;
  neverClosesShort: string;
  /** The rail beside the stage (everything that is not the diagram). */
  more: string;
  unblock: string;
  directionNames: Record<'client->server' | 'server->client', string>;
  stateDiagram: string;
  views: string;
  relativeNumbers: string;
  eventLog: string;
  sent: (who: string, flags: string) => string;
  lesson: string;
  scenario: string;
  freePlay: string;
  groups: Record<'opening' | 'normal-close' | 'abnormal-close' | 'promises' | 'rarer', string>;
  unknownScenario: (id: string) => string;
  ssTitle: string;
  pileup: string;
  sockets: string;
  rate: string;
  twReuse: string;
  maxTwBuckets: string;
  fdLimit: string;
  memory: string;
  portsInUse: string;
  failedConnects: string;
  perSocketSource: string;
  counts: string;
  quiz: string;
  present: string;
  leavePresent: string;
  keysTitle: string;
  keys: readonly (readonly [string, string])[];
  close: string;
  share: string;
  exportTitle: string;
  exportSvg: string;
  exportPng: string;
  exportMermaid: string;
  exportPcap: string;
  shareLink: string;
  shareIframe: string;
  shareScript: string;
  copy: string;
  copied: string;
  badLink: (reason: string) => string;
  quizQuestion: (who: string, now: string) => string;
  quizAnswer: string;
  quizRight: string;
  quizWrong: (state: string) => string;
  quizScore: (right: number, asked: number) => string;
  ssHelp: string;
  errorNames: Record<'connection refused' | 'connection reset' | 'connection timed out', string>;
}

const en: AppStrings = {
  ...CORE.en,
  enlarge: 'Enlarge',
  why: 'Why it happened',
  nothingYet: 'Nothing has happened yet. Start with listen() on the server, then connect() on the client.',
  rfcLink: (section) => `RFC 9293, section ${section}`,
  stateMeaning: {
    CLOSED: 'no connection: nothing is kept for it.',
    LISTEN: 'waiting for a SYN from any client.',
    'SYN-SENT': 'its SYN is out; it waits for the SYN+ACK that answers it.',
    'SYN-RECEIVED': 'it got a SYN and answered SYN+ACK; it waits for the last ACK of the handshake.',
    ESTABLISHED: "both sides have each other's sequence numbers: data can flow both ways.",
    'FIN-WAIT-1': 'it sent its FIN and waits for that FIN to be acknowledged.',
    'FIN-WAIT-2': "its FIN is acknowledged; it waits for the other side's FIN.",
    'CLOSE-WAIT': 'the other side has finished sending; it waits for its own application to call close().',
    CLOSING: 'both FINs crossed on the wire; it waits for the ACK of its own FIN.',
    'LAST-ACK': "it sent its FIN after the other side's; it waits for the last ACK.",
    'TIME-WAIT': 'the connection is done, but it lingers for 2 MSL in case its last ACK was lost.',
  },
  causeCall: (who, call) => `The ${who}'s application called ${call}().`,
  causeSegment: (who, flags) => `The ${who} received ${flags}.`,
  causeTimer: (who, timer) => `The ${who}'s ${timer} timer fired.`,
  entered: (who, state) => `The ${who} is now in ${state}:`,
  endpointName: { client: 'client', server: 'server' },
  timerNames: { retransmit: 'Retransmission', 'delayed-ack': 'Delayed ACK', 'time-wait': 'TIME-WAIT', 'fin-wait-2': 'FIN-WAIT-2 timeout' },
  title: 'Handshake Lab',
  tagline: 'Watch TCP open and close a connection, segment by segment.',
  language: 'Language',
  theme: 'Theme',
  themes: { auto: 'As the system', light: 'Light', dark: 'Dark', contrast: 'High contrast' },
  network: 'Network',
  calls: 'Application calls',
  neverCloses: 'Application never calls close()',
  neverClosesHelp: 'A buggy server that forgets close() leaves the socket in CLOSE_WAIT for good.',
  refusals: {
    'the application has already closed this socket': 'the application has already closed this socket',
    'connection already exists': 'connection already exists',
    'connection does not exist': 'connection does not exist',
    'connection not yet established': 'connection not yet established',
    'connection closing': 'connection closing',
    'the application never calls close()': 'this application never calls close()',
  },
  timers: 'Running timers',
  noTimers: 'none',
  timerEffects: {
    retransmit: 'resends the oldest unacknowledged segment, or gives up after the last retry',
    'delayed-ack': 'sends the ACK it has been holding back',
    'time-wait': 'the socket closes for good',
    'fin-wait-2': 'the orphaned socket stops waiting for the FIN and closes',
  },
  inSeconds: (s) => `in ${s} s`,
  profile: 'Timer values',
  profiles: { linux: 'Linux (TIME-WAIT 60 s)', rfc: 'RFC 9293 (2 MSL = 4 min)', classroom: 'Classroom (short)' },
  latency: 'One-way latency (ms)',
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
  directionNames: { 'client->server': 'client → server', 'server->client': 'server → client' },
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
  ssTitle: 'What ss -tan would print now',
  pileup: 'Many sockets',
  sockets: 'sockets',
  rate: 'New connections a second',
  twReuse: 'tcp_tw_reuse (reuse a TIME-WAIT port after 1 s)',
  maxTwBuckets: 'tcp_max_tw_buckets',
  fdLimit: 'Open-file limit of the server (ulimit -n)',
  memory: 'Kernel memory held',
  portsInUse: 'Local ports in use',
  failedConnects: 'Failed connects',
  perSocketSource: 'Per socket: 2,368 bytes for a full TCP socket, 256 for a TIME-WAIT one (slab sizes in /proc/slabinfo, Linux 6.18).',
  counts: 'Sockets by state',
  quiz: 'Quiz me: ask before each state change',
  present: 'Present',
  leavePresent: 'Leave presentation',
  keysTitle: 'Keyboard and presenter remote',
  keys: [
    ['Space', 'Play or pause'],
    ['→ / Page Down', 'Step forward'],
    ['← / Page Up', 'Step back'],
    ['Home', 'Back to the start'],
    ['1 – 9', 'Open lesson 1 to 9'],
    ['P', 'Presentation mode on or off'],
    ['F', 'Full screen'],
    ['L', 'Switch language'],
    ['?', 'This list'],
  ],
  close: 'Close',
  share: 'Share / Embed',
  exportTitle: 'Export',
  exportSvg: 'Download SVG',
  exportPng: 'Download PNG',
  exportMermaid: 'Mermaid text',
  exportPcap: 'Download .pcap (Wireshark)',
  shareLink: 'Link to exactly this moment',
  shareIframe: 'Embed this lesson (iframe)',
  shareScript: 'Embed this lesson (one script tag)',
  copy: 'Copy',
  copied: 'Copied',
  badLink: (reason) => `This link could not be opened (${reason}). Here is free play instead.`,
  quizQuestion: (who, now) => `The ${who} is in ${now}. Which state will it enter next?`,
  quizAnswer: 'Answer',
  quizRight: 'Right.',
  quizWrong: (state) => `Not quite: it enters ${state}.`,
  quizScore: (right, asked) => `Score: ${right} of ${asked}`,
  ssHelp: 'Linux lists sockets with ss; a CLOSED socket is not listed at all.',
  errorNames: { 'connection refused': 'connection refused', 'connection reset': 'connection reset', 'connection timed out': 'connection timed out' },
};

const ko: AppStrings = {
  ...CORE.ko,
  enlarge: '크게 보기',
  why: '왜 이렇게 되었나',
  nothingYet: '아직 아무 일도 없습니다. 서버에서 listen(), 클라이언트에서 connect()를 눌러 시작하세요.',
  rfcLink: (section) => `RFC 9293, ${section}절`,
  stateMeaning: {
    CLOSED: '연결이 없습니다. 이 연결을 위해 남겨 둔 것이 없습니다.',
    LISTEN: '어느 클라이언트에서든 SYN이 오기를 기다립니다.',
    'SYN-SENT': 'SYN을 보냈고, 그에 답하는 SYN+ACK를 기다립니다.',
    'SYN-RECEIVED': 'SYN을 받고 SYN+ACK로 답했습니다. 핸드셰이크의 마지막 ACK를 기다립니다.',
    ESTABLISHED: '양쪽이 서로의 순서 번호를 알게 되었습니다. 이제 양방향으로 데이터가 오갈 수 있습니다.',
    'FIN-WAIT-1': 'FIN을 보냈고, 그 FIN에 대한 확인(ACK)을 기다립니다.',
    'FIN-WAIT-2': '보낸 FIN은 확인받았습니다. 이제 상대의 FIN을 기다립니다.',
    'CLOSE-WAIT': '상대는 보내기를 마쳤습니다. 자기 애플리케이션이 close()를 호출하기를 기다립니다.',
    CLOSING: '양쪽 FIN이 전송 중에 엇갈렸습니다. 자기 FIN에 대한 ACK를 기다립니다.',
    'LAST-ACK': '상대의 FIN에 이어 자기 FIN도 보냈습니다. 마지막 ACK를 기다립니다.',
    'TIME-WAIT': '연결은 끝났지만, 마지막 ACK가 유실되었을 경우에 대비해 2 MSL 동안 남아 있습니다.',
  },
  causeCall: (who, call) => `${who}의 애플리케이션이 ${call}() 함수를 호출했습니다.`,
  causeSegment: (who, flags) => `${who}에 ${flags} 세그먼트가 도착했습니다.`,
  causeTimer: (who, timer) => `${who}의 ${timer} 타이머가 만료되었습니다.`,
  entered: (who, state) => `${who}는 이제 ${state} 상태입니다.`,
  endpointName: { client: '클라이언트', server: '서버' },
  timerNames: { retransmit: '재전송', 'delayed-ack': '지연 ACK', 'time-wait': 'TIME-WAIT', 'fin-wait-2': 'FIN-WAIT-2 시간 제한' },
  title: '핸드셰이크 랩',
  tagline: 'TCP가 연결을 열고 닫는 과정을 세그먼트 하나하나 지켜보세요.',
  language: '언어',
  theme: '테마',
  themes: { auto: '시스템 설정대로', light: '밝게', dark: '어둡게', contrast: '고대비' },
  network: '네트워크',
  calls: '애플리케이션 호출',
  neverCloses: '애플리케이션이 close()를 호출하지 않음',
  neverClosesHelp: 'close() 호출을 잊은 서버는 소켓을 CLOSE_WAIT 상태로 영영 남겨 둡니다.',
  refusals: {
    'the application has already closed this socket': '애플리케이션이 이미 이 소켓을 닫았습니다',
    'connection already exists': '연결이 이미 있습니다 (connection already exists)',
    'connection does not exist': '연결이 없습니다 (connection does not exist)',
    'connection not yet established': '연결이 아직 맺어지지 않았습니다 (connection not yet established)',
    'connection closing': '연결을 닫는 중입니다 (connection closing)',
    'the application never calls close()': '이 애플리케이션은 close()를 호출하지 않습니다',
  },
  timers: '작동 중인 타이머',
  noTimers: '없음',
  timerEffects: {
    retransmit: '확인받지 못한 가장 오래된 세그먼트를 다시 보내거나, 마지막 재시도 뒤에는 포기합니다',
    'delayed-ack': '미뤄 두었던 ACK를 보냅니다',
    'time-wait': '소켓이 완전히 닫힙니다',
    'fin-wait-2': '주인 없는 소켓이 FIN 기다리기를 그만두고 닫힙니다',
  },
  inSeconds: (s) => `${s}초 뒤`,
  profile: '타이머 값',
  profiles: { linux: '리눅스 (TIME-WAIT 60초)', rfc: 'RFC 9293 (2 MSL = 4분)', classroom: '수업용 (짧게)' },
  latency: '단방향 지연 (ms)',
  dropNext: '다음 것 유실',
  delayNext: '다음 것 1.5초 지연',
  block: '차단',
  manual: '내가 네트워크 (수동)',
  manualHelp: '세그먼트마다 중간에 멈춰 여러분의 결정을 기다립니다.',
  paused: '일시 정지',
  wire: '네트워크 선로',
  delayBy: (s) => `다음 것을 ${s}초 지연`,
  delayShort: '지연',
  dropShort: '유실',
  neverClosesShort: 'close() 안 함',
  more: '설명, 상태 다이어그램, 도구',
  unblock: '차단 해제',
  directionNames: { 'client->server': '클라이언트 → 서버', 'server->client': '서버 → 클라이언트' },
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
  ssTitle: '지금 ss -tan을 실행하면',
  pileup: '수많은 소켓',
  sockets: '개 소켓',
  rate: '초당 새 연결 수',
  twReuse: 'tcp_tw_reuse (1초 지난 TIME-WAIT 포트 재사용)',
  maxTwBuckets: 'tcp_max_tw_buckets',
  fdLimit: '서버의 열린 파일 수 제한 (ulimit -n)',
  memory: '커널이 붙든 메모리',
  portsInUse: '사용 중인 로컬 포트',
  failedConnects: '실패한 연결 시도',
  perSocketSource: '소켓 하나당: 일반 TCP 소켓 2,368바이트, TIME-WAIT 소켓 256바이트 (리눅스 6.18 /proc/slabinfo의 슬랩 크기).',
  counts: '상태별 소켓 수',
  quiz: '퀴즈: 상태가 바뀔 때마다 먼저 묻기',
  present: '발표 모드',
  leavePresent: '발표 모드 끝내기',
  keysTitle: '키보드와 프레젠터 리모컨',
  keys: [
    ['Space', '재생 또는 일시 정지'],
    ['→ / Page Down', '한 단계 앞으로'],
    ['← / Page Up', '한 단계 뒤로'],
    ['Home', '처음으로'],
    ['1 – 9', '1~9번째 수업 열기'],
    ['P', '발표 모드 켜기·끄기'],
    ['F', '전체 화면'],
    ['L', '언어 바꾸기'],
    ['?', '이 목록'],
  ],
  close: '닫기',
  share: '공유 / 삽입',
  exportTitle: '내보내기',
  exportSvg: 'SVG 내려받기',
  exportPng: 'PNG 내려받기',
  exportMermaid: 'Mermaid 텍스트',
  exportPcap: '.pcap 내려받기 (Wireshark)',
  shareLink: '바로 이 순간으로 가는 링크',
  shareIframe: '이 수업 삽입하기 (iframe)',
  shareScript: '이 수업 삽입하기 (스크립트 태그 하나)',
  copy: '복사',
  copied: '복사됨',
  badLink: (reason) => `이 링크는 열 수 없습니다 (${reason}). 대신 자유 실습을 엽니다.`,
  quizQuestion: (who, now) => `${who}는 지금 ${now} 상태입니다. 다음에는 어느 상태가 될까요?`,
  quizAnswer: '답하기',
  quizRight: '맞았습니다.',
  quizWrong: (state) => `아쉽습니다. 정답은 ${state}입니다.`,
  quizScore: (right, asked) => `점수: ${asked}문제 중 ${right}개`,
  ssHelp: '리눅스는 ss로 소켓을 보여 줍니다. CLOSED 소켓은 아예 나오지 않습니다.',
  errorNames: { 'connection refused': '연결 거부됨', 'connection reset': '연결 재설정됨', 'connection timed out': '연결 시간 초과' },
};

export const APP_STRINGS = { en, ko } as const;
