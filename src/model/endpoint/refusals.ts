/**
 * Why an application call is refused in a state, in RFC 9293's words (section 3.10's "error:
 * connection already exists" and so on), so a refused call reads like a real socket error.
 * Whether a call is allowed is the machine's answer (`snapshot.can`); this only explains a no.
 */
import type { CallName, TcpState } from '../types';

export function refusalReason(state: TcpState, orphaned: boolean, call: CallName): string {
  if (orphaned && state !== 'CLOSED') return 'the application has already closed this socket';
  if (call === 'listen' || call === 'connect') return 'connection already exists';
  if (state === 'CLOSED' || (state === 'LISTEN' && call !== 'close' && call !== 'abort')) return 'connection does not exist';
  if (state === 'SYN-SENT' || state === 'SYN-RECEIVED') return 'connection not yet established';
  return 'connection closing';
}
