/**
 * docs/text-format.md's worked examples: every ```tcp block reads, runs, and every state it expects
 * holds; together they reach every state the post names. Its ```text blocks of messages are what
 * the reader says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/model/simulation';
import { TCP_STATES } from '../../src/model/types';
import { checkExpectations, parseRunText, RunTextError } from '../../src/player/runText';

const doc = readFileSync('docs/text-format.md', 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);

describe('docs/text-format.md', () => {
  const examples = blocks('tcp');

  it("has a worked example for each of the post's cases", () => {
    const titles = examples.map((b) => parseRunText(b).title);
    for (const title of [
      'The three-way handshake',
      'The four-way close',
      'The server never closes',
      'The peer has vanished',
      'The server closes too late',
      'One orphan of the pile',
    ])
      expect(titles).toContain(title);
  });

  it('every example reads, runs, and every state it expects holds', () => {
    const reached = new Set<string>();
    for (const block of examples) {
      const run = parseRunText(block);
      expect(run.expects.length, run.title ?? block).toBeGreaterThan(0);
      const trace = Simulation.run(run.script);
      expect(checkExpectations(run.expects, trace.transitions), run.title ?? '').toBeNull();
      for (const x of run.expects) reached.add(x.state);
    }
    // Every state the post names is expected somewhere, and so checked.
    for (const state of TCP_STATES) expect(reached, state).toContain(state);
  });

  it("the messages it quotes are the reader's own", () => {
    const said = blocks('text').flatMap((b) => b.trim().split('\n'));
    const read = (text: string): string => {
      try {
        const run = parseRunText(text);
        return checkExpectations(run.expects, Simulation.run(run.script).transitions)!.message;
      } catch (e) {
        if (e instanceof RunTextError) return e.message;
        throw e;
      }
    };
    const close = '# the normal close\npreset classroom\n0 server listen\n500ms client connect\n3s client close\n5.5s server close\n';
    expect(said).toEqual([
      read(`${close}6s server is CLOSE-WAIT`),
      read('preset linux\nlatency 0\n0 server listen\n0 client connect\n0 client is LISTEN'),
      read('0 server listen\n500ms client conect'),
      read('500 client connect'),
      read('seed 1\n0 server listen\nlatency 2s'),
      read('5s client connect\n4s server listen'),
      read('server never closes\n0 server listen\n1s server close'),
    ]);
  });
});
