/** 연습 문제의 한국어 문구 (../exerciseStrings.ts 참고). */
import type { ExerciseWords } from '../exerciseStrings';

/**
 * 조사: 영어 상태 이름과 숫자 뒤에 붙는 '으로/로', '이/가'. 읽는 소리의 끝소리로 고릅니다
 * (LISTEN 리슨, LAST-ACK 래스트액, CLOSING 클로징, FIN-WAIT-1 원: 받침 있음; 나머지는 모음이나 ㄹ로 끝남).
 */
const WITH_FINAL = new Set(['LISTEN', 'LAST-ACK', 'CLOSING', 'FIN-WAIT-1']);
const ro = (state: string): string => `${state}${WITH_FINAL.has(state) ? '으로' : '로'}`;
/** 숫자 뒤의 이/가: 끝자리 읽는 소리(일, 삼, 육, 칠, 팔, 영은 받침 있음). */
const iga = (n: number): string => `${n}${[0, 1, 3, 6, 7, 8].includes(n % 10) ? '이' : '가'}`;

export const exercises: ExerciseWords = {
  bank: '핸드셰이크 랩',
  kindNames: {
    'next-state': '다음 상태',
    why: '바뀐 까닭',
    'ack-number': '확인 응답 번호',
    'read-bytes': 'read()가 돌려주는 바이트',
    order: '순서',
    'lost-segment': '유실된 세그먼트',
    claim: '주장과 오해',
    capture: '캡처 읽기',
  },
  nextState: {
    before: (who, state) => `${who}는 지금 ${state} 상태입니다.`,
    ask: (who) => `그 직후 ${who}는 어떤 상태일까요?`,
    finAcked: (who, acked) => (acked ? `그 ACK는 ${who}가 보낸 FIN까지 확인합니다.` : `그 ACK는 아직 ${who}가 보낸 FIN을 확인하지 않습니다.`),
  },
  why: {
    ask: (who, from, to) => `${who}가 ${from}에서 ${ro(to)} 바뀌었습니다. 무엇 때문일까요?`,
  },
  segment: (from, to, flags) => `${from} → ${to} ${flags}`,
  readBytes: {
    ask: (sender, receiver, sends) =>
      `${sender}의 애플리케이션이 ${sends.map((x) => `${x.bytes}바이트`).join(', 이어서 ')}를 보냅니다. 각각 세그먼트 하나씩입니다. ${sends
        .map((x, i) => `${['첫째', '둘째', '셋째', '넷째'][i]}는 ${x.lost ? '가는 길에 사라집니다' : '도착합니다'}`)
        .join(', ')}. 나중에 사라진 세그먼트가 다시 보내져 도착합니다. 그 순간 ${receiver}의 애플리케이션은 몇 바이트를 받을까요?`,
  },
  order: {
    call: (sentence, later) => (later === null ? sentence : `${later}초 뒤: ${sentence}`),
    ask: (phase) => `${phase === 'handshake' ? '핸드셰이크' : '연결 종료'}의 세그먼트는 어떤 순서로 보내질까요?`,
    sequence: (segments) => segments.map((x, n) => `${n + 1}) ${x}`).join(', '),
    because: (steps) => `엔진은 이 순서로 보냈습니다. ${steps.join(' ')}`,
    at: (segment, seconds) => `${seconds}초에 ${segment}`,
  },
  lost: {
    line: (n, segment, seconds) => `#${n} ${seconds}초에 ${segment}`,
    ask: (lines) => `이 세그먼트들이 이 순서로 보내졌습니다: ${lines.join('; ')}. 이 중 하나는 끝내 도착하지 않았습니다. 어느 것일까요?`,
    choice: (n, segment) => `#${n} ${segment}`,
    because: (n, again, waited) =>
      `#${iga(n)} 도착하지 않았습니다. 그에 대한 ACK가 오지 않아, ${waited}초 뒤 재전송 타이머가 만료되자 보낸 쪽이 같은 세그먼트를 다시 보냈습니다(#${again}).`,
  },
  claims: {
    'close-wait-kernel': {
      statement: 'CLOSE-WAIT는 커널이 소켓을 닫는 중이라는 뜻이다.',
      evidence: ([a, b]) =>
        `CLOSE-WAIT 레슨에서 서버는 ${a}초에 CLOSE-WAIT에 들어가, 실행이 끝나는 ${b}초에도 그대로입니다. 커널은 더 하는 일이 없습니다. 애플리케이션이 close()를 부르기를 기다릴 뿐인데, 이 애플리케이션은 끝내 부르지 않습니다.`,
    },
    'time-wait-forever': {
      statement: 'TIME-WAIT는 영원히 계속된다.',
      evidence: ([a, b, c]) =>
        `4-way 종료에서 클라이언트는 ${a}초에 TIME-WAIT에 들어가 ${b}초에 2 MSL 타이머가 끝나자 CLOSED가 되었습니다(이 실행에서는 ${c}초).`,
    },
    'fin-rst-same': {
      statement: 'FIN과 RST는 연결을 같은 방식으로 끝낸다.',
      evidence: ([a, b]) =>
        `클라이언트의 abort()가 ${a}초에 RST를 보냈고, ${b}초에는 양쪽 모두 CLOSED였습니다. FIN-WAIT도, LAST-ACK도, TIME-WAIT도, 확인 응답도 없었습니다. FIN은 "더 보낼 것이 없다"는 뜻이라 연결이 단계를 밟아 닫히지만, RST는 연결을 곧바로 버립니다.`,
    },
    'listen-sends': {
      statement: '서버의 listen()은 클라이언트에게 SYN을 보낸다.',
      evidence: ([a, b]) =>
        `서버의 listen()은 ${a}초에 아무것도 보내지 않았습니다. 리스닝 소켓은 기다리기만 합니다. 첫 세그먼트인 SYN은 ${b}초에 클라이언트에게서 왔습니다.`,
    },
    'second-closer-time-wait': {
      statement: '한쪽이 먼저 닫고 다른 쪽이 나중에 닫으면, close()를 나중에 부른 쪽이 TIME-WAIT에서 기다린다.',
      evidence: ([a]) =>
        `4-way 종료에서 나중에 닫은 쪽은 서버입니다. 서버는 마지막 ACK가 도착한 ${a}초에 LAST-ACK에서 곧바로 CLOSED가 되었습니다. 차례로 닫을 때 TIME-WAIT에서 기다리는 쪽은 먼저 닫은 쪽뿐입니다(양쪽이 동시에 닫으면 둘 다 기다립니다).`,
    },
    'ack-uses-seq': {
      statement: '확인 응답만 하는 세그먼트(데이터도 SYN도 FIN도 없음)도 시퀀스 번호를 하나 쓴다.',
      evidence: ([a, n, b, m]) =>
        `클라이언트가 ${a}초에 보낸 ACK의 seq는 ${n}이고, 그다음 ${b}초에 보낸 세그먼트의 seq도 ${m}으로 같습니다. 시퀀스 번호를 쓰는 것은 데이터와 SYN, FIN뿐입니다.`,
    },
    'first-closer-time-wait': {
      statement: '한쪽이 먼저 닫고 다른 쪽이 나중에 닫으면, close()를 먼저 부른 쪽이 TIME-WAIT에서 기다린다.',
      evidence: () => '4-way 종료에서는 먼저 닫은 클라이언트가 TIME-WAIT에서 기다렸고, 서버가 먼저 닫으면 서버가 기다리고 클라이언트는 기다리지 않습니다.',
    },
    'fin-wait-2-timer': {
      statement: '리눅스에서, 애플리케이션이 닫은 소켓은 FIN-WAIT-2에서 영원히 기다리지 않는다.',
      evidence: ([a, b, c]) =>
        `클라이언트는 ${a}초에 FIN-WAIT-2에 들어갔습니다. 서버의 FIN은 오지 않았고, ${b}초에 리눅스의 tcp_fin_timeout(이 실행에서는 ${c}초)이 끝나자 CLOSED가 되었습니다.`,
    },
    'syn-resent': {
      statement: '유실된 SYN은 다시 보내진다.',
      evidence: ([a, b]) =>
        `클라이언트가 ${a}초에 보낸 SYN이 유실되었습니다. SYN+ACK가 오지 않자, 재전송 타이머가 끝난 ${b}초에 클라이언트가 SYN을 다시 보냈습니다.`,
    },
    'close-wait-ends-on-close': {
      statement: '소켓은 애플리케이션이 close()를 부를 때 CLOSE-WAIT를 벗어난다.',
      evidence: ([a, b]) => `서버는 ${a}초에 CLOSE-WAIT에 들어가, 애플리케이션이 close()를 부른 ${b}초에 벗어났습니다. 그때 서버의 FIN이 나갔습니다.`,
    },
  },
  capture: {
    ask: (who, client, server, lines) =>
      `리눅스에서 tcpdump -n이 이렇게 출력했습니다 (TCP 옵션은 뺐습니다. 클라이언트는 ${client}, 서버는 ${server}):\n${lines}\n캡처가 끝났을 때 ${who}는 어떤 상태였을까요?`,
    because: (who, states, ss) =>
      `세그먼트를 하나씩 읽으면 ${who}는 ${[...states.slice(0, -1), ro(states.at(-1)!)].join(' → ')} 갔습니다. ${
        ss === 'CLOSED'
          ? `실행 중에 물어본 리눅스의 ss에도 마지막에는 ${who} 소켓이 없었습니다. 닫힌 것입니다.`
          : `실행 중에 물어본 리눅스의 ss도 ${who} 소켓을 마지막에 ${ro(ss)} 보았습니다.`
      }`,
  },
  claim: {
    ask: (mode) => (mode === 'true' ? '다음 중 옳은 것은?' : '다음 중 옳지 않은 것은?'),
    verdict: (holds) => (holds ? '옳습니다.' : '옳지 않습니다.'),
  },
  ackNumber: {
    sent: (peer, flags, seq, bytes) => `${peer}가 seq=${seq}${bytes > 0 ? `, 데이터 ${bytes}바이트` : ''}인 ${flags} 세그먼트를 보냈고, 그것이 도착했습니다.`,
    ask: (who, flags) =>
      `그다음 ${who}가 보내는 세그먼트는 ${flags}입니다. 이 세그먼트의 확인 응답 번호(ack)는 얼마일까요? (번호는 Wireshark처럼 각 쪽의 첫 번호부터 셉니다.)`,
    because: (seq, bytes, syn, fin, ack) =>
      bytes === 0 && !syn && !fin
        ? `ack는 다음에 받을 바이트 번호입니다. 그 세그먼트에는 데이터도 SYN도 FIN도 없어 번호가 그대로입니다: ${ack}.`
        : `ack는 다음에 받을 바이트 번호입니다: ${seq}${bytes > 0 ? ` + ${bytes}바이트` : ''}${syn ? ' + SYN의 1' : ''}${fin ? ' + FIN의 1' : ''} = ${ack}.`,
  },
  practice: {
    title: '연습',
    progress: (n, of, right) => `${of}문제 중 ${n}번째 · 지금까지 ${right}개 정답`,
    check: '확인',
    next: '다음 문제',
    right: '정답입니다.',
    wrong: (answer) => (/[.?!]$/.test(answer) ? `아쉽습니다. 정답: ${answer}` : `아쉽습니다. 정답은 ${answer}입니다.`),
    finished: (right, of) => `${of}문제 중 ${right}개를 맞혔습니다.`,
    again: '같은 문제 다시 풀기',
    another: (count) => `다른 ${count}문제`,
    recorded: (score, status) =>
      `강좌에 100점 만점에 ${score}점이 기록되었습니다${status === 'completed' ? '' : status === 'passed' ? ' (통과)' : ' (통과하지 못함)'}. 이제 이 페이지를 닫아도 됩니다.`,
    alreadyRecorded: (score, status) =>
      `강좌에 100점 만점에 ${score}점이 기록되어 있습니다${status === 'completed' ? '' : status === 'passed' ? ' (통과)' : ' (통과하지 못함)'}. 지금은 연습이라 무엇을 답해도 그 기록은 바뀌지 않습니다.`,
    notRecorded: '이 페이지를 기록하는 강좌가 없습니다. 연습이며, 답은 어디에도 남지 않습니다.',
    toScore: '점수 보기',
    resumed: (answered) => `지난번에 멈춘 곳부터 이어서 풉니다: ${answered}문제 답함.`,
    review: '틀린 문제 다시 보기',
    yourAnswer: (answer) => (/[.?!]$/.test(answer) ? `내 답: ${answer}` : `내 답: ${answer}.`),
    markRight: '정답',
    markWrong: '내 답, 오답',
    before: '묻는 순간 바로 전의 실행',
    after: '그 직후의 실행: 엔진이 한 일',
  },
  course: {
    open: '강의용으로…',
    title: '강의에 쓸 연습 문제',
    intro: '모든 문제는 엔진이 만들고 검사합니다. 같은 선택은 언제나 같은 파일을 만들므로, 동료도 시드만 있으면 같은 파일을 다시 만들 수 있습니다.',
    format: '파일',
    formats: {
      'moodle-xml': 'Moodle XML 문제 은행',
      gift: 'GIFT 문제 은행 (텍스트)',
      scorm: 'SCORM 1.2 패키지: 채점되고, 무대에 실행이 보임',
    },
    formatNotes: {
      'moodle-xml': 'Moodle에서: 문제 은행 → 가져오기 → Moodle XML 형식. 그다음 퀴즈에 문제를 넣습니다.',
      gift: 'Moodle에서: 문제 은행 → 가져오기 → GIFT 형식. GIFT를 읽는 다른 도구도 받습니다.',
      scorm:
        'Moodle에서: 활동 추가 → SCORM 패키지 → zip 업로드. 점수는 성적부에 들어갑니다. Canvas에서는 학교가 SCORM을 켜 둔 곳에 올립니다. LMS 없이 열면 연습으로 열립니다.',
    },
    language: '언어',
    count: '문제 수',
    countPerPart: '부분마다 문제 수',
    seed: '시드',
    kinds: '문제 종류',
    lessons: '레슨',
    allLessons: '모든 레슨, 그리고 시드가 만드는 연결',
    mastery: '통과 점수 (%)',
    masteryNone: '비워 두면 통과/실패 없이 끝내면 "완료"',
    perLesson: '레슨마다 부분 하나씩 (SCORM 활동 하나; Moodle은 채점 방법에 따라 부분들의 최고점, 평균 또는 합으로 채점)',
    perLearner: '학습자마다 다른 문제',
    download: '내려받기',
    making: '파일을 만드는 중…',
    made: (name, questions, asked, parts, kb) =>
      `${name}: ${parts > 1 ? `${parts}개 부분, 부분마다 최대 ${asked}문제` : `${questions}문제`}${
        questions < asked ? ` (고른 종류와 레슨에는 ${parts > 1 ? '가장 작은 부분에 ' : ''}${questions}문제뿐입니다)` : ''
      }, ${kb} KB. 다운로드 폴더에 저장했습니다.`,
    badSeed: '시드는 0부터 4294967295까지의 정수입니다.',
    failed: (why) => `여기서는 패키지를 만들 수 없습니다: ${why}. 명령줄로도 만들 수 있습니다: npm run exercises -- --format scorm.`,
    noKind: '문제 종류를 하나 이상 고르세요.',
    noLesson: '레슨을 하나 이상 고르세요.',
    close: '닫기',
    packageTitle: (seed) => `핸드셰이크 랩: TCP 연습 (시드 ${seed})`,
  },
  rfc: (section, title) => `RFC 9293 ${section}절 (${title})`,
  sysctl: (name) => `리눅스의 ${name}`,
};
