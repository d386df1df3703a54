/** The conn.log view's words, in English. */
import type { ConnLogStrings, EndFacts } from '../connlogStrings';

const ROLE = { client: 'the originator (client)', server: 'the responder (server)' } as const;
const SHORT = { client: 'the originator', server: 'the responder' } as const;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function endWhy({ end, state, peerState, verdict }: EndFacts): string {
  const me = SHORT[end];
  const peer = SHORT[end === 'client' ? 'server' : 'client'];
  switch (state) {
    case 'CLOSE-WAIT':
      return `${cap(peer)}'s FIN came; ${me} never sent one: its application had not closed.`;
    case 'FIN-WAIT-2':
      return `${cap(me)} closed and ${peer} acknowledged its FIN, but ${peer} never sent its own: ${me} waits in FIN-WAIT-2 (Linux ends it after tcp_fin_timeout, 60 s, once the application has closed).`;
    case 'FIN-WAIT-1':
      return `${cap(me)} sent its FIN and nothing acknowledged it.`;
    case 'TIME-WAIT':
      return `${cap(me)} closed first and acknowledged ${peer}'s FIN: it waits out TIME-WAIT (60 s on Linux) before this address and port pair is used again.`;
    case 'LAST-ACK':
      return `${cap(me)} answered ${peer}'s FIN with its own; the last ACK is not in the log.`;
    case 'CLOSING':
      return `The two FINs crossed; ${me}'s was not acknowledged.`;
    case 'SYN-SENT':
      return `${cap(me)}'s SYN got no answer in the log.`;
    case 'SYN-RECEIVED':
      return `${cap(me)} answered the SYN; the handshake's last ACK is not in the log.`;
    case 'ESTABLISHED':
      return `The connection was open when the row was written: ${me} had sent neither a FIN nor a reset.`;
    case 'LISTEN':
      return peerState === 'SYN-SENT'
        ? `${cap(me)} never got the SYN (as far as the log shows): it is only listening.`
        : `The half-open connection was reset; ${me}'s port listens again.`;
    case 'CLOSED':
      if (verdict === 'REJ')
        return end === 'client' ? `The SYN was refused: ${peer} answered with a reset.` : `Nothing listened on the port: ${me} refused the SYN with a reset.`;
      if (verdict === 'RSTO' || verdict === 'RSTOS0')
        return end === 'client' ? `${cap(me)} aborted with a reset: its connection is gone.` : `${cap(peer)}'s reset came: ${me}'s connection is gone.`;
      if (verdict === 'RSTR' || verdict === 'RSTRH')
        return end === 'server' ? `${cap(me)} aborted with a reset: its connection is gone.` : `${cap(peer)}'s reset came: ${me}'s connection is gone.`;
      if (peerState === 'TIME-WAIT') return `${cap(me)} closed second and its last ACK came back: nothing is left of its connection.`;
      return `Nothing is left of ${me}'s connection.`;
  }
}

export const connlog: ConnLogStrings = {
  role: ROLE,
  endWhy,
  note: {
    flipped: '^: Zeek swapped the ends (it saw the responder first); originator and responder are as Zeek finally chose.',
    'hidden-ack':
      'Zeek writes a pure ACK once each way, so the last ACK (of a FIN) would not show in the history: it is taken as sent. If it was not, that end is one state earlier (FIN-WAIT-1 rather than FIN-WAIT-2, LAST-ACK rather than CLOSED).',
    'syn-unanswered':
      'Nothing answered the SYN: it is taken as lost. If it reached the responder and the answer went another way, the responder was in SYN-RECEIVED.',
    'opening-assumed': 'No SYN from the originator in the history (Zeek saw the connection from its middle, or from the SYN+ACK): the opening is assumed.',
    'one-sided':
      "Every letter is one end's: Zeek saw one direction only (asymmetric routing, or a tap on one side). The other end's segments are inferred from what this one acknowledges; what it sent unacknowledged is unknown.",
    gap: 'g: Zeek missed some bytes (a content gap); they are taken as delivered.',
    'bad-checksum': 'c: a packet had a bad checksum, and its receiver dropped it.',
    'zero-window': 'w: a receiver offered a zero window; windows are not replayed from a history.',
    'odd-flags': 'i or q: a packet with flags that do not go together (SYN with FIN or RST); it is left out.',
    partial: 'x: Zeek stopped analysing this connection (a limit was reached); later packets are not in the history.',
    'unknown-letter': 'The history has letters Zeek does not define; they are left out.',
    departs:
      "Some letters stand for a segment the model's ends would not send then (a host that is not Linux, packets Zeek saw out of order, or letters Zeek writes once): the states are the model's best reading.",
    'no-history': 'The row has no history: there is nothing to replay.',
  },
  title: 'Zeek conn.log',
  reading: (rows, shown) => `Reading the log… ${shown} ${rows === 1 ? 'row' : 'rows'} so far`,
  summary: (file, rows, shown, tcp) => `${file}: ${shown} ${rows === 1 ? 'row' : 'rows'}, ${tcp} TCP`,
  failed: (message) => `That log could not be read: ${message}`,
  byState: 'Where the ends were left',
  byStateHelp: "Each TCP row's history replayed through the model: how many rows left each end in each state when Zeek wrote the row.",
  byServer: 'By server',
  byServerHelp: 'The responders (address and port) with the most rows, and where their rows left each end.',
  piles: 'Where it piles up',
  noPiles: (states) => `Nothing piles up: no row left an end stuck waiting (${states}).`,
  timeWaitAside: (end, rows, shown, server, atServer) =>
    `Not counted as piling up, as it clears itself after 60 s: TIME-WAIT, ${shown} ${rows === 1 ? 'row' : 'rows'} of ${end}, most at ${server} (${atServer}).`,
  pileOf: (end, state) => `${end} in ${state}`,
  rowsCount: (n, shown) => `${shown} ${n === 1 ? 'row' : 'rows'}`,
  columns: { line: 'Line', start: 'Start', client: 'Originator', server: 'Responder', history: 'History', verdict: 'Verdict', ends: 'Ends in (orig. / resp.)' },
  rowsShown: (first, last, total) => `Rows ${first}–${last} of ${total}`,
  explain: 'Pick a row: why each of its ends is where it is, in words.',
  openPackets: 'Open its packets',
  withCapture: (file, connections) => `${file} beside the log (${connections} TCP connections): a row with the same ends opens its packets.`,
  addCapture: 'Add the capture it came from (.pcap)…',
  listedFirst: (n) => `The list holds the first ${n} TCP rows; the census counts them all.`,
  noHistory: '(no history)',
  mayMiss: (n, shown) => `More servers than can be counted at once: a server's count may miss up to ${shown} ${n === 1 ? 'row' : 'rows'}.`,
  notTcp: (counts) => `Not TCP (counted, not replayed): ${counts}`,
  back: 'Back to the log',
  filterHelp: 'Show only the rows that left an end in this state',
  filtered: (what, count, shown) => `${shown} ${count === 1 ? 'row' : 'rows'} with ${what}.`,
  historySpelled: 'Its history, letter by letter (upper case: the originator, lower case: the responder):',
  verdictIs: (code) => `Zeek's verdict ${code}:`,
  showAll: 'Show all',
};
