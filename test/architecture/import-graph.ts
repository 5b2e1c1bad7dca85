// The import graph of the sources, as TypeScript's pre-processor reads it, and the cycles in it.
// Kept apart from layers.test.ts so the resolver and the cycle finder are tested on small inputs.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

/** File → the files it imports (relative specifiers resolved; packages and assets left out). */
export type ImportGraph = Map<string, string[]>;

/** TypeScript and TSX sources under `dir`, declaration files left out. */
export function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sourceFiles(p);
      return /\.(ts|tsx|mts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
    });
}

/** Every module specifier of a source text: imports, export-from, `import()`, `require()`, `import type`. */
export function specifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The known file a relative specifier names (`./x.js` is `./x.ts` or `./x.tsx` in the sources), if any. */
export function resolveSpecifier(from: string, spec: string, known: ReadonlySet<string>): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  const stem = base.replace(/\.(m|c)?jsx?$/, '');
  const candidates = [
    base,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ];
  return candidates.find((c) => known.has(c));
}

/** The graph of `sources` (file → its text): an edge for each relative import that names one of them. */
export function importGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const known = new Set(sources.keys());
  const graph: ImportGraph = new Map();
  for (const [file, text] of sources) {
    const targets = specifiers(text).flatMap((spec) => resolveSpecifier(file, spec, known) ?? []);
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/**
 * The cycles of a graph, each as the path that closes it (`a → b → a` is `[a, b, a]`): one per
 * edge that leads back to a file still open in a depth-first walk. An acyclic graph gives none, and
 * a graph with cycles gives at least one per strongly connected group, in a stable order.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}
