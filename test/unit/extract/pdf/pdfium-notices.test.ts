import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../support/corpus.js';

const DIR = join(REPO_ROOT, 'docs/licences/pdfium');

describe('the notices shipped for PDFium and the libraries compiled into it', () => {
  it('every file the index lists is there and not empty; every file there is listed', () => {
    const index = readFileSync(join(DIR, 'README.md'), 'utf8');
    const rows = index.split('\n').filter((l) => l.startsWith('| `'));
    const listed = rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
    expect(listed).toEqual(expect.arrayContaining(['pdfium.txt', 'freetype.txt', 'libopenjpeg.txt', 'zlib.txt', 'lcms.txt']));
    for (const f of listed) expect(existsSync(join(DIR, f)) && statSync(join(DIR, f)).size > 200, f).toBe(true);
    expect(
      readdirSync(DIR)
        .filter((f) => f !== 'README.md')
        .sort(),
    ).toEqual([...listed].sort());
    expect(readFileSync(join(DIR, 'pdfium.txt'), 'utf8')).toMatch(/Copyright 2014 The PDFium Authors[\s\S]*Apache License/);
  });

  it('describe the installed package: a new @hyzyla/pdfium means the list is checked again', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules/@hyzyla/pdfium/package.json'), 'utf8')) as { version: string };
    const index = readFileSync(join(DIR, 'README.md'), 'utf8');
    expect(index).toContain(`\`@hyzyla/pdfium\` ${pkg.version}`);
  });
});
