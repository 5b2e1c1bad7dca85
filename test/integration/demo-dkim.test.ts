// On the generated demo dump (real DKIM signatures made by mailauth, and fakes altered after
// signing), Verity's per-signature DKIM verdicts agree with Debian's dkimpy, a strict verifier.
// Recorded once by scripts/record-dkimpy-demo.py from the same deterministic dump.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDump } from '../../src/demo/generate.js';
import { parseDkimKeyFile } from '../../src/checks/dkim-keys.js';
import { verifyDkim } from '../../src/checks/email/dkim.js';
import { REPO_ROOT } from '../support/corpus.js';

interface Recorded {
  seed: number;
  recordedAt: number;
  messages: { path: string; message: number; signatures: { index: number; verdict: string; reason: string }[] }[];
}

/** Split an mbox the way the recording script does (at "From " lines opening a message). */
function mboxMessages(data: Buffer): Buffer[] {
  const text = data.toString('latin1');
  const parts = text.split(/(?:^|\n)From [^\n]*\n/);
  return parts.filter((p) => p.trim()).map((p) => Buffer.from(p, 'latin1'));
}

describe('DKIM on the generated dump agrees with dkimpy', () => {
  it('gives dkimpy verdict for every signature of every message', async () => {
    const recorded = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'expected', 'dkimpy-demo.json'), 'utf8')) as Recorded;
    const dir = mkdtempSync(join(tmpdir(), 'verity-demo-dkim-'));
    try {
      const dump = join(dir, 'dump');
      const keyFile = join(dir, 'keys.txt');
      await generateDump(dump, { seed: recorded.seed, scale: 1, keyFile });
      const keys = parseDkimKeyFile(readFileSync(keyFile, 'utf8')).keys;
      const now = new Date(recorded.recordedAt * 1000);
      const disagreements: string[] = [];
      let n = 0;
      const verdicts = new Map<string, number>();
      for (const m of recorded.messages) {
        const data = readFileSync(join(dump, m.path));
        const raw = m.message < 0 ? data : mboxMessages(data)[m.message];
        const ours = await verifyDkim(raw, keys, now);
        for (const s of m.signatures) {
          n++;
          verdicts.set(s.verdict, (verdicts.get(s.verdict) ?? 0) + 1);
          if (ours[s.index]?.verdict !== s.verdict)
            disagreements.push(
              `${m.path}#${m.message}/${s.index}: dkimpy ${s.verdict} vs verity ${ours[s.index]?.verdict} (${ours[s.index]?.reason})`,
            );
        }
      }
      console.log(
        `demo DKIM: ${n} signatures, verdicts ${JSON.stringify(Object.fromEntries(verdicts))}, disagreements ${disagreements.length}`,
      );
      expect(n).toBeGreaterThan(100);
      expect(verdicts.get('fail') ?? 0).toBeGreaterThan(0); // the planted alterations are among them
      expect(disagreements).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
