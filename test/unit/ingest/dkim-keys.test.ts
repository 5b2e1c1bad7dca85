// Importing a key file into a case: a real zone file (authentication_milter's, read from the corpus)
// brings its DKIM keys with the file as their source and leaves its SPF, DMARC and policy records out;
// a key archive's JSON keeps, per name, the entry seen last.

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCase } from '../../../src/store/db.js';
import { dkimKeySources, storedDkimKeys } from '../../../src/store/dkim-keys.js';
import { importDkimKeyFile } from '../../../src/ingest/dkim-keys.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'verity-dkim-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(corpusMissing())('importDkimKeyFile', () => {
  it('imports the DKIM keys of a zone file and skips its other TXT records', () => {
    const db = openCase(join(dir, 'zone.verity'));
    try {
      const r = importDkimKeyFile(db, {
        text: readFileSync(corpusPath('email/dkim/authentication-milter/zonefile'), 'utf8'),
        source: 'zonefile',
      });
      expect(r.imported).toBe(3);
      expect(r.replaced).toEqual([]);
      expect(r.problems).toEqual([{ line: 0, message: '19 TXT record(s) are not DKIM keys (no selector._domainkey name): skipped' }]);
      const keys = storedDkimKeys(db);
      expect([...keys.keys()].sort()).toEqual([
        '20130820._domainkey.1e100.net',
        'google._domainkey.marcbradshaw.net',
        'tfe2._domainkey.marcbradshaw.net',
      ]);
      expect(keys.get('google._domainkey.marcbradshaw.net')?.record).toMatch(/^v=DKIM1; k=rsa; t=y; p=MIGfMA0G/);
      expect(dkimKeySources(db)('tfe2._domainkey.marcbradshaw.net')).toBe('zonefile');
    } finally {
      db.close();
    }
  });
});

describe('importDkimKeyFile with a key archive', () => {
  it('keeps the entry seen last for a name, says which it replaced, and drops non-key names', () => {
    const db = openCase(join(dir, 'archive.verity'));
    try {
      const archive = [
        { domain: 'example.org', selector: 'sel', value: 'v=DKIM1; p=NEW', firstSeenAt: '2023-01-01', lastSeenAt: '2024-06-01' },
        { domain: 'example.org', selector: 'sel', value: 'v=DKIM1; p=OLD', firstSeenAt: '2019-01-01', lastSeenAt: '2022-12-31' },
        { domain: 'example.org', selector: '_adsp', value: 'dkim=all' },
      ];
      const r = importDkimKeyFile(db, { text: JSON.stringify(archive), source: 'archive.json' });
      expect(r.imported).toBe(1);
      expect(r.replaced).toEqual([
        {
          name: 'sel._domainkey.example.org',
          source: 'archive.json, entry 1 (first seen 2023-01-01, last seen 2024-06-01)',
          previousSource: 'archive.json, entry 2 (first seen 2019-01-01, last seen 2022-12-31)',
          recordChanged: true,
        },
      ]);
      expect(storedDkimKeys(db)).toEqual(
        new Map([
          [
            'sel._domainkey.example.org',
            {
              record: 'v=DKIM1; p=NEW',
              source: 'archive.json, entry 1 (first seen 2023-01-01, last seen 2024-06-01)',
              firstSeenAt: '2023-01-01',
              lastSeenAt: '2024-06-01',
            },
          ],
        ]),
      );
    } finally {
      db.close();
    }
  });
});

describe('readDkimKeyPaths and readPublishedKeyFolder (the command line readers)', () => {
  it('reads files and folders of any shape into one archive whose entries keep their own file', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const {
      readDkimKeyPaths,
      readPublishedKeyFolder,
      importDkimKeyFile: importFile,
      caseDkimKeys,
    } = await import('../../../src/ingest/dkim-keys.js');
    const root = join(dir, 'paths');
    mkdirSync(join(root, 'opendkim', 'keys', 'example.org'), { recursive: true });
    mkdirSync(join(root, 'published'), { recursive: true });
    const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(join(root, 'opendkim', 'keys', 'example.org', 'mail.private'), pem);
    writeFileSync(
      join(root, 'opendkim', 'KeyTable'),
      'mail._domainkey.example.org example.org:mail:/etc/opendkim/keys/example.org/mail.private\nold example.org:old:/etc/opendkim/keys/old.private\n',
    );
    writeFileSync(join(root, 'opendkim', 'SigningTable'), '*@example.org mail._domainkey.example.org\n');
    writeFileSync(join(root, 'sel._domainkey.example.net.dns'), 'v=DKIM1; k=rsa; h=sha256; p=MIIB');
    writeFileSync(join(root, 'published', 'mail.pem'), pem);
    const read = await readDkimKeyPaths([join(root, 'opendkim'), join(root, 'sel._domainkey.example.net.dns')]);
    expect(read.keys).toBe(2);
    expect(read.problems).toEqual([
      {
        file: join(root, 'opendkim', 'KeyTable'),
        line: 2,
        message: "the private key /etc/opendkim/keys/old.private cannot be read (nor under the KeyTable's folder)",
      },
    ]);
    const db = openCase(join(dir, 'paths.verity'));
    try {
      importFile(db, { text: read.text });
      const published = await readPublishedKeyFolder(join(root, 'published'));
      expect(published.problems).toEqual([]);
      const { storePublishedDkimKeys } = await import('../../../src/store/dkim-keys.js');
      storePublishedDkimKeys(db, new Map(published.keys.map((k) => [k.spkiSha256, k.source])));
      const keys = caseDkimKeys(db);
      expect(keys.get('mail._domainkey.example.org')).toMatchObject({
        record: expect.stringMatching(/^v=DKIM1; k=rsa; p=MIGf/),
        source: `${join(root, 'opendkim', 'KeyTable')} line 1 (opendkim KeyTable; public half of ${join(root, 'opendkim', 'keys', 'example.org', 'mail.private')})`,
        publishedPrivateKey: join(root, 'published', 'mail.pem'),
      });
      expect(keys.get('sel._domainkey.example.net')).toEqual({
        record: 'v=DKIM1; k=rsa; h=sha256; p=MIIB',
        source: join(root, 'sel._domainkey.example.net.dns'),
      });
    } finally {
      db.close();
    }
  });
});
