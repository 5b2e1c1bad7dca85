// The part of yauzl 3 Verity uses, read over a ByteSource (a big zip is never read whole).

import { Readable } from 'node:stream';
import yauzlModule from 'yauzl';
import type { ByteSource } from '../types.js';

// ---- the subset of yauzl 3 used here (its @types package describes yauzl 2) ----

export interface YauzlEntry {
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
export interface YauzlZipFile {
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
export const yauzl = yauzlModule as unknown as Yauzl3;

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

const ENTRY_DEFAULTS: YauzlOptions = {
  autoClose: false,
  // Names are decoded and validated here: yauzl would otherwise fail the whole archive on one unsafe name.
  decodeStrings: false,
  // Sizes are checked here, per member, while inflating (a lie in one member must not end the listing).
  validateEntrySizes: false,
  strictFileNames: false,
};

export function openRaw(zip: YauzlZipFile, entry: YauzlEntry): Promise<Readable> {
  return new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, { decodeFileData: false }, (err, s) => (err ? reject(err) : resolve(s!))),
  );
}

/** yauzl over a source; its errors are yauzl's own (the caller maps them to error codes). */
export function openZipFile(source: ByteSource): Promise<YauzlZipFile> {
  return yauzl.fromRandomAccessReaderPromise(new ByteSourceReader(source), source.size, ENTRY_DEFAULTS);
}
