// The layering of DESIGN.md, enforced: every import in src/, renderer/ and electron/ must point
// the allowed way. A wrong import fails here with the file and the rule it breaks.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../support/corpus.js';

const ALLOWED: Record<string, string[]> = {
  model: [],
  shared: ['model'],
  knowledge: ['model'],
  extract: ['model', 'knowledge'],
  checks: ['model', 'knowledge'],
  store: ['model'],
  ingest: ['model', 'knowledge', 'extract', 'checks', 'store'],
  report: ['model', 'store', 'checks', 'knowledge'],
  api: ['model', 'store', 'ingest', 'report', 'checks', 'extract', 'knowledge'],
  cli: ['model', 'api', 'ingest', 'report', 'store', 'checks', 'demo'],
  demo: ['model'],
  bench: ['model', 'ingest', 'store', 'demo', 'api', 'report', 'checks', 'extract'],
};
// Files at the top of src/ (version.ts), and src/shared (pure helpers such as date parsing, no I/O),
// may be imported by any layer.
const SHARED_TOP = new Set(['version.ts']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(n) && !n.endsWith('.d.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

describe('layering', () => {
  it('src/ layers import only what DESIGN.md allows, and never electron or react', () => {
    const problems: string[] = [];
    const src = join(REPO_ROOT, 'src');
    for (const file of files(src)) {
      const layer = relative(src, file).split('/')[0];
      if (!ALLOWED[layer]) continue;
      for (const spec of imports(file)) {
        if (/^(electron|react|react-dom)(\/|$)/.test(spec)) problems.push(`${relative(REPO_ROOT, file)} imports ${spec}`);
        if (!spec.startsWith('.')) continue;
        const target = relative(src, resolve(dirname(file), spec));
        if (target.startsWith('..')) {
          problems.push(`${relative(REPO_ROOT, file)} imports ${spec} outside src/`);
          continue;
        }
        const tl = target.split('/')[0];
        if (tl === layer || tl === 'shared' || SHARED_TOP.has(target.replace(/\.js$/, '.ts'))) continue;
        if (!ALLOWED[layer].includes(tl))
          problems.push(`${relative(REPO_ROOT, file)} imports ${spec}; ${layer} may import ${ALLOWED[layer].join(', ') || 'nothing'}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('the renderer reaches src/ only through type imports from src/model', () => {
    const problems: string[] = [];
    for (const file of files(join(REPO_ROOT, 'renderer'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*import\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
        const spec = m[2];
        if (!spec.startsWith('.')) continue;
        const target = relative(REPO_ROOT, resolve(dirname(file), spec));
        if (target.startsWith('src/') && (!m[1] || !target.startsWith('src/model/')))
          problems.push(`${relative(REPO_ROOT, file)} imports ${spec}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('checks and extractors do no I/O of their own (no fs writes, sockets, processes)', () => {
    const problems: string[] = [];
    for (const layer of ['extract', 'checks']) {
      for (const file of files(join(REPO_ROOT, 'src', layer))) {
        const text = readFileSync(file, 'utf8');
        for (const spec of imports(file)) {
          if (/^(node:)?(http|https|http2|dgram|child_process|dns|tls)$/.test(spec))
            problems.push(`${relative(REPO_ROOT, file)} imports ${spec}`);
        }
        // node:net is allowed for its pure address helpers (isIP) only, never for sockets.
        for (const m of text.matchAll(/import\s+([^;]*?)\s+from\s+['"](?:node:)?net['"]/g)) {
          if (!/^\{\s*(isIP|isIPv4|isIPv6)(\s*,\s*(isIP|isIPv4|isIPv6))*\s*\}$/.test(m[1]))
            problems.push(`${relative(REPO_ROOT, file)} imports sockets from node:net`);
        }
        if (/\b(writeFile|appendFile|createWriteStream|fetch\()/.test(text))
          problems.push(`${relative(REPO_ROOT, file)} writes files or fetches`);
      }
    }
    expect(problems).toEqual([]);
  });
});
