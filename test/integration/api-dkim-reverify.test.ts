// 'dkim.importKeys' through the API: a message signed with a fresh key is scanned without the key
// (the DKIM check can only say "no key"), then the key is imported and the check re-runs on the
// message's raw bytes re-read from the dump, replacing its findings.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Session } from '../../src/api/session.js';
import { reverifySignedEmails } from '../../src/ingest/dkim-reverify.js';
import { openCase } from '../../src/store/db.js';
import type { ApiResult, DkimImportResult, DkimNeeded, DocumentDetail, ScanProgress, SearchPage } from '../../src/model/api.js';

const require = createRequire(import.meta.url);
const { dkimSign } = require('mailauth/lib/dkim/sign') as {
  dkimSign: (m: Buffer, o: unknown) => Promise<{ signatures: string; errors: unknown[] }>;
};

let work: string;
let session: Session;
let publicKeyB64: string;

const value = <T>(r: ApiResult<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'verity-dkim-api-'));
  const dump = join(work, 'dump');
  mkdirSync(dump);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  publicKeyB64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const message = Buffer.from(
    [
      'From: Ada <ada@example.org>',
      'To: desk@example.org',
      'Subject: Signed note',
      'Date: Tue, 02 Mar 2021 09:10:00 +0100',
      'Message-ID: <signed-1@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'This message is signed.',
      '',
    ].join('\r\n'),
  );
  const signed = await dkimSign(message, {
    signTime: new Date('2021-03-02T08:10:00Z'),
    signatureData: [{ signingDomain: 'example.org', selector: 'sel1', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) }],
  });
  expect(signed.errors).toEqual([]);
  writeFileSync(join(dump, 'signed.eml'), Buffer.concat([Buffer.from(signed.signatures), message]));
  session = new Session({
    transport: 'ipc',
    initial: { caseFile: join(work, 'case.verity'), dumpRoot: dump },
    allowOpen: false,
    scanWorkers: 1,
  });
  let final: ScanProgress | null = null;
  const off = session.events.subscribe((e) => {
    if (e.topic === 'scan.progress' && ['done', 'failed', 'cancelled'].includes((e.payload as ScanProgress).state))
      final = e.payload as ScanProgress;
  });
  value(await session.dispatch('scan.start', {}));
  for (let i = 0; i < 1200 && !final; i++) await new Promise((r) => setTimeout(r, 50));
  off();
  expect(final).toMatchObject({ state: 'done' });
}, 120_000);

afterAll(async () => {
  await session?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('dkim.importKeys', () => {
  it('re-verifies signed messages with the imported key and replaces the DKIM findings', async () => {
    const [row] = value<SearchPage>(await session.dispatch('search.query', { kinds: ['email'] })).rows;
    const before = value<DocumentDetail>(await session.dispatch('document.get', { id: row.id })).findings.filter(
      (f) => f.check === 'email.dkim',
    );
    expect(before.map((f) => f.message).join(' ')).toMatch(/no key/);
    expect(value<DkimNeeded>(await session.dispatch('dkim.needed', {}))).toMatchObject({
      keys: [
        { name: 'sel1._domainkey.example.org', count: 1, firstDate: '2021-03-02T08:10:00.000Z', lastDate: '2021-03-02T08:10:00.000Z' },
      ],
      awaitingReverification: 0,
    });
    const imported = value<DkimImportResult>(
      await session.dispatch('dkim.importKeys', {
        text: `sel1._domainkey.example.org. IN TXT "v=DKIM1; k=rsa; " "p=${publicKeyB64}"\n`,
        source: 'sel1-keys.txt',
      }),
    );
    expect(imported).toEqual({ imported: 1, reverified: 1, source: 'sel1-keys.txt', replaced: 0, replacedKeys: [] });
    expect(value<DkimNeeded>(await session.dispatch('dkim.needed', {}))).toEqual({
      keys: [],
      fetchScript: null,
      awaitingReverification: 0,
    });
    const after = value<DocumentDetail>(await session.dispatch('document.get', { id: row.id })).findings.filter(
      (f) => f.check === 'email.dkim',
    );
    expect(after.map((f) => f.message).join(' ')).toMatch(/verifies with the imported key/);
    expect(after.map((f) => f.message).join(' ')).not.toMatch(/no key/);
    // A wrong key for the same selector: the signature now fails, and the score says so.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const rotated = value<DkimImportResult>(
      await session.dispatch('dkim.importKeys', {
        text: `sel1._domainkey.example.org TXT "v=DKIM1; k=rsa; p=${other}"`,
        source: 'rotated.txt',
      }),
    );
    expect(rotated.replacedKeys).toEqual([
      { name: 'sel1._domainkey.example.org', source: 'rotated.txt', previousSource: 'sel1-keys.txt', recordChanged: true },
    ]);
    const wrong = value<DocumentDetail>(await session.dispatch('document.get', { id: row.id }));
    expect(wrong.findings.find((f) => f.check === 'email.dkim')?.severity).toBe('high');
    expect(wrong.row.score).toBeGreaterThan(0);
    expect(wrong.row.topSeverity).toBe('high');
  });
});

describe('reverifySignedEmails', () => {
  it('keeps the findings of a message whose bytes are gone from the dump, and says so', async () => {
    const [row] = value<SearchPage>(await session.dispatch('search.query', { kinds: ['email'] })).rows;
    const before = value<DocumentDetail>(await session.dispatch('document.get', { id: row.id })).findings;
    const dump = join(work, 'dump');
    renameSync(join(dump, 'signed.eml'), join(work, 'signed.eml.away'));
    const db = openCase(join(work, 'case.verity'));
    try {
      const logged: string[] = [];
      const n = await reverifySignedEmails({ db, caseFile: join(work, 'case.verity'), dumpRoot: dump, log: (m) => logged.push(m) });
      expect(n).toBe(0);
      expect(logged).toEqual([expect.stringMatching(/^dkim re-verify: cannot read content \d+$/)]);
    } finally {
      db.close();
      renameSync(join(work, 'signed.eml.away'), join(dump, 'signed.eml'));
    }
    expect(value<DocumentDetail>(await session.dispatch('document.get', { id: row.id })).findings).toEqual(before);
  });

  it('stops on an aborted signal before touching a message', async () => {
    const db = openCase(join(work, 'case.verity'));
    try {
      const c = new AbortController();
      c.abort();
      await expect(
        reverifySignedEmails({ db, caseFile: join(work, 'case.verity'), dumpRoot: join(work, 'dump'), signal: c.signal }),
      ).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      db.close();
    }
  });
});
