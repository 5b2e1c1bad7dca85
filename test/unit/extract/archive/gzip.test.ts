import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipChildName, gzipExtractor, parseGzipHeader } from '../../../../src/extract/archive/gzip.js';
import { MIME } from '../../../../src/extract/mime.js';
import { BufferSource, openFileSource } from '../../../../src/extract/common/byte-source.js';
import { ExtractError, type ByteSource, type ChildDocument, type ExtractOutput } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import type { Limits } from '../../../../src/model/limits.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';

async function run(source: ByteSource, name: string, depth = 0, limits: Limits = DEFAULT_LIMITS) {
  const warnings: string[] = [];
  const out = await gzipExtractor.extract(
    { source, name, mime: MIME.gzip, sha256: '', size: source.size, depth },
    { limits, signal: new AbortController().signal, warn: (c, m) => warnings.push(`${c}: ${m}`) },
  );
  const children: ChildDocument[] = [];
  for await (const c of (out.children ?? []) as Iterable<ChildDocument>) children.push(c);
  return { out, children, warnings };
}

async function childBytes(c: ChildDocument): Promise<Buffer> {
  return Buffer.from(await c.source.readAll());
}

/** gzip with FNAME and MTIME set in the header, as `gzip` writes them. */
function gzipNamed(data: Buffer, fname: string, mtime: number): Buffer {
  const z = gzipSync(data);
  const head = Buffer.from(z.subarray(0, 10));
  head[3] |= 0x08; // FNAME
  head.writeUInt32LE(mtime, 4);
  return Buffer.concat([head, Buffer.from(fname + '\0', 'latin1'), z.subarray(10)]);
}

describe('gzip extractor', () => {
  it('yields one member named from FNAME, with the header mtime as occurrence metadata', async () => {
    const data = Buffer.from('hello from inside the gzip\n'.repeat(100));
    const { out, children } = await run(new BufferSource(gzipNamed(data, 'report.csv', 1_300_000_000)), 'dump/report.csv.gz');
    expect(children).toHaveLength(1);
    expect(children[0].segment).toEqual({ type: 'member', index: 0, name: 'report.csv' });
    expect(await childBytes(children[0])).toEqual(data);
    expect(children[0].metadata).toContainEqual({ source: 'gzip', key: 'mtime', value: '2011-03-13T07:06:40.000Z' });
    expect(out.metadata).toContainEqual({ source: 'gzip', key: 'name', value: 'report.csv' });
    expect(out.facts!.archive).toMatchObject({ members: 1, totalUncompressed: data.length });
  });

  it('names the member after the file when the header has no FNAME', () => {
    expect(gzipChildName('a/b/archive.tar.gz')).toBe('archive.tar');
    expect(gzipChildName('x.tgz')).toBe('x.tar');
    expect(gzipChildName('blob')).toBe('blob.out');
    // FNAME is a label: a path in it is reduced to its last component.
    expect(gzipChildName('x.gz', { os: 'Unix', headerLength: 10, name: '../../etc/passwd' })).toBe('passwd');
    expect(parseGzipHeader(Buffer.from('not gzip'))).toBeUndefined();
  });

  it('stops a bomb at the ratio limit while inflating, before the member limit', async () => {
    const bomb = gzipSync(Buffer.alloc(64 << 20)); // 64 MiB of zeros in ~64 KiB
    const limits = { ...DEFAULT_LIMITS, maxRatio: 100 };
    const err = await run(new BufferSource(bomb), 'bomb.gz', 0, limits).catch((e) => e);
    expect(err).toBeInstanceOf(ExtractError);
    expect((err as ExtractError).code).toBe('limit-exceeded');
    expect((err as ExtractError).message).toMatch(/compression ratio above 100/);
    const partial = (err as ExtractError).partial as ExtractOutput;
    expect(partial.facts!.archive!.skipped[0].reason).toMatch(/ratio/);
    expect(partial.children).toBeUndefined();
  });

  it('stops at the member size limit', async () => {
    const data = Buffer.alloc(300_000, 7);
    const err = await run(new BufferSource(gzipSync(data)), 'big.gz', 0, { ...DEFAULT_LIMITS, maxMemberBytes: 100_000 }).catch((e) => e);
    expect((err as ExtractError).code).toBe('limit-exceeded');
    expect((err as ExtractError).message).toMatch(/100000-byte member limit/);
  });

  it('yields no child at the depth limit, with a warning', async () => {
    const { children, warnings, out } = await run(new BufferSource(gzipSync(Buffer.from('x'))), 'deep.gz', DEFAULT_LIMITS.maxDepth);
    expect(children).toEqual([]);
    expect(warnings.join(' ')).toMatch(/nesting depth .* reached the limit/);
    expect(out.facts!.archive!.skipped).toEqual([{ name: 'deep', reason: 'nesting depth limit' }]);
  });

  it('keeps the inflated part of a truncated gzip and warns', async () => {
    const data = Buffer.from(Array.from({ length: 20_000 }, (_, i) => `line ${i}\n`).join(''));
    const z = gzipSync(data);
    const { children, warnings } = await run(new BufferSource(z.subarray(0, Math.floor(z.length / 2))), 'cut.gz');
    const got = await childBytes(children[0]);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(data.length);
    expect(data.subarray(0, got.length).equals(got)).toBe(true);
    expect(warnings.join(' ')).toMatch(/truncated/);
  });

  it('keeps the content when junk follows the last member', async () => {
    const data = Buffer.from('all of the content\n'.repeat(50));
    const { children, warnings } = await run(
      new BufferSource(Buffer.concat([gzipSync(data), Buffer.from('tape padding junk')])),
      'padded.gz',
    );
    expect(await childBytes(children[0])).toEqual(data);
    expect(warnings.join(' ')).toMatch(/corrupt: .*17 bytes that are not gzip follow the last member at offset \d+/);
  });

  it('rejects garbage after the magic with a corrupt error', async () => {
    const junk = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]), Buffer.alloc(100, 0xff)]);
    const err = await run(new BufferSource(junk), 'junk.gz').catch((e) => e);
    expect((err as ExtractError).code).toBe('corrupt');
  });
});

describe.skipIf(corpusMissing())('gzip extractor on corpus files', () => {
  async function corpus(rel: string, depth = 0) {
    const { source, close } = await openFileSource(corpusPath(rel), DEFAULT_LIMITS.maxWholeFileBytes);
    try {
      const r = await run(source, rel.split('/').pop()!, depth);
      return { ...r, bytes: await Promise.all(r.children.map(childBytes)) };
    } finally {
      await close();
    }
  }

  it('reads a multi-member gzip as one concatenated stream', async () => {
    const { bytes, children } = await corpus('archive/other/tika-multiple.gz');
    expect(children).toHaveLength(1);
    expect(bytes[0].toString()).toBe('ab'); // member "a" then member "b", as gunzip prints them
  });

  it('does not expand the gzip quine (it inflates to itself)', async () => {
    const { children, warnings, out } = await corpus('archive/other/tika-quine.gz');
    expect(children).toEqual([]);
    expect(warnings.join(' ')).toMatch(/archive\.quine/);
    expect(out.facts!.archive!.skipped[0].reason).toMatch(/quine/);
  });

  it('inflates a .tgz to its tar, named from FNAME', async () => {
    const { children, bytes } = await corpus('archive/other/tika-test-documents.tgz');
    expect(children[0].name).toBe('test-documents.tar');
    expect(bytes[0].subarray(257, 262).toString('latin1')).toBe('ustar');
  });
});
