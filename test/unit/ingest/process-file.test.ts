// FileProcessor on files written to a temporary folder, with a coordinator that remembers the
// content it was sent: what the extraction worker posts, without the pool and the store.

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FileProcessor } from '../../../src/ingest/process-file.js';
import type { FromWorker } from '../../../src/ingest/messages.js';
import { DEFAULT_LIMITS } from '../../../src/ingest/limits.js';
import type { DocumentRecord } from '../../../src/model/ingest.js';
import type { Limits } from '../../../src/model/limits.js';
import { buildZip, member } from '../../support/zip-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'verity-process-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Process one file; the coordinator knows every content a previous 'doc' message carried. */
async function processFile(name: string, bytes: Buffer, limits: Partial<Limits> = {}): Promise<DocumentRecord[]> {
  const abs = join(dir, name);
  writeFileSync(abs, bytes);
  const known = new Set<string>();
  const docs: DocumentRecord[] = [];
  const post = (msg: FromWorker) => {
    if (msg.t !== 'doc') return;
    docs.push(msg.rec);
    if (msg.rec.content) known.add(`${msg.rec.sha256}|${msg.rec.content.extractor}`);
  };
  const processor = new FileProcessor(
    { post, has: async (sha256, extractor) => known.has(`${sha256}|${extractor}`) },
    { ...DEFAULT_LIMITS, ...limits },
    { dkimKeys: new Map(), now: new Date('2024-01-01T00:00:00Z') },
  );
  const { size, mtimeMs } = statSync(abs);
  await processor.processFile({ abs, rel: name, size, mtimeMs, skip: 0 });
  return docs;
}

const checks = (d: DocumentRecord | undefined) => [...(d?.occurrenceFindings ?? []), ...(d?.content?.findings ?? [])].map((f) => f.check);

describe('FileProcessor: containers are what extractors declare', () => {
  it('expands an identical container once per subtree, and records a repeated leaf as plain content', async () => {
    const inner = buildZip([member('note.txt', 'inside')]);
    const bundle = buildZip([member('a/inner.zip', inner), member('b/inner.zip', inner), member('a.txt', 'same'), member('b.txt', 'same')]);
    const docs = await processFile('outer.zip', buildZip([member('bundle.zip', bundle)]));
    const byPath = new Map(docs.map((d) => [d.path, d]));
    expect(checks(byPath.get('outer.zip!bundle.zip!b/inner.zip'))).toContain('ingest.duplicate-container');
    expect(byPath.has('outer.zip!bundle.zip!a/inner.zip!note.txt')).toBe(true);
    expect(byPath.has('outer.zip!bundle.zip!b/inner.zip!note.txt')).toBe(false);
    // text is not a container: the second copy is a document of its own, its content already known
    expect(checks(byPath.get('outer.zip!bundle.zip!b.txt'))).not.toContain('ingest.duplicate-container');
    expect(byPath.get('outer.zip!bundle.zip!b.txt')!.content).toBeUndefined();
  });
});

describe('FileProcessor: the cancellation signal', () => {
  const mbox = (n: number) =>
    Buffer.from(
      Array.from(
        { length: n },
        (_, i) => `From a@example.org Mon Jan  1 00:00:00 2001\nFrom: a@example.org\nSubject: message ${i}\n\nbody ${i}\n`,
      ).join('\n'),
    );

  it('stops a document that makes no progress for most of documentTimeoutMs and keeps its partial output', async () => {
    // 1 ms: the counting pass over 20,000 messages takes longer, and the extractor checks its signal
    // once per message
    const docs = await processFile('slow.mbox', mbox(20_000), { documentTimeoutMs: 1 });
    const root = docs.find((d) => d.path === 'slow.mbox')!;
    const timeout = root.content!.findings.find((f) => f.check === 'extract.timeout');
    expect(timeout?.message).toContain('slow.mbox: stopped while counting its messages');
    expect(root.content!.metadata).toContainEqual({
      source: 'mbox',
      key: 'first-envelope',
      value: 'From a@example.org Mon Jan  1 00:00:00 2001',
    });
    expect(docs).toHaveLength(1);
  });

  it('leaves a mailbox alone under the default timeout', async () => {
    const docs = await processFile('fine.mbox', mbox(300));
    expect(checks(docs.find((d) => d.path === 'fine.mbox'))).not.toContain('extract.timeout');
    expect(docs).toHaveLength(301);
  });
});
