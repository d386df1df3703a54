/**
 * What each lesson says before it starts, in Korean and English. Kept apart from the catalog
 * because only the app shows it: an embed sits inside a post that already introduces the lesson in
 * its own words. (What it says once it is over is in takeaways.ts, which embeds show too.)
 */
import type { Words } from './catalog';

export interface LessonNotes {
  readonly summary: Words;
}

export const LESSON_NOTES: Readonly<Record<string, LessonNotes>> = {
  'three-way-handshake': {
    summary: {
      en: 'The server listens; the client sends SYN; the server answers SYN+ACK; the client acknowledges with ACK. Each side learns where the other starts counting.',
      ko: '서버는 LISTEN 상태로 기다리고, 클라이언트가 SYN을 보내면 서버가 SYN+ACK로 답하고, 클라이언트가 ACK로 확인합니다. 이 과정에서 양쪽은 서로의 순서 번호 출발점을 알게 됩니다.',
    },
  },
  'four-way-close': {
    summary: {
      en: 'The client closes: FIN, then the server ACKs and sits in CLOSE_WAIT until its own application calls close(), which sends the second FIN.',
      ko: '클라이언트가 먼저 닫습니다. FIN을 받은 서버는 ACK로 답하고, 자기 애플리케이션이 close()를 부를 때까지 CLOSE_WAIT에 머뭅니다. close()가 불리면 두 번째 FIN이 나갑니다.',
    },
  },
  'server-closes-first': {
    summary: {
      en: 'Nothing makes the client special: whoever closes first goes through FIN_WAIT and ends in TIME_WAIT. Here that is the server.',
      ko: '먼저 닫는 쪽이 FIN_WAIT를 거쳐 TIME_WAIT에 이릅니다. 클라이언트냐 서버냐는 상관없습니다. 이번에는 서버가 먼저 닫습니다.',
    },
  },
  'close-wait-hang': {
    summary: {
      en: "The client closes, but the server's application never calls close(). The server's socket stays in CLOSE_WAIT; TCP itself has no timer to rescue it.",
      ko: '클라이언트는 닫았지만 서버 애플리케이션이 close()를 부르지 않습니다. 서버 소켓은 CLOSE_WAIT에 남고, TCP에는 이를 풀어 줄 타이머가 없습니다.',
    },
  },
  'close-wait-pileup': {
    summary: {
      en: 'A leaking server serves each client and never calls close(). Every connection ends in CLOSE_WAIT holding a file descriptor; when the process runs out, the kernel fills its accept queue, then drops new SYNs.',
      ko: '새는 서버가 클라이언트마다 응답은 하지만 close()는 부르지 않습니다. 연결마다 파일 디스크립터를 쥔 채 CLOSE_WAIT로 남고, 프로세스의 한도가 차면 커널은 accept 대기열을 채운 뒤 새 SYN을 버립니다.',
    },
  },
  'fin-wait-1-timeout': {
    summary: {
      en: 'The server vanishes (or a firewall starts dropping everything) just before the client closes. Its FIN is never acknowledged, so it is resent with growing waits until the socket gives up.',
      ko: '클라이언트가 닫기 직전에 서버가 사라집니다(또는 방화벽이 모든 것을 막기 시작합니다). FIN이 확인되지 않으니 점점 긴 간격으로 다시 보내다가 결국 소켓이 포기합니다.',
    },
  },
  'fin-wait-2-timeout': {
    summary: {
      en: "Twice the server acknowledges the client's FIN but never sends its own. The first time the client closed its socket, so FIN_WAIT_2 gives up after a timeout. The second time it only called shutdown(): it still holds the socket, and waits for good.",
      ko: '서버가 클라이언트의 FIN을 확인만 하고 자기 FIN은 보내지 않는 일이 두 번 일어납니다. 첫 번째는 클라이언트가 close()로 소켓을 닫았기에 FIN_WAIT_2가 시간 제한 뒤 포기합니다. 두 번째는 shutdown()만 불렀기에 소켓을 여전히 쥐고 있어 끝없이 기다립니다.',
    },
  },
  'time-wait': {
    summary: {
      en: "The client's last ACK is lost. The server, still in LAST_ACK, sends its FIN again; the client, still in TIME_WAIT, can answer it, and starts its wait over.",
      ko: '클라이언트의 마지막 ACK가 유실됩니다. LAST_ACK에 있던 서버가 FIN을 다시 보내고, 아직 TIME_WAIT에 있는 클라이언트가 여기에 답한 뒤 기다림을 처음부터 다시 시작합니다.',
    },
  },
  'time-wait-pileup': {
    summary: {
      en: 'A client opens and closes short connections to one server, one after another. Each leaves a TIME_WAIT socket that holds its local port for 60 s; Linux has 28,232 ephemeral ports, so about 470 connections a second use them all.',
      ko: '클라이언트가 한 서버로 짧은 연결을 쉴 새 없이 열고 닫습니다. 연결마다 TIME_WAIT 소켓이 남아 로컬 포트를 60초 동안 붙듭니다. 리눅스의 임시 포트는 28,232개이니 초당 약 470개면 모두 소진됩니다.',
    },
  },
  'simultaneous-open': {
    summary: {
      en: 'Both sides call connect() at once. The two SYNs cross on the wire, each side answers the other’s with SYN+ACK, and both reach ESTABLISHED through SYN_RCVD.',
      ko: '양쪽이 동시에 connect()를 부릅니다. 두 SYN이 전송 중에 엇갈리고, 각자 상대의 SYN에 SYN+ACK로 답하며, 둘 다 SYN_RCVD를 거쳐 ESTABLISHED에 이릅니다.',
    },
  },
  'simultaneous-close': {
    summary: {
      en: 'Both applications call close() at the same moment. Each FIN arrives while its receiver is still in FIN_WAIT_1, so both go through CLOSING, and both end in TIME_WAIT.',
      ko: '양쪽 애플리케이션이 같은 순간에 close()를 부릅니다. 각 FIN이 상대가 아직 FIN_WAIT_1일 때 도착하므로 둘 다 CLOSING을 거치고, 둘 다 TIME_WAIT로 끝납니다.',
    },
  },
  'connection-refused': {
    summary: {
      en: 'Nobody listens on the port. The server’s kernel answers the SYN with RST+ACK, and the client’s connect() fails with "connection refused".',
      ko: '그 포트에서 아무도 기다리지 않습니다. 서버 커널이 SYN에 RST+ACK로 답하고, 클라이언트의 connect()는 "연결 거부"로 실패합니다.',
    },
  },
  'syn-lost': {
    summary: {
      en: "The client's first SYN is lost. Nothing comes back, so when its retransmission timer fires it sends the SYN again, and the handshake goes on.",
      ko: '클라이언트의 첫 SYN이 유실됩니다. 아무 답이 없으니 재전송 타이머가 만료될 때 SYN을 다시 보내고, 핸드셰이크가 이어집니다.',
    },
  },
  'abort-rst': {
    summary: {
      en: 'Instead of a polite FIN, the client aborts: one RST, and both sides are CLOSED at once, with no TIME_WAIT. The server’s application sees "connection reset".',
      ko: '정중한 FIN 대신 클라이언트가 연결을 끊어 버립니다. RST 하나로 양쪽이 곧바로 CLOSED가 되고 TIME_WAIT도 없습니다. 서버 애플리케이션은 "연결 재설정" 오류를 봅니다.',
    },
  },
  'tcp-promises': {
    summary: {
      en: 'Two segments leave in order but the first is held up, so the second arrives first: the server keeps it until the gap fills, then reads both at once. Later a segment is lost, and is sent again.',
      ko: '두 세그먼트가 순서대로 떠났지만 첫 번째가 늦어져 두 번째가 먼저 도착합니다. 서버는 빈자리가 채워질 때까지 기다렸다가 둘을 한 번에 읽습니다. 뒤이어 세그먼트 하나가 유실되고, 다시 보내집니다.',
    },
  },
};
