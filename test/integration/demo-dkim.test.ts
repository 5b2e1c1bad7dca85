// On the generated demo dump (real DKIM signatures made by mailauth, and fakes altered after
// signing), Verity's per-signature DKIM verdicts agree with Debian's dkimpy, a strict verifier
// (recorded once by scripts/record-dkimpy-demo.py from the same deterministic dump); and keys
// imported after a scan re-verify the case to what a scan that had them finds.

import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDump } from '../../src/demo/generate.js';
import { keyTable } from '../unit/checks/email/support.js';
import { writeKeys, type KeyFormat } from '../unit/checks/email/dkim-formats.js';
import { caseDkimKeys, importDkimKeyFile, readDkimKeyPaths } from '../../src/ingest/dkim-keys.js';
import { openCase } from '../../src/store/db.js';
import { DEMO_KEYS } from '../../src/demo/mailflow.js';
import type { DkimKeyTable } from '../../src/checks/types.js';
import { parseDkimKeyFile } from '../../src/checks/dkim-keys.js';
import { verifyDkim } from '../../src/checks/email/dkim.js';
import { REPO_ROOT } from '../support/corpus.js';
import { Session } from '../../src/api/session.js';
import type { ApiResult, ScanProgress } from '../../src/model/api.js';
import type { JsonReport } from '../../src/model/report.js';

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
  it('gives dkimpy verdict for every signature of every message, with the keys given in each format', async () => {
    const recorded = JSON.parse(readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'expected', 'dkimpy-demo.json'), 'utf8')) as Recorded;
    const dir = mkdtempSync(join(tmpdir(), 'verity-demo-dkim-'));
    try {
      const dump = join(dir, 'dump');
      const keyFile = join(dir, 'keys.txt');
      await generateDump(dump, { seed: recorded.seed, scale: 1, keyFile });
      const records = parseDkimKeyFile(readFileSync(keyFile, 'utf8')).keys;
      const now = new Date(recorded.recordedAt * 1000);
      const messages = recorded.messages.map((m) => {
        const data = readFileSync(join(dump, m.path));
        return { ...m, raw: m.message < 0 ? data : mboxMessages(data)[m.message] };
      });
      // The zone file the generator writes, then the same keys in every other shape --dkim-keys reads
      // (the KeyTable from the demo's private keys), each read as a scan reads it.
      const privateKeys = new Map(Object.values(DEMO_KEYS).map((k) => [`${k.selector}._domainkey.${k.domain}`, k.privateKeyPem]));
      const tables: [string, DkimKeyTable][] = [['zone file', keyTable(records)]];
      for (const format of [
        'archive-json',
        'dig-answer',
        'fetch-line',
        'opendkim-genkey',
        'dknewkey',
        'opendkim-keytable',
      ] as KeyFormat[]) {
        const { path, written } = writeKeys(join(dir, format), format, records, privateKeys);
        const read = await readDkimKeyPaths([path]);
        expect([read.keys, read.problems], format).toEqual([written, []]);
        const db = openCase(join(dir, `${format}.verity`));
        try {
          importDkimKeyFile(db, { text: read.text });
          tables.push([format, caseDkimKeys(db)]);
        } finally {
          db.close();
        }
      }
      for (const [format, keys] of tables) {
        const disagreements: string[] = [];
        let n = 0;
        const verdicts = new Map<string, number>();
        for (const m of messages) {
          const ours = await verifyDkim(m.raw, keys, now);
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
          `demo DKIM, keys from ${format}: ${n} signatures, verdicts ${JSON.stringify(Object.fromEntries(verdicts))}, disagreements ${disagreements.length}`,
        );
        expect(n).toBeGreaterThan(100);
        expect(verdicts.get('fail') ?? 0).toBeGreaterThan(0); // the planted alterations are among them
        expect(disagreements, format).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const value = <T>(r: ApiResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

/** Scans `dump` into a new case through the api and returns the open session. */
async function scanned(caseFile: string, dump: string, dkimKeys?: string): Promise<Session> {
  const session = new Session({ transport: 'ipc', initial: { caseFile, dumpRoot: dump }, allowOpen: false, scanWorkers: 1 });
  const final = new Promise<ScanProgress>((resolve) =>
    session.events.subscribe((e) => {
      const p = e.payload as ScanProgress;
      if (e.topic === 'scan.progress' && ['done', 'failed', 'cancelled'].includes(p.state)) resolve(p);
    }),
  );
  value(await session.dispatch('scan.start', dkimKeys ? { dkimKeys } : {}));
  expect(await final).toMatchObject({ state: 'done' });
  return session;
}

describe('DKIM keys imported after the scan', () => {
  it('re-verify the signed messages to the findings and scores of a scan that had the keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verity-demo-reverify-'));
    const sessions: Session[] = [];
    try {
      const dump = join(dir, 'dump');
      const keyFile = join(dir, 'keys.txt');
      await generateDump(dump, { seed: 5, scale: 0.3, keyFile });
      const keys = readFileSync(keyFile, 'utf8');
      const late = await scanned(join(dir, 'late.verity'), dump);
      sessions.push(late);
      const report = async (s: Session) =>
        JSON.parse(
          value<{ content: string }>(
            await s.dispatch('report.export', { format: 'json', selection: {}, generatedAt: '2024-01-01T00:00:00Z' }),
          ).content,
        ) as JsonReport;
      const before = await report(late);
      const imported = value<{ imported: number; reverified: number }>(await late.dispatch('dkim.importKeys', { text: keys }));
      const verdicts = (r: JsonReport) =>
        r.documents.flatMap((d) =>
          d.flags.filter((f) => f.check === 'email.dkim').map((f) => (f.evidence as { verdict?: string }).verdict),
        );
      const signed = before.documents.filter((d) => d.flags.some((f) => f.check === 'email.dkim'));
      expect(signed.length).toBeGreaterThan(10);
      expect(imported.imported).toBeGreaterThan(0);
      // One re-verification per distinct signed message (copies share their content).
      expect(imported.reverified).toBe(new Set(signed.map((d) => d.sha256)).size);
      const early = await scanned(join(dir, 'early.verity'), dump, keys);
      sessions.push(early);
      const [after, reference] = [await report(late), await report(early)];
      // Without keys only the body hashes could be checked; now no signature lacks its key, and every
      // document reads as in the scan that had the keys.
      expect(verdicts(before)).toContain('nokey');
      expect(verdicts(after)).not.toContain('nokey');
      expect(verdicts(after)).toContain('pass');
      const view = (r: JsonReport) => r.documents.map((d) => ({ path: d.path, score: d.score, flags: d.flags }));
      expect(view(after)).toEqual(view(reference));
      expect(view(after)).not.toEqual(view(before));
    } finally {
      for (const s of sessions) await s.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
