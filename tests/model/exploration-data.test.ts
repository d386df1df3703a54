/**
 * The exhaustive exploration's largest world, data both ways then close (see exploration.test.ts):
 * a file of its own, so that it runs beside the other worlds on a second core.
 */
import { describe, it } from 'vitest';
import { exploreAndCheck } from './exploreWorld';
import { DATA_WORLD } from './worlds';

describe('exhaustive exploration of client x server x network', () => {
  it(DATA_WORLD.name, () => void exploreAndCheck(DATA_WORLD), 300_000);
});
