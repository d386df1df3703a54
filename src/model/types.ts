/** RFC 9293's eleven connection states, spelled as the RFC (and the trace format) spells them. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
] as const;
export type TcpState = (typeof TCP_STATES)[number];

/** The spellings `netstat` prints (the post uses these). */
export const NETSTAT_NAMES: Record<TcpState, string> = {
  CLOSED: 'CLOSED',
  LISTEN: 'LISTEN',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECEIVED': 'SYN_RCVD',
  ESTABLISHED: 'ESTABLISHED',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  'LAST-ACK': 'LAST_ACK',
  'TIME-WAIT': 'TIME_WAIT',
};

export const ENDPOINTS = ['client', 'server'] as const;
export type EndpointId = (typeof ENDPOINTS)[number];
export const peerOf = (e: EndpointId): EndpointId => (e === 'client' ? 'server' : 'client');

export const DIRECTIONS = ['client->server', 'server->client'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const directionFrom = (e: EndpointId): Direction => (e === 'client' ? 'client->server' : 'server->client');

export const CALLS = ['listen', 'connect', 'close', 'shutdown', 'abort', 'send', 'read'] as const;
export type CallName = (typeof CALLS)[number];

/** Why a connection ended badly, as the socket API would report it to the application. */
export type ConnectionError = 'connection refused' | 'connection reset' | 'connection timed out';
