// Agreement with Debian's dkimpy stays at 100 % whatever shape the keys are given in: each corpus key
// file's keys are written in every format --dkim-keys reads (test/unit/checks/email/dkim-formats.ts),
// read back through the command line's reader into a case, and every corpus signature dkimpy judged
// (test/fixtures/expected/dkimpy.json) gets the same verdict with the keys of each format.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDkimKeyFile } from '../../../../src/checks/dkim-keys.js';
import { verifyDkim } from '../../../../src/checks/email/dkim.js';
import { caseDkimKeys, importDkimKeyFile, readDkimKeyPaths } from '../../../../src/ingest/dkim-keys.js';
import { openCase } from '../../../../src/store/db.js';
import { corpusMissing, corpusPath, REPO_ROOT } from '../../../support/corpus.js';
import { writeKeys, type KeyFormat } from './dkim-formats.js';

interface Recorded {
  recordedAt: number;
  messages: { path: string; keyFile: string; signatures: { index: number; verdict: string; reason: string }[] }[];
}

const FORMATS: KeyFormat[] = ['archive-json', 'dig-answer', 'fetch-line', 'opendkim-genkey', 'dknewkey'];
const dir = mkdtempSync(join(tmpdir(), 'verity-dkim-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The key table a scan would use after `--dkim-keys <path>`: read, imported into a new case, loaded back. */
async function loadThrough(path: string, caseFile: string) {
  const read = await readDkimKeyPaths([path]);
  const db = openCase(caseFile);
  try {
    importDkimKeyFile(db, { text: read.text, source: 'test' });
    return { keys: caseDkimKeys(db), problems: read.problems };
  } finally {
    db.close();
  }
}

describe.skipIf(corpusMissing())('dkimpy agreement with the keys given in each format', () => {
  const recorded = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/expected/dkimpy.json'), 'utf8')) as Recorded;
  const now = new Date(recorded.recordedAt * 1000);
  const keyFiles = [...new Set(recorded.messages.map((m) => m.keyFile))];

  for (const format of FORMATS)
    it(`${format}: every recorded verdict, and the records read back unchanged`, async () => {
      const disagreements: string[] = [];
      let n = 0;
      for (const [k, keyFile] of keyFiles.entries()) {
        const original = parseDkimKeyFile(readFileSync(corpusPath(keyFile), 'utf8')).keys;
        const written = writeKeys(join(dir, format, String(k)), format, original);
        const { keys } = await loadThrough(written.path, join(dir, `${format}-${k}.verity`));
        // Every key the format can hold comes back with its record byte for byte, with its own file as source.
        const back = [...original].filter(([name]) => keys.has(name));
        expect(back.length, keyFile).toBe(written.written);
        for (const [name, record] of back) expect(keys.get(name)?.record, `${keyFile} ${name}`).toBe(record);
        expect(
          [...keys.values()].every((key) => key.source?.startsWith(join(dir, format))),
          keyFile,
        ).toBe(true);
        for (const m of recorded.messages.filter((x) => x.keyFile === keyFile)) {
          const results = await verifyDkim(readFileSync(corpusPath(m.path)), keys, now);
          for (const s of m.signatures) {
            // A key a bare .dns file cannot name is absent: dkimpy had it, so that signature is not comparable.
            const name = results[s.index]?.domain && `${results[s.index].selector}._domainkey.${results[s.index].domain}`.toLowerCase();
            if (format === 'dknewkey' && name && original.has(name) && !keys.has(name)) continue;
            n++;
            if (results[s.index]?.verdict !== s.verdict)
              disagreements.push(
                `${m.path}#${s.index}: dkimpy ${s.verdict} (${s.reason}) vs verity ${results[s.index]?.verdict} (${results[s.index]?.reason})`,
              );
          }
        }
      }
      console.log(`${format}: ${n} signatures compared with dkimpy, ${disagreements.length} disagreements`);
      expect(n).toBeGreaterThanOrEqual(format === 'dknewkey' ? 60 : 78);
      expect(disagreements).toEqual([]);
    });
});
