/** The words that explain a moment of a run, in Korean: the app's explanation and narration, and an embedded run's narration, say them. */
import type { ExplainWords } from '../explainStrings';

/** A wait in seconds, as the text says it. */
const secs = (ms: number): string => `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)}초`;

/** Why a segment is answered with a bare ACK (said inside the sentence of its ACK). */
const UNACCEPTABLE: ExplainWords['unacceptable'] = {
  'out-of-window': '순서 번호가 수신 윈도 밖에 있습니다. 중복이거나 오래된 세그먼트, 또는 바로 이 응답을 받으려고 일부러 그 자리로 보낸 윈도 탐침입니다',
  syn: '열린 연결에 온 SYN입니다. 위조된 SYN이 연결을 끊지 못하도록 챌린지 ACK로 답합니다',
  'rst-inexact': '윈도 안에 있지만 다음에 기다리는 바이트와 정확히 맞지 않는 RST입니다. 위조된 RST가 통하지 않도록 챌린지 ACK로 답합니다',
  'acks-unsent': '보낸 적 없는 바이트를 확인하고 있습니다',
};

export const explain: ExplainWords = {
  nothingYet: '아직 아무 일도 없습니다. 서버에서 listen(), 클라이언트에서 connect()를 눌러 시작하세요.',
  stateMeaning: {
    CLOSED: '연결이 없고, 남겨 둔 것도 없습니다.',
    LISTEN: '어느 클라이언트에서든 SYN이 오기를 기다립니다.',
    'SYN-SENT': 'SYN을 보냈고, 그에 답하는 SYN+ACK를 기다립니다.',
    'SYN-RECEIVED': '상대의 SYN을 받고 SYN+ACK로 답했습니다. 자기 SYN이 확인되기를 기다립니다.',
    ESTABLISHED: '두 순서 번호를 모두 알고 자기 SYN도 확인받았으므로, 이제 데이터를 보낼 수 있습니다.',
    'FIN-WAIT-1': 'FIN을 보냈고, 그 FIN에 대한 확인(ACK)을 기다립니다.',
    'FIN-WAIT-2': '보낸 FIN은 확인받았습니다. 이제 상대의 FIN을 기다립니다.',
    'CLOSE-WAIT': '상대는 보내기를 마쳤습니다. 자기 애플리케이션이 close()를 호출하기를 기다립니다.',
    CLOSING: '양쪽 FIN이 전송 중에 엇갈렸습니다. 자기 FIN에 대한 ACK를 기다립니다.',
    'LAST-ACK': '상대의 FIN에 이어 자기 FIN도 보냈습니다. 마지막 ACK를 기다립니다.',
    'TIME-WAIT':
      '연결은 끝났지만 2 MSL 동안 남아 있습니다. 마지막 ACK가 유실되면 다시 보내기 위해서이고, 같은 주소와 포트가 다시 쓰이기 전에 이 연결의 오래된 중복 세그먼트가 네트워크에서 사라지게 하기 위해서입니다.',
  },
  causeCall: (who, call) => `${who}의 애플리케이션이 ${call}() 함수를 호출했습니다.`,
  causeSegment: (who, flags) => `${who}에 ${flags} 세그먼트가 도착했습니다.`,
  causeTimer: {
    retransmit: (who) => `${who}는 허용된 만큼 세그먼트를 다시 보냈지만 ACK가 오지 않았습니다. 포기합니다.`,
    'delayed-ack': (who) => `${who}의 지연 ACK 타이머가 울렸습니다.`,
    'time-wait': (who) => `${who}의 TIME-WAIT 2 MSL 대기가 끝났습니다.`,
    'fin-wait-2': (who) => `${who}는 리눅스의 tcp_fin_timeout이 허용하는 만큼 FIN-WAIT-2에서 기다렸지만 FIN이 오지 않았습니다.`,
    persist: (who) => `${who}는 상대의 닫힌 윈도를 여러 번 물었지만 어떤 ACK도 답하지 않았습니다. 포기합니다.`,
  },
  entered: (who, state) => `${who}는 이제 ${state} 상태입니다.`,
  endpointName: { client: '클라이언트', server: '서버' },
  timerNames: { retransmit: '재전송', 'delayed-ack': '지연 ACK', 'time-wait': 'TIME-WAIT', 'fin-wait-2': 'FIN-WAIT-2 시간 제한', persist: '윈도 탐침' },
  refusals: {
    'the application has already closed this socket': '애플리케이션이 이미 이 소켓을 닫았습니다',
    'connection already exists': '연결이 이미 있습니다 (connection already exists)',
    'connection does not exist': '연결이 없습니다 (connection does not exist)',
    'connection not yet established': '연결이 아직 맺어지지 않았습니다 (connection not yet established)',
    'connection closing': '연결을 닫는 중입니다 (connection closing)',
    'the application never calls close()': '이 애플리케이션은 close()를 호출하지 않습니다',
  },
  sendQueued: '상대의 윈도가 닫혀 있어, 바이트는 윈도가 열릴 때까지 송신 큐에서 기다립니다.',
  directionNames: { 'client->server': '클라이언트 → 서버', 'server->client': '서버 → 클라이언트' },
  sendWhy: {
    syn: (who, flags) => `${who} 애플리케이션이 connect()를 불렀습니다. ${who}는 초기 순서 번호를 정해 ${flags} 세그먼트에 실어 보냅니다.`,
    'syn-ack': (who, flags) =>
      `대기 중인 ${who}에 SYN이 도착했습니다. 클라이언트의 번호를 기억하고, 그것을 확인하면서 자기 번호를 함께 실은 ${flags} 세그먼트로 답합니다.`,
    'syn-ack-crossed': (who, flags) =>
      `${who}가 자기 SYN을 이미 보낸 뒤에 상대의 SYN이 도착했습니다. 이미 보낸 SYN에 대해 ${flags} 세그먼트로 답합니다(동시 열기).`,
    'syn-ack-again': (who, flags) => `상대의 SYN이 다시 왔습니다. ${who}의 SYN+ACK가 유실된 것이므로 ${flags} 세그먼트를 다시 보냅니다.`,
    'handshake-ack': (who, flags) => `${who}가 SYN+ACK를 받았습니다. 자기 SYN이 확인되었고, ${flags} 세그먼트로 상대의 SYN도 잘 받았다고 알립니다.`,
    data: (who, flags) => `${who} 애플리케이션이 send()를 불렀습니다. 바이트가 ${flags} 세그먼트에 실려 나가고, 유실에 대비해 재전송 타이머가 시작됩니다.`,
    'data-window': (who, flags) =>
      `상대의 윈도에 자리가 생겼습니다. ${who}의 송신 큐에서 기다리던 바이트가 이제 ${flags} 세그먼트로 나갑니다. 애플리케이션은 앞서 썼고, 언제 나갈지는 윈도가 정합니다.`,
    fin: (who, flags) => `${who} 애플리케이션은 더 보낼 것이 없습니다. ${flags} 세그먼트가 그 뜻을 전합니다.`,
    'ack-data': (who, flags, why) =>
      why.filled
        ? `빠진 바이트가 도착해 빈자리를 채웠습니다. 따로 보관하던 바이트와 함께 ${why.delivered}바이트가 한꺼번에, 순서대로 ${who} 애플리케이션에 전달됩니다. TCP는 바이트의 흐름을 전할 뿐, 몇 번에 나눠 보냈는지는 전하지 않습니다. ${flags} 세그먼트가 전부를 확인합니다.`
        : why.buffered
          ? `${who}가 ${why.delivered}바이트를 순서대로 받았습니다. 애플리케이션이 read()를 부를 때만 읽으므로 바이트는 수신 버퍼에서 기다리고, ${flags} 세그먼트는 남은 자리만큼만 알립니다: ${why.window === 0 ? '윈도 0. 버퍼가 가득 차서 상대는 보내기를 멈춰야 합니다.' : `윈도 ${why.window}바이트.`}`
          : `${who}가 ${why.delivered}바이트를 순서대로 받아 애플리케이션에 넘기고, 곧바로 ${flags} 세그먼트로 확인합니다.`,
    'ack-gap': (who, flags) =>
      `바이트가 빈자리보다 앞서 도착했습니다. ${who}는 그것을 따로 보관하고, 아직 오지 않은 첫 바이트를 가리키는 ${flags} 세그먼트를 다시 보냅니다(중복 ACK).`,
    'ack-fin': (who, flags) => `${who}가 상대의 FIN을 받고 ${flags} 세그먼트로 확인합니다.`,
    'ack-delayed': (who, flags) =>
      `${who}는 응답에 얹어 보내려고 ACK를 잠시 미뤄 두었습니다. 지연 ACK 타이머가 울릴 때까지 보낼 응답이 없어서 ${flags}만 따로 보냅니다.`,
    'ack-fin-again': (who, flags) =>
      `상대의 FIN이 다시 왔습니다. ${who}의 마지막 ACK가 유실된 것입니다. TIME-WAIT가 기다린 것이 바로 이 경우입니다. ${flags} 세그먼트를 다시 보내고 2 MSL 대기를 처음부터 다시 시작합니다.`,
    'ack-unacceptable': (who, flags, why) =>
      `${who}는 그 세그먼트를 그대로 받을 수 없습니다(${UNACCEPTABLE[why.reason]}). 자기가 실제로 어디까지 받았는지 알리는 ${flags} 세그먼트로 답하고 세그먼트는 버립니다.`,
    'rst-no-connection': (who, flags) => `${who}에는 그 세그먼트를 받을 연결이 없습니다. ${flags} 세그먼트로 답합니다.`,
    'rst-unacceptable-ack': (who, flags) => `그 ACK 번호는 ${who}의 SYN 바로 다음 번호가 아닙니다. ${flags}로 답하고 계속 기다립니다.`,
    'rst-data-after-close': (who, flags) =>
      `애플리케이션이 이미 닫은 소켓에 새 바이트가 도착했습니다. 아무도 읽지 않을 데이터이므로 ${who}는 ${flags} 세그먼트로 연결을 재설정합니다.`,
    'rst-abort': (who, flags) =>
      `${who} 애플리케이션이 연결을 강제로 끊었습니다(코드로는 SO_LINGER 시간을 0으로 두고 close()). ${flags} 하나로 곧바로 끝나며, FIN도 TIME-WAIT도 없습니다.`,
    retransmit: (who, flags, why) =>
      `세그먼트가 확인되지 않은 채 ${who}의 재전송 타이머가 울렸습니다. ${flags} 세그먼트를 다시 보냅니다(재시도 ${why.limit}번 중 ${why.attempt}번째). ` +
      (why.attempt >= why.limit
        ? `마지막 재시도였습니다. ${secs(why.nextWaitMs)} 안에 ACK가 오지 않으면 포기합니다.`
        : `ACK가 오지 않으면 다음 재시도까지 ${secs(why.nextWaitMs)} 기다립니다.`),
    probe: (who, flags, why) =>
      `한동안 아무것도 확인되지 않았습니다. ${who}는 가장 최근 세그먼트(${flags})를 한 번 더 보냅니다. 재시도로 세지 않는 꼬리 유실 탐침(tail-loss probe)입니다. 다음 대기: ${secs(why.nextWaitMs)}.`,
    'window-probe': (who, flags, why) =>
      `상대의 윈도가 닫혀(0바이트) 있는데 ${who}에게는 보낼 바이트가 남아 있습니다. 지속 타이머(persist timer)가 울려, 상대가 이미 받은 바이트 번호로 ${flags}를 보냅니다. 상대는 자기 윈도를 담아 답해야 합니다. ${why.attempt}번째 탐침이며, 그사이 윈도가 열리지 않으면 다음 탐침은 ${secs(why.nextWaitMs)} 뒤입니다.`,
    'window-update': (who, flags, why) =>
      `${who}의 애플리케이션이 데이터를 읽어 수신 버퍼에 자리가 생겼습니다. ${flags}로 ${why.window}바이트 윈도를 바로 알려, 상대가 다시 보낼 수 있게 합니다.`,
  },
  unacceptable: UNACCEPTABLE,
  ignoreWhy: {
    'rst-out-of-window': (who, flags) => `${who}는 수신 윈도 밖의 ${flags} 세그먼트를 받았고, 위조되었을 수 있으므로 무시합니다.`,
    'rst-in-listen': (who, flags) => `${who}는 대기만 하고 있어서 ${flags} 세그먼트가 재설정할 연결이 없습니다. 무시합니다.`,
    'rst-unacked': (who, flags) => `${who}가 받은 ${flags} 세그먼트는 자기 SYN을 확인하지 않으므로 무시합니다.`,
    'no-ack': (who, flags) => `${who}는 열린 연결에서 ACK 비트가 없는 ${flags} 세그먼트를 받아 버립니다.`,
    'time-wait': (who, flags) => `${who}는 TIME-WAIT 상태입니다. ${flags} 세그먼트는 아무것도 바꾸지 않고, 계속 기다립니다.`,
    'rate-limited': (who, flags) =>
      `${who}는 ${flags} 세그먼트도 받을 수 없지만, 방금 이런 세그먼트에 답했습니다. 이번 것은 조용히 버립니다(tcp_invalid_ratelimit마다 한 번만 답합니다). 그래서 서로 어긋난 두 쪽이 끝없이 답을 주고받지 못합니다.`,
    'rst-closed': (who, flags) => `${who}에는 이제 연결이 없습니다. ${flags} 세그먼트는 재설정할 것을 찾지 못하고 버려집니다.`,
  },
  lostOnWire: (from, flags) => `${from}가 보낸 ${flags} 세그먼트가 네트워크에서 유실되었습니다. 아무도 알려 주지 않으며, 타이머만이 알아챕니다.`,
  lostAtOnce: (flags) => `그 ${flags} 세그먼트는 네트워크에서 유실됩니다. 타이머만이 알아챕니다.`,
  networkDone: {
    'drop-next': (dir) => `네트워크가 ${dir} 방향의 다음 세그먼트를 유실시킵니다.`,
    'delay-next': (dir, ms) => `네트워크가 ${dir} 방향의 다음 세그먼트를 ${secs(ms)} 붙잡아 둡니다. 뒤에 보낸 세그먼트가 앞지를 수 있습니다.`,
    block: (dir) => `${dir} 방향의 선이 끊겼습니다. 복구될 때까지 그쪽으로 보낸 것은 모두 유실됩니다.`,
    unblock: (dir) => `${dir} 방향의 선이 다시 이어졌습니다.`,
  },
  manualDone: (on) => (on ? '이제 여러분이 네트워크입니다. 세그먼트마다 중간에서 멈춰 전달이나 유실을 기다립니다.' : '네트워크가 다시 스스로 전달합니다.'),
  segmentDone: (kind, id) => (kind === 'deliver' ? `세그먼트 ${id}가 다시 길을 갑니다.` : `세그먼트 ${id}가 그 자리에서 유실됩니다.`),
  arrivedOnly: (who, flags) => `${who}가 ${flags} 세그먼트를 받아 확인된 만큼을 반영합니다. 상태는 바뀌지 않습니다.`,
  arrivedWindowClosed: (who, flags) =>
    `${who}가 윈도 0이 담긴 ${flags} 세그먼트를 받았습니다. 상대에게 자리가 없으니 ${who}는 보내기를 멈춥니다. 남은 바이트는 송신 큐에서 기다리고, 지속 타이머가 나중에 윈도를 다시 물어봅니다.`,
  readOnly: (who, bytes) => `${who} 애플리케이션이 ${bytes}바이트를 읽었습니다.`,
  refusedCall: (who, call, reason) => `${who} 애플리케이션이 ${call}()을 불렀지만 거부되었습니다: ${reason}.`,
  happened: {
    changed: (who, from, to) => `${who}가 ${from}에서 ${to} 상태로 넘어갑니다.`,
    sent: (who, flags) => `${who}가 ${flags} 세그먼트를 보냅니다.`,
    received: (who, flags) => `${flags} 세그먼트가 ${who}에 닿습니다.`,
    lost: (who, flags) => `${who}가 보낸 ${flags} 세그먼트가 선 위에서 사라집니다.`,
    called: (who, call, refused) => (refused ? `${who} 애플리케이션이 ${call}()을 부르지만 거부됩니다.` : `${who} 애플리케이션이 ${call}()을 부릅니다.`),
    read: (who, bytes) => `${who} 애플리케이션이 ${bytes}바이트를 가져갑니다.`,
    network: (direction, action) => `${direction} 방향 선: ${action}.`,
  },
};
