/** 쌓임 수업의 한국어 문구 (../pileupStrings.ts 참고). */
import type { PileupStrings } from '../pileupStrings';

export const pileup: PileupStrings = {
  sockets: '개 소켓',
  rate: '초당 새 연결 수',
  twReuse: 'tcp_tw_reuse (1초 지난 TIME-WAIT 포트 재사용)',
  maxTwBuckets: 'tcp_max_tw_buckets',
  fdLimit: '서버의 열린 파일 수 제한 (ulimit -n)',
  portsInUse: '사용 중인 로컬 포트',
  counts: '상태별 소켓 수',
  invalid: (min, max, using) => `${min}에서 ${max} 사이의 정수를 입력하세요. 그동안은 고치기 전의 값 ${using} 그대로 씁니다.`,
  fieldNote: (shown, total, newest) =>
    newest
      ? `칸 하나가 소켓 하나입니다. 지금까지의 시도 ${total}개 중 가장 최근 ${shown}개입니다(그 전의 것은 이미 끝났습니다).`
      : `칸 하나가 소켓 하나입니다. 지금까지의 시도 ${total}개 중 처음 ${shown}개입니다(CLOSE-WAIT에 남는 것은 처음 것들입니다).`,
  notYet: '아직 시도하지 않음',
  retriesMean: (retries, secs, zero) => (zero ? `0은 재시도 ${retries}번, 약 ${secs}초` : `재시도 ${retries}번, 약 ${secs}초`),
  everyAttempt: '지금까지의 모든 시도',
  attempts: (rate, secs) => `= 초당 ${rate} × ${secs}초`,
  endings: {
    'time-wait': { closed: '닫히고 포트 반환됨', failed: '실패: connect()가 빈 포트를 못 찾음' },
    'close-wait': { failed: '실패: SYN-SENT에서 connect()가 포기함' },
    orphans: {
      'timed-out': '재시도를 다 쓰고 포기, 해제됨',
      'fin-timeout': 'FIN-WAIT-2 시간 초과, 해제됨',
      'reset-orphans': '리셋: 고아 소켓이 너무 많음',
      'reset-memory': '리셋: 소켓 메모리 부족',
      'tw-overflow': '곧바로 해제됨: TIME-WAIT 표가 가득 참',
    },
  },
  onClients: '클라이언트 쪽',
  panels: {
    timeWaitPorts: '붙들린 로컬 포트 (클라이언트)',
    timeWait: 'TIME-WAIT 소켓',
    closeWait: 'CLOSE-WAIT 소켓 (서버)',
    synSent: (secs) => `SYN-SENT에서 기다리는 클라이언트 (각자 ${secs}초 뒤 포기)`,
    failed: '실패한 연결 시도 (누적)',
    orphans: 'FIN-WAIT-1 고아 소켓 (서버)',
    pages: 'tcp_mem에 청구된 소켓 버퍼 페이지 (서버 커널)',
    resets: '커널이 리셋한 고아 소켓 (누적)',
  },
  above: (label) => `${label} (그림 위쪽 밖)`,
  limits: {
    ports: (n) => `임시 포트 ${n}개`,
    twBuckets: (n) => `tcp_max_tw_buckets ${n}`,
    fds: (fds, backlog) => `ulimit -n ${fds} + listen 백로그 ${backlog}`,
    maxOrphans: (n) => `tcp_max_orphans ${n}`,
    tcpMem: (mark, pages) => `${mark} ${pages}`,
  },
  memory: {
    timeWait: (mib, maxMib, buckets) =>
      `클라이언트 커널의 소켓 메모리(slab): ${mib} MiB. 버퍼만 세는 tcp_mem에는 청구되지 않습니다. 이 양을 묶는 한도는 tcp_max_tw_buckets(${buckets})이며, TIME-WAIT 소켓은 많아야 ${maxMib} MiB입니다.`,
    closeWait: (mib, maxMib, limit) =>
      `서버 커널의 소켓 메모리(slab): ${mib} MiB. 허용되는 최대치는 ${maxMib} MiB입니다(한도: ${limit}). 보낼 데이터가 없는 소켓이라 tcp_mem에는 청구되지 않습니다. 이들을 멈추는 한도는 프로세스의 파일 디스크립터입니다.`,
    orphanBuffers: (pages, mib, maxPages, maxMib) =>
      `서버 커널의 소켓 버퍼, tcp_mem에 청구된 양: ${pages}페이지(${mib} MiB). 최대치는 ${maxPages}페이지(${maxMib} MiB)입니다.`,
    orphanSlab: (mib) => `그 밖에 소켓 구조체 자체(slab, tcp_mem에 세지 않음): ${mib} MiB.`,
    pressure: (secs) => `${secs}초부터 tcp_mem의 압박 기준을 넘었습니다. 커널이 모든 TCP 소켓의 버퍼를 줄입니다.`,
  },
  perSocket:
    '소켓 하나당: 일반 TCP 소켓 2,368바이트, TIME-WAIT나 고아 FIN-WAIT-2 소켓 256바이트 (리눅스 6.18 /proc/slabinfo의 슬랩 크기). FIN-WAIT-1 고아 소켓은 확인받지 못한 데이터도 쥐고 있으며, 데이터 64 KiB마다 sk_buff 약 1 KiB가 더해져 4 KiB 페이지 단위로 청구됩니다.',
  machine: '서버 메모리',
  gib: (n) => `${n} GiB`,
  closesPerSecond: '초당 사라지는 클라이언트',
  unackedKiB: '소켓마다 확인받지 못한 데이터 (KiB)',
  finWait2Percent: 'FIN에 먼저 ACK한 클라이언트 (%)',
  orphanRetries: 'tcp_orphan_retries',
  finTimeout: 'tcp_fin_timeout (초)',
  maxOrphans: 'tcp_max_orphans',
  sysctlsTitle: (gib) => `${gib} GiB 머신에서 리눅스의 기본값 (net.ipv4.*)`,
  sysctls: {
    maxOrphans: (n, buckets) => `tcp_max_orphans = ${n}: tcp_init이 연결 해시 테이블에 주는 버킷 ${buckets}개(메모리 128 KiB마다 하나)의 절반입니다.`,
    orphanRetries: (n, secs) =>
      `tcp_orphan_retries = ${n}: 0은 재전송 8번으로 읽힙니다. RTO 200 ms에서 두 배씩 늘어나므로 고아 소켓은 ${secs}초 뒤에 포기합니다.`,
    finTimeout: (n) => `tcp_fin_timeout = ${n}: 고아 소켓이 오지 않을 FIN을 FIN-WAIT-2에서 기다리는 초. 이때는 작은 timewait 소켓으로 남습니다.`,
    tcpMem: (min, pressure, max, mib) =>
      `tcp_mem = ${min} ${pressure} ${max} 페이지: tcp_init_mem은 부팅 때 비어 있던 페이지(여기서는 RAM의 약 95%)의 1/16을 압박 기준으로, 그 3/4를 min으로, min의 두 배를 max(${mib} MiB)로 잡습니다.`,
    maxTwBuckets: (n) => `tcp_max_tw_buckets = ${n}: 이를 넘으면 닫히는 소켓은 TIME-WAIT도 FIN-WAIT-2도 남기지 않습니다.`,
  },
  dmesg: '커널 로그 (dmesg)',
  dmesgEmpty: '(아직 없음)',
  suppressed: (n) => `net_ratelimit: ${n} callbacks suppressed`,
  counters: (onMemory, onTimeout) => `nstat: TcpExtTCPAbortOnMemory ${onMemory}, TcpExtTCPAbortOnTimeout ${onTimeout}`,
  short: {
    rate: '초당 새 연결',
    closesPerSecond: '초당 사라짐',
    machine: '메모리',
    twReuse: 'tcp_tw_reuse',
    fdLimit: 'ulimit -n',
    unackedKiB: '미확인 KiB',
    finWait2Percent: 'FIN ACK %',
    orphanRetries: 'orphan_retries (0 = 8)',
    finTimeout: 'fin_timeout 초',
    maxOrphans: 'max_orphans',
    endings: {
      'time-wait': { closed: '닫힘, 포트 반환', failed: '실패: 빈 포트 없음' },
      'close-wait': { failed: 'SYN-SENT에서 실패' },
      orphans: {
        'timed-out': '재시도 소진, 해제',
        'fin-timeout': 'FIN-WAIT-2 시간 초과',
        'reset-orphans': '리셋: 고아 소켓 과다',
        'reset-memory': '리셋: 메모리 부족',
        'tw-overflow': '해제: TW 표 가득 참',
      },
    },
    panels: {
      timeWaitPorts: '클라이언트 포트',
      timeWait: 'TIME-WAIT 소켓',
      closeWait: '서버의 CLOSE-WAIT',
      synSent: (secs) => `SYN-SENT 클라이언트 (${secs}초 뒤 포기)`,
      failed: '실패한 연결',
      orphans: '서버의 FIN-WAIT-1 고아',
      pages: 'tcp_mem 페이지 (서버)',
      resets: '리셋된 고아 소켓',
    },
    above: (label) => `${label} (위쪽 밖)`,
    everyAttempt: '모든 시도',
  },
  whatItDid:
    '그때마다 tcp_check_oom이 자리가 없다고 판단했습니다. 커널은 고아 소켓에 RST를 보내고(받을 이는 없습니다) 소켓과 버퍼를 곧바로 해제하며, TCPAbortOnMemory에 셉니다. 소켓을 쥔 프로세스가 없으니 아무에게도 알려지지 않습니다.',
};
