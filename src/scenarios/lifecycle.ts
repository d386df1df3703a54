import type { Script } from '../model/script';

/** The page's opening run: a whole connection's life, with the classroom's slow, visible timers. */
export const LIFECYCLE: Script = {
  config: { preset: 'classroom', seed: 2026 },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 500, endpoint: 'client', call: 'connect' },
    { at: 3500, endpoint: 'client', call: 'send', bytes: 1000 },
    { at: 6500, endpoint: 'client', call: 'close' },
    { at: 8500, endpoint: 'server', call: 'close' },
  ],
};
