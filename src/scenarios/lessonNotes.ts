/**
 * What each lesson says before it starts (summary) and once it is over (takeaway), in Korean and
 * English. Kept apart from the catalog because only the app shows them: an embed sits inside a
 * post that already says this in its own words, and its readers should not download it twice.
 */
import type { Words } from './catalog';

export interface LessonNotes {
  readonly summary: Words;
  readonly takeaway: Words;
}

export const LESSON_NOTES: Readonly<Record<string, LessonNotes>> = {
  'three-way-handshake': {
    summary: {
      en: 'The server listens; the client sends SYN; the server answers SYN+ACK; the client acknowledges with ACK. Each side learns where the other starts counting.',
      ko: '서버는 LISTEN 상태로 기다리고, 클라이언트가 SYN을 보내면 서버가 SYN+ACK로 답하고, 클라이언트가 ACK로 확인합니다. 이 과정에서 양쪽은 서로의 순서 번호 출발점을 알게 됩니다.',
    },
    takeaway: {
      en: 'Three segments, because each side must send its own SYN and hear it acknowledged; the middle segment does both jobs at once.',
      ko: '세그먼트가 셋인 까닭은 양쪽 모두 자기 SYN을 보내고 확인받아야 하기 때문입니다. 가운데 세그먼트가 두 일을 한꺼번에 합니다.',
    },
  },
  'four-way-close': {
    summary: {
      en: 'The client closes: FIN, then the server ACKs and sits in CLOSE_WAIT until its own application calls close(), which sends the second FIN.',
      ko: '클라이언트가 먼저 닫습니다. FIN을 받은 서버는 ACK로 답하고, 자기 애플리케이션이 close()를 부를 때까지 CLOSE_WAIT에 머뭅니다. close()가 불리면 두 번째 FIN이 나갑니다.',
    },
    takeaway: {
      en: 'Closing takes four segments because each direction is closed on its own; TIME_WAIT then lingers so a lost last ACK can still be repeated.',
      ko: '종료에 세그먼트가 넷 필요한 것은 두 방향을 따로따로 닫기 때문입니다. 그 뒤 TIME_WAIT가 잠시 남아, 마지막 ACK가 유실되어도 다시 보낼 수 있게 합니다.',
    },
  },
  'server-closes-first': {
    summary: {
      en: 'Nothing makes the client special: whoever closes first goes through FIN_WAIT and ends in TIME_WAIT. Here that is the server.',
      ko: '먼저 닫는 쪽이 FIN_WAIT를 거쳐 TIME_WAIT에 이릅니다. 클라이언트냐 서버냐는 상관없습니다. 이번에는 서버가 먼저 닫습니다.',
    },
    takeaway: {
      en: 'TIME_WAIT belongs to whoever closes first. A busy server that closes first collects TIME_WAIT sockets itself.',
      ko: 'TIME_WAIT는 먼저 닫은 쪽의 몫입니다. 먼저 닫는 바쁜 서버는 TIME_WAIT 소켓을 스스로 쌓게 됩니다.',
    },
  },
  'close-wait-hang': {
    summary: {
      en: "The client closes, but the server's application never calls close(). The server's socket stays in CLOSE_WAIT; TCP itself has no timer to rescue it.",
      ko: '클라이언트는 닫았지만 서버 애플리케이션이 close()를 부르지 않습니다. 서버 소켓은 CLOSE_WAIT에 남고, TCP에는 이를 풀어 줄 타이머가 없습니다.',
    },
    takeaway: {
      en: 'CLOSE_WAIT is always the application’s bug, never the network’s. The client gives up on its side (FIN_WAIT_2 times out); the server keeps the socket until the process fixes it or exits.',
      ko: 'CLOSE_WAIT는 언제나 애플리케이션의 문제이지 네트워크의 문제가 아닙니다. 클라이언트 쪽은 FIN_WAIT_2 시간 제한으로 정리되지만, 서버는 프로세스가 고치거나 끝날 때까지 소켓을 붙들고 있습니다.',
    },
  },
  'close-wait-pileup': {
    summary: {
      en: 'A leaking server serves each client and never calls close(). Every connection ends in CLOSE_WAIT holding a file descriptor; when the process runs out, the kernel fills its accept queue, then drops new SYNs.',
      ko: '새는 서버가 클라이언트마다 응답은 하지만 close()는 부르지 않습니다. 연결마다 파일 디스크립터를 쥔 채 CLOSE_WAIT로 남고, 프로세스의 한도가 차면 커널은 accept 대기열을 채운 뒤 새 SYN을 버립니다.',
    },
    takeaway: {
      en: 'That is the "Hang": the server is alive but answers nobody. ss -tan full of CLOSE-WAIT points at the application, never at the network.',
      ko: '이것이 바로 "Hang"입니다. 서버는 살아 있지만 아무에게도 답하지 않습니다. ss -tan에 CLOSE-WAIT가 가득하다면 원인은 네트워크가 아니라 애플리케이션입니다.',
    },
  },
  'fin-wait-1-timeout': {
    summary: {
      en: 'The server vanishes (or a firewall starts dropping everything) just before the client closes. Its FIN is never acknowledged, so it is resent with growing waits until the socket gives up.',
      ko: '클라이언트가 닫기 직전에 서버가 사라집니다(또는 방화벽이 모든 것을 막기 시작합니다). FIN이 확인되지 않으니 점점 긴 간격으로 다시 보내다가 결국 소켓이 포기합니다.',
    },
    takeaway: {
      en: 'FIN_WAIT_1 ends by itself: after the last retry the kernel drops the socket. On Linux that takes minutes (tcp_orphan_retries), long enough for many to pile up.',
      ko: 'FIN_WAIT_1은 스스로 끝납니다. 마지막 재시도 뒤 커널이 소켓을 버립니다. 리눅스에서는 몇 분이 걸려(tcp_orphan_retries) 그동안 여럿이 쌓일 수 있습니다.',
    },
  },
  'fin-wait-2-timeout': {
    summary: {
      en: "Twice the server acknowledges the client's FIN but never sends its own. The first time the client closed its socket, so FIN_WAIT_2 gives up after a timeout. The second time it only called shutdown(): it still holds the socket, and waits for good.",
      ko: '서버가 클라이언트의 FIN을 확인만 하고 자기 FIN은 보내지 않는 일이 두 번 일어납니다. 첫 번째는 클라이언트가 close()로 소켓을 닫았기에 FIN_WAIT_2가 시간 제한 뒤 포기합니다. 두 번째는 shutdown()만 불렀기에 소켓을 여전히 쥐고 있어 끝없이 기다립니다.',
    },
    takeaway: {
      en: 'The FIN_WAIT_2 timeout (Linux tcp_fin_timeout) only covers sockets nobody holds any more. A half-closed socket is still the application’s to close.',
      ko: 'FIN_WAIT_2 시간 제한(리눅스 tcp_fin_timeout)은 아무도 쥐고 있지 않은 소켓에만 적용됩니다. 반만 닫은 소켓은 여전히 애플리케이션이 닫아야 합니다.',
    },
  },
  'time-wait': {
    summary: {
      en: "The client's last ACK is lost. The server, still in LAST_ACK, sends its FIN again; the client, still in TIME_WAIT, can answer it, and starts its wait over.",
      ko: '클라이언트의 마지막 ACK가 유실됩니다. LAST_ACK에 있던 서버가 FIN을 다시 보내고, 아직 TIME_WAIT에 있는 클라이언트가 여기에 답한 뒤 기다림을 처음부터 다시 시작합니다.',
    },
    takeaway: {
      en: 'Without TIME_WAIT the repeated FIN would meet a closed port and get a RST: the server would report an error for a connection that closed cleanly.',
      ko: 'TIME_WAIT가 없다면 다시 온 FIN은 닫힌 포트에 닿아 RST를 받고, 서버는 깔끔하게 끝난 연결을 오류로 보고하게 됩니다.',
    },
  },
  'time-wait-pileup': {
    summary: {
      en: 'A client opens and closes short connections to one server, one after another. Each leaves a TIME_WAIT socket that holds its local port for 60 s; Linux has 28,232 ephemeral ports, so about 470 connections a second use them all.',
      ko: '클라이언트가 한 서버로 짧은 연결을 쉴 새 없이 열고 닫습니다. 연결마다 TIME_WAIT 소켓이 남아 로컬 포트를 60초 동안 붙듭니다. 리눅스의 임시 포트는 28,232개이니 초당 약 470개면 모두 소진됩니다.',
    },
    takeaway: {
      en: 'TIME_WAIT is cheap in memory (256 bytes) but not in ports. Reuse connections, or let tcp_tw_reuse take over old TIME_WAIT ports; do not shorten TIME_WAIT itself.',
      ko: 'TIME_WAIT는 메모리로는 싸지만(256바이트) 포트로는 비쌉니다. 연결을 재사용하거나 tcp_tw_reuse로 오래된 TIME_WAIT 포트를 넘겨받게 하세요. TIME_WAIT 자체를 줄이지는 마세요.',
    },
  },
  'simultaneous-open': {
    summary: {
      en: 'Both sides call connect() at once. The two SYNs cross on the wire, each side answers the other’s with SYN+ACK, and both reach ESTABLISHED through SYN_RCVD.',
      ko: '양쪽이 동시에 connect()를 부릅니다. 두 SYN이 전송 중에 엇갈리고, 각자 상대의 SYN에 SYN+ACK로 답하며, 둘 다 SYN_RCVD를 거쳐 ESTABLISHED에 이릅니다.',
    },
    takeaway: {
      en: 'Rare in practice, but RFC 9293 allows it: four segments, and no side was ever listening.',
      ko: '실제로는 드물지만 RFC 9293이 허용하는 경로입니다. 세그먼트는 넷이고, 어느 쪽도 LISTEN하지 않았습니다.',
    },
  },
  'simultaneous-close': {
    summary: {
      en: 'Both applications call close() at the same moment. Each FIN arrives while its receiver is still in FIN_WAIT_1, so both go through CLOSING, and both end in TIME_WAIT.',
      ko: '양쪽 애플리케이션이 같은 순간에 close()를 부릅니다. 각 FIN이 상대가 아직 FIN_WAIT_1일 때 도착하므로 둘 다 CLOSING을 거치고, 둘 다 TIME_WAIT로 끝납니다.',
    },
    takeaway: {
      en: 'CLOSING is the state for crossed FINs; it is the only way both sides end up in TIME_WAIT.',
      ko: 'CLOSING은 FIN이 엇갈렸을 때의 상태이며, 양쪽이 모두 TIME_WAIT에 이르는 유일한 길입니다.',
    },
  },
  'connection-refused': {
    summary: {
      en: 'Nobody listens on the port. The server’s kernel answers the SYN with RST+ACK, and the client’s connect() fails with "connection refused".',
      ko: '그 포트에서 아무도 기다리지 않습니다. 서버 커널이 SYN에 RST+ACK로 답하고, 클라이언트의 connect()는 "연결 거부"로 실패합니다.',
    },
    takeaway: {
      en: 'A refusal is fast: one round trip. A silent drop (a firewall) is slow: the client retries its SYN until it times out.',
      ko: '거부는 빠릅니다. 한 번 오가면 끝납니다. 반면 조용히 버려지면(방화벽) 클라이언트는 시간 초과까지 SYN을 다시 보냅니다.',
    },
  },
  'syn-lost': {
    summary: {
      en: "The client's first SYN is lost. Nothing comes back, so when its retransmission timer fires it sends the SYN again, and the handshake goes on.",
      ko: '클라이언트의 첫 SYN이 유실됩니다. 아무 답이 없으니 재전송 타이머가 만료될 때 SYN을 다시 보내고, 핸드셰이크가 이어집니다.',
    },
    takeaway: {
      en: 'Each retry waits longer (exponential backoff). Linux starts with 1 s and, since 6.x, keeps the first few waits short before doubling.',
      ko: '재시도마다 더 오래 기다립니다(지수 백오프). 리눅스는 1초에서 시작하며, 6.x부터는 처음 몇 번은 짧게 유지한 뒤 두 배씩 늘립니다.',
    },
  },
  'abort-rst': {
    summary: {
      en: 'Instead of a polite FIN, the client aborts: one RST, and both sides are CLOSED at once, with no TIME_WAIT. The server’s application sees "connection reset".',
      ko: '정중한 FIN 대신 클라이언트가 연결을 끊어 버립니다. RST 하나로 양쪽이 곧바로 CLOSED가 되고 TIME_WAIT도 없습니다. 서버 애플리케이션은 "연결 재설정" 오류를 봅니다.',
    },
    takeaway: {
      en: 'RST skips the whole closing dance; data still in flight is thrown away. That is why it is for errors, not for normal closes.',
      ko: 'RST는 종료 절차 전체를 건너뛰고, 전송 중인 데이터도 버립니다. 그래서 정상 종료가 아니라 오류 처리에 씁니다.',
    },
  },
  'tcp-promises': {
    summary: {
      en: 'Two segments leave in order but the first is held up, so the second arrives first: the server keeps it until the gap fills, then reads both at once. Later a segment is lost, and is sent again.',
      ko: '두 세그먼트가 순서대로 떠났지만 첫 번째가 늦어져 두 번째가 먼저 도착합니다. 서버는 빈자리가 채워질 때까지 기다렸다가 둘을 한 번에 읽습니다. 뒤이어 세그먼트 하나가 유실되고, 다시 보내집니다.',
    },
    takeaway: {
      en: 'In order, without loss, and as a byte stream with no message boundaries: two writes may come out as one read.',
      ko: '순서대로, 빠짐없이, 그리고 메시지 경계 없는 바이트 흐름으로 전달됩니다. 두 번 쓴 것이 한 번에 읽힐 수도 있습니다.',
    },
  },
};
