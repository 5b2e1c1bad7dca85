// Every file under corpus/email through sniff() and the matching email extractor, children
// included (mbox messages, attachments, .msg/.pst items): nothing may throw anything but an
// ExtractError, and the counts below are the figures measured on the corpus.

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emailExtractor } from '../../src/extract/email/rfc822.js';
import { mboxExtractor } from '../../src/extract/email/mbox.js';
import { MIME } from '../../src/extract/mime.js';
import { msgExtractor } from '../../src/extract/email/msg.js';
import { pstExtractor } from '../../src/extract/email/pst.js';
import { sniff } from '../../src/extract/sniff.js';
import { openFileSource } from '../../src/extract/common/byte-source.js';
import { ExtractError, type ByteSource, type ChildDocument, type Extractor } from '../../src/extract/types.js';
import { CORPUS_ROOT, corpusMissing } from '../support/corpus.js';
import { testContext } from '../support/extract-harness.js';

const EMAIL_EXTRACTORS = new Map<string, Extractor>([
  [MIME.eml, emailExtractor],
  [MIME.mbox, mboxExtractor],
  [MIME.msg, msgExtractor],
  [MIME.pst, pstExtractor],
]);

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

interface Tally {
  byMime: Record<string, number>;
  ok: Record<string, number>;
  refused: Record<string, string[]>;
  children: number;
  childEmailsOk: number;
  failures: string[];
}

async function extractTree(t: Tally, source: ByteSource, name: string, depth: number): Promise<void> {
  const mime = await sniff(source, name);
  const ex = EMAIL_EXTRACTORS.get(mime);
  if (depth === 0) t.byMime[mime] = (t.byMime[mime] ?? 0) + 1;
  if (!ex) return;
  const ctx = testContext();
  try {
    const out = await ex.extract({ source, name, mime, sha256: '', size: source.size, depth }, ctx);
    if (depth === 0) t.ok[ex.id] = (t.ok[ex.id] ?? 0) + 1;
    else if (ex.id !== 'email.mbox') t.childEmailsOk++;
    if (!out.children || depth >= 3) return;
    for await (const c of out.children as AsyncIterable<ChildDocument>) {
      t.children++;
      if (!c.error) await extractTree(t, c.source, `${name}!${c.name}`, depth + 1);
    }
  } catch (err) {
    if (err instanceof ExtractError) (t.refused[err.code] ??= []).push(name);
    else t.failures.push(`${name}: ${(err as Error)?.stack ?? String(err)}`);
  }
}

describe.skipIf(corpusMissing())('every corpus email file through sniff + the email extractors', () => {
  it('nothing throws anything but ExtractError; measured counts hold', { timeout: 300_000 }, async () => {
    const t: Tally = { byMime: {}, ok: {}, refused: {}, children: 0, childEmailsOk: 0, failures: [] };
    const root = join(CORPUS_ROOT, 'email');
    for (const p of files(root)) {
      const { source, close } = await openFileSource(p, 768 << 20);
      try {
        await extractTree(t, source, relative(CORPUS_ROOT, p), 0);
      } finally {
        await close();
      }
    }
    // Printed so a run shows the figures behind the assertions.
    console.log(JSON.stringify(t, null, 1));
    expect(t.failures).toEqual([]);
    // Top-level files of each email format that extract without any error.
    expect(t.ok['email.rfc822']).toBe(t.byMime[MIME.eml]);
    expect(t.byMime[MIME.eml]).toBeGreaterThanOrEqual(290);
    expect(t.ok['email.mbox']).toBe(t.byMime[MIME.mbox]);
    expect(t.ok['email.msg']).toBe(40);
    expect(t.ok['email.pst']).toBe(4);
    // Messages inside mboxes, items of .pst stores, attachments that are messages.
    expect(t.childEmailsOk).toBeGreaterThanOrEqual(300);
    expect(Object.keys(t.refused)).toEqual([]);
  });
});
