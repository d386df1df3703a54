/** The capture X-ray's words, in English. */
import type { CaptureStrings } from '../captureStrings';

const s = (x: number) => `${x.toLocaleString('en', { maximumFractionDigits: 3 })} s`;

export const capture: CaptureStrings = {
  replay: {
    sendWhyCaptured: (who, flags, why) =>
      why.inferred === 'unseen'
        ? `Not in the capture, which saw only the other direction: the ${who}'s ${flags} is inferred from what the other end acknowledged.`
        : why.inferred === 'missed'
          ? `Not in the capture, which missed it: the ${who}'s next captured segment starts past these bytes, and the other end acknowledged them, so the ${who}'s ${flags} is inferred.`
          : why.inferred === 'opening'
            ? `Not in the capture, which starts at the SYN+ACK: the ${who}'s ${flags} must have come first, so it is inferred.`
            : why.assumed
              ? `Not in the capture: it begins after this connection opened, so the ${who}'s ${flags} is assumed, to bring both ends to where the first captured segment finds them.`
              : why.departs
                ? why.departs.kind === 'not-open'
                  ? `The capture shows the ${who} sending ${flags}, but the model's ${who} is in ${why.departs.state} and would send nothing like it. Here the capture departs from the model: a packet it missed, or an end that does not behave as RFC 9293 with Linux's choices. Inference goes on with the next segments.`
                  : `The capture shows the ${who} sending ${flags}, and no call, rule or timer of the model's ${who} (in ${why.departs.state}) explains it. Here the capture departs from the model; inference goes on with the next segments.`
                : why.resend > 0
                  ? `The capture shows the ${who} sending ${flags} again (copy ${why.resend + 1}): the real ${who}'s own retransmission (its timer, or the peer's duplicate ACKs) chose the moment, not the model's.`
                  : `The capture shows the ${who} sending ${flags}: an acknowledgment or a window update, at a moment the real ${who} chose (the model would have sent it at another moment, or with another segment).`,
    causeTimerSooner: (who, timer) =>
      `The capture shows the ${who} had no connection any more when the peer's next segment came (it answered with a reset), so its ${timer} ran out sooner than the model's would: the real host's setting is shorter, or it counts otherwise.`,
    causeCallInferred: (who, call) =>
      `The ${who}'s application must have called ${call}() here: a capture shows no calls, so it is inferred from the segment that left next${call === 'shutdown' || call === 'close' ? ' (shutdown() if the socket went on taking bytes afterwards, close() otherwise)' : call === 'abort' ? ' (or close() with bytes it had not read: Linux resets either way)' : ''}.`,
  },
  title: 'Capture X-ray',
  intro:
    'Open a packet capture (.pcap or .pcapng, as tcpdump, tshark or Wireshark write them, gzipped or not), or paste what tcpdump -n printed. Each TCP connection in it is replayed through the model, so you see the state each end was in, and why.',
  privacy: 'The file is read on this page. Nothing leaves your browser.',
  pick: 'Choose a file…',
  drop: 'or drop it here',
  pasteLabel: 'Or paste tcpdump -n output',
  pastePlaceholder: '12:00:00.000000 IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 64240, length 0',
  pasteGo: 'Read the text',
  reading: (packets) => `Reading… ${packets} packets so far`,
  failed: (name, reason) => `${name ? `${name} could` : 'That could'} not be read: ${reason}`,
  clientGuessed: 'Guessed: the capture holds no SYN, so which end opened the connection is inferred',
  summary: (file, packets, connections, n) =>
    `${file}: ${n(packets)} ${packets === 1 ? 'packet' : 'packets'}, ${n(connections)} TCP ${connections === 1 ? 'connection' : 'connections'}`,
  cutShort: 'The file ends in the middle of a packet: it was cut short. What came before the cut is read.',
  refusals: {
    'not-capture': 'it is not a packet capture (not a pcap or pcapng file, nor tcpdump -n text)',
    'cut-short': 'the file is cut short before its first packet',
    damaged: 'the file is damaged (its headers make no sense)',
    'too-large': 'the text is too long to paste (save it as a capture file instead)',
    'no-tcp': 'no line of the text is a TCP packet as tcpdump -n prints one',
    gzip: 'the gzip file is damaged or cut short, so it cannot be decompressed',
  },
  skipped: (reasons) => `Left out: ${reasons.join('; ')}.`,
  skippedWhy: {
    notTcp: (packets) => `${packets} not TCP (UDP, ICMP and the like: normal in any capture)`,
    notIp: (packets) => `${packets} not IP (ARP and other link-layer frames)`,
    fragment: (packets) => `${packets} fragments of IP packets, read whole in the packet that completed each`,
    unreassembled: (packets) => `${packets} fragments of IP packets never made whole (a fragment missing, too late, or too large)`,
    cutOff: (packets) => `${packets} cut off by the capture before the end of their TCP header`,
    damaged: (packets) => `${packets} damaged`,
    unread: (packets, names) => `${packets} packets in a tunnel or link type we do not read: ${names}`,
  },
  none: 'No TCP connection in it.',
  columns: {
    client: 'Client',
    server: 'Server',
    start: 'Start',
    duration: 'Duration',
    segments: 'Segments',
    bytes: 'Bytes',
    verdict: 'Verdict',
    ends: 'Ends in (client / server)',
  },
  sortBy: (column) => `Sort by ${column}`,
  verdictMeaning: {
    S0: 'a SYN, and no answer',
    S1: 'opened, and not closed within the capture',
    SF: 'opened and closed in order (a FIN each way)',
    REJ: 'refused: the SYN was answered with a reset',
    S2: 'opened; the client sent a FIN, the server none',
    S3: 'opened; the server sent a FIN, the client none',
    RSTO: 'opened, then reset by the client',
    RSTR: 'opened, then reset by the server',
    RSTOS0: 'a SYN, then a reset from the client, and no SYN+ACK',
    RSTRH: 'a SYN+ACK with no SYN seen, then a reset from the server',
    SH: 'a SYN, then a FIN from the client, and no answer',
    SHR: 'a SYN+ACK with no SYN seen, then a FIN from the server',
    OTH: 'no SYN seen and no close: the capture starts in the middle (or holds a SYN+ACK alone)',
  },
  resetAfterClose: { client: 'then a reset from the client', server: 'then a reset from the server' },
  finWithoutSyn: 'a FIN from the client, and no answer captured; no SYN captured either (the capture starts after the opening, or sees one side only)',
  history: {
    label: 'Zeek history',
    legend: 'Zeek’s history, one letter per event in order: upper case for what Zeek’s originator did, lower case for its responder.',
    kinds: {
      syn: 'SYN',
      'syn-ack': 'SYN+ACK',
      ack: 'pure ACK',
      data: 'data',
      fin: 'FIN',
      rst: 'reset',
      'bad-checksum': 'bad checksum',
      gap: 'content gap (bytes acknowledged that the capture never carried)',
      retransmission: 'bytes sent again',
      'zero-window': 'zero window',
      'fin-rst': 'FIN and RST together',
      'multi-flag': 'SYN with FIN or RST',
      flipped: 'Zeek turned the connection round (the first packet it saw was not the opener’s)',
      partial: 'analysis cut short',
    },
    who: { client: 'client', server: 'server' },
    step: (letter, kind, who, atLeast) => `${letter} = ${who ? `${who} ` : ''}${kind}${atLeast > 1 ? ` (${atLeast.toLocaleString('en')} times or more)` : ''}`,
  },
  census: 'Sockets still held when the capture stopped',
  censusHelp:
    'Each end of each connection that still had a socket when the capture stopped, counted by its state (as ss would count them; a CLOSED end holds none). Many in CLOSE-WAIT or TIME-WAIT is the pile-up the post warns about. A connection whose addresses and ports are used again later in the capture is counted once, as its latest connection.',
  censusNone: 'none: every end had closed',
  counting: (known, total) => `Working out where each end was: ${known} of ${total} connections replayed…`,
  filterHelp: 'Show only the connections with an end in this state',
  filtered: (state, count) => `${count} connections with an end in ${state}.`,
  showAll: 'Show all',
  days: (days) => `${days} d`,
  reused: 'used again',
  reusedHelp: 'The same addresses and ports open again later in the capture: that later connection holds the sockets, so the census does not count this one.',
  censusRow: (count) => `${count}`,
  openConnection: 'Open',
  back: 'All connections',
  vantage: (toClient, toServer, from) =>
    from === 'handshake'
      ? `The capture was taken about ${toClient} from the client and ${toServer} from the server (from the handshake’s timing).`
      : from === 'given'
        ? `The capture was taken ${toClient} from the client and ${toServer} from the server.`
        : 'No handshake to time: each segment is taken to arrive as it was captured.',
  captureEnd: 'capture ends',
  anomalies: 'What stands out',
  noAnomalies: 'Nothing abnormal: an orderly connection.',
  anomaly: {
    retransmission: (a, who) => `The ${who} sent ${a.flags} again (copy ${a.copy}).${a.lost ? ' This copy was lost too.' : ''}`,
    lost: (a, who) => `The ${who}’s ${a.flags} never arrived: it had to be sent again, or the peer went on as if it had not come.`,
    'fin-unanswered': (a, who) =>
      `The ${who}’s FIN was never acknowledged in the capture${a.lost ? ' (it was lost on the way)' : ''}: the ${who} waited for that ACK, resending the FIN.`,
    reset: (a, who) =>
      (a.reason === 'abort'
        ? `The ${who} reset the connection: its application aborted it (or closed it with bytes it had not read, which Linux answers the same way).`
        : a.reason === 'no-connection'
          ? `The ${who} answered ${a.answers === null ? 'a segment' : `packet ${a.answers}`} with a reset: it had no connection for it any more.`
          : a.reason === 'unacceptable-ack'
            ? `The ${who} answered ${a.answers === null ? 'a segment' : `packet ${a.answers}`} with a reset: its ACK number was not one the ${who} could accept before its handshake was through (not one past its SYN).`
            : a.reason === 'data-after-close'
              ? `The ${who} reset the connection: bytes${a.answers === null ? '' : ` (packet ${a.answers})`} reached a socket its application had closed.`
              : `The ${who} sent a reset that no rule of the model explains.`) + (a.lost ? ' The reset never arrived.' : ''),
    departs: (a, who) =>
      (a.departs.kind === 'not-open'
        ? `The ${who}’s ${a.flags} departs from the model: the model’s ${who} is in ${a.departs.state} and sends nothing like it.`
        : `The ${who}’s ${a.flags} departs from the model: no call, rule or timer explains it.`) + (a.lost ? ' It never arrived.' : ''),
    'close-wait': (a, who) =>
      `The ${who} sat in CLOSE-WAIT for ${s(a.seconds)}${a.ended ? '' : ', until the capture ended'}: its application had not called close().`,
    'fin-wait-2-timeout': (a, who) =>
      a.sooner
        ? `The ${who}’s FIN-WAIT-2 had ended before the peer’s FIN came (the FIN found no connection and was answered with a reset): its tcp_fin_timeout is shorter than Linux’s default 60 s.`
        : `The ${who} left FIN-WAIT-2 by its timer (tcp_fin_timeout): the peer’s FIN never came.`,
    'gave-up': (a, who) =>
      a.sooner
        ? `The ${who} had given up in ${a.state} before the peer’s next segment came (it found no connection): its retries ran out sooner than the model’s.`
        : `The ${who} gave up in ${a.state}: its retries ran out, and the connection is gone.`,
    'time-wait-beyond': (a, who) => `The ${who} is still in TIME-WAIT when the capture ends; its wait ends at ${s(a.endsAt)}.`,
    'keep-alive': (a, who) =>
      `The ${who} sent a keep-alive (${a.flags} one before its next byte): it asks whether the idle connection is still there; not a resend.${a.lost ? ' It never arrived.' : ''}`,
    'window-probe': (a, who) =>
      `The ${who} probed the peer’s zero window (${a.flags}), asking whether room has opened; not a resend.${a.lost ? ' It never arrived.' : ''}`,
    'mid-connection': () => 'The capture starts after the handshake: the opening is assumed (drawn dotted), so the states before the first packet are a guess.',
    'inferred-opening': () => 'The capture starts at the server’s SYN+ACK: the client’s SYN before it is inferred (drawn dotted).',
    'one-direction': (a, who) =>
      `The capture saw only one direction: the ${who}’s ${a.segments} segment${a.segments === 1 ? ' is' : 's are'} inferred from what the other end acknowledged (drawn dotted).`,
    missed: (a, who) =>
      `The capture missed ${a.bytes.toLocaleString('en')} byte${a.bytes === 1 ? '' : 's'} the ${who} sent before packet ${a.before}: the other end acknowledged them, so they are inferred (drawn dotted). A capture drops packets when it cannot keep up.`,
  },
  beyondEnd: 'Past the capture’s last packet: from here on the stage shows what the model predicts.',
  forkHint: 'Any call or network action here forks the capture into the simulator, from this moment.',
  forked: 'Forked: from here on it is the simulator, going on from the states the capture left.',
  packet: (n, flags, d) =>
    [
      `In the capture, packet ${n} (${flags}): window field ${d.win}`,
      d.mss !== undefined ? `MSS ${d.mss}` : '',
      d.windowScale !== undefined ? `window scale ${d.windowScale}` : '',
      d.sackPermitted ? 'SACK permitted' : '',
      d.timestamp ? `timestamps ${d.timestamp.value}/${d.timestamp.echo}` : '',
    ]
      .filter(Boolean)
      .join(', '),
};
