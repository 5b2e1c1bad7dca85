// ByteSource implementations: a memory buffer, a range of a file, a range of another source.
// Extractors only see the interface; the ingest decides which one backs a document.

import { open, type FileHandle } from 'node:fs/promises';
import { ExtractError, type ByteSource } from '../types.js';

const DEFAULT_CHUNK = 1 << 20;

export class BufferSource implements ByteSource {
  readonly size: number;
  constructor(private readonly buf: Uint8Array) {
    this.size = buf.byteLength;
  }
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    return this.buf.subarray(start, Math.min(this.size, start + Math.max(0, length)));
  }
  async readAll(): Promise<Uint8Array> {
    return this.buf;
  }
  async *chunks(start = 0, end = this.size, chunkSize = DEFAULT_CHUNK): AsyncIterable<Uint8Array> {
    for (let at = Math.max(0, start); at < Math.min(end, this.size); at += chunkSize) {
      yield this.buf.subarray(at, Math.min(end, this.size, at + chunkSize));
    }
  }
}

/** A window [start, start+size) of another source: an mbox message, a stored zip member. */
export class RangeSource implements ByteSource {
  constructor(
    private readonly parent: ByteSource,
    private readonly start: number,
    readonly size: number,
    private readonly maxWhole: number,
  ) {}
  read(offset: number, length: number): Promise<Uint8Array> {
    const o = Math.max(0, Math.min(offset, this.size));
    return this.parent.read(this.start + o, Math.min(length, this.size - o));
  }
  async readAll(): Promise<Uint8Array> {
    if (this.size > this.maxWhole) {
      throw new ExtractError('limit-exceeded', `document of ${this.size} bytes is larger than the ${this.maxWhole}-byte whole-read limit`);
    }
    return this.parent.read(this.start, this.size);
  }
  chunks(start = 0, end = this.size, chunkSize = DEFAULT_CHUNK): AsyncIterable<Uint8Array> {
    return this.parent.chunks(this.start + Math.max(0, start), this.start + Math.min(end, this.size), chunkSize);
  }
}

/** A file opened read-only. The handle is owned by whoever opened it (see openFileSource). */
export class FileSource implements ByteSource {
  constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    private readonly maxWhole: number,
  ) {}
  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.max(0, Math.min(offset, this.size));
    const len = Math.max(0, Math.min(length, this.size - start));
    const buf = Buffer.allocUnsafe(len);
    let got = 0;
    while (got < len) {
      const { bytesRead } = await this.fh.read(buf, got, len - got, start + got);
      if (bytesRead === 0) break; // file shrank while we read it
      got += bytesRead;
    }
    return got === len ? buf : buf.subarray(0, got);
  }
  async readAll(): Promise<Uint8Array> {
    if (this.size > this.maxWhole) {
      throw new ExtractError('limit-exceeded', `file of ${this.size} bytes is larger than the ${this.maxWhole}-byte whole-read limit`);
    }
    return this.read(0, this.size);
  }
  async *chunks(start = 0, end = this.size, chunkSize = DEFAULT_CHUNK): AsyncIterable<Uint8Array> {
    for (let at = Math.max(0, start); at < Math.min(end, this.size);) {
      const part = await this.read(at, Math.min(chunkSize, Math.min(end, this.size) - at));
      if (part.byteLength === 0) return;
      yield part;
      at += part.byteLength;
    }
  }
}

/** Open a file read-only (O_RDONLY, never created or truncated) as a ByteSource. */
export async function openFileSource(path: string, maxWhole: number): Promise<{ source: FileSource; close: () => Promise<void> }> {
  const fh = await open(path, 'r');
  const st = await fh.stat();
  return { source: new FileSource(fh, st.size, maxWhole), close: () => fh.close() };
}

/** Read all of a source into one Buffer (for libraries that need the whole input). */
export async function toBuffer(source: ByteSource): Promise<Buffer> {
  const all = await source.readAll();
  return Buffer.isBuffer(all) ? all : Buffer.from(all.buffer, all.byteOffset, all.byteLength);
}
