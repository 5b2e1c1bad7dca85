// Inflating one member with the limits checked on the bytes actually produced (a bomb lies in
// its header): the member size, the declared size, the running compression ratio, the signal.

import { Transform, Writable, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { ExtractError } from '../types.js';
import { zipErrorCode, type ZipEntryInfo } from './zip-entries.js';

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

/**
 * Inflate (or copy, for a stored member) a member's raw data, stopping on the limits while the bytes
 * are produced. Small members go through one synchronous call, the others through a guarded stream.
 */
export async function inflateMember(
  raw: Readable,
  entry: ZipEntryInfo,
  o: { maxBytes: number; maxRatio: number; where: string; signal?: AbortSignal },
): Promise<Buffer> {
  const { maxBytes, where } = o;
  if (entry.compressionMethod === 8 && entry.compressedSize <= SMALL_MEMBER_COMPRESSED && entry.uncompressedSize <= RATIO_GRACE_BYTES) {
    return inflateSmall(raw, entry, maxBytes, where);
  }
  const guard = new InflateGuard(entry, maxBytes, o.maxRatio, where, o.signal);
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
  return guard.result();
}
