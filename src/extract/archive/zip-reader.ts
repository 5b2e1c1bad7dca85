// Reading zip packages (plain archives, OOXML, ODF) over a ByteSource, with one implementation of
// the safety limits. yauzl parses the structure (it follows the spec: central directory first,
// never a scan for local headers); this module adds what a hostile dump needs on top of it:
//   - a RandomAccessReader over the ByteSource, so a big zip is never read whole;
//   - names checked and flagged instead of aborting the whole listing (yauzl validates names
//     only by failing the archive; one "../x" member must not hide the 10,000 others);
//   - inflation done here, not in yauzl, so that the size and ratio limits are checked on the
//     bytes actually produced while they are produced: a bomb lies in its header, and a check
//     of the declared size alone lets it through.
// Error messages keep yauzl's wording (its test corpus names files after them).

import { Readable, Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32, inflateRawSync } from 'node:zlib';
import yauzlModule from 'yauzl';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { ExtractErrorCode, MetadataEntry } from '../../model/document.js';
import type { Limits } from '../../model/limits.js';
import { filetimeToMs } from '../../shared/filetime.js';
import { ExtractError, type ByteSource, type ChildDocument, type ExtractContext } from '../types.js';
import { BufferSource, RangeSource } from '../common/byte-source.js';
import { decodeXmlBytes } from '../office/office-xml.js';

// ---- the subset of yauzl 3 used here (its @types package describes yauzl 2) ----

interface YauzlEntry {
  versionMadeBy: number;
  generalPurposeBitFlag: number;
  compressionMethod: number;
  lastModFileTime: number;
  lastModFileDate: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  externalFileAttributes: number;
  relativeOffsetOfLocalHeader: number;
  fileName: Buffer;
  fileNameRaw: Buffer;
  fileComment: Buffer;
  extraFields: { id: number; data: Buffer }[];
  isEncrypted(): boolean;
}
interface YauzlZipFile {
  entryCount: number;
  comment: Buffer;
  isOpen: boolean;
  eachEntry(): AsyncIterableIterator<YauzlEntry>;
  openReadStream(entry: YauzlEntry, options: { decodeFileData: false }, cb: (err: Error | null, stream?: Readable) => void): void;
  close(): void;
}
interface YauzlOptions {
  autoClose: boolean;
  decodeStrings: boolean;
  validateEntrySizes: boolean;
  strictFileNames: boolean;
}
interface RandomAccessReaderBase {
  ref(): void;
  unref(): void;
}
interface Yauzl3 {
  RandomAccessReader: new () => RandomAccessReaderBase;
  fromRandomAccessReaderPromise(reader: RandomAccessReaderBase, totalSize: number, options: YauzlOptions): Promise<YauzlZipFile>;
  getFileNameLowLevel(flags: number, name: Buffer, extraFields: { id: number; data: Buffer }[], strictFileNames: boolean): string;
  validateFileName(name: string): string | null;
}
const yauzl = yauzlModule as unknown as Yauzl3;

/** Reads above this size are not cached (they are member data, read once). */
const CACHE_BLOCK = 64 << 10;

/**
 * yauzl's reader interface over a ByteSource. The central directory is read in many tiny reads
 * (46 bytes, then the name...), so one 64 KiB block is cached to spare a syscall per field.
 */
class ByteSourceReader extends (yauzl.RandomAccessReader as unknown as new () => RandomAccessReaderBase) {
  private block: { start: number; bytes: Uint8Array } | null = null;
  constructor(private readonly source: ByteSource) {
    super();
  }
  _readStreamForRange(start: number, end: number): Readable {
    return Readable.from(this.source.chunks(start, end, CACHE_BLOCK), { objectMode: false });
  }
  read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    this.readBytes(position, length).then(
      (bytes) => {
        buffer.set(bytes, offset);
        callback(null, bytes.byteLength);
      },
      (err: Error) => callback(err),
    );
  }
  private async readBytes(position: number, length: number): Promise<Uint8Array> {
    if (length > CACHE_BLOCK / 4) return this.source.read(position, length);
    const b = this.block;
    if (!b || position < b.start || position + length > b.start + b.bytes.byteLength) {
      const bytes = await this.source.read(position, CACHE_BLOCK);
      this.block = { start: position, bytes };
      return bytes.subarray(0, length);
    }
    return b.bytes.subarray(position - b.start, position - b.start + length);
  }
}

// ---- what callers see ----

export interface ZipEntryInfo {
  /** Position in the central directory (0-based), stable across runs: the locator index. */
  index: number;
  /** Decoded name, backslashes turned into '/'. Display only: never used as a file path. */
  name: string;
  /** How the name bytes were decoded: 'utf8' (flag 11), 'unicode-path' (Info-ZIP 0x7075 field),
   *  'utf8-unflagged' (valid UTF-8 without the flag), a legacy charset guessed for the archive
   *  ('Shift_JIS', 'GB18030'...), or 'cp437' (the spec's default). */
  nameEncoding: string;
  /** The name as written in the central directory. */
  nameBytes: Buffer;
  /** Why the name is unsafe as a path (yauzl's wording: 'absolute path: /a.txt'), or null. */
  unsafeName: string | null;
  /** A name oddity that is no danger (backslash separators), in yauzl's strict-mode wording. */
  nameNote: string | null;
  isDirectory: boolean;
  /** Unix mode 0120000: the member is a symbolic link whose content is the target path. */
  isSymlink: boolean;
  encrypted: boolean;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** DOS date/time as written, 'YYYY-MM-DD HH:MM:SS', no zone (DOS times are local time). */
  dosTime: string;
  /** NTFS extra field (0x000a) modification time, UTC ISO. */
  ntfsMtime?: string;
  /** Info-ZIP extended timestamp (0x5455) modification time, UTC ISO. */
  unixMtime?: string;
  comment: string;
  /** 'unix' | 'dos' | 'ntfs' | 'macintosh' | ... from the "version made by" high byte. */
  madeBy: string;
  /** @internal yauzl's entry, for reading the data. */
  readonly raw: YauzlEntry;
}

export interface ZipListing {
  entries: ZipEntryInfo[];
  comment: string;
  /** Entry count the end-of-central-directory record declares. */
  declaredEntries: number;
  /** The listing stopped at maxMembers (entries past it were not read). */
  truncatedAtLimit: boolean;
  /** The central directory broke after `entries`: what was listed is kept. */
  error?: ExtractError;
}

const MADE_BY: Record<number, string> = {
  0: 'dos',
  1: 'amiga',
  3: 'unix',
  6: 'os2-hpfs',
  7: 'macintosh',
  10: 'ntfs',
  11: 'ntfs',
  14: 'vfat',
  19: 'osx',
};

/** Map a yauzl / zlib error message to Verity's error code. */
export function zipErrorCode(message: string): ExtractErrorCode {
  if (
    /End of central directory record signature not found|unexpected EOF|file data overflows file bounds|unexpected end of file/i.test(
      message,
    )
  )
    return 'truncated';
  if (/strong encryption|encrypted/i.test(message)) return 'encrypted';
  if (/multi-disk|unsupported compression method/i.test(message)) return 'unsupported';
  return 'corrupt';
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** The DOS date and time fields rendered as written (no validation: a forged 1980-00-00 shows as such). */
export function formatDosTime(date: number, time: number): string {
  const y = ((date >> 9) & 0x7f) + 1980;
  return `${y}-${pad((date >> 5) & 0xf)}-${pad(date & 0x1f)} ${pad((time >> 11) & 0x1f)}:${pad((time >> 5) & 0x3f)}:${pad((time & 0x1f) * 2)}`;
}

function extraTimes(fields: { id: number; data: Buffer }[]): { ntfs?: string; unix?: string } {
  const out: { ntfs?: string; unix?: string } = {};
  for (const f of fields) {
    try {
      if (f.id === 0x5455 && f.data.length >= 5 && f.data[0] & 1) {
        out.unix = new Date(f.data.readInt32LE(1) * 1000).toISOString();
      } else if (f.id === 0x000a && f.data.length >= 32 && f.data.readUInt16LE(4) === 1 && f.data.readUInt16LE(6) >= 24) {
        const d = new Date(filetimeToMs(f.data.readBigUInt64LE(8)));
        if (Number.isFinite(d.getTime())) out.ntfs = d.toISOString();
      }
    } catch {
      // An extra field too short for its own tag: ignore it, the DOS time remains.
    }
  }
  return out;
}

function isAscii(b: Buffer): boolean {
  for (const c of b) if (c > 0x7f) return false;
  return true;
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Legacy multibyte charsets worth trying on names that are neither ASCII nor UTF-8. */
const LEGACY_NAME_CHARSETS = new Set(['Shift_JIS', 'GB18030', 'Big5', 'EUC-JP', 'EUC-KR']);

/**
 * Guess the charset of an archive's non-UTF-8 names. The spec says CP437, but zips made on
 * Japanese or Chinese Windows carry Shift_JIS or GBK bytes without saying so; CP437 turns them
 * into noise a reader cannot search. The guess is made over all names of the archive together
 * (one name is too short to detect) and only a multibyte East Asian result replaces CP437.
 */
function guessLegacyCharset(raws: Buffer[]): string | null {
  if (raws.length === 0) return null;
  const sample = Buffer.concat(raws.slice(0, 200));
  // Only when an East Asian multibyte charset ranks first (a Western OEM name ranks a single-byte
  // charset first and stays CP437) and decodes every name without a replacement character.
  const top = chardet.analyse(sample).find((c) => c.name !== 'ASCII');
  if (!top || !LEGACY_NAME_CHARSETS.has(top.name) || top.confidence < 10 || !iconv.encodingExists(top.name)) return null;
  return raws.every((r) => !iconv.decode(r, top.name).includes('\ufffd')) ? top.name : null;
}

function openRaw(zip: YauzlZipFile, entry: YauzlEntry): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, { decodeFileData: false }, (err, s) => (err ? reject(err) : resolve(s!))),
  );
}

async function openYauzl(source: ByteSource, context: string): Promise<YauzlZipFile> {
  try {
    return await yauzl.fromRandomAccessReaderPromise(new ByteSourceReader(source), source.size, ENTRY_DEFAULTS);
  } catch (err) {
    const msg = (err as Error).message;
    throw new ExtractError(zipErrorCode(msg), `${context}: ${msg}`);
  }
}

const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/**
 * How far the central directory lies after the offset the end record gives, computed as Info-ZIP's
 * unzip does ("N extra bytes at beginning or within zipfile"): the directory really starts at
 * (end record position - directory size). 0 when the written offset is right.
 */
async function directoryShift(source: ByteSource, zip: YauzlZipFile): Promise<number> {
  const cdOffset = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
  if (zip.entryCount === 0 || typeof cdOffset !== 'number') return 0;
  const at = await source.read(cdOffset, 4);
  if (at.byteLength === 4 && Buffer.from(at).readUInt32LE(0) === SIG_CENTRAL) return 0;
  const tailLen = Math.min(source.size, 0xffff + 22);
  const tail = Buffer.from(await source.read(source.size - tailLen, tailLen));
  const eocd = tail.lastIndexOf(SIG_EOCD);
  if (eocd < 0 || eocd + 22 > tail.length) return 0;
  const cdSize = tail.readUInt32LE(eocd + 12);
  if (cdSize === 0xffffffff) return 0; // ZIP64: not attempted
  const realStart = source.size - tailLen + eocd - cdSize;
  if (realStart <= cdOffset) return 0;
  const sig = await source.read(realStart, 4);
  return sig.byteLength === 4 && Buffer.from(sig).readUInt32LE(0) === SIG_CENTRAL ? realStart - cdOffset : 0;
}

const ENTRY_DEFAULTS: YauzlOptions = {
  autoClose: false,
  // Names are decoded and validated here: yauzl would otherwise fail the whole archive on one unsafe name.
  decodeStrings: false,
  // Sizes are checked here, per member, while inflating (a lie in one member must not end the listing).
  validateEntrySizes: false,
  strictFileNames: false,
};

export class ZipArchive {
  private constructor(
    private readonly zip: YauzlZipFile,
    /** The unshifted archive, when the directory was displaced: local headers may still be at their written offsets. */
    private readonly unshifted: YauzlZipFile | null,
    private readonly context: string,
    /** Bytes by which the central directory lies after the offset the end record gives (0 = none). */
    readonly directoryShift: number,
  ) {}

  /**
   * Open a zip over a source. Throws ExtractError('truncated' | 'corrupt' | 'unsupported') when the
   * end-of-central-directory record cannot be found or is malformed. `context` names the file in messages.
   */
  static async open(source: ByteSource, context: string): Promise<ZipArchive> {
    const first = await openYauzl(source, context);
    const shift = await directoryShift(source, first);
    if (shift <= 0) return new ZipArchive(first, null, context, 0);
    // The central directory is not where the end record says: bytes were prepended (a
    // self-extractor stub) or inserted before the directory. Read the directory through a view
    // shifted by that much; member data is looked for at both places, as Info-ZIP's unzip does
    // ("attempting to re-compensate").
    const shifted = new RangeSource(source, shift, source.size - shift, source.size);
    return new ZipArchive(await openYauzl(shifted, context), first, context, shift);
  }

  /**
   * Read the central directory, at most `maxMembers` entries. A structural error part-way is
   * returned in `error` with the entries listed before it, never thrown.
   */
  async list(maxMembers: number, signal?: AbortSignal): Promise<ZipListing> {
    const raws: YauzlEntry[] = [];
    let error: ExtractError | undefined;
    let truncatedAtLimit = false;
    const it = this.zip.eachEntry();
    try {
      while (true) {
        if (signal?.aborted) {
          error = new ExtractError('timeout', `${this.context}: stopped while listing the central directory (entry ${raws.length})`);
          break;
        }
        if (raws.length >= maxMembers) {
          truncatedAtLimit = this.zip.entryCount > raws.length;
          break;
        }
        const r = await it.next();
        if (r.done) break;
        raws.push(r.value);
      }
    } catch (err) {
      const msg = (err as Error).message;
      error = new ExtractError(zipErrorCode(msg), `${this.context}: ${msg} (central directory entry ${raws.length})`);
    } finally {
      if (truncatedAtLimit || error?.code === 'timeout') await it.return?.();
    }

    // Legacy charset guess over the names that are neither flagged UTF-8 nor valid UTF-8.
    const legacy = raws
      .filter((e) => !(e.generalPurposeBitFlag & 0x800) && !isAscii(e.fileNameRaw) && !isUtf8(e.fileNameRaw))
      .map((e) => e.fileNameRaw);
    const legacyCharset = guessLegacyCharset(legacy);

    const entries = raws.map((e, index) => this.describe(e, index, legacyCharset));
    return {
      entries,
      comment: decodeCp437OrUtf8(this.zip.comment),
      declaredEntries: this.zip.entryCount,
      truncatedAtLimit,
      error,
    };
  }

  private describe(e: YauzlEntry, index: number, legacyCharset: string | null): ZipEntryInfo {
    const flagged = (e.generalPurposeBitFlag & 0x800) !== 0;
    let name = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, false);
    let nameEncoding: string;
    if (name !== yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, [], false)) nameEncoding = 'unicode-path';
    else if (flagged) nameEncoding = 'utf8';
    else if (isAscii(e.fileNameRaw)) nameEncoding = 'ascii';
    else if (isUtf8(e.fileNameRaw)) {
      name = e.fileNameRaw.toString('utf8').replace(/\\/g, '/');
      nameEncoding = 'utf8-unflagged';
    } else if (legacyCharset) {
      name = iconv.decode(e.fileNameRaw, legacyCharset).replace(/\\/g, '/');
      nameEncoding = legacyCharset;
    } else nameEncoding = 'cp437';
    const unsafeName = yauzl.validateFileName(name);
    // A backslash is the Windows separator written by buggy .NET versions, not an attack: the name
    // is read with '/' (yauzl's default) and yauzl's strict-mode message is kept as a note.
    const written = flagged ? e.fileNameRaw.toString('utf8') : iconv.decode(e.fileNameRaw, 'cp437');
    const nameNote = written.includes('\\') ? `invalid characters in fileName: ${written}` : null;
    const madeByCode = e.versionMadeBy >> 8;
    const mode = (e.externalFileAttributes >>> 16) & 0o170000;
    const times = extraTimes(e.extraFields);
    return {
      index,
      name,
      nameEncoding,
      nameBytes: e.fileNameRaw,
      unsafeName,
      nameNote,
      isDirectory:
        name.endsWith('/') ||
        (madeByCode === 3 && mode === 0o040000) ||
        (madeByCode === 0 && (e.externalFileAttributes & 0x10) !== 0 && e.uncompressedSize === 0),
      isSymlink: (madeByCode === 3 || madeByCode === 19) && mode === 0o120000,
      encrypted: e.isEncrypted(),
      compressionMethod: e.compressionMethod,
      compressedSize: e.compressedSize,
      uncompressedSize: e.uncompressedSize,
      crc32: e.crc32,
      dosTime: formatDosTime(e.lastModFileDate, e.lastModFileTime),
      ntfsMtime: times.ntfs,
      unixMtime: times.unix,
      comment: e.fileComment.length ? decodeCp437OrUtf8(e.fileComment, flagged) : '',
      madeBy: MADE_BY[madeByCode] ?? `os-${madeByCode}`,
      raw: e,
    };
  }

  /**
   * Inflate one member into memory, enforcing the limits on the bytes produced:
   * - declared size above maxMemberBytes: refused before inflating;
   * - produced bytes above maxMemberBytes, above the declared size, or a running ratio above
   *   maxRatio (past a 16 MiB grace: genuine images and XML parts compress far better than 200x):
   *   stopped at once (zlib's default 16 KiB output chunks: the same granularity as yauzl's own check);
   * - fewer bytes than declared, a zlib error, a bad local header: 'corrupt' / 'truncated'.
   * A CRC mismatch is reported through `onCrcMismatch` (the bytes are kept: they are evidence).
   */
  async read(entry: ZipEntryInfo, limits: Pick<Limits, 'maxMemberBytes' | 'maxRatio'>, opts: ReadOptions = {}): Promise<Buffer> {
    const where = `${this.context}!${entry.name}`;
    const maxBytes = Math.min(limits.maxMemberBytes, opts.maxBytes ?? Infinity);
    if (entry.encrypted) throw new ExtractError('encrypted', `${where}: member is encrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw new ExtractError('unsupported', `${where}: unsupported compression method: ${entry.compressionMethod}`);
    }
    if (entry.compressionMethod === 0 && entry.compressedSize !== entry.uncompressedSize) {
      throw new ExtractError(
        'corrupt',
        `${where}: compressed/uncompressed size mismatch for stored file: ${entry.compressedSize} != ${entry.uncompressedSize}`,
      );
    }
    // Opening the stream makes yauzl check the local header and that the data lies inside the file:
    // structural faults are reported before limits, so a damaged member says what is wrong with it.
    let raw: Readable;
    try {
      raw = await openRaw(this.zip, entry.raw).catch((err: Error) => {
        if (!this.unshifted || !/invalid local file header signature/.test(err.message)) throw err;
        return openRaw(this.unshifted, entry.raw);
      });
    } catch (err) {
      const msg = (err as Error).message;
      throw new ExtractError(zipErrorCode(msg), `${where}: ${msg}`);
    }
    // The declared size is only a first, cheap refusal; the guard below checks the bytes produced.
    // (No check of the declared ratio: a bomb declares what it likes, the running ratio is what counts.)
    if (entry.uncompressedSize > maxBytes) {
      raw.destroy();
      throw new ExtractError(
        'limit-exceeded',
        `${where}: declared size ${entry.uncompressedSize} bytes is above the ${maxBytes}-byte member limit`,
      );
    }
    if (entry.compressionMethod === 8 && entry.compressedSize <= SMALL_MEMBER_COMPRESSED && entry.uncompressedSize <= RATIO_GRACE_BYTES) {
      return this.checked(entry, await inflateSmall(raw, entry, maxBytes, where), opts);
    }
    const guard = new InflateGuard(entry, maxBytes, limits.maxRatio, where, opts.signal);
    try {
      if (entry.compressionMethod === 8) {
        const counter = new CountingPassThrough();
        guard.compressedCounter = counter;
        await pipeline(raw, counter, createInflateRaw(), guard);
      } else {
        await pipeline(raw, guard);
      }
    } catch (err) {
      if (err instanceof ExtractError) throw err;
      const msg = (err as Error).message;
      throw new ExtractError(zipErrorCode(msg), `${where}: ${msg}`);
    }
    return this.checked(entry, guard.result(), opts);
  }

  /** The checks every inflated member gets: short data is an error, a CRC mismatch is reported. */
  private checked(entry: ZipEntryInfo, out: Buffer, opts: ReadOptions): Buffer {
    const where = `${this.context}!${entry.name}`;
    if (out.byteLength < entry.uncompressedSize) {
      throw new ExtractError(
        'corrupt',
        `${where}: not enough bytes in the stream. expected ${entry.uncompressedSize}. got only ${out.byteLength}`,
      );
    }
    const crc = crc32(out) >>> 0;
    if (crc !== entry.crc32 >>> 0)
      opts.onCrcMismatch?.(`${where}: CRC-32 mismatch (central directory says ${hex(entry.crc32)}, data gives ${hex(crc)})`);
    return out;
  }

  /** Stop reading: no more members can be opened. Safe to call twice. */
  close(): void {
    if (this.zip.isOpen) this.zip.close();
    if (this.unshifted?.isOpen) this.unshifted.close();
  }
}

export interface ReadOptions {
  /** A tighter cap than limits.maxMemberBytes (e.g. for an XML part that will be parsed). */
  maxBytes?: number;
  signal?: AbortSignal;
  onCrcMismatch?: (message: string) => void;
}

/**
 * Below this many produced bytes the ratio is not checked. Genuine files compress far better than
 * 200:1 (a blank 300 ppi BMP scan in the corpus: 1.4 MB from 1.7 KB, 818:1); below 16 MiB the
 * member and expansion limits already bound memory, and a real bomb is still stopped within
 * a fraction of a second of inflation.
 */
export const RATIO_GRACE_BYTES = 16 << 20;

/**
 * Members up to this many compressed bytes (and declaring at most RATIO_GRACE_BYTES, where no ratio
 * check applies) are inflated in one synchronous call. Why: an Office file is a dozen parts of a few
 * kilobytes, and a stream pipeline per part (raw -> counter -> inflate -> guard) cost ~10 ms per
 * document in profiles, ten times the inflation itself. The limits stay the same: output is capped
 * at one byte past the declared size (so a lying header is caught as before) and at maxBytes.
 */
const SMALL_MEMBER_COMPRESSED = 1 << 20;

async function inflateSmall(raw: Readable, entry: ZipEntryInfo, maxBytes: number, where: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      parts.push(chunk);
      n += chunk.length;
    }
  } catch (err) {
    const msg = (err as Error).message;
    throw new ExtractError(zipErrorCode(msg), `${where}: ${msg}`);
  }
  // The caller refused declared sizes above maxBytes, so one byte past the declared size is within
  // maxBytes + 1: more output than declared is the header lying, as in the streamed path.
  const cap = Math.min(entry.uncompressedSize, maxBytes) + 1;
  try {
    return inflateRawSync(parts.length === 1 ? parts[0] : Buffer.concat(parts, n), { maxOutputLength: cap });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ExtractError('corrupt', `${where}: too many bytes in the stream. expected ${entry.uncompressedSize}. got at least ${cap}`);
    }
    const msg = (err as Error).message;
    throw new ExtractError(zipErrorCode(msg), `${where}: ${msg}`);
  }
}

function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

class CountingPassThrough extends Transform {
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    cb(null, chunk);
  }
}

/** The sink of a member's inflated bytes: collects them and stops the stream on any limit. */
class InflateGuard extends Writable {
  private readonly parts: Buffer[] = [];
  private produced = 0;
  compressedCounter: CountingPassThrough | null = null;
  constructor(
    private readonly entry: ZipEntryInfo,
    private readonly maxBytes: number,
    private readonly maxRatio: number,
    private readonly where: string,
    private readonly signal?: AbortSignal,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.produced += chunk.length;
    if (this.signal?.aborted) return cb(new ExtractError('timeout', `${this.where}: stopped while inflating`));
    if (this.produced > this.entry.uncompressedSize) {
      // The header lied about the size: yauzl's wording, Verity's code.
      return cb(
        new ExtractError(
          'corrupt',
          `${this.where}: too many bytes in the stream. expected ${this.entry.uncompressedSize}. got at least ${this.produced}`,
        ),
      );
    }
    if (this.produced > this.maxBytes) {
      return cb(new ExtractError('limit-exceeded', `${this.where}: inflated past the ${this.maxBytes}-byte member limit`));
    }
    const compressed = this.compressedCounter?.bytes;
    if (compressed !== undefined && this.produced > RATIO_GRACE_BYTES && this.produced / Math.max(1, compressed) > this.maxRatio) {
      return cb(
        new ExtractError(
          'limit-exceeded',
          `${this.where}: compression ratio above ${this.maxRatio} while inflating (${this.produced} bytes from ${compressed})`,
        ),
      );
    }
    this.parts.push(chunk);
    cb();
  }
  result(): Buffer {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.produced);
  }
}

function decodeCp437OrUtf8(b: Buffer, flagged = false): string {
  if (flagged || (!isAscii(b) && isUtf8(b))) return b.toString('utf8');
  return iconv.decode(b, 'cp437');
}

// ---- members as child documents (zip archives, and the embedded files of OOXML / ODF) ----

/** A symbolic link's content is its target path; more than this is not a path. */
const MAX_SYMLINK_TARGET = 4096;

const EMPTY = new BufferSource(new Uint8Array(0));

/** Occurrence metadata of a member: what the archive says about it, not what it says about itself. */
export function memberMetadata(e: ZipEntryInfo): MetadataEntry[] {
  const m: MetadataEntry[] = [{ source: 'zip', key: 'mtime', value: e.dosTime }];
  if (e.ntfsMtime) m.push({ source: 'zip', key: 'mtime.ntfs', value: e.ntfsMtime });
  if (e.unixMtime) m.push({ source: 'zip', key: 'mtime.unix', value: e.unixMtime });
  if (e.comment) m.push({ source: 'zip', key: 'comment', value: e.comment });
  m.push({ source: 'zip', key: 'os', value: e.madeBy });
  if (e.nameEncoding !== 'ascii' && e.nameEncoding !== 'utf8') {
    // A guessed or CP437 name: keep the bytes so the analyst can decode them another way.
    m.push({ source: 'zip', key: 'name.encoding', value: e.nameEncoding });
    m.push({ source: 'zip', key: 'name.bytes', value: e.nameBytes.toString('hex') });
  }
  return m;
}

function errorChild(e: ZipEntryInfo, code: ExtractErrorCode, message: string, extra: MetadataEntry[] = []): ChildDocument {
  return {
    segment: { type: 'member', index: e.index, name: e.name },
    name: e.name,
    source: EMPTY,
    metadata: [...memberMetadata(e), ...extra],
    error: { code, message },
  };
}

/** The target a symlink member points to (its content), read with a small cap; never followed. */
export async function symlinkTarget(archive: ZipArchive, e: ZipEntryInfo, ctx: ExtractContext): Promise<string> {
  try {
    const bytes = await archive.read(e, ctx.limits, { maxBytes: MAX_SYMLINK_TARGET, signal: ctx.signal });
    return bytes.toString('utf8');
  } catch (err) {
    return `(unreadable: ${(err as Error).message})`;
  }
}

/**
 * The given members as children, each read only when the consumer asks for the next one.
 * Unsafe names and symlinks become error children ('not-followed'), encrypted members 'encrypted',
 * members past a limit or damaged an error child with the reason; the others carry their bytes.
 * The archive is closed when the iteration ends (or is abandoned by the consumer).
 */
export async function* memberChildren(
  archive: ZipArchive,
  entries: readonly ZipEntryInfo[],
  context: string,
  ctx: ExtractContext,
  symlinks: ReadonlyMap<number, string> = new Map(),
): AsyncGenerator<ChildDocument> {
  let expanded = 0;
  try {
    for (const e of entries) {
      if (e.isDirectory) continue;
      if (ctx.signal.aborted) throw new ExtractError('timeout', `${context}: stopped at member ${e.index}`);
      if (e.unsafeName) {
        yield errorChild(e, 'not-followed', `${context}: member name is unsafe as a path (${e.unsafeName}); not extracted`);
        continue;
      }
      if (e.isSymlink) {
        const target = symlinks.get(e.index) ?? (await symlinkTarget(archive, e, ctx));
        yield errorChild(e, 'not-followed', `${context}: member ${e.name} is a symbolic link to ${target}; not followed`, [
          { source: 'zip', key: 'symlink', value: target },
        ]);
        continue;
      }
      if (e.encrypted) {
        yield errorChild(e, 'encrypted', `${context}: member ${e.name} is encrypted (method ${e.compressionMethod})`);
        continue;
      }
      if (expanded + e.uncompressedSize > ctx.limits.maxExpandedBytes) {
        ctx.warn(
          'limit-exceeded',
          `${context}: member ${e.name} would take the archive past ${ctx.limits.maxExpandedBytes} expanded bytes`,
        );
        yield errorChild(
          e,
          'limit-exceeded',
          `${context}: archive expansion limit of ${ctx.limits.maxExpandedBytes} bytes reached before ${e.name}`,
        );
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await archive.read(e, ctx.limits, { signal: ctx.signal, onCrcMismatch: (msg) => ctx.warn('corrupt', msg) });
      } catch (err) {
        if (!(err instanceof ExtractError) || err.code === 'timeout') throw err;
        ctx.warn(err.code, err.message);
        yield errorChild(e, err.code, err.message);
        continue;
      }
      expanded += bytes.byteLength;
      yield {
        segment: { type: 'member', index: e.index, name: e.name },
        name: e.name,
        source: new BufferSource(bytes),
        metadata: memberMetadata(e),
      };
    }
  } finally {
    archive.close();
  }
}

// ---- zip packages (OOXML, ODF): parts looked up by name, read whole and bounded ----

/** Largest XML part parsed into a tree (a 64 MiB document.xml is already an exceptional document). */
export const MAX_XML_PART_BYTES = 64 << 20;

/** Earliest and latest DOS time of the package's files, as written (string order is time order). */
export function entryTimeRange(entries: readonly ZipEntryInfo[]): { min: string; max: string } | undefined {
  const times = entries
    .filter((e) => !e.isDirectory)
    .map((e) => e.dosTime)
    .sort();
  return times.length ? { min: times[0], max: times[times.length - 1] } : undefined;
}

export class ZipPackage {
  private readonly byName = new Map<string, ZipEntryInfo>();
  /** Parts that were asked for and could not be read. */
  readonly failures: { part: string; reason: string }[] = [];
  private constructor(
    readonly archive: ZipArchive,
    readonly listing: ZipListing,
    private readonly context: string,
    private readonly ctx: ExtractContext,
  ) {
    // OPC part names compare case-insensitively (ECMA-376 Part 2 §6.2.2.3); ODF names are
    // case-sensitive but never differ only by case in practice. First occurrence wins.
    for (const e of listing.entries) {
      const key = e.name.replace(/^\/+/, '').toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  /** Open a package; an unreadable end record throws (ExtractError), a broken directory is kept in `listing.error`. */
  static async open(source: ByteSource, context: string, ctx: ExtractContext): Promise<ZipPackage> {
    const archive = await ZipArchive.open(source, context);
    const listing = await archive.list(ctx.limits.maxMembers, ctx.signal);
    return new ZipPackage(archive, listing, context, ctx);
  }

  get entries(): readonly ZipEntryInfo[] {
    return this.listing.entries;
  }

  get(name: string): ZipEntryInfo | undefined {
    return this.byName.get(name.replace(/^\/+/, '').toLowerCase());
  }

  /** A part's bytes, or null when absent or unreadable (the reason goes to ctx.warn). */
  async bytes(name: string, maxBytes: number = this.ctx.limits.maxMemberBytes): Promise<Buffer | null> {
    const e = this.get(name);
    if (!e || e.isDirectory) return null;
    try {
      return await this.archive.read(e, this.ctx.limits, {
        maxBytes,
        signal: this.ctx.signal,
        onCrcMismatch: (m) => this.ctx.warn('corrupt', m),
      });
    } catch (err) {
      if (!(err instanceof ExtractError) || err.code === 'timeout') throw err;
      this.ctx.warn(err.code, err.message);
      this.failures.push({ part: e.name, reason: err.message });
      return null;
    }
  }

  /** A part decoded as XML text (BOM-aware), bounded by MAX_XML_PART_BYTES. */
  async text(name: string): Promise<string | null> {
    const b = await this.bytes(name, MAX_XML_PART_BYTES);
    return b ? decodeXmlBytes(b) : null;
  }

  close(): void {
    this.archive.close();
  }

  toString(): string {
    return this.context;
  }
}
