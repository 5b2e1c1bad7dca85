import { describe, expect, it } from 'vitest';
import { MIME } from '../../../../src/extract/mime.js';
import { BufferSource, RangeSource, openFileSource } from '../../../../src/extract/common/byte-source.js';
import { listTar, tarExtractor } from '../../../../src/extract/archive/tar.js';
import { ExtractError, type ByteSource, type ChildDocument } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import type { Limits } from '../../../../src/model/limits.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { signalFiringAfter } from '../../../support/extract-harness.js';

async function run(source: ByteSource, depth = 0, limits: Limits = DEFAULT_LIMITS) {
  const warnings: string[] = [];
  const out = await tarExtractor.extract(
    { source, name: 't.tar', mime: MIME.tar, sha256: '', size: source.size, depth },
    { limits, signal: new AbortController().signal, warn: (c, m) => warnings.push(`${c}: ${m}`) },
  );
  const children: ChildDocument[] = [];
  for await (const c of (out.children ?? []) as Iterable<ChildDocument>) children.push(c);
  return { out, children, warnings };
}

/** One ustar header block (checksum filled in). */
function header(
  name: string,
  size: number,
  opts: { type?: string; mtime?: number; link?: string; prefix?: string; sizeField?: Buffer } = {},
): Buffer {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'latin1');
  h.write('0001750\0', 108, 'latin1');
  h.write('0001750\0', 116, 'latin1');
  if (opts.sizeField) opts.sizeField.copy(h, 124);
  else h.write(size.toString(8).padStart(11, '0') + '\0', 124, 'latin1');
  h.write((opts.mtime ?? 1_500_000_000).toString(8).padStart(11, '0') + '\0', 136, 'latin1');
  h.write(opts.type ?? '0', 156, 'latin1');
  if (opts.link) h.write(opts.link, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.write('alice', 265, 'latin1');
  h.write('staff', 297, 'latin1');
  if (opts.prefix) h.write(opts.prefix, 345, 155, 'utf8');
  h.fill(0x20, 148, 156);
  let sum = 0;
  for (const c of h) sum += c;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function pad(data: Buffer): Buffer {
  return Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function entry(name: string, data: Buffer, opts: Parameters<typeof header>[2] = {}): Buffer {
  return Buffer.concat([header(name, data.length, opts), pad(data)]);
}

function pax(records: Record<string, string>): Buffer {
  let body = '';
  for (const [k, v] of Object.entries(records)) {
    const rec = ` ${k}=${v}\n`;
    let len = rec.length + 1;
    while (String(len).length + rec.length !== len) len = String(len).length + rec.length;
    body += `${len}${rec}`;
  }
  return entry('PaxHeaders/x', Buffer.from(body), { type: 'x' });
}

const END = Buffer.alloc(1024);

describe('tar extractor', () => {
  it('yields regular files as zero-copy windows over the archive, with tar mtime metadata', async () => {
    const a = Buffer.from('first file\n');
    const b = Buffer.from('second, longer file '.repeat(60));
    const tar = Buffer.concat([
      entry('docs/', Buffer.alloc(0), { type: '5' }),
      entry('docs/a.txt', a, { mtime: 1_000_000_000 }),
      entry('docs/b.txt', b),
      END,
    ]);
    let reads = 0;
    const parent = new BufferSource(tar);
    const counting: ByteSource = {
      size: parent.size,
      read: (o, l) => {
        reads++;
        return parent.read(o, l);
      },
      readAll: () => parent.readAll(),
      chunks: (s, e, c) => parent.chunks(s, e, c),
    };
    const { out, children } = await run(counting);
    expect(reads).toBe(4); // three headers and the end marker: member data is never read while listing
    expect(children.map((c) => c.name)).toEqual(['docs/a.txt', 'docs/b.txt']);
    expect(children[0].source).toBeInstanceOf(RangeSource);
    expect(children[0].segment).toEqual({ type: 'member', index: 1, name: 'docs/a.txt' });
    expect(Buffer.from(await children[0].source.readAll())).toEqual(a);
    expect(Buffer.from(await children[1].source.readAll())).toEqual(b);
    expect(children[0].metadata).toContainEqual({ source: 'tar', key: 'mtime', value: '2001-09-09T01:46:40.000Z' });
    expect(children[0].metadata).toContainEqual({ source: 'tar', key: 'uname', value: 'alice' });
    expect(out.facts!.archive).toMatchObject({ members: 2, directories: 1, totalUncompressed: a.length + b.length });
  });

  it('reads pax path/mtime/size and GNU long names', async () => {
    const long = 'deep/'.repeat(40) + 'file.txt'; // 208 characters: too long for the 100-byte name field
    const data = Buffer.from('payload');
    const gnuLong = entry('././@LongLink', Buffer.from(long + '\0'), { type: 'L' });
    const tar = Buffer.concat([
      pax({ path: 'über/naïve name.txt', mtime: '1234567890.5' }),
      entry('short', data),
      gnuLong,
      entry(long.slice(0, 99), data),
      entry('name.txt', data, { prefix: 'some/prefix' }),
      END,
    ]);
    const { children } = await run(new BufferSource(tar));
    expect(children.map((c) => c.name)).toEqual(['über/naïve name.txt', long, 'some/prefix/name.txt']);
    expect(children[0].metadata).toContainEqual({ source: 'tar', key: 'mtime', value: '2009-02-13T23:31:30.500Z' });
  });

  it('reads GNU base-256 sizes', async () => {
    const data = Buffer.from('x'.repeat(700));
    const field = Buffer.alloc(12);
    field[0] = 0x80;
    field.writeUInt32BE(700, 8);
    const tar = Buffer.concat([header('b256.bin', 700, { sizeField: field }), pad(data), END]);
    const { children } = await run(new BufferSource(tar));
    expect(Buffer.from(await children[0].source.readAll())).toEqual(data);
  });

  it('does not follow links or unsafe names, and records them', async () => {
    const tar = Buffer.concat([
      entry('link', Buffer.alloc(0), { type: '2', link: '/etc/passwd' }),
      entry('../escape.txt', Buffer.from('x')),
      entry('/abs.txt', Buffer.from('y')),
      entry('fifo', Buffer.alloc(0), { type: '6' }),
      END,
    ]);
    const { children, out } = await run(new BufferSource(tar));
    expect(children.map((c) => [c.name, c.error?.code])).toEqual([
      ['link', 'not-followed'],
      ['../escape.txt', 'not-followed'],
      ['/abs.txt', 'not-followed'],
    ]);
    expect(children[0].error!.message).toMatch(/symbolic link to \/etc\/passwd/);
    expect(out.facts!.archive!.skipped.map((s) => s.name)).toEqual(['link', '../escape.txt', '/abs.txt', 'fifo']);
  });

  it('stops at a bad checksum, keeps what came before and warns', async () => {
    const good = entry('ok.txt', Buffer.from('fine'));
    const bad = entry('bad.txt', Buffer.from('broken'));
    bad[0] ^= 0xff; // name byte changed after the checksum was computed
    const { children, warnings } = await run(new BufferSource(Buffer.concat([good, bad, END])));
    expect(children.map((c) => c.name)).toEqual(['ok.txt']);
    expect(warnings.join(' ')).toMatch(/bad header checksum at offset 1024/);
  });

  it('flags a member cut off by truncation', async () => {
    const tar = entry('big.bin', Buffer.alloc(5000, 1)).subarray(0, 2048);
    const { children, warnings } = await run(new BufferSource(tar));
    expect(children[0].error?.code).toBe('truncated');
    expect(warnings.join(' ')).toMatch(/past the end/);
  });

  it('throws corrupt when not even the first header is valid', async () => {
    const err = await run(new BufferSource(Buffer.alloc(1024, 0x41))).catch((e) => e);
    expect(err).toBeInstanceOf(ExtractError);
    expect((err as ExtractError).code).toBe('corrupt');
  });

  it('honours the member count limit and the depth limit', async () => {
    const many = Buffer.concat([...Array.from({ length: 20 }, (_, i) => entry(`f${i}`, Buffer.from(String(i)))), END]);
    const listing = await listTar(new BufferSource(many), 5, new AbortController().signal, 'many.tar');
    expect(listing.entries).toHaveLength(5);
    expect(listing.truncatedAtLimit).toBe(true);
    const deep = await run(new BufferSource(many), DEFAULT_LIMITS.maxDepth);
    expect(deep.children).toEqual([]);
    expect(deep.warnings.join(' ')).toMatch(/nesting depth/);
  });

  it('refuses a member above the member limit without reading it', async () => {
    const tar = Buffer.concat([entry('huge.bin', Buffer.alloc(4096, 2)), END]);
    const { children } = await run(new BufferSource(tar), 0, { ...DEFAULT_LIMITS, maxMemberBytes: 1000 });
    expect(children[0].error?.code).toBe('limit-exceeded');
  });
});

describe('tar extractor cancellation', () => {
  it('stops listing when the signal fires mid-way and keeps the members listed before', async () => {
    const tar = Buffer.concat([...Array.from({ length: 100 }, (_, i) => entry(`f${i}.txt`, Buffer.from(`file ${i}`))), END]);
    const limits = DEFAULT_LIMITS;
    const error = await tarExtractor
      .extract(
        { source: new BufferSource(tar), name: 't.tar', mime: MIME.tar, sha256: '', size: tar.length, depth: 0 },
        { limits, signal: signalFiringAfter(20), warn: () => {} },
      )
      .catch((e: ExtractError) => e);
    expect(error).toBeInstanceOf(ExtractError);
    expect(error).toMatchObject({ code: 'timeout', message: `t.tar: listing stopped at offset ${20 * 1024}` });
    const children: ChildDocument[] = [];
    for await (const c of ((error as ExtractError).partial!.children ?? []) as Iterable<ChildDocument>) children.push(c);
    expect(children.map((c) => c.name)).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}.txt`));
  });
});

describe.skipIf(corpusMissing())('tar extractor on corpus files', () => {
  it('lists the nested tarball and hands out the inner .tgz', async () => {
    const { source, close } = await openFileSource(
      corpusPath('archive/other/tika-test-nested-tarball.tar'),
      DEFAULT_LIMITS.maxWholeFileBytes,
    );
    try {
      const { children, out } = await run(source);
      expect(out.text).toContain('folderContainingTgz/inner/nested.tgz');
      expect(children.map((c) => c.name)).toEqual(['folderContainingTgz/inner/nested.tgz']);
      const head = await children[0].source.read(0, 2);
      expect([...head]).toEqual([0x1f, 0x8b]);
      expect(children[0].metadata).toContainEqual({ source: 'tar', key: 'mtime', value: '2026-04-01T19:28:53.000Z' });
    } finally {
      await close();
    }
  });
});
