import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipExtractor } from '../../../../src/extract/archive/zip.js';
import { BufferSource, toBuffer } from '../../../../src/extract/common/byte-source.js';
import type { ChildDocument } from '../../../../src/extract/types.js';
import { HAS_CORPUS, corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run, runFile, signalFiringAfter, testContext, type RunResult } from '../../../support/extract-harness.js';
import { buildZip, member, zeroBomb } from '../../../support/zip-builder.js';

/** The corpus's zip expectations (EXPECTED.tsv rows with property zip_parse). */
function zipExpectations(): { path: string; expected: string }[] {
  const rows = readFileSync(corpusPath('EXPECTED.tsv'), 'utf8').split('\n');
  return rows
    .map((r) => r.split('\t'))
    .filter((c) => c[1] === 'zip_parse')
    .map((c) => ({ path: c[0], expected: c[2] }));
}

/** yauzl's own comparison: runs of anything but letters and digits become one space. */
function norm(s: string): string {
  return s.replace(/[^0-9A-Za-z]+/g, ' ').trim();
}

/** Every message Verity produced about an archive: the thrown error, error children, warnings. */
function messages(r: RunResult): string[] {
  return [
    ...(r.error ? [r.error.message] : []),
    ...r.children.filter((c) => c.error).map((c) => c.error!.message),
    ...r.warnings.map((w) => w.message),
  ];
}

async function text(c: ChildDocument): Promise<string> {
  return (await toBuffer(c.source)).toString('utf8');
}

function meta(c: ChildDocument, key: string): string | undefined {
  return c.metadata?.find((m) => m.source === 'zip' && m.key === key)?.value;
}

describe.skipIf(corpusMissing())('zip extractor on the yauzl test corpus', () => {
  const rows = HAS_CORPUS ? zipExpectations() : [];

  it('knows the 24 failure and 20 success cases', () => {
    expect(rows.filter((r) => r.expected.startsWith('reject')).length).toBe(24);
    expect(rows.filter((r) => r.expected === 'ok').length).toBe(20);
  });

  for (const row of rows.filter((r) => r.expected.startsWith('reject'))) {
    const expected = norm(row.expected.replace(/^reject \| /, '').replace(/_\d+$/, ''));
    it(`reports "${expected}" for ${row.path.split('/').pop()}`, async () => {
      const r = await runFile(zipExtractor, corpusPath(row.path));
      const found = messages(r)
        .map(norm)
        .filter((m) => m.includes(expected));
      expect(found, `messages: ${JSON.stringify(messages(r))}`).not.toEqual([]);
      // The archive as a whole, or at least one member, is marked as failed (a backslash in a
      // name is the exception: the member is read, the oddity is a warning).
      if (!/invalid characters in fileName/.test(expected)) {
        expect(r.error !== undefined || r.children.some((c) => c.error)).toBe(true);
      }
    });
  }

  for (const row of rows.filter((r) => r.expected === 'ok')) {
    it(`parses ${row.path.split('/').pop()}`, async () => {
      const r = await runFile(zipExtractor, corpusPath(row.path));
      expect(r.error).toBeUndefined();
      expect(r.childrenError).toBeUndefined();
      const facts = r.output!.facts!.archive!;
      expect(r.children.length).toBe(facts.members);
      for (const c of r.children.filter((c) => !c.error)) expect(meta(c, 'mtime')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    });
  }

  it('reads member contents, names and timestamps as written', async () => {
    const deflate = await runFile(zipExtractor, corpusPath('archive/zip/yauzl-success/deflate.zip'));
    expect(deflate.children.map((c) => c.name)).toEqual(['index.js']);
    expect(deflate.children[0].source.size).toBe(10689);
    expect(await text(deflate.children[0])).toContain('require(');

    const unicode = await runFile(zipExtractor, corpusPath('archive/zip/yauzl-success/unicode.zip'));
    expect(unicode.children.map((c) => c.name)).toContain('Turmion Kätilöt/Pirun nyrkki/Mistä veri pakenee.mp3');
    expect(unicode.output!.facts!.archive!.directories).toBe(3);

    const upath = await runFile(zipExtractor, corpusPath('archive/zip/yauzl-success/unicode-path-extra-field.zip'));
    expect(upath.children[0].name).toBe('七个房间.txt');

    const ntfs = await runFile(zipExtractor, corpusPath('archive/zip/yauzl-success/NtfsTimestamp.zip'));
    expect(meta(ntfs.children[0], 'mtime')).toBe('2001-02-03 04:05:06');
    expect(meta(ntfs.children[0], 'mtime.ntfs')).toBe('2026-02-03T04:05:07.000Z');

    const epoch = await runFile(zipExtractor, corpusPath('archive/zip/yauzl-success/unix-epoch.zip'));
    expect(meta(epoch.children[0], 'mtime.unix')).toBe('1970-01-01T00:00:00.000Z');
    expect(meta(epoch.children[0], 'mtime')).toBe('1980-01-01 00:00:00');

    const hist = await runFile(zipExtractor, corpusPath('archive/zip/format-corpus-textfiles_historicaldates.zip'));
    const doc = hist.children.find((c) => c.name === 'textfiles_historicaldates/text-msword-pc.doc')!;
    expect(meta(doc, 'mtime')).toBe('2006-06-14 18:49:00');
    expect(meta(doc, 'mtime.ntfs')).toBe('2006-06-14T08:48:58.000Z');
    expect(doc.segment).toEqual({ type: 'member', index: 2, name: 'textfiles_historicaldates/text-msword-pc.doc' });
  });

  it('keeps genuine highly compressed images (818:1) below the ratio grace', async () => {
    const r = await runFile(zipExtractor, corpusPath('archive/zip/format-corpus-images_severalformats_historicaldates.zip'));
    const bmp = r.children.find((c) => c.name.endsWith('image-24bit-300ppi.bmp'))!;
    expect(bmp.error).toBeUndefined();
    expect(bmp.source.size).toBe(1440056);
  });

  it('decodes Shift_JIS and GBK member names that carry no UTF-8 flag', async () => {
    const sjis = await runFile(zipExtractor, corpusPath('archive/zip/tika-testZipEntryNameCharsetShiftSJIS.zip'));
    expect(sjis.children.map((c) => c.name)).toEqual(['文章1.txt', '文章2.txt']);
    expect(meta(sjis.children[0], 'name.encoding')).toBe('Shift_JIS');
    expect(meta(sjis.children[0], 'name.bytes')).toBe('95b68fcd312e747874');
    const gbk = await runFile(zipExtractor, corpusPath('archive/zip/tika-gbk.zip'));
    expect(gbk.children[0].name).toBe('审计压缩包文件检索测试/集团邮件审计系统2021年自动巡检需求文档_V4.0.doc');
  });

  it('gives an encrypted member as an encrypted child and reads the others', async () => {
    const r = await runFile(zipExtractor, corpusPath('archive/zip/tika-testZipEncrypted.zip'));
    expect(r.output!.facts!.archive!.encryptedMembers).toBe(1);
    const enc = r.children.find((c) => c.name === 'encrypted.txt')!;
    expect(enc.error?.code).toBe('encrypted');
    expect(await text(r.children.find((c) => c.name === 'unencrypted.txt')!)).toBe('hello world\r\n');
  });

  it('bounds the recursive droste zip by the depth limit', async () => {
    const maxDepth = 4;
    let bytes: Uint8Array = readFileSync(corpusPath('archive/zip/tika-droste.zip'));
    let depth = 0;
    let last: RunResult | undefined;
    for (; depth < 50; depth++) {
      last = await run(zipExtractor, bytes, 'droste.zip', { depth, limits: { maxDepth } });
      const inner = last.children.find((c) => c.name === 'droste.zip');
      if (!inner) break;
      bytes = await toBuffer(inner.source);
    }
    expect(depth).toBe(maxDepth);
    expect(last!.output!.children).toBeUndefined();
    expect(last!.warnings.some((w) => w.code === 'limit-exceeded' && /depth 4/.test(w.message))).toBe(true);
  });

  it('rejects a truncated OOXML zip with a truncated error', async () => {
    const r = await runFile(zipExtractor, corpusPath('office/docx/tika-testWORD_truncated.docx'));
    expect(r.error?.code).toBe('truncated');
  });

  it('reads members of a zip whose central directory is displaced (Info-ZIP "extra bytes")', async () => {
    const r = await runFile(zipExtractor, corpusPath('archive/zip/tika-testZip_with_DataDescriptor.zip'));
    expect(r.output!.facts!.archive!.directoryShift).toBe(32);
    const ok = r.children.filter((c) => !c.error);
    // en2 and en3 are written at offsets no spec-following reader can find; the others are read.
    expect(ok.map((c) => c.name)).toEqual(['en0', 'en1', 'en4']);
    expect([...(await toBuffer(ok[0].source))]).toEqual([1, 2, 3, 4]);
    expect(r.children.filter((c) => c.error).map((c) => c.error!.code)).toEqual(['corrupt', 'corrupt']);
  });
});

describe('zip extractor on hostile archives built in the test', () => {
  it('records traversal and absolute names, never extracts them, and does not follow symlinks', async () => {
    const zip = buildZip([
      member('../../evil.txt', 'escape'),
      member('/etc/cron.d/x', 'absolute'),
      member('C:/Windows/x.dll', 'drive'),
      member('link', '/etc/passwd', 0, { externalAttributes: (0o120777 << 16) >>> 0 }),
      member('docs/ok.txt', 'fine'),
    ]);
    const r = await run(zipExtractor, zip, 'hostile.zip');
    expect(r.error).toBeUndefined();
    const byName = new Map(r.children.map((c) => [c.name, c]));
    expect(await text(byName.get('docs/ok.txt')!)).toBe('fine');
    for (const n of ['../../evil.txt', '/etc/cron.d/x', 'C:/Windows/x.dll']) {
      expect(byName.get(n)!.error?.code).toBe('not-followed');
      expect(byName.get(n)!.source.size).toBe(0);
    }
    const link = byName.get('link')!;
    expect(link.error?.code).toBe('not-followed');
    expect(meta(link, 'symlink')).toBe('/etc/passwd');
    const facts = r.output!.facts!.archive!;
    expect(facts.unsafeNames).toEqual(['../../evil.txt', '/etc/cron.d/x', 'C:/Windows/x.dll']);
    expect(facts.symlinks).toEqual([{ name: 'link', target: '/etc/passwd' }]);
    expect(facts.skipped.map((s) => s.reason)).toEqual([
      'invalid relative path: ../../evil.txt',
      'absolute path: /etc/cron.d/x',
      'absolute path: C:/Windows/x.dll',
      'symbolic link (not followed)',
    ]);
    expect(r.warnings.filter((w) => w.code === 'archive.unsafe-name')).toHaveLength(3);
  });

  it('stops a 1 GiB zero bomb by its declared size before inflating', async () => {
    const bomb = zeroBomb(1024);
    const zip = buildZip([
      { name: 'zeros.bin', data: bomb.data, method: 8, crc: bomb.crc, uncompressedSize: bomb.size },
      member('after.txt', 'still read'),
    ]);
    const t0 = Date.now();
    const r = await run(zipExtractor, zip, 'bomb.zip');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.children[0].error?.code).toBe('limit-exceeded');
    expect(r.output!.facts!.archive!.skipped[0].name).toBe('zeros.bin');
    expect(await text(r.children[1])).toBe('still read');
  });

  it('stops a bomb whose header lies about its size as soon as the lie shows', async () => {
    const bomb = zeroBomb(1024);
    const zip = buildZip([{ name: 'zeros.bin', data: bomb.data, method: 8, crc: bomb.crc, uncompressedSize: 1000 }]);
    const t0 = Date.now();
    const r = await run(zipExtractor, zip, 'liar.zip');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.children[0].error?.code).toBe('corrupt');
    expect(r.children[0].error?.message).toMatch(/too many bytes in the stream\. expected 1000\. got at least \d+/);
  });

  it('stops an honest-looking bomb by the running compression ratio while inflating', async () => {
    const bomb = zeroBomb(400); // 400 MiB declared, under the 512 MiB member limit
    const zip = buildZip([{ name: 'zeros.bin', data: bomb.data, method: 8, crc: bomb.crc, uncompressedSize: bomb.size }]);
    const t0 = Date.now();
    const r = await run(zipExtractor, zip, 'ratio.zip');
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.children[0].error?.code).toBe('limit-exceeded');
    expect(r.children[0].error?.message).toMatch(/compression ratio above 200 while inflating \((\d+) bytes/);
    const produced = Number(/\((\d+) bytes/.exec(r.children[0].error!.message)![1]);
    expect(produced).toBeLessThan(64 << 20);
  });

  it('stops inflation at the member size limit when the ratio is allowed', async () => {
    const bomb = zeroBomb(64);
    const zip = buildZip([{ name: 'zeros.bin', data: bomb.data, method: 8, crc: bomb.crc, uncompressedSize: 4 << 20 }]);
    const r = await run(zipExtractor, zip, 'size.zip', { limits: { maxMemberBytes: 8 << 20, maxRatio: 1e9 } });
    // Declared 4 MiB (under the limit), but the data keeps going: the lie is caught first.
    expect(r.children[0].error?.message).toMatch(/too many bytes/);
    const honest = buildZip([{ name: 'zeros.bin', data: bomb.data, method: 8, crc: bomb.crc, uncompressedSize: 7 << 20 }]);
    const r2 = await run(zipExtractor, honest, 'size.zip', { limits: { maxMemberBytes: 6 << 20, maxRatio: 1e9 } });
    expect(r2.children[0].error?.code).toBe('limit-exceeded');
  });

  it('reports a member shorter than its declared size, and a CRC mismatch', async () => {
    const short = member('short.txt', 'only this');
    short.uncompressedSize = 100;
    const badCrc = member('crc.txt', 'tampered');
    badCrc.crc = 0x12345678;
    const r = await run(zipExtractor, buildZip([short, badCrc]), 'lies.zip');
    expect(r.children[0].error?.message).toMatch(/not enough bytes in the stream\. expected 100\. got only 9/);
    expect(await text(r.children[1])).toBe('tampered');
    expect(r.warnings.some((w) => w.code === 'corrupt' && /CRC-32 mismatch/.test(w.message))).toBe(true);
  });

  it('keeps the members listed before a central directory that lies about its entry count', async () => {
    const zip = buildZip([member('a.txt', 'A'), member('b.txt', 'B')]);
    const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    zip.writeUInt16LE(3, eocd + 8);
    zip.writeUInt16LE(3, eocd + 10);
    const r = await run(zipExtractor, zip, 'count.zip');
    // The third directory record would run past the end of the file.
    expect(r.error?.code).toBe('truncated');
    expect(r.error?.message).toMatch(/unexpected EOF \(central directory entry 2\)/);
    expect(r.children.map((c) => c.name)).toEqual(['a.txt', 'b.txt']);
    expect(await text(r.children[1])).toBe('B');
  });

  it('reads past a prepended stub and records the shift', async () => {
    const zip = buildZip([member('a.txt', 'after the stub')], { prefix: Buffer.from('MZ' + 'x'.repeat(98)) });
    const r = await run(zipExtractor, zip, 'sfx.exe');
    expect(await text(r.children[0])).toBe('after the stub');
    expect(r.output!.facts!.archive!.directoryShift).toBe(100);
  });

  it('lists at most maxMembers entries and says how many were left', async () => {
    const zip = buildZip(Array.from({ length: 10 }, (_, i) => member(`f${i}.txt`, `file ${i}`)));
    const r = await run(zipExtractor, zip, 'many.zip', { limits: { maxMembers: 4 } });
    expect(r.children.map((c) => c.name)).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt']);
    expect(r.output!.facts!.archive!.skipped).toEqual([{ name: '(6 more entries)', reason: 'member count limit reached' }]);
  });

  it('yields no children at the depth limit, and reads lazily otherwise', async () => {
    const zip = buildZip([member('a.txt', 'A'), member('b.txt', 'B')], { comment: 'archive note' });
    const deep = await run(zipExtractor, zip, 'deep.zip', { depth: 12 });
    expect(deep.output!.children).toBeUndefined();
    expect(deep.output!.facts!.archive!.members).toBe(2);
    expect(deep.output!.text).toBe('archive note\na.txt\nb.txt');
    const first = await run(zipExtractor, zip, 'lazy.zip', { maxChildren: 1 });
    expect(first.children.map((c) => c.name)).toEqual(['a.txt']);
    expect(first.output!.metadata).toContainEqual({ source: 'zip', key: 'comment', value: 'archive note' });
  });

  it('stops between members when the signal fires mid-way through a large archive', async () => {
    const zip = buildZip(Array.from({ length: 300 }, (_, i) => member(`f${i}.txt`, `file ${i}`)));
    const stop = new AbortController();
    const out = await zipExtractor.extract(
      { source: new BufferSource(zip), name: 'big.zip', mime: 'application/zip', sha256: '', size: zip.length, depth: 0 },
      testContext({}, stop.signal),
    );
    const got: ChildDocument[] = [];
    const drain = async () => {
      for await (const c of out.children as AsyncIterable<ChildDocument>) {
        got.push(c);
        if (got.length === 3) stop.abort();
      }
    };
    await expect(drain()).rejects.toMatchObject({ code: 'timeout', message: 'big.zip: stopped at member 3' });
    expect(got.map((c) => c.name)).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
  });

  it('stops listing the central directory when the signal fires and keeps the entries listed', async () => {
    const zip = buildZip(Array.from({ length: 300 }, (_, i) => member(`f${i}.txt`, `file ${i}`)));
    const r = await run(zipExtractor, zip, 'big.zip', { signal: signalFiringAfter(50) });
    expect(r.error).toMatchObject({ code: 'timeout', message: 'big.zip: stopped while listing the central directory (entry 50)' });
    expect(r.output!.facts!.archive!.members).toBe(50);
    expect(r.output!.text!.split('\n')).toHaveLength(50);
    expect(r.output!.children).toBeUndefined();
  });
});
