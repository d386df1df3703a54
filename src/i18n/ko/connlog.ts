/** conn.log 보기의 문구(한국어). */
import type { ConnLogStrings, EndFacts } from '../connlogStrings';

const ROLE = { client: '발신 측(클라이언트)', server: '응답 측(서버)' } as const;
const SHORT = { client: '발신 측', server: '응답 측' } as const;

function endWhy({ end, state, peerState, verdict }: EndFacts): string {
  const me = SHORT[end];
  const peer = SHORT[end === 'client' ? 'server' : 'client'];
  switch (state) {
    case 'CLOSE-WAIT':
      return `${peer}의 FIN은 왔지만 ${me}은 FIN을 보내지 않았습니다. 애플리케이션이 소켓을 닫지 않았습니다.`;
    case 'FIN-WAIT-2':
      return `${me}이 닫았고 ${peer}이 그 FIN에 ACK했지만, ${peer}은 자기 FIN을 보내지 않았습니다. ${me}은 FIN-WAIT-2에서 기다립니다(애플리케이션이 닫은 뒤라면 Linux는 tcp_fin_timeout 60초 뒤에 끝냅니다).`;
    case 'FIN-WAIT-1':
      return `${me}이 FIN을 보냈지만 아무도 ACK하지 않았습니다.`;
    case 'TIME-WAIT':
      return `${me}이 먼저 닫고 ${peer}의 FIN에 ACK했습니다. 같은 주소·포트 쌍을 다시 쓰기 전에 TIME-WAIT(Linux에서 60초)를 기다립니다.`;
    case 'LAST-ACK':
      return `${me}이 ${peer}의 FIN에 자기 FIN으로 답했지만, 마지막 ACK는 로그에 없습니다.`;
    case 'CLOSING':
      return `두 FIN이 엇갈렸고, ${me}의 FIN은 ACK를 받지 못했습니다.`;
    case 'SYN-SENT':
      return `${me}의 SYN에 대한 응답이 로그에 없습니다.`;
    case 'SYN-RECEIVED':
      return `${me}이 SYN에 답했지만, 핸드셰이크의 마지막 ACK는 로그에 없습니다.`;
    case 'ESTABLISHED':
      return `로그가 기록될 때 연결은 열려 있었습니다. ${me}은 FIN도 리셋도 보내지 않았습니다.`;
    case 'LISTEN':
      return peerState === 'SYN-SENT'
        ? `로그로 보면 ${me}은 SYN을 받지 못했습니다. 그냥 듣고만 있습니다.`
        : `반쯤 열린 연결이 리셋되어 ${me}의 포트는 다시 듣고 있습니다.`;
    case 'CLOSED':
      if (verdict === 'REJ')
        return end === 'client' ? `SYN이 거부되었습니다. ${peer}이 리셋으로 답했습니다.` : `그 포트에서 듣는 것이 없어 ${me}이 SYN을 리셋으로 거부했습니다.`;
      if (verdict === 'RSTO' || verdict === 'RSTOS0')
        return end === 'client' ? `${me}이 리셋으로 연결을 끊었습니다. 연결은 사라졌습니다.` : `${peer}의 리셋이 와서 ${me}의 연결은 사라졌습니다.`;
      if (verdict === 'RSTR' || verdict === 'RSTRH')
        return end === 'server' ? `${me}이 리셋으로 연결을 끊었습니다. 연결은 사라졌습니다.` : `${peer}의 리셋이 와서 ${me}의 연결은 사라졌습니다.`;
      if (peerState === 'TIME-WAIT') return `${me}은 나중에 닫았고 마지막 ACK를 받았습니다. 연결은 남아 있지 않습니다.`;
      return `${me}의 연결은 남아 있지 않습니다.`;
  }
}

export const connlog: ConnLogStrings = {
  role: ROLE,
  endWhy,
  note: {
    flipped: '^: Zeek가 양 끝을 바꿨습니다(응답 측 패킷을 먼저 봤습니다). 발신 측과 응답 측은 Zeek가 최종적으로 정한 대로입니다.',
    'hidden-ack':
      'Zeek는 순수 ACK를 방향마다 한 번만 기록하므로, FIN에 대한 마지막 ACK는 history에 나타나지 않습니다. 여기서는 보낸 것으로 봅니다. 보내지 않았다면 그쪽은 한 단계 앞 상태입니다(FIN-WAIT-2 대신 FIN-WAIT-1, CLOSED 대신 LAST-ACK).',
    'syn-unanswered': 'SYN에 아무도 답하지 않아 잃어버린 것으로 봅니다. SYN이 응답 측에 닿았고 답이 다른 길로 갔다면 응답 측은 SYN-RECEIVED였습니다.',
    'opening-assumed': 'history에 발신 측의 SYN이 없습니다(Zeek가 연결을 중간부터, 또는 SYN+ACK부터 봤습니다). 연결 수립은 가정했습니다.',
    'one-sided':
      '모든 글자가 한쪽 끝의 것입니다. Zeek는 한 방향만 봤습니다(비대칭 라우팅, 한쪽만 보는 탭). 다른 쪽의 세그먼트는 이쪽이 ACK한 것으로 추정하며, ACK받지 못한 채 보낸 것은 알 수 없습니다.',
    gap: 'g: Zeek가 일부 바이트를 놓쳤습니다(내용 공백). 그 바이트는 전달된 것으로 봅니다.',
    'bad-checksum': 'c: 체크섬이 틀린 패킷이 있었고, 받는 쪽이 버렸습니다.',
    'zero-window': 'w: 받는 쪽이 0 윈도를 알렸습니다. history로는 윈도를 재현하지 않습니다.',
    'odd-flags': 'i 또는 q: 함께 올 수 없는 플래그(SYN과 FIN 또는 RST)를 단 패킷입니다. 빼고 재현합니다.',
    partial: 'x: Zeek가 이 연결의 분석을 멈췄습니다(한도 도달). 그 뒤의 패킷은 history에 없습니다.',
    'unknown-letter': 'history에 Zeek가 정의하지 않은 글자가 있어 뺐습니다.',
    departs:
      '일부 글자는 모델의 양 끝이 그때 보내지 않을 세그먼트를 뜻합니다(Linux가 아닌 호스트, Zeek가 순서가 바뀐 채 본 패킷, 한 번만 기록되는 글자). 상태는 모델이 가장 그럴듯하게 읽은 것입니다.',
    'no-history': '이 행에는 history가 없어 재현할 것이 없습니다.',
  },
  title: 'Zeek conn.log',
  reading: (_rows, shown) => `로그를 읽는 중… 지금까지 ${shown}행`,
  summary: (file, _rows, shown, tcp) => `${file}: ${shown}행, 그중 TCP ${tcp}행`,
  failed: (message) => `이 로그를 읽을 수 없습니다: ${message}`,
  byState: '양 끝이 남은 상태',
  byStateHelp: 'TCP 행마다 history를 모델로 재현해, Zeek가 행을 기록할 때 각 끝이 어떤 상태였는지 센 것입니다.',
  byServer: '서버별',
  byServerHelp: '행이 가장 많은 응답 측(주소와 포트)과, 그 행들이 각 끝을 남긴 상태입니다.',
  piles: '쌓이는 곳',
  noPiles: (states) => `쌓이는 곳 없음: 끝을 기다리는 상태(${states})로 남긴 행이 없습니다.`,
  timeWaitAside: (end, _rows, shown, server, atServer) =>
    `TIME-WAIT는 60초 뒤 저절로 사라지므로 쌓임으로 세지 않습니다: ${end} ${shown}행, 가장 많은 곳은 ${server}(${atServer}행).`,
  pileOf: (end, state) => `${state} 상태인 ${end}`,
  rowsCount: (_n, shown) => `${shown}행`,
  columns: { line: '줄', start: '시작', client: '발신 측', server: '응답 측', history: 'history', verdict: '판정', ends: '끝 상태(발신 / 응답)' },
  rowsShown: (first, last, total) => `전체 ${total}행 중 ${first}–${last}행`,
  explain: '행을 고르면 양 끝이 왜 그 상태인지 문장으로 보여 줍니다.',
  openPackets: '패킷 열기',
  withCapture: (file, connections) => `로그 옆의 ${file}(TCP 연결 ${connections}개): 양 끝이 같은 행은 그 패킷을 열 수 있습니다.`,
  addCapture: '이 로그의 캡처(.pcap) 추가…',
  listedFirst: (n) => `목록에는 처음 ${n}개의 TCP 행만 담습니다. 집계는 모든 행을 셉니다.`,
  noHistory: '(history 없음)',
  mayMiss: (_n, shown) => `한 번에 셀 수 있는 것보다 서버가 많습니다. 서버별 수는 최대 ${shown}행까지 빠질 수 있습니다.`,
  notTcp: (counts) => `TCP가 아님(세기만 하고 재현하지 않음): ${counts}`,
  back: '로그로 돌아가기',
  filterHelp: '이 상태로 끝이 남은 행만 보기',
  filtered: (what, _count, shown) => `${what}: ${shown}행.`,
  historySpelled: 'history를 한 글자씩 풀면(대문자: 발신 측, 소문자: 응답 측):',
  verdictIs: (code) => `Zeek 판정 ${code}:`,
  showAll: '모두 보기',
};
