import { HOSTS } from '../model/hosts';
import type { Frame } from '../player/frame';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';
import { peerOf, type EndpointId, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';

/** ss's own spellings of the states (iproute2's sstate_name); CLOSED sockets are not listed. */
const SS_STATE: Record<TcpState, string | null> = {
  CLOSED: null,
  LISTEN: 'LISTEN',
  'SYN-SENT': 'SYN-SENT',
  'SYN-RECEIVED': 'SYN-RECV',
  ESTABLISHED: 'ESTAB',
  'FIN-WAIT-1': 'FIN-WAIT-1',
  'FIN-WAIT-2': 'FIN-WAIT-2',
  'CLOSE-WAIT': 'CLOSE-WAIT',
  CLOSING: 'CLOSING',
  'LAST-ACK': 'LAST-ACK',
  'TIME-WAIT': 'TIME-WAIT',
};

/** The same hosts the .pcap export writes. */
const ADDRESS = Object.fromEntries(Object.entries(HOSTS).map(([e, h]) => [e, `${h.ip.join('.')}:${h.port}`])) as Record<EndpointId, string>;

const HEADER = 'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port';

/** Each host's socket as `ss -tan` there would list it (with the connection's port only). */
function listing(frame: Frame, e: EndpointId, address: Readonly<Record<EndpointId, string>>): string {
  const state = frame.state(e);
  const name = SS_STATE[state];
  const lines = [`${e}$ ss -tan`, HEADER];
  if (name) {
    const listening = state === 'LISTEN';
    const tcb = frame.tcb(e);
    // ss's Recv-Q: bytes not yet read; Send-Q: bytes not yet acknowledged (sent or still queued). A listener shows its backlog.
    const recvQ = listening ? 0 : tcb.unread;
    const sendQ = listening ? 4096 : frame.sendQueue(e);
    const local = listening ? `0.0.0.0:${address[e].slice(address[e].lastIndexOf(':') + 1)}` : address[e];
    const peer = listening ? '0.0.0.0:*' : address[peerOf(e)];
    lines.push(`${name.padEnd(11)}${String(recvQ).padEnd(7)}${String(sendQ).padEnd(7)}${local.padEnd(21)}${peer}`);
  }
  return lines.join('\n');
}

export function SsPanel({ session, t, addresses = ADDRESS }: { session: Session; t: Strings; addresses?: Readonly<Record<EndpointId, string>> | undefined }) {
  const frame = useEventFrame(session);
  return (
    <section className="panel ss" aria-label={t.ssTitle}>
      <h2>{t.ssTitle}</h2>
      <pre tabIndex={0} aria-label="ss -tan">{`${listing(frame, 'client', addresses)}\n\n${listing(frame, 'server', addresses)}`}</pre>
      <p className="muted">{t.ssHelp}</p>
    </section>
  );
}
