import type { TcpState } from '../model/types';

/** States grouped the way the diagrams colour them (always with the state's name beside the colour). */
export type StateFamily = 'closed' | 'opening' | 'established' | 'closing' | 'waiting';

const FAMILIES: Record<TcpState, StateFamily> = {
  CLOSED: 'closed',
  LISTEN: 'opening',
  'SYN-SENT': 'opening',
  'SYN-RECEIVED': 'opening',
  ESTABLISHED: 'established',
  'FIN-WAIT-1': 'closing',
  'FIN-WAIT-2': 'closing',
  CLOSING: 'closing',
  'LAST-ACK': 'closing',
  'CLOSE-WAIT': 'waiting',
  'TIME-WAIT': 'waiting',
};

export const stateFamily = (s: TcpState): StateFamily => FAMILIES[s];
