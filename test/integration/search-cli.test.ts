// `verity search` on a scanned demo case: the app's query language (words, phrases, OR, prefixes,
// diacritics folded), the text and JSON outputs, --limit, and usage mistakes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDump } from '../../src/demo/generate.js';
import { runVerity } from '../support/cli.js';

interface Hit {
  id: string;
  path: string;
  kind: string;
  score: number;
  snippet: string;
}

let dir: string;
let caseFile: string;

function search(...args: string[]): Hit[] {
  const r = runVerity(['search', '--case', caseFile, '--json', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Hit[];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verity-search-cli-'));
  const dump = join(dir, 'dump');
  caseFile = join(dir, 'case.verity');
  await generateDump(dump, { seed: 5, scale: 0.15 });
  // Notes with words the demo never writes, two of them sharing one.
  mkdirSync(join(dump, 'notes-extra'));
  writeFileSync(join(dump, 'notes-extra', 'a.txt'), 'Réunion du comité: la société Quokkaville SARL règle la facture du Zanzibarien.\n');
  writeFileSync(join(dump, 'notes-extra', 'b.txt'), 'Minutes: Quokkaville Ltd will pay the invoice, said Mr Ostrogoth.\n');
  const scan = runVerity(['scan', dump, '--case', caseFile, '--workers', '1', '--quiet']);
  expect(scan.code, scan.stderr).toBe(0);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('verity search', () => {
  it('finds a word in every document that holds it, with path, kind, score and a marked snippet', () => {
    const hits = search('quokkaville');
    expect(hits.map((h) => h.path).sort()).toEqual(['notes-extra/a.txt', 'notes-extra/b.txt']);
    for (const h of hits) {
      expect(h.id).toMatch(/^[0-9a-f]{32}$/);
      expect(h.kind).toBe('text');
      expect(Number.isInteger(h.score)).toBe(true);
      expect(h.snippet).toContain('[[Quokkaville]]');
    }
  }, 60_000);

  it('speaks the app’s query language: diacritics folded, phrases, OR, prefixes', () => {
    expect(search('reunion').map((h) => h.path)).toContain('notes-extra/a.txt');
    expect(search('"pay the invoice"').map((h) => h.path)).toEqual(['notes-extra/b.txt']);
    expect(search('"the invoice pay"').map((h) => h.path)).not.toContain('notes-extra/b.txt');
    expect(
      search('zanzibarien OR ostrogoth')
        .map((h) => h.path)
        .sort(),
    ).toEqual(['notes-extra/a.txt', 'notes-extra/b.txt']);
    expect(search('zanzib*').map((h) => h.path)).toEqual(['notes-extra/a.txt']);
    expect(search('nowhereinthisdumpxyz')).toEqual([]);
  }, 60_000);

  it('returns at most --limit documents, and says how many matched in all', () => {
    const all = search('de', '--limit', '5000');
    expect(all.length).toBeGreaterThan(3);
    expect(search('de', '--limit', '3').map((h) => h.id)).toEqual(all.slice(0, 3).map((h) => h.id));
    const text = runVerity(['search', '--case', caseFile, 'de', '--limit', '2']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${all[0].path}\t${all[0].kind}\t${all[0].score}`);
    expect(lines.filter((l) => !l.startsWith('    '))).toHaveLength(2);
    expect(text.stderr).toBe(`2 of ${all.length} document(s)\n`);
  }, 60_000);

  it('refuses usage mistakes and a missing case', () => {
    expect(runVerity(['search', 'x']).code).toBe(2);
    expect(runVerity(['search', '--case', caseFile]).code).toBe(2);
    expect(runVerity(['search', '--case', caseFile, 'x', '--limit', '0']).code).toBe(2);
    const missing = runVerity(['search', '--case', join(dir, 'none.verity'), 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^verity search: /);
  }, 60_000);
});
