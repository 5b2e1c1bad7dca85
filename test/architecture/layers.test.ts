// The layering of DESIGN.md, enforced over src/, renderer/ and electron/: every import points the
// allowed way, no import cycle, and only src/store speaks SQL. A breach fails with file and rule.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/corpus.js';
import { findCycles, importGraph, sourceFiles, specifiers } from './import-graph.js';
import { electronProblems, rendererProblems, srcLayerProblems } from './layer-rules.js';
import { sqlCalls } from './sql-calls.js';

const SRC = join(REPO_ROOT, 'src');
const rel = (file: string) => relative(REPO_ROOT, file);
const read = (file: string) => readFileSync(file, 'utf8');

/** The sources under these repository folders, read. */
function sources(...dirs: string[]): Map<string, string> {
  return new Map(dirs.flatMap((d) => sourceFiles(join(REPO_ROOT, d))).map((f) => [f, read(f)]));
}

describe('layering', () => {
  it('src/ layers import only what DESIGN.md allows, and never electron or react', () => {
    expect(srcLayerProblems(REPO_ROOT, sources('src'))).toEqual([]);
  });

  it('electron/ imports only electron, node built-ins, its own files and src/api, src/model, src/shared', () => {
    const electron = sources('electron');
    expect([...electron.keys()].map(rel)).toContain('electron/main.ts');
    expect(electronProblems(REPO_ROOT, electron)).toEqual([]);
  });

  it('the renderer reaches src/ only through type imports from src/model, and never electron or node', () => {
    expect(rendererProblems(REPO_ROOT, sources('renderer'))).toEqual([]);
  });

  it('no import cycle over src/, renderer/ and electron/', () => {
    const graph = importGraph(sources('src', 'renderer', 'electron'));
    // The graph is real: a few hundred files and their imports were read.
    expect(graph.size).toBeGreaterThan(200);
    expect([...graph.values()].reduce((n, to) => n + to.length, 0)).toBeGreaterThan(graph.size);
    const cycles = findCycles(graph).map((cycle) => cycle.map(rel).join(' -> '));
    expect(cycles).toEqual([]);
  });

  it('only src/store speaks SQL: no prepare, pragma, exec or transaction on a database, nor better-sqlite3, elsewhere', () => {
    // The detector sees the store's own SQL, so silence elsewhere means no SQL, not a blind detector.
    const store = sources('src/store');
    expect([...store].flatMap(([f, text]) => sqlCalls(text, f)).length).toBeGreaterThan(20);
    const problems = [...sources('src', 'electron', 'test/support')]
      .filter(([f]) => !rel(f).startsWith('src/store/'))
      .flatMap(([f, text]) => sqlCalls(text, f).map((c) => `${rel(f)}:${c.line} ${c.what}`));
    expect(problems).toEqual([]);
  });

  it('checks and extractors do no I/O of their own (no fs writes, sockets, processes)', () => {
    const problems: string[] = [];
    for (const layer of ['extract', 'checks']) {
      for (const file of sourceFiles(join(SRC, layer))) {
        const text = read(file);
        for (const spec of specifiers(text)) {
          if (/^(node:)?(http|https|http2|dgram|child_process|dns|tls)$/.test(spec)) problems.push(`${rel(file)} imports ${spec}`);
        }
        // node:net is allowed for its pure address helpers (isIP) only, never for sockets.
        for (const m of text.matchAll(/import\s+([^;]*?)\s+from\s+['"](?:node:)?net['"]/g)) {
          if (!/^\{\s*(isIP|isIPv4|isIPv6)(\s*,\s*(isIP|isIPv4|isIPv6))*\s*\}$/.test(m[1]))
            problems.push(`${rel(file)} imports sockets from node:net`);
        }
        if (/\b(writeFile|appendFile|createWriteStream|fetch\()/.test(text)) problems.push(`${rel(file)} writes files or fetches`);
      }
    }
    expect(problems).toEqual([]);
  });
});
