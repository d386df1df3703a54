/** The lessons' own words in English: each lesson's title, what it says at the moments it narrates, and its takeaway. */
import type { OneConnectionLessonTexts } from '../strings';

export const lessons: OneConnectionLessonTexts = {
  'three-way-handshake': {
    title: 'The 3-way handshake',
    moments: {
      'client:SYN-SENT': 'The client picks its initial sequence number and sends it in a SYN.',
      'server:SYN-RECEIVED': "One segment, two jobs: the SYN+ACK acknowledges the client's number and carries the server's own.",
      'client:ESTABLISHED': 'The client has heard its SYN acknowledged: it may send data already, even before its ACK arrives.',
      'server:ESTABLISHED': 'The last ACK tells the server its SYN was heard too. Both sides now agree on both numbers.',
    },
    takeaway: 'Three segments, because each side must send its own SYN and hear it acknowledged; the middle segment does both jobs at once.',
  },
  'four-way-close': {
    title: 'The 4-way close, client first',
    moments: {
      'client:FIN-WAIT-1': 'close() sends a FIN: "I have nothing more to send." The client may still receive.',
      'server:CLOSE-WAIT':
        'The server takes the FIN (its ACK follows a moment later) and tells its application: the other side is done. Now it is up to the application.',
      'client:FIN-WAIT-2': 'Half closed: the client has its FIN acknowledged and waits for the server to finish.',
      'server:LAST-ACK': "The server's application called close(): the second FIN goes out.",
      'client:TIME-WAIT': 'The client acknowledges the last FIN and lingers, in case that ACK is lost.',
    },
    takeaway: 'Closing takes four segments because each direction is closed on its own; TIME_WAIT then lingers so a lost last ACK can still be repeated.',
  },
  'server-closes-first': {
    title: 'The 4-way close, server first',
    moments: {
      'server:FIN-WAIT-1': 'This time the server closes first, so the server walks the FIN_WAIT path.',
      'client:CLOSE-WAIT': 'The client is the one waiting for its application now.',
      'server:TIME-WAIT': 'And the server is the one left holding a TIME_WAIT socket.',
    },
    takeaway: 'TIME_WAIT belongs to whoever closes first. A busy server that closes first collects TIME_WAIT sockets itself.',
  },
  'close-wait-hang': {
    title: 'CLOSE_WAIT that never ends',
    moments: {
      'server:CLOSE-WAIT': 'The FIN arrived; the kernel did its part. From here only the application can move the server on, and it never will.',
      'client:FIN-WAIT-2': "The client's FIN was acknowledged, so the network is fine: the silence that follows is the server's application.",
      'client:CLOSED': 'The client stops waiting (its FIN_WAIT_2 timeout). The server never will.',
    },
    takeaway:
      'CLOSE_WAIT is always the application’s bug, never the network’s. The client gives up on its side (FIN_WAIT_2 times out); the server keeps the socket until the process fixes it or exits.',
  },
  'fin-wait-1-timeout': {
    title: 'FIN_WAIT_1 with no answer',
    moments: {
      'client:FIN-WAIT-1': 'The FIN goes into the void. Watch the retransmissions: each wait is twice the last, until it reaches a ceiling (8 s here).',
      'client:CLOSED': 'Out of retries: the kernel drops the socket on its own. Nothing was ever acknowledged.',
    },
    takeaway:
      'FIN_WAIT_1 ends by itself: after the last retry the kernel drops the socket. On Linux that takes minutes (tcp_orphan_retries), long enough for many to pile up.',
  },
  'fin-wait-2-timeout': {
    title: 'FIN_WAIT_2 with no FIN',
    moments: {
      'client:FIN-WAIT-1#1': 'close(): the client sends its FIN and lets go of the socket. The server will never answer with a FIN of its own.',
      'client:FIN-WAIT-2':
        'FIN acknowledged, no FIN back. Whether the client waits for ever depends on one thing: did its application close the socket, or only shut down sending?',
      'client:CLOSED': 'The closed socket gave up after tcp_fin_timeout. Next, the same story after shutdown().',
      'server:CLOSED': "Tidying up for the second try: the server's application aborts the connection it had left open (a RST), and listens again.",
      'client:FIN-WAIT-1#2': 'shutdown() sends the same FIN, but the application keeps the socket.',
    },
    takeaway:
      'The FIN_WAIT_2 timeout (Linux tcp_fin_timeout) only covers sockets nobody holds any more. A half-closed socket is still the application’s to close.',
  },
  'time-wait': {
    title: 'Why TIME_WAIT waits',
    moments: {
      'client:TIME-WAIT': 'The client answers the FIN and waits. Its ACK is about to be lost.',
      'server:CLOSED': 'The repeated FIN was answered from TIME_WAIT, so the server closes cleanly instead of meeting a RST.',
    },
    takeaway:
      'Without TIME_WAIT the repeated FIN would meet a closed port and get a RST: the server would end a connection that closed cleanly with a reset, instead of the ACK it was waiting for.',
  },
  'simultaneous-open': {
    title: 'Simultaneous open',
    takeaway: 'Rare in practice, but RFC 9293 allows it: four segments, and no side was ever listening.',
  },
  'simultaneous-close': {
    title: 'Simultaneous close',
    moments: {
      'client:CLOSING': 'A FIN arrived while the client was still waiting for the ACK of its own: CLOSING.',
      'client:TIME-WAIT': 'Both FINs are acknowledged; both sides linger in TIME_WAIT.',
    },
    takeaway: 'CLOSING is the state for crossed FINs; it is the only way both sides end up in TIME_WAIT.',
  },
  'connection-refused': {
    title: 'Connection refused',
    moments: {
      'client:CLOSED': 'RST+ACK: "nobody here". connect() fails at once with connection refused.',
    },
    takeaway: 'A refusal is fast: one round trip. A silent drop (a firewall) is slow: the client retries its SYN until it times out.',
  },
  'syn-lost': {
    title: 'A lost SYN',
    moments: {
      'server:SYN-RECEIVED': 'The retransmitted SYN got through; from here it is an ordinary handshake, only later.',
    },
    takeaway:
      'Each retry waits longer (exponential backoff). Linux starts with 1 s; since Linux 6.5 the first retries of a SYN stay 1 s apart (net.ipv4.tcp_syn_linear_timeouts, 4 by default) before the waits double.',
  },
  'abort-rst': {
    title: 'abort(): closing with RST',
    moments: {
      'client:CLOSED': 'abort() sends one RST and forgets the connection: no FIN, no TIME_WAIT.',
      'server:CLOSED': 'The RST arrives: the server’s application gets "connection reset".',
    },
    takeaway: 'RST skips the whole closing dance; data still in flight is thrown away. That is why it is for errors, not for normal closes.',
  },
  'tcp-promises': {
    title: "TCP's promises, on real data",
    takeaway: 'In order, without loss, and as a byte stream with no message boundaries: two writes may come out as one read.',
  },
  'zero-window': {
    title: 'A receiver that stops reading (zero window)',
    moments: {
      // True for the rest of the lesson, so it never goes stale after the read.
      'server:ESTABLISHED':
        "Connected. The server's application reads only when it calls read(): what arrives waits in its 2,000-byte receive buffer, and every ACK's win= says how much room is left. Watch it fall to 0.",
    },
    takeaway:
      'Flow control: a receiver that does not read shrinks its window to 0, and the sender stops instead of flooding it. The sender keeps asking with window probes, each after a longer wait than the last; the moment the application reads, the window opens and the bytes flow again. Nothing is lost, only delayed.',
  },
};
