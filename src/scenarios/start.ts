import type { Script } from '../model/script';

/** The page opens here: nothing has happened yet, with the classroom's slow, visible timers. */
export const START: Script = { config: { preset: 'classroom', seed: 2026 }, steps: [] };
