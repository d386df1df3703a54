/**
 * No file under src/ imports itself through others, type imports included. ESLint's
 * import-x/no-cycle catches a cycle of values (a module half-initialised when its importer runs);
 * a cycle made of types costs nothing at run time, but it ties two files' meanings together (the
 * wire and the world once did), so it is refused here. Imports are read with TypeScript's own
 * pre-processor, as the compiler sees them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Each file's imports of other files in src/ (type imports too). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .filter((i) => i.fileName.startsWith('.'))
      .map((i) => join(dirname(file), i.fileName))
      .map((base) => [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => known.has(p)))
      .filter((p): p is string => p !== undefined);
    graph.set(file, targets);
  }
  return graph;
}

/** The strongly connected groups of more than one file (Tarjan's algorithm): each is a cycle. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v)?.includes(v)) found.push(group);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('imports in src/', () => {
  const graph = importGraph(sources(ROOT));

  it('are read from every file (the reader finds the imports it should)', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(join(ROOT, 'model/world.ts'))).toContain(join(ROOT, 'model/wire.ts'));
  });

  it('form no cycle, type imports included', () => {
    const named = cycles(graph).map((group) => group.map((f) => relative(ROOT, f)).sort());
    expect(named).toEqual([]);
  });

  it('would be caught in a cycle', () => {
    const looped = new Map(graph);
    looped.set(join(ROOT, 'model/wire.ts'), [...graph.get(join(ROOT, 'model/wire.ts'))!, join(ROOT, 'model/world.ts')]);
    expect(cycles(looped).map((g) => g.length)).toEqual([2]);
  });
});
