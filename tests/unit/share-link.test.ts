import { describe, expect, it } from 'vitest';
import { ShareLinkError, decodeRun, encodeRun, type SharedRun } from '../../src/player/shareLink';

const RUN: SharedRun = {
  config: { preset: 'classroom', seed: 5 },
  steps: [
    { at: 0, endpoint: 'server', call: 'listen' },
    { at: 120, network: 'drop-next', direction: 'client->server' },
    { at: 120, endpoint: 'client', call: 'connect' },
  ],
  t: 2500,
};

describe('shared links', () => {
  it('round-trip a run exactly', () => {
    expect(decodeRun(encodeRun(RUN))).toEqual(RUN);
  });

  it('are compact and URL-safe', () => {
    const link = encodeRun(RUN);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(link.length).toBeLessThan(400);
  });

  it('keep working for version 1 links made today', () => {
    const today = '1.eyJjb25maWciOnsicHJlc2V0IjoiY2xhc3Nyb29tIn0sInN0ZXBzIjpbeyJhdCI6MCwiZW5kcG9pbnQiOiJzZXJ2ZXIiLCJjYWxsIjoibGlzdGVuIn1dLCJ0IjoxMDB9';
    expect(decodeRun(today)).toEqual({ config: { preset: 'classroom' }, steps: [{ at: 0, endpoint: 'server', call: 'listen' }], t: 100 });
  });

  const b64 = (o: unknown) => `1.${Buffer.from(JSON.stringify(o)).toString('base64url')}`;
  it.each([
    ['', /no version/],
    ['garbage', /no version/],
    ['2.abc', /newer version/],
    ['1.!!!!', /damaged/],
    ['1.' + 'A'.repeat(9_000), /too long/],
    [b64([1, 2]), /damaged/],
    [b64({ steps: [], t: -5 }), /bad time/],
    [b64({ steps: [], t: 1e15 }), /bad time/],
    [b64({ steps: [{ at: 0, endpoint: 'client', call: '<script>' }], t: 0 }), /steps\[0\]\.call/],
    [b64({ config: { latencyMs: 1e12 }, steps: [], t: 0 }), /config\.latencyMs/],
    [b64({ steps: 'x', t: 0 }), /steps: must be an array/],
    [b64({ steps: [], t: 0, __proto__: { x: 1 } }), null],
  ])('refuse a bad link with a reason: %s', (param, reason) => {
    if (reason === null) return expect(() => decodeRun(param)).not.toThrow();
    expect(() => decodeRun(param)).toThrow(ShareLinkError);
    expect(() => decodeRun(param)).toThrow(reason);
  });
});
