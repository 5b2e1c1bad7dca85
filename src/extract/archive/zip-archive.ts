// A zip archive over a ByteSource: its central directory listed (what broke part-way is kept),
// its members read one at a time within the limits. Error messages keep yauzl's wording.

import type { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { Limits } from '../../model/limits.js';
import { RangeSource } from '../common/byte-source.js';
import { ExtractError, type ByteSource } from '../types.js';
import { decodeCp437OrUtf8, describeEntries, zipErrorCode, type ZipEntryInfo, type ZipListing } from './zip-entries.js';
import { inflateMember } from './zip-inflate.js';
import { openRaw, openZipFile, type YauzlEntry, type YauzlZipFile } from './yauzl.js';

async function openYauzl(source: ByteSource, context: string): Promise<YauzlZipFile> {
  try {
    return await openZipFile(source);
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

    return {
      entries: describeEntries(raws),
      comment: decodeCp437OrUtf8(this.zip.comment),
      declaredEntries: this.zip.entryCount,
      truncatedAtLimit,
      error,
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
    return this.checked(entry, await inflateMember(raw, entry, { maxBytes, maxRatio: limits.maxRatio, where, signal: opts.signal }), opts);
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

function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}
