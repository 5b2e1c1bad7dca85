// gzip (RFC 1952): one child, the inflated content, named from FNAME or the file name; inflation
// stops at the member and ratio limits (docs/extract.md, Limits).

import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGunzip, inflateRawSync } from 'node:zlib';
import type { MetadataEntry } from '../../model/document.js';
import { MIME } from '../mime.js';
import { BufferSource } from '../common/byte-source.js';
import { RATIO_GRACE_BYTES } from './zip-inflate.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

export interface GzipHeader {
  /** FNAME: the original file name, ISO 8859-1 per RFC 1952 §2.3.1. */
  name?: string;
  /** FCOMMENT. */
  comment?: string;
  /** MTIME as UTC ISO-8601; absent when 0 (RFC 1952: no time stamp available). */
  mtime?: string;
  /** OS byte, by its RFC 1952 name. */
  os: string;
  /** Bytes before the deflate data (fixed header plus optional fields). */
  headerLength: number;
}

const OS_NAMES = [
  'FAT',
  'Amiga',
  'VMS',
  'Unix',
  'VM/CMS',
  'Atari TOS',
  'HPFS',
  'Macintosh',
  'Z-System',
  'CP/M',
  'TOPS-20',
  'NTFS',
  'QDOS',
  'Acorn RISCOS',
];
const MAX_HEADER_STRING = 1024;

/** Parse the fixed header and its optional fields from the first bytes of the file. */
export function parseGzipHeader(b: Uint8Array): GzipHeader | undefined {
  if (b.length < 10 || b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) return undefined;
  const flags = b[3];
  const mtime = (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24)) >>> 0;
  const header: GzipHeader = { os: OS_NAMES[b[9]] ?? (b[9] === 255 ? 'unknown' : `os-${b[9]}`), headerLength: 10 };
  if (mtime) header.mtime = new Date(mtime * 1000).toISOString();
  let at = 10;
  if (flags & 0x04) at += 2 + (b[at] | (b[at + 1] << 8)); // FEXTRA
  const zString = (): string | undefined => {
    const end = b.indexOf(0, at);
    if (end < 0) return undefined;
    const s = Buffer.from(b.buffer, b.byteOffset + at, Math.min(end - at, MAX_HEADER_STRING)).toString('latin1');
    at = end + 1;
    return s;
  };
  if (flags & 0x08) header.name = zString();
  if (flags & 0x10) header.comment = zString();
  if (flags & 0x02) at += 2; // FHCRC
  if (at > b.length) return undefined;
  header.headerLength = at;
  return header;
}

/**
 * Recovery after the streaming inflation failed: inflate member by member, each as far as its
 * data goes (Z_SYNC_FLUSH: no error at a cut), and stop at the first bytes that are not a member.
 * zlib's stream drops the output of the call that fails, so a small file cut short or followed by
 * junk would otherwise lose everything.
 */
function inflateMembers(input: Buffer, maxOut: number): { bytes: Buffer; junkAt?: number } {
  const parts: Buffer[] = [];
  let total = 0;
  let at = 0;
  while (at < input.length && total < maxOut) {
    const header = parseGzipHeader(input.subarray(at, at + (64 << 10)));
    if (!header) break;
    const r = inflateRawSync(input.subarray(at + header.headerLength), {
      info: true,
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: maxOut - total,
    }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
    parts.push(r.buffer);
    total += r.buffer.length;
    at += header.headerLength + r.engine.bytesWritten + 8; // deflate data, then CRC32 and ISIZE
  }
  // Zero padding (tape blocks) after the last member is not junk.
  const rest = input.subarray(Math.min(at, input.length));
  return { bytes: Buffer.concat(parts, total), junkAt: at < input.length && rest.some((c) => c !== 0) ? at : undefined };
}

/** The child's name: FNAME's last path component (it is a label, never a path), else the parent's name less its suffix. */
export function gzipChildName(parentName: string, header?: GzipHeader): string {
  const fromHeader = header?.name?.split(/[\\/]/).filter(Boolean).pop();
  if (fromHeader) return fromHeader;
  const base = parentName.split('/').pop() ?? parentName;
  if (/\.tgz$/i.test(base)) return base.replace(/\.tgz$/i, '.tar');
  if (/\.svgz$/i.test(base)) return base.replace(/\.svgz$/i, '.svg');
  if (/\.gz$/i.test(base) && base.length > 3) return base.replace(/\.gz$/i, '');
  return `${base}.out`;
}

/** Collects inflated bytes and stops the pipeline when a limit is passed. */
class InflateSink extends Writable {
  readonly parts: Buffer[] = [];
  produced = 0;
  consumed = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly maxRatio: number,
    private readonly where: string,
    private readonly signal: AbortSignal,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.produced += chunk.length;
    if (this.signal.aborted) return cb(new ExtractError('timeout', `${this.where}: stopped while inflating`));
    if (this.produced > this.maxBytes) {
      return cb(new ExtractError('limit-exceeded', `${this.where}: inflated past the ${this.maxBytes}-byte member limit`));
    }
    if (this.produced > RATIO_GRACE_BYTES && this.produced / Math.max(1, this.consumed) > this.maxRatio) {
      return cb(
        new ExtractError(
          'limit-exceeded',
          `${this.where}: compression ratio above ${this.maxRatio} while inflating (${this.produced} bytes from ${this.consumed})`,
        ),
      );
    }
    this.parts.push(chunk);
    cb();
  }
}

export const gzipExtractor: Extractor = {
  id: 'archive.gzip',
  version: 1,
  kind: 'archive',
  container: true,
  mimes: [MIME.gzip],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const head = await input.source.read(0, 64 << 10);
    const header = parseGzipHeader(head);
    if (!header) throw new ExtractError('corrupt', `${input.name}: not a deflate gzip stream (bad magic or method)`);
    const childName = gzipChildName(input.name, header);

    const metadata: MetadataEntry[] = [{ source: 'gzip', key: 'os', value: header.os }];
    if (header.name !== undefined) metadata.push({ source: 'gzip', key: 'name', value: header.name });
    if (header.mtime) metadata.push({ source: 'gzip', key: 'mtime', value: header.mtime });
    if (header.comment) metadata.push({ source: 'gzip', key: 'comment', value: header.comment });
    const output: ExtractOutput = {
      kind: 'archive',
      metadata,
      text: [childName, header.comment].filter(Boolean).join('\n').slice(0, ctx.limits.maxTextChars),
      facts: { archive: { format: 'other', members: 1, encryptedMembers: 0, skipped: [] } },
    };

    if (input.depth >= ctx.limits.maxDepth) {
      ctx.warn(
        'limit-exceeded',
        `${input.name}: nesting depth ${input.depth} reached the limit of ${ctx.limits.maxDepth}; content not inflated`,
      );
      output.facts!.archive!.skipped.push({ name: childName, reason: 'nesting depth limit' });
      return output;
    }

    const where = `${input.name}!${childName}`;
    const sink = new InflateSink(ctx.limits.maxMemberBytes, ctx.limits.maxRatio, where, ctx.signal);
    const source = input.source;
    async function* counted(): AsyncGenerator<Uint8Array> {
      for await (const chunk of source.chunks(0, source.size, 256 << 10)) {
        sink.consumed += chunk.byteLength;
        yield chunk;
      }
    }
    let failure: ExtractError | undefined;
    try {
      await pipeline(counted(), createGunzip(), sink);
    } catch (err) {
      if (err instanceof ExtractError && err.code !== 'limit-exceeded') throw err;
      // A cut-off download ('unexpected end of file') or junk after the last member ('incorrect
      // header check'): the content before the fault is evidence, recovered below.
      const msg = (err as Error).message;
      failure =
        err instanceof ExtractError ? err : new ExtractError(/unexpected end/i.test(msg) ? 'truncated' : 'corrupt', `${where}: ${msg}`);
    }
    let bytes: Buffer = Buffer.concat(
      sink.parts,
      sink.parts.reduce((n, p) => n + p.length, 0),
    );
    if (failure && failure.code !== 'limit-exceeded' && input.size <= ctx.limits.maxWholeFileBytes) {
      const maxOut = Math.min(ctx.limits.maxMemberBytes, Math.max(RATIO_GRACE_BYTES, input.size * ctx.limits.maxRatio));
      try {
        const recovered = inflateMembers(Buffer.from(await source.readAll()), maxOut);
        if (recovered.bytes.length >= bytes.length) bytes = recovered.bytes;
        if (recovered.junkAt !== undefined)
          failure = new ExtractError(
            'corrupt',
            `${where}: ${input.size - recovered.junkAt} bytes that are not gzip follow the last member at offset ${recovered.junkAt}`,
          );
      } catch {
        // The streamed part stands.
      }
    }
    output.facts!.archive!.totalUncompressed = bytes.length;
    if (failure?.code === 'limit-exceeded') {
      // A bomb: keep nothing of it as a child, say why on the archive.
      output.facts!.archive!.skipped.push({ name: childName, reason: failure.message });
      throw new ExtractError('limit-exceeded', failure.message, output);
    }
    if (failure) {
      if (bytes.length === 0) throw new ExtractError(failure.code, failure.message, output);
      ctx.warn(failure.code, `${failure.message} (the ${bytes.length} bytes inflated before the fault are kept)`);
    }
    if (bytes.length === input.size && Buffer.compare(bytes, Buffer.from(await source.read(0, source.size))) === 0) {
      ctx.warn('archive.quine', `${input.name}: inflates to itself (a gzip quine); not expanded`);
      output.facts!.archive!.skipped.push({ name: childName, reason: 'inflates to the archive itself (quine)' });
      return output;
    }
    const childMeta: MetadataEntry[] = [];
    if (header.mtime) childMeta.push({ source: 'gzip', key: 'mtime', value: header.mtime });
    if (header.name !== undefined) childMeta.push({ source: 'gzip', key: 'name', value: header.name });
    const child: ChildDocument = {
      segment: { type: 'member', index: 0, name: childName },
      name: childName,
      source: new BufferSource(bytes),
      metadata: childMeta,
    };
    output.children = [child];
    return output;
  },
};
