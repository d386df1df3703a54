/** The words that explain a moment of a run, in English: the app's explanation and narration, and an embedded run's narration, say them. */
import type { ExplainWords } from '../explainStrings';

/** A wait in seconds, as the text says it. */
const secs = (ms: number): string => `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s`;

/** Why a segment is answered with a bare ACK (said inside the sentence of its ACK). */
const UNACCEPTABLE: ExplainWords['unacceptable'] = {
  'out-of-window':
    'its sequence numbers are outside the receive window: a duplicate, something old, or a window probe, which is sent there on purpose to draw this answer',
  syn: 'a SYN on an open connection; a challenge ACK, so that a forged SYN cannot reset it',
  'rst-inexact': 'a RST in the window but not exactly at the next expected byte; a challenge ACK, so that a forged RST fails',
  'acks-unsent': 'it acknowledges bytes that were never sent',
};

export const explain: ExplainWords = {
  nothingYet: 'Nothing has happened yet. Start with listen() on the server, then connect() on the client.',
  stateMeaning: {
    CLOSED: 'there is no connection, and nothing is kept for one.',
    LISTEN: 'waiting for a SYN from any client.',
    'SYN-SENT': 'its SYN is out; it waits for the SYN+ACK that answers it.',
    'SYN-RECEIVED': "it has the peer's SYN and has answered SYN+ACK; it waits for its own SYN to be acknowledged.",
    ESTABLISHED: 'it knows both sequence numbers and has had its own SYN acknowledged, so it may send data.',
    'FIN-WAIT-1': 'it sent its FIN and waits for that FIN to be acknowledged.',
    'FIN-WAIT-2': "its FIN is acknowledged; it waits for the other side's FIN.",
    'CLOSE-WAIT': 'the other side has finished sending; it waits for its own application to call close().',
    CLOSING: 'both FINs crossed on the wire; it waits for the ACK of its own FIN.',
    'LAST-ACK': "it sent its FIN after the other side's; it waits for the last ACK.",
    'TIME-WAIT':
      'the connection is done, but it lingers for 2 MSL: to say its last ACK again if that was lost, and so that old duplicates of this connection die out before its addresses and ports can be used again.',
  },
  causeCall: (who, call) => `The ${who}'s application called ${call}().`,
  causeSegment: (who, flags) => `The ${who} received ${flags}.`,
  causeTimer: {
    retransmit: (who) => `The ${who} has sent its segment again as many times as it may, and no ACK came: it gives up.`,
    'delayed-ack': (who) => `The ${who}'s delayed-ACK timer fired.`,
    'time-wait': (who) => `The ${who}'s 2 MSL in TIME-WAIT are over.`,
    'fin-wait-2': (who) => `The ${who} waited in FIN-WAIT-2 as long as Linux's tcp_fin_timeout allows, and no FIN came.`,
    persist: (who) => `The ${who} probed the peer's closed window again and again, and no ACK answered: it gives up.`,
  },
  entered: (who, state) => `The ${who} is now in ${state}:`,
  endpointName: { client: 'client', server: 'server' },
  timerNames: {
    retransmit: 'Retransmission',
    'delayed-ack': 'Delayed ACK',
    'time-wait': 'TIME-WAIT',
    'fin-wait-2': 'FIN-WAIT-2 timeout',
    persist: 'Window probe',
  },
  refusals: {
    'the application has already closed this socket': 'the application has already closed this socket',
    'connection already exists': 'connection already exists',
    'connection does not exist': 'connection does not exist',
    'connection not yet established': 'connection not yet established',
    'connection closing': 'connection closing',
    'the application never calls close()': 'this application never calls close()',
  },
  sendQueued: "The peer's window is closed, so the bytes wait in the send queue until it opens.",
  directionNames: { 'client->server': 'client → server', 'server->client': 'server → client' },
  sendWhy: {
    syn: (who, flags) => `The ${who}'s application called connect(): the ${who} picks its initial sequence number and sends it in a ${flags}.`,
    'syn-ack': (who, flags) => `A SYN reached the listening ${who}: it keeps the client's number and answers ${flags}, acknowledging it and carrying its own.`,
    'syn-ack-crossed': (who, flags) =>
      `The ${who} had sent its own SYN when the peer's SYN arrived: it answers ${flags} for the SYN it already sent (a simultaneous open).`,
    'syn-ack-again': (who, flags) => `The peer's SYN came again, so the ${who}'s SYN+ACK must have been lost: it says ${flags} again.`,
    'handshake-ack': (who, flags) =>
      `The ${who} received the SYN+ACK: its SYN is acknowledged, and its ${flags} tells the peer that the peer's SYN was heard too.`,
    data: (who, flags) => `The ${who}'s application called send(): the bytes leave in ${flags}, and a retransmission timer starts in case they are lost.`,
    'data-window': (who, flags) =>
      `The peer's window has room: bytes that were waiting in the ${who}'s send queue leave now, in ${flags}. The application wrote them earlier; the window decides when they go.`,
    // Said of either closer: the first may still receive, the second has already had the peer's FIN.
    fin: (who, flags) => `The ${who}'s application has nothing more to send: ${flags} says so.`,
    'ack-data': (who, flags, why) =>
      why.filled
        ? `The missing bytes arrived and fill the gap: with the ones held aside, ${why.delivered} bytes reach the ${who}'s application at once, in order. TCP delivers a stream of bytes, not the sends that made it. ${flags} acknowledges them all.`
        : why.buffered
          ? `The ${who} took ${why.delivered} bytes in order. Its application reads only when it calls read(), so they wait in its receive buffer, and ${flags} offers only the room left: ${why.window === 0 ? 'a window of 0. The buffer is full, and the peer must stop sending.' : `a window of ${why.window} bytes.`}`
          : `The ${who} took ${why.delivered} bytes in order, passed them to its application and acknowledges them at once: ${flags}.`,
    'ack-gap': (who, flags) =>
      `The bytes arrived ahead of a gap: the ${who} keeps them aside and sends ${flags} for the first missing byte again (a duplicate ACK).`,
    'ack-fin': (who, flags) => `The ${who} received the peer's FIN and acknowledges it: ${flags}.`,
    'ack-delayed': (who, flags) =>
      `The ${who} had held its ACK back in case a reply could carry it; none came before the delayed-ACK timer fired, so ${flags} goes alone.`,
    'ack-fin-again': (who, flags) =>
      `The peer's FIN came again: the ${who}'s last ACK was lost. This is what TIME-WAIT waits for: it sends ${flags} again and starts its 2 MSL wait anew.`,
    'ack-unacceptable': (who, flags, why) =>
      `The ${who} cannot take that segment as it is (${UNACCEPTABLE[why.reason]}): it answers ${flags}, saying where it really is, and drops it.`,
    'rst-no-connection': (who, flags) => `No connection at the ${who} can take that segment: it answers ${flags}.`,
    'rst-unacceptable-ack': (who, flags) => `That ACK number is not one past the ${who}'s SYN: it answers ${flags} and waits on.`,
    'rst-data-after-close': (who, flags) =>
      `New bytes reached a socket whose application has closed it: nobody will ever read them, so the ${who} resets the connection: ${flags}.`,
    'rst-abort': (who, flags) =>
      `The ${who}'s application aborted the connection (in code, SO_LINGER with a zero timeout and then close()): ${flags} ends it at once, with no FIN and no TIME-WAIT.`,
    retransmit: (who, flags, why) =>
      `The ${who}'s retransmission timer fired with its segment still unacknowledged: it sends ${flags} again, retry ${why.attempt} of ${why.limit}. ` +
      (why.attempt >= why.limit
        ? `That was the last retry: if no ACK comes within ${secs(why.nextWaitMs)}, it gives up.`
        : `If no ACK comes, it waits ${secs(why.nextWaitMs)} before the next.`),
    probe: (who, flags, why) =>
      `Nothing has been acknowledged for a while: the ${who} sends its newest segment once more (${flags}), a tail-loss probe that does not count as a retry. Next wait: ${secs(why.nextWaitMs)}.`,
    'window-probe': (who, flags, why) =>
      `The peer's window is closed (0 bytes) and the ${who} still has bytes to send. Its persist timer fired, so it sends ${flags} with a sequence number the peer already has: the peer must answer with its window. Probe ${why.attempt}; the next one waits ${secs(why.nextWaitMs)}, unless the window opens first.`,
    'window-update': (who, flags, why) =>
      `The ${who}'s application read, which frees its receive buffer: ${flags} offers a ${why.window}-byte window at once, so the peer can send again.`,
  },
  unacceptable: UNACCEPTABLE,
  ignoreWhy: {
    'rst-out-of-window': (who, flags) => `The ${who} received ${flags} outside its receive window and ignores it: it may be forged.`,
    'rst-in-listen': (who, flags) => `The ${who} is only listening: there is nothing for ${flags} to reset, so it is ignored.`,
    'rst-unacked': (who, flags) => `The ${who} received ${flags} that does not acknowledge its SYN, and ignores it.`,
    'no-ack': (who, flags) => `The ${who} received ${flags} without the ACK bit on an open connection, and drops it.`,
    'time-wait': (who, flags) => `The ${who} is in TIME-WAIT: ${flags} changes nothing, and it keeps waiting.`,
    'rate-limited': (who, flags) =>
      `The ${who} cannot take ${flags} either, but it answered one such segment a moment ago: it drops this one silently (at most one answer each tcp_invalid_ratelimit), so two sides that disagree cannot answer each other for ever.`,
    'rst-closed': (who, flags) => `The ${who} has no connection any more: ${flags} finds nothing to reset and is discarded.`,
  },
  lostOnWire: (from, flags) => `The ${from}'s ${flags} was lost on the wire. Nobody is told: only a timer will notice.`,
  lostAtOnce: (flags) => `That ${flags} is lost on the wire: only a timer will notice.`,
  networkDone: {
    'drop-next': (dir) => `The network will lose the next segment going ${dir}.`,
    'delay-next': (dir, ms) => `The network will hold the next segment going ${dir} back by ${secs(ms)}, so a later one may overtake it.`,
    block: (dir) => `The wire ${dir} is cut: everything sent that way is lost until it is mended.`,
    unblock: (dir) => `The wire ${dir} works again.`,
  },
  manualDone: (on) => (on ? 'You are the network now: each segment stops halfway and waits for Deliver or Drop.' : 'The network delivers by itself again.'),
  segmentDone: (kind, id) => (kind === 'deliver' ? `Segment ${id} goes on its way.` : `Segment ${id} is lost where it stood.`),
  arrivedOnly: (who, flags) => `The ${who} received ${flags} and took what it acknowledges; its state does not change.`,
  arrivedWindowClosed: (who, flags) =>
    `The ${who} received ${flags} with a window of 0: the peer has no room, so the ${who} stops sending. Bytes it still has wait in its send queue, and its persist timer will ask about the window later.`,
  readOnly: (who, bytes) => `The ${who}'s application read ${bytes} bytes.`,
  refusedCall: (who, call, reason) => `The ${who}'s application called ${call}() and was refused: ${reason}.`,
  happened: {
    changed: (who, from, to) => `The ${who} goes from ${from} to ${to}.`,
    sent: (who, flags) => `The ${who} sends ${flags}.`,
    received: (who, flags) => `${flags} reaches the ${who}.`,
    lost: (who, flags) => `The ${who}'s ${flags} is lost on the wire.`,
    called: (who, call, refused) => (refused ? `The ${who}'s application calls ${call}(), and is refused.` : `The ${who}'s application calls ${call}().`),
    read: (who, bytes) => `The ${who}'s application takes ${bytes} bytes.`,
    network: (direction, action) => `On the wire ${direction}: ${action}.`,
  },
};
