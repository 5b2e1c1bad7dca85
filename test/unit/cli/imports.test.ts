// The CLI is a front end like the others: it reaches the engine through src/api only.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../../support/corpus.js';

const ALLOWED = ['api', 'model', 'demo', 'shared', 'cli', 'version.ts'];

describe('src/cli imports', () => {
  it('reach src/ only through api, model, demo, shared and version.ts', () => {
    const src = join(REPO_ROOT, 'src');
    const cli = join(src, 'cli');
    const problems: string[] = [];
    let seen = 0;
    for (const name of readdirSync(cli, { recursive: true }) as string[]) {
      if (!name.endsWith('.ts')) continue;
      const file = join(cli, name);
      for (const { fileName: spec } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
        if (!spec.startsWith('.')) continue;
        seen++;
        const target = relative(src, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
        if (!ALLOWED.includes(target.split('/')[0])) problems.push(`src/cli/${name} imports ${spec}`);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});
