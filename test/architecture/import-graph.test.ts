// The cycle finder and the resolver behind the import-cycle rule, on small graphs whose answer is known.
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph, resolveSpecifier, specifiers } from './import-graph.js';

const graphOf = (files: Record<string, string>) => importGraph(new Map(Object.entries(files)));

describe('specifiers', () => {
  it('reads imports, type imports, re-exports, import() and require()', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export type { D } from './d.js';",
      "const e = await import('./e.js');",
      "const f = require('./f.js');",
      "import 'node:fs';",
      '// import { g } from "./g.js";',
    ].join('\n');
    expect(specifiers(text)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', 'node:fs']);
  });
});

describe('resolveSpecifier', () => {
  const known = new Set(['/r/src/a.ts', '/r/src/view.tsx', '/r/src/dir/index.ts', '/r/src/b.ts']);
  it('maps the .js of a source import to its .ts or .tsx file, and a folder to its index', () => {
    expect(resolveSpecifier('/r/src/b.ts', './a.js', known)).toBe('/r/src/a.ts');
    expect(resolveSpecifier('/r/src/b.ts', './view.js', known)).toBe('/r/src/view.tsx');
    expect(resolveSpecifier('/r/src/b.ts', './dir', known)).toBe('/r/src/dir/index.ts');
    expect(resolveSpecifier('/r/src/dir/index.ts', '../a', known)).toBe('/r/src/a.ts');
  });
  it('leaves packages, assets and unknown files out', () => {
    expect(resolveSpecifier('/r/src/b.ts', 'react', known)).toBeUndefined();
    expect(resolveSpecifier('/r/src/b.ts', './styles/app.css', known)).toBeUndefined();
    expect(resolveSpecifier('/r/src/b.ts', './missing.js', known)).toBeUndefined();
  });
});

describe('findCycles', () => {
  it('finds none in an acyclic graph, even where two paths meet', () => {
    const g = graphOf({
      '/r/a.ts': "import './b.js'; import './c.js';",
      '/r/b.ts': "import './d.js';",
      '/r/c.ts': "import './d.js';",
      '/r/d.ts': "import 'node:path';",
    });
    expect(g.get('/r/a.ts')).toEqual(['/r/b.ts', '/r/c.ts']);
    expect(findCycles(g)).toEqual([]);
  });

  it('reports a cycle as the path that closes it, a self-import included', () => {
    const g = graphOf({
      '/r/a.ts': "import { b } from './b.js';",
      '/r/b.ts': "import type { C } from './c.js';",
      '/r/c.ts': "export { a } from './a.js';",
      '/r/self.ts': "import * as me from './self.js';",
    });
    expect(findCycles(g)).toEqual([
      ['/r/a.ts', '/r/b.ts', '/r/c.ts', '/r/a.ts'],
      ['/r/self.ts', '/r/self.ts'],
    ]);
  });

  it('finds the store query cycle of issue 15, and none once the shared parts have their own modules', () => {
    const tangled = graphOf({
      '/r/store/queries/search.ts': "import { summaryFor } from './summary.js';",
      '/r/store/queries/summary.ts': "import { ftsMatch } from './search.js'; import { facetCounts } from './facets.js';",
      '/r/store/queries/facets.ts': "import { ftsMatch } from './search.js'; import { readSummary } from './summary.js';",
    });
    expect(findCycles(tangled).map((c) => c.map((f) => f.replace('/r/store/queries/', '')).join(' -> '))).toEqual([
      'facets.ts -> search.ts -> summary.ts -> facets.ts',
      'search.ts -> summary.ts -> search.ts',
    ]);
    const untangled = graphOf({
      '/r/store/queries/fts.ts': '',
      '/r/store/queries/search.ts': "import { ftsMatch } from './fts.js'; import { readSummary } from './summary-read.js';",
      '/r/store/queries/summary-read.ts': '',
      '/r/store/queries/summary-build.ts': "import { ftsMatch } from './fts.js'; import { facetCounts } from './facets.js';",
      '/r/store/queries/facets.ts': "import { ftsMatch } from './fts.js'; import { readSummary } from './summary-read.js';",
    });
    expect(findCycles(untangled)).toEqual([]);
  });
});
