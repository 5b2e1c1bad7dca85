import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walkDump, type WalkProblem } from '../../../src/ingest/walk.js';

describe('walkDump', () => {
  it('walks sorted, reads names that are not UTF-8, and never follows symbolic links', async () => {
    const root = mkdtempSync(join(tmpdir(), 'verity-walk-'));
    const outside = mkdtempSync(join(tmpdir(), 'verity-outside-'));
    try {
      mkdirSync(join(root, 'b'));
      writeFileSync(join(root, 'b', 'z.txt'), 'z');
      writeFileSync(join(root, 'a.txt'), 'a');
      writeFileSync(join(outside, 'secret.txt'), 'secret');
      symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
      symlinkSync(join(root, 'b'), join(root, 'loop'));
      const bad = Buffer.concat([Buffer.from(root + '/'), Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74])]);
      writeFileSync(bad, 'latin');
      const problems: WalkProblem[] = [];
      const files = [];
      for await (const f of walkDump(root, (p) => problems.push(p))) files.push(f);
      expect(files.map((f) => f.rel)).toEqual(['a.txt', 'b/z.txt', 'f\ufffd\ufffd.txt']);
      const raw = files[2];
      expect(Buffer.from(raw.relRaw!, 'base64')).toEqual(Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]));
      expect(problems.map((p) => [p.rel, p.code])).toEqual([
        ['leak.txt', 'not-followed'],
        ['loop', 'not-followed'],
      ]);
      expect(problems[0].message).toMatch(/outside the dump/);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
