import { HOSTS } from '../model/hosts';
import type { Frame } from '../player/frame';
import type { Session } from '../player/session';
import { useEventFrame } from './useSession';
import { peerOf, type EndpointId, type TcpState } from '../model/types';
import type { AppStrings as Strings } from '../i18n/appStrings';
import { viewWords } from '../i18n/viewWords';

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

/**
 * ss's columns, each its header over its value, as wide as ss pads them: side by side they read as
 * ss's own lines; in a narrow panel (the rail at 1280 or 1920, a phone) the later ones wrap below
 * whole, so every header is seen, never cut at the panel's edge.
 */
const COLUMNS = [
  ['State', 11],
  ['Recv-Q', 7],
  ['Send-Q', 7],
  ['Local Address:Port', 21],
  ['Peer Address:Port', 0],
] as const;

/** Each host's socket as `ss -tan` there would list it (with the connection's port only): a value per column, or none when CLOSED. */
function listing(frame: Frame, e: EndpointId, address: Readonly<Record<EndpointId, string>>): string[] | null {
  const state = frame.state(e);
  const name = SS_STATE[state];
  if (!name) return null;
  const listening = state === 'LISTEN';
  const tcb = frame.tcb(e);
  // ss's Recv-Q: bytes not yet read; Send-Q: bytes not yet acknowledged (sent or still queued). A listener shows its backlog.
  const recvQ = listening ? 0 : tcb.unread;
  const sendQ = listening ? 4096 : frame.sendQueue(e);
  const local = listening ? `0.0.0.0:${address[e].slice(address[e].lastIndexOf(':') + 1)}` : address[e];
  const peer = listening ? '0.0.0.0:*' : address[peerOf(e)];
  return [name, String(recvQ), String(sendQ), local, peer];
}

export function SsPanel({ session, t, addresses = ADDRESS }: { session: Session; t: Strings; addresses?: Readonly<Record<EndpointId, string>> | undefined }) {
  const v = viewWords[t.lang];
  const frame = useEventFrame(session);
  return (
    <section className="panel ss" aria-label={v.ssTitle}>
      <h2>{v.ssTitle}</h2>
      {(['client', 'server'] as const).map((e) => {
        const values = listing(frame, e, addresses);
        return (
          <div key={e} className="ss-host" tabIndex={0} role="group" aria-label={`${e}$ ss -tan`}>
            <pre>{`${e}$ ss -tan`}</pre>
            {COLUMNS.map(([header, width], i) => (
              <pre key={header}>{`${header.padEnd(width)}${values ? `\n${values[i]!.padEnd(width)}` : ''}`}</pre>
            ))}
          </div>
        );
      })}
      <p className="muted">{v.ssHelp}</p>
    </section>
  );
}
