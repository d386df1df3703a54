/**
 * The bounded worlds the exhaustive exploration walks: small, but every interleaving within them.
 * Time is abstract there, so a timer may fire at any moment; bounding what is in flight keeps
 * the retransmissions this lets loose from growing the world without end. Sizes and times are
 * printed by the test and written in the README (about 17,000 states a second on this machine).
 */
import type { Bounds } from './explore';

/** One retry of everything: the retry logic is the same at any count, and the worlds stay small. */
const SMALL = { synRetries: 1, synAckRetries: 1, finRetries: 1, dataRetries: 1, synLinearTimeouts: 0, tailLossProbe: false, mss: 100 } as const;
/** The client's ISN sits just below 2^32, so every world also crosses the wrap-around. */
const WRAPPING = { ...SMALL, clientIsn: 0xffff_fffe, serverIsn: 5000 } as const;

const closeMenu = { client: ['connect', 'close', 'shutdown', 'abort'], server: ['listen', 'close', 'abort'] } as const;

export interface BoundedWorld {
  readonly name: string;
  readonly bounds: Bounds;
}

/** Data both ways, then close: the largest world (more states than the others together), explored in a file of its own. */
export const DATA_WORLD: BoundedWorld = {
  name: 'data both ways, then close; one loss',
  bounds: {
    drops: 1,
    calls: { client: 3, server: 3 },
    menu: { client: ['connect', 'send', 'close'], server: ['listen', 'send', 'close'] },
    config: WRAPPING,
    maxInFlight: 2,
    maxStates: 1_000_000,
  },
};

export const WORLDS: readonly BoundedWorld[] = [
  {
    name: 'open, then close, half-close or abort on either side; one loss; three segments in flight',
    bounds: { drops: 1, calls: { client: 2, server: 2 }, menu: closeMenu, config: WRAPPING, maxInFlight: 3, maxStates: 1_000_000 },
  },
  {
    name: "the same with Linux's tail-loss probe; two segments in flight",
    bounds: { drops: 1, calls: { client: 2, server: 2 }, menu: closeMenu, config: { ...WRAPPING, tailLossProbe: true }, maxInFlight: 2, maxStates: 1_000_000 },
  },
  DATA_WORLD,
  {
    name: 'both sides connect (simultaneous open and close); one loss',
    bounds: {
      drops: 1,
      calls: { client: 2, server: 2 },
      menu: { client: ['connect', 'close', 'abort'], server: ['connect', 'close', 'abort'] },
      config: { ...SMALL, clientIsn: 1000, serverIsn: 5000 },
      maxInFlight: 2,
      maxStates: 1_000_000,
    },
  },
];
