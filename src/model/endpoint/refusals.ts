/**
 * Why an application call is refused in a state, in RFC 9293's words (section 3.10's "error:
 * connection already exists" and so on), so a refused call reads like a real socket error.
 * Whether a call is allowed is the machine's answer (`canStep`, ./step); this only explains a no.
 */
import type { CallName, TcpState } from '../types';

/** Every reason there is, so the UI's languages can be checked to translate each one. */
export const REFUSAL_REASONS = [
  'the application has already closed this socket',
  'connection already exists',
  'connection does not exist',
  'connection not yet established',
  'connection closing',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function refusalReason(state: TcpState, orphaned: boolean, call: CallName): RefusalReason {
  if (orphaned && state !== 'CLOSED') return 'the application has already closed this socket';
  if (call === 'listen' || call === 'connect') return 'connection already exists';
  if (state === 'CLOSED' || (state === 'LISTEN' && call !== 'close' && call !== 'abort')) return 'connection does not exist';
  if (state === 'SYN-SENT' || state === 'SYN-RECEIVED') return 'connection not yet established';
  return 'connection closing';
}

/** Why the application itself never makes a call: a lesson's policy (src/player/policy.ts), the post's leak. */
export type ApplicationRefusal = 'the application never calls close()';

/** Why a call is not made: the socket refuses it, or the application never makes it. */
export type Refusal = RefusalReason | ApplicationRefusal;
