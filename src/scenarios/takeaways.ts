/** What each lesson leaves the student with, said once it is over (the app and every embed end on it). */
import type { Words } from './catalog';

export const TAKEAWAYS: Readonly<Record<string, Words>> = {
  'three-way-handshake': {
    en: 'Three segments, because each side must send its own SYN and hear it acknowledged; the middle segment does both jobs at once.',
    ko: '세그먼트가 셋인 까닭은 양쪽 모두 자기 SYN을 보내고 확인받아야 하기 때문입니다. 가운데 세그먼트가 두 일을 한꺼번에 합니다.',
  },
  'four-way-close': {
    en: 'Closing takes four segments because each direction is closed on its own; TIME_WAIT then lingers so a lost last ACK can still be repeated.',
    ko: '종료에 세그먼트가 넷 필요한 것은 두 방향을 따로따로 닫기 때문입니다. 그 뒤 TIME_WAIT가 잠시 남아, 마지막 ACK가 유실되어도 다시 보낼 수 있게 합니다.',
  },
  'server-closes-first': {
    en: 'TIME_WAIT belongs to whoever closes first. A busy server that closes first collects TIME_WAIT sockets itself.',
    ko: 'TIME_WAIT는 먼저 닫은 쪽의 몫입니다. 먼저 닫는 바쁜 서버는 TIME_WAIT 소켓을 스스로 쌓게 됩니다.',
  },
  'close-wait-hang': {
    en: 'CLOSE_WAIT is always the application’s bug, never the network’s. The client gives up on its side (FIN_WAIT_2 times out); the server keeps the socket until the process fixes it or exits.',
    ko: 'CLOSE_WAIT는 언제나 애플리케이션의 문제이지 네트워크의 문제가 아닙니다. 클라이언트 쪽은 FIN_WAIT_2 시간 제한으로 정리되지만, 서버는 프로세스가 고치거나 끝날 때까지 소켓을 붙들고 있습니다.',
  },
  'close-wait-pileup': {
    en: 'That is the "Hang": the server is alive but answers nobody. ss -tan full of CLOSE-WAIT points at the application, never at the network.',
    ko: '이것이 바로 "Hang"입니다. 서버는 살아 있지만 아무에게도 답하지 않습니다. ss -tan에 CLOSE-WAIT가 가득하다면 원인은 네트워크가 아니라 애플리케이션입니다.',
  },
  'fin-wait-1-timeout': {
    en: 'FIN_WAIT_1 ends by itself: after the last retry the kernel drops the socket. On Linux that takes minutes (tcp_orphan_retries), long enough for many to pile up.',
    ko: 'FIN_WAIT_1은 스스로 끝납니다. 마지막 재시도 뒤 커널이 소켓을 버립니다. 리눅스에서는 몇 분이 걸려(tcp_orphan_retries) 그동안 여럿이 쌓일 수 있습니다.',
  },
  'fin-wait-2-timeout': {
    en: 'The FIN_WAIT_2 timeout (Linux tcp_fin_timeout) only covers sockets nobody holds any more. A half-closed socket is still the application’s to close.',
    ko: 'FIN_WAIT_2 시간 제한(리눅스 tcp_fin_timeout)은 아무도 쥐고 있지 않은 소켓에만 적용됩니다. 반만 닫은 소켓은 여전히 애플리케이션이 닫아야 합니다.',
  },
  'time-wait': {
    en: 'Without TIME_WAIT the repeated FIN would meet a closed port and get a RST: the server would report an error for a connection that closed cleanly.',
    ko: 'TIME_WAIT가 없다면 다시 온 FIN은 닫힌 포트에 닿아 RST를 받고, 서버는 깔끔하게 끝난 연결을 오류로 보고하게 됩니다.',
  },
  'time-wait-pileup': {
    en: 'TIME_WAIT is cheap in memory (256 bytes) but not in ports. Reuse connections, or let tcp_tw_reuse take over old TIME_WAIT ports; do not shorten TIME_WAIT itself.',
    ko: 'TIME_WAIT는 메모리로는 싸지만(256바이트) 포트로는 비쌉니다. 연결을 재사용하거나 tcp_tw_reuse로 오래된 TIME_WAIT 포트를 넘겨받게 하세요. TIME_WAIT 자체를 줄이지는 마세요.',
  },
  'simultaneous-open': {
    en: 'Rare in practice, but RFC 9293 allows it: four segments, and no side was ever listening.',
    ko: '실제로는 드물지만 RFC 9293이 허용하는 경로입니다. 세그먼트는 넷이고, 어느 쪽도 LISTEN하지 않았습니다.',
  },
  'simultaneous-close': {
    en: 'CLOSING is the state for crossed FINs; it is the only way both sides end up in TIME_WAIT.',
    ko: 'CLOSING은 FIN이 엇갈렸을 때의 상태이며, 양쪽이 모두 TIME_WAIT에 이르는 유일한 길입니다.',
  },
  'connection-refused': {
    en: 'A refusal is fast: one round trip. A silent drop (a firewall) is slow: the client retries its SYN until it times out.',
    ko: '거부는 빠릅니다. 한 번 오가면 끝납니다. 반면 조용히 버려지면(방화벽) 클라이언트는 시간 초과까지 SYN을 다시 보냅니다.',
  },
  'syn-lost': {
    en: 'Each retry waits longer (exponential backoff). Linux starts with 1 s and, since 6.x, keeps the first few waits short before doubling.',
    ko: '재시도마다 더 오래 기다립니다(지수 백오프). 리눅스는 1초에서 시작하며, 6.x부터는 처음 몇 번은 짧게 유지한 뒤 두 배씩 늘립니다.',
  },
  'abort-rst': {
    en: 'RST skips the whole closing dance; data still in flight is thrown away. That is why it is for errors, not for normal closes.',
    ko: 'RST는 종료 절차 전체를 건너뛰고, 전송 중인 데이터도 버립니다. 그래서 정상 종료가 아니라 오류 처리에 씁니다.',
  },
  'tcp-promises': {
    en: 'In order, without loss, and as a byte stream with no message boundaries: two writes may come out as one read.',
    ko: '순서대로, 빠짐없이, 그리고 메시지 경계 없는 바이트 흐름으로 전달됩니다. 두 번 쓴 것이 한 번에 읽힐 수도 있습니다.',
  },
};
