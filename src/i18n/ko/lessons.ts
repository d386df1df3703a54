/** The lessons' own words in Korean: each lesson's title, what it says at the moments it narrates, and its takeaway. */
import type { OneConnectionLessonTexts } from '../strings';

export const lessons: OneConnectionLessonTexts = {
  'three-way-handshake': {
    title: '3-way 핸드셰이크',
    moments: {
      'client:SYN-SENT': '클라이언트가 자신의 초기 순서 번호를 정해 SYN에 실어 보냅니다.',
      'server:SYN-RECEIVED': '세그먼트 하나가 두 가지 일을 합니다. SYN+ACK는 클라이언트의 번호를 확인하고 서버 자신의 번호를 함께 보냅니다.',
      'client:ESTABLISHED': '클라이언트는 자기 SYN을 확인받았습니다. 자기 ACK가 도착하기 전에도 이미 데이터를 보낼 수 있습니다.',
      'server:ESTABLISHED': '마지막 ACK로 서버도 자기 SYN이 전달되었음을 압니다. 이제 양쪽이 두 번호에 합의했습니다.',
    },
    takeaway: '세그먼트가 셋인 까닭은 양쪽 모두 자기 SYN을 보내고 확인받아야 하기 때문입니다. 가운데 세그먼트가 두 일을 한꺼번에 합니다.',
  },
  'four-way-close': {
    title: '4-way 종료: 클라이언트가 먼저',
    moments: {
      'client:FIN-WAIT-1': 'close()가 FIN을 보냅니다. "더 보낼 것이 없다"는 뜻이며, 받는 것은 아직 가능합니다.',
      'server:CLOSE-WAIT': '서버는 FIN을 받아(ACK는 잠시 뒤에 나갑니다) 애플리케이션에 상대가 끝났음을 알립니다. 이제 공은 애플리케이션에 넘어갔습니다.',
      'client:FIN-WAIT-2': '반쯤 닫혔습니다. 클라이언트의 FIN은 확인되었고, 이제 서버가 끝내기를 기다립니다.',
      'server:LAST-ACK': '서버 애플리케이션이 close()를 불러 두 번째 FIN이 나갑니다.',
      'client:TIME-WAIT': '클라이언트는 마지막 FIN에 ACK를 보내고, 그 ACK가 유실될 경우에 대비해 잠시 남습니다.',
    },
    takeaway:
      '종료에 세그먼트가 넷 필요한 것은 두 방향을 따로따로 닫기 때문입니다. 그 뒤 TIME_WAIT가 잠시 남아, 마지막 ACK가 유실되어도 다시 보낼 수 있게 합니다.',
  },
  'server-closes-first': {
    title: '4-way 종료: 서버가 먼저',
    moments: {
      'server:FIN-WAIT-1': '이번에는 서버가 먼저 닫으므로 서버가 FIN_WAIT 경로를 걷습니다.',
      'client:CLOSE-WAIT': '이제 자기 애플리케이션을 기다리는 쪽은 클라이언트입니다.',
      'server:TIME-WAIT': '그리고 TIME_WAIT 소켓을 떠안는 쪽은 서버입니다.',
    },
    takeaway: 'TIME_WAIT는 먼저 닫은 쪽의 몫입니다. 먼저 닫는 바쁜 서버는 TIME_WAIT 소켓을 스스로 쌓게 됩니다.',
  },
  'close-wait-hang': {
    title: '끝나지 않는 CLOSE_WAIT',
    moments: {
      'server:CLOSE-WAIT': 'FIN이 도착했고 커널은 할 일을 다 했습니다. 이제 서버를 움직일 수 있는 것은 애플리케이션뿐인데, 끝내 움직이지 않습니다.',
      'client:FIN-WAIT-2': '클라이언트의 FIN이 확인되었으니 네트워크는 멀쩡합니다. 뒤따르는 침묵은 서버 애플리케이션 탓입니다.',
      'client:CLOSED': '클라이언트는 기다리기를 그만둡니다(FIN_WAIT_2 시간 제한). 서버는 결코 그만두지 않습니다.',
    },
    takeaway:
      'CLOSE_WAIT는 언제나 애플리케이션의 문제이지 네트워크의 문제가 아닙니다. 클라이언트 쪽은 FIN_WAIT_2 시간 제한으로 정리되지만, 서버는 프로세스가 고치거나 끝날 때까지 소켓을 붙들고 있습니다.',
  },
  'fin-wait-1-timeout': {
    title: '답이 없는 FIN_WAIT_1',
    moments: {
      'client:FIN-WAIT-1': 'FIN이 허공으로 사라집니다. 재전송을 지켜보세요. 기다리는 시간이 매번 두 배로 늘다가 상한(여기서는 8초)에서 멈춥니다.',
      'client:CLOSED': '재시도가 바닥났습니다. 커널이 스스로 소켓을 버립니다. 끝내 아무것도 확인받지 못했습니다.',
    },
    takeaway:
      'FIN_WAIT_1은 스스로 끝납니다. 마지막 재시도 뒤 커널이 소켓을 버립니다. 리눅스에서는 몇 분이 걸려(tcp_orphan_retries) 그동안 여럿이 쌓일 수 있습니다.',
  },
  'fin-wait-2-timeout': {
    title: 'FIN이 오지 않는 FIN_WAIT_2',
    moments: {
      'client:FIN-WAIT-1#1': 'close(): 클라이언트가 FIN을 보내고 소켓을 놓아 버립니다. 서버는 끝내 자기 FIN으로 답하지 않을 것입니다.',
      'client:FIN-WAIT-2':
        'FIN은 확인되었는데 돌아오는 FIN이 없습니다. 클라이언트가 영원히 기다릴지는 한 가지에 달렸습니다. 애플리케이션이 소켓을 닫았는지, 아니면 보내기만 멈췄는지.',
      'client:CLOSED': '닫힌 소켓은 tcp_fin_timeout 뒤 포기했습니다. 다음은 shutdown() 뒤의 같은 이야기입니다.',
      'server:CLOSED': '두 번째 시도를 위한 정리: 서버 애플리케이션이 남아 있던 연결을 강제로 끊고(RST) 다시 대기합니다.',
      'client:FIN-WAIT-1#2': 'shutdown()도 같은 FIN을 보내지만, 애플리케이션은 소켓을 계속 쥐고 있습니다.',
    },
    takeaway: 'FIN_WAIT_2 시간 제한(리눅스 tcp_fin_timeout)은 아무도 쥐고 있지 않은 소켓에만 적용됩니다. 반만 닫은 소켓은 여전히 애플리케이션이 닫아야 합니다.',
  },
  'time-wait': {
    title: 'TIME_WAIT가 기다리는 까닭',
    moments: {
      'client:TIME-WAIT': '클라이언트가 FIN에 답하고 기다립니다. 그 ACK는 곧 유실됩니다.',
      'server:CLOSED': '다시 온 FIN에 TIME_WAIT가 답했기에, 서버는 RST를 만나지 않고 깔끔하게 닫힙니다.',
    },
    takeaway: 'TIME_WAIT가 없다면 다시 온 FIN은 닫힌 포트에 닿아 RST를 받습니다. 서버는 기다리던 ACK 대신 재설정으로, 깔끔하게 끝난 연결을 마치게 됩니다.',
  },
  'simultaneous-open': {
    title: '동시 열기',
    takeaway: '실제로는 드물지만 RFC 9293이 허용하는 경로입니다. 세그먼트는 넷이고, 어느 쪽도 LISTEN하지 않았습니다.',
  },
  'simultaneous-close': {
    title: '동시 닫기',
    moments: {
      'client:CLOSING': '자기 FIN의 ACK를 기다리는 중에 상대의 FIN이 도착했습니다. CLOSING입니다.',
      'client:TIME-WAIT': '두 FIN이 모두 확인되었고, 양쪽 모두 TIME_WAIT에 머뭅니다.',
    },
    takeaway: 'CLOSING은 FIN이 엇갈렸을 때의 상태이며, 양쪽이 모두 TIME_WAIT에 이르는 유일한 길입니다.',
  },
  'connection-refused': {
    title: '연결 거부',
    moments: {
      'client:CLOSED': 'RST+ACK는 "여기 아무도 없다"는 답입니다. connect()는 곧바로 연결 거부로 실패합니다.',
    },
    takeaway: '거부는 빠릅니다. 한 번 오가면 끝납니다. 반면 조용히 버려지면(방화벽) 클라이언트는 시간 초과까지 SYN을 다시 보냅니다.',
  },
  'syn-lost': {
    title: '유실된 SYN',
    moments: {
      'server:SYN-RECEIVED': '다시 보낸 SYN이 도착했습니다. 여기서부터는 평범한 핸드셰이크이고, 조금 늦었을 뿐입니다.',
    },
    takeaway:
      '재시도마다 더 오래 기다립니다(지수 백오프). 리눅스는 1초에서 시작하며, 리눅스 6.5부터는 SYN의 처음 몇 번 재시도를 1초 간격으로 유지한 뒤(net.ipv4.tcp_syn_linear_timeouts, 기본값 4) 두 배씩 늘립니다.',
  },
  'abort-rst': {
    title: 'abort(): RST로 끊기',
    moments: {
      'client:CLOSED': 'abort()는 RST 하나를 보내고 연결을 잊습니다. FIN도 TIME_WAIT도 없습니다.',
      'server:CLOSED': 'RST가 도착하고, 서버 애플리케이션은 "연결 재설정" 오류를 받습니다.',
    },
    takeaway: 'RST는 종료 절차 전체를 건너뛰고, 전송 중인 데이터도 버립니다. 그래서 정상 종료가 아니라 오류 처리에 씁니다.',
  },
  'tcp-promises': {
    title: '데이터로 보는 TCP의 약속',
    takeaway: '순서대로, 빠짐없이, 그리고 메시지 경계 없는 바이트 흐름으로 전달됩니다. 두 번 쓴 것이 한 번에 읽힐 수도 있습니다.',
  },
  'zero-window': {
    title: '읽지 않는 수신자 (제로 윈도)',
    moments: {
      'server:ESTABLISHED':
        '연결되었습니다. 서버 애플리케이션은 read()를 부를 때만 읽습니다. 도착한 바이트는 2,000바이트 수신 버퍼에서 기다리고, ACK마다 win=이 남은 자리를 알려 줍니다. 0이 되는 순간을 지켜보세요.',
    },
    takeaway:
      '흐름 제어: 읽지 않는 수신자는 윈도를 0까지 줄이고, 송신자는 밀어붙이는 대신 멈춥니다. 송신자는 간격을 늘려 가며 윈도 탐침으로 계속 묻고, 애플리케이션이 읽는 순간 윈도가 열려 바이트가 다시 흐릅니다. 잃는 것은 없고 늦어질 뿐입니다.',
  },
};
