import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../../src/extract/common/byte-source.js';
import { ZipArchive } from '../../../../src/extract/archive/zip-archive.js';
import { formatDosTime, zipErrorCode } from '../../../../src/extract/archive/zip-entries.js';
import { entryTimeRange, ZipPackage } from '../../../../src/extract/archive/zip-package.js';
import type { ByteSource } from '../../../../src/extract/types.js';
import { DEFAULT_LIMITS } from '../../../../src/ingest/limits.js';
import { testContext } from '../../../support/extract-harness.js';
import { buildZip, member } from '../../../support/zip-builder.js';

/** A source that refuses to be read whole and counts the bytes asked of it. */
class MeteredSource implements ByteSource {
  bytesRead = 0;
  constructor(private readonly inner: BufferSource) {}
  get size(): number {
    return this.inner.size;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const b = await this.inner.read(offset, length);
    this.bytesRead += b.byteLength;
    return b;
  }
  async readAll(): Promise<Uint8Array> {
    throw new Error('readAll must not be called on a zip');
  }
  async *chunks(start?: number, end?: number, size?: number): AsyncIterable<Uint8Array> {
    for await (const c of this.inner.chunks(start, end, size)) {
      this.bytesRead += c.byteLength;
      yield c;
    }
  }
}

describe('zip reader', () => {
  it('renders DOS date/time fields as written, even impossible ones', () => {
    expect(formatDosTime(((2006 - 1980) << 9) | (6 << 5) | 14, (18 << 11) | (49 << 5) | 0)).toBe('2006-06-14 18:49:00');
    expect(formatDosTime(0, 0)).toBe('1980-00-00 00:00:00');
    expect(formatDosTime(((2000 - 1980) << 9) | (13 << 5) | 31, (25 << 11) | (61 << 5) | 31)).toBe('2000-13-31 25:61:62');
  });

  it('maps yauzl and zlib messages to error codes', () => {
    expect(zipErrorCode('End of central directory record signature not found. Either not a zip file, or file is truncated.')).toBe(
      'truncated',
    );
    expect(zipErrorCode('strong encryption is not supported')).toBe('encrypted');
    expect(zipErrorCode('unsupported compression method: 14')).toBe('unsupported');
    expect(zipErrorCode('invalid code lengths set')).toBe('corrupt');
  });

  it('reads one member of a big zip without reading the archive whole', async () => {
    const big = Buffer.alloc(8 << 20, 0x41);
    const zip = buildZip([member('big.bin', big, 0), member('small.txt', 'needle', 8)]);
    const source = new MeteredSource(new BufferSource(zip));
    const archive = await ZipArchive.open(source, 'big.zip');
    const listing = await archive.list(100);
    expect(listing.entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ['big.bin', 8 << 20],
      ['small.txt', 6],
    ]);
    const small = await archive.read(listing.entries[1], DEFAULT_LIMITS);
    expect(small.toString()).toBe('needle');
    archive.close();
    expect(source.bytesRead).toBeLessThan(256 << 10);
  });

  it('looks parts up case-insensitively, reads them bounded, and reports unreadable ones', async () => {
    const zip = buildZip([
      member('Word/Document.XML', '<a/>'),
      member('docProps/core.xml', 'x'.repeat(5000)),
      member('b.bin', 'b', 8, { method: 14 }),
    ]);
    const ctx = testContext();
    const pkg = await ZipPackage.open(new BufferSource(zip), 'p.docx', ctx);
    expect(await pkg.text('word/document.xml')).toBe('<a/>');
    expect(await pkg.text('/WORD/document.xml')).toBe('<a/>');
    expect(await pkg.bytes('docProps/core.xml', 100)).toBeNull();
    expect(await pkg.bytes('b.bin')).toBeNull();
    expect(await pkg.bytes('absent.xml')).toBeNull();
    expect(pkg.failures.map((f) => f.part)).toEqual(['docProps/core.xml', 'b.bin']);
    expect(ctx.warnings.map((w) => w.code)).toEqual(['limit-exceeded', 'unsupported']);
    pkg.close();
  });

  it('decodes UTF-16 XML parts by their byte order mark', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<r>é</r>', 'utf16le')]);
    const pkg = await ZipPackage.open(new BufferSource(buildZip([member('x.xml', utf16)])), 'u.zip', testContext());
    expect(await pkg.text('x.xml')).toBe('<r>é</r>');
  });

  it('gives the time range of the files, ignoring directories', async () => {
    const zip = buildZip([
      member('d/', '', 0, { dosDate: ((1990 - 1980) << 9) | (1 << 5) | 1 }),
      member('d/a', 'a', 0, { dosDate: ((2001 - 1980) << 9) | (2 << 5) | 3 }),
      member('d/b', 'b', 0, { dosDate: ((1999 - 1980) << 9) | (12 << 5) | 31 }),
    ]);
    const archive = await ZipArchive.open(new BufferSource(zip), 't.zip');
    const { entries } = await archive.list(10);
    expect(entries[0].isDirectory).toBe(true);
    expect(entryTimeRange(entries)).toEqual({ min: '1999-12-31 10:30:00', max: '2001-02-03 10:30:00' });
  });
});
