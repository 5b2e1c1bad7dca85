// tar archives (ustar, pax, GNU long names): each regular file is a zero-copy window over the
// archive's bytes; hand-written to know each member's offset (docs/extract.md).

import type { MetadataEntry } from '../../model/document.js';
import type { ArchiveFacts } from '../../model/facts-archive.js';
import { MIME } from '../mime.js';
import { BufferSource, RangeSource } from '../common/byte-source.js';
import {
  ExtractError,
  type ByteSource,
  type ChildDocument,
  type ExtractContext,
  type ExtractInput,
  type ExtractOutput,
  type Extractor,
} from '../types.js';

const BLOCK = 512;
/** Largest pax or GNU long-name record read (real ones are a few hundred bytes). */
const MAX_META_BYTES = 1 << 20;

interface TarEntry {
  index: number;
  name: string;
  /** '0' file, '1' hard link, '2' symlink, '5' directory, '3'/'4'/'6' devices and fifos... */
  type: string;
  size: number;
  /** Offset of the member's data in the archive. */
  dataOffset: number;
  /** Modification time, UTC ISO-8601 (pax keeps sub-second precision). */
  mtime?: string;
  mode?: string;
  uname?: string;
  gname?: string;
  linkname?: string;
}

export interface TarListing {
  entries: TarEntry[];
  /** Set when the walk stopped before the end-of-archive marker: why. */
  error?: { code: 'corrupt' | 'truncated' | 'timeout'; message: string };
  truncatedAtLimit: boolean;
}

function cString(b: Uint8Array, from: number, len: number): string {
  let end = from;
  while (end < from + len && b[end] !== 0) end++;
  return Buffer.from(b.buffer, b.byteOffset + from, end - from).toString('utf8');
}

/** A numeric field: octal ASCII, or GNU base-256 when the top bit of the first byte is set. */
function tarNumber(b: Uint8Array, from: number, len: number): number | undefined {
  if (b[from] & 0x80) {
    let n = b[from] & 0x7f;
    for (let i = 1; i < len; i++) n = n * 256 + b[from + i];
    return Number.isSafeInteger(n) ? n : undefined;
  }
  const s = cString(b, from, len).trim();
  if (s === '') return 0;
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : undefined;
}

function checksumOk(h: Uint8Array): boolean {
  const stored = tarNumber(h, 148, 8);
  let unsigned = 0,
    signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : h[i];
    unsigned += c;
    signed += c > 127 ? c - 256 : c; // some old writers summed signed chars
  }
  return stored === unsigned || stored === signed;
}

/** pax records: "<len> <key>=<value>\n" (POSIX.1-2001). */
function parsePax(b: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  let at = 0;
  while (at < s.length) {
    const sp = s.indexOf(' ', at);
    if (sp < 0) break;
    const len = Number(s.slice(at, sp));
    if (!Number.isInteger(len) || len <= 0) break;
    const rec = s.slice(sp + 1, at + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    at += len;
  }
  return out;
}

function isoFromSeconds(s: number): string | undefined {
  const d = new Date(s * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** Walk the headers. Reads 512 bytes per member plus any pax/long-name records; never member data. */
export async function listTar(source: ByteSource, maxEntries: number, signal: AbortSignal, context: string): Promise<TarListing> {
  const listing: TarListing = { entries: [], truncatedAtLimit: false };
  let at = 0;
  let pax = new Map<string, string>();
  let globalPax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  while (at + BLOCK <= source.size) {
    if (signal.aborted) {
      listing.error = { code: 'timeout', message: `${context}: listing stopped at offset ${at}` };
      return listing;
    }
    const h = await source.read(at, BLOCK);
    if (h.every((c) => c === 0)) return listing; // end-of-archive marker
    if (!checksumOk(h)) {
      listing.error = { code: 'corrupt', message: `${context}: bad header checksum at offset ${at}` };
      return listing;
    }
    const size = tarNumber(h, 124, 12);
    if (size === undefined) {
      listing.error = { code: 'corrupt', message: `${context}: unreadable size field at offset ${at}` };
      return listing;
    }
    const type = String.fromCharCode(h[156] || 0x30);
    const dataOffset = at + BLOCK;
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    const readMeta = async (): Promise<Uint8Array | undefined> => {
      if (size > MAX_META_BYTES || dataOffset + size > source.size) return undefined;
      return source.read(dataOffset, size);
    };
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      const data = await readMeta();
      if (!data) {
        listing.error = {
          code: 'corrupt',
          message: `${context}: extended header of ${size} bytes at offset ${at} is too large or cut off`,
        };
        return listing;
      }
      if (type === 'x') pax = parsePax(data);
      else if (type === 'g') globalPax = new Map([...globalPax, ...parsePax(data)]);
      else if (type === 'L') longName = cString(data, 0, data.length);
      else longLink = cString(data, 0, data.length);
      at = next;
      continue;
    }
    if (listing.entries.length >= maxEntries) {
      listing.truncatedAtLimit = true;
      return listing;
    }
    const magic = cString(h, 257, 6);
    const prefix = magic === 'ustar' ? cString(h, 345, 155) : '';
    const attrs = new Map([...globalPax, ...pax]);
    const name = attrs.get('path') ?? longName ?? (prefix ? `${prefix}/${cString(h, 0, 100)}` : cString(h, 0, 100));
    const paxSize = attrs.has('size') ? Number(attrs.get('size')) : undefined;
    const realSize = paxSize !== undefined && Number.isSafeInteger(paxSize) && paxSize >= 0 ? paxSize : size;
    const mtimeSeconds = attrs.has('mtime') ? Number(attrs.get('mtime')) : tarNumber(h, 136, 12);
    const entry: TarEntry = {
      index: listing.entries.length,
      name,
      type,
      size: realSize,
      dataOffset,
      mode: cString(h, 100, 8).trim() || undefined,
      uname: attrs.get('uname') ?? (cString(h, 265, 32) || undefined),
      gname: attrs.get('gname') ?? (cString(h, 297, 32) || undefined),
    };
    if (mtimeSeconds !== undefined && Number.isFinite(mtimeSeconds)) entry.mtime = isoFromSeconds(mtimeSeconds);
    const link = attrs.get('linkpath') ?? longLink ?? cString(h, 157, 100);
    if (link && (type === '1' || type === '2')) entry.linkname = link;
    listing.entries.push(entry);
    pax = new Map();
    longName = longLink = undefined;
    // A pax size larger than the header's moves the next header accordingly.
    at = dataOffset + Math.ceil(realSize / BLOCK) * BLOCK;
  }
  if (at < source.size) listing.error = { code: 'truncated', message: `${context}: archive ends inside a header at offset ${at}` };
  else if (listing.entries.length > 0 && at > source.size)
    listing.error = { code: 'truncated', message: `${context}: last member runs past the end of the file` };
  else if (listing.entries.length > 0) listing.error = { code: 'truncated', message: `${context}: no end-of-archive marker` };
  return listing;
}

/** Why a name is not safe as a path inside the dump's tree, or undefined. Same rule as zip members. */
function unsafeName(name: string): string | undefined {
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (name.split(/[\\/]/).includes('..')) return "contains '..'";
  if (name.includes('\0')) return 'contains NUL';
  return undefined;
}

const EMPTY = new BufferSource(new Uint8Array(0));
const TYPE_NAMES: Record<string, string> = {
  '3': 'character device',
  '4': 'block device',
  '6': 'FIFO',
  S: 'GNU sparse file',
  V: 'volume label',
  M: 'multi-volume continuation',
};

function occurrence(e: TarEntry): MetadataEntry[] {
  const m: MetadataEntry[] = [];
  if (e.mtime) m.push({ source: 'tar', key: 'mtime', value: e.mtime });
  if (e.mode) m.push({ source: 'tar', key: 'mode', value: e.mode });
  if (e.uname) m.push({ source: 'tar', key: 'uname', value: e.uname });
  if (e.gname) m.push({ source: 'tar', key: 'gname', value: e.gname });
  return m;
}

function* children(source: ByteSource, entries: TarEntry[], context: string, ctx: ExtractContext): Generator<ChildDocument> {
  for (const e of entries) {
    if (e.type === '5') continue;
    const segment = { type: 'member' as const, index: e.index, name: e.name };
    const base = { segment, name: e.name, metadata: occurrence(e) };
    const unsafe = unsafeName(e.name);
    if (unsafe) {
      yield {
        ...base,
        source: EMPTY,
        error: { code: 'not-followed', message: `${context}: member name is unsafe as a path (${unsafe}); not extracted` },
      };
    } else if (e.type === '1' || e.type === '2') {
      yield {
        ...base,
        source: EMPTY,
        metadata: [...base.metadata, { source: 'tar', key: 'link', value: e.linkname ?? '' }],
        error: {
          code: 'not-followed',
          message: `${context}: member ${e.name} is a ${e.type === '2' ? 'symbolic' : 'hard'} link to ${e.linkname ?? '?'}; not followed`,
        },
      };
    } else if (e.type !== '0' && e.type !== '7') {
      continue; // devices, FIFOs, labels: no content (listed in facts.archive.skipped)
    } else if (e.size > ctx.limits.maxMemberBytes) {
      yield {
        ...base,
        source: EMPTY,
        error: {
          code: 'limit-exceeded',
          message: `${context}: member ${e.name} of ${e.size} bytes is above the ${ctx.limits.maxMemberBytes}-byte member limit`,
        },
      };
    } else if (e.dataOffset + e.size > source.size) {
      yield {
        ...base,
        source: EMPTY,
        error: { code: 'truncated', message: `${context}: member ${e.name} runs past the end of the archive` },
      };
    } else {
      yield { ...base, source: new RangeSource(source, e.dataOffset, e.size, ctx.limits.maxWholeFileBytes) };
    }
  }
}

function archiveFacts(listing: TarListing, maxMemberBytes: number): ArchiveFacts {
  const files = listing.entries.filter((e) => e.type !== '5');
  const skipped: ArchiveFacts['skipped'] = [];
  for (const e of files) {
    const unsafe = unsafeName(e.name);
    if (unsafe) skipped.push({ name: e.name, reason: unsafe });
    else if (e.type === '1' || e.type === '2') skipped.push({ name: e.name, reason: `link to ${e.linkname ?? '?'} (not followed)` });
    else if (e.type !== '0' && e.type !== '7') skipped.push({ name: e.name, reason: TYPE_NAMES[e.type] ?? `entry type '${e.type}'` });
    else if (e.size > maxMemberBytes) skipped.push({ name: e.name, reason: `size ${e.size} bytes above the member limit` });
  }
  if (listing.truncatedAtLimit) skipped.push({ name: '(more entries)', reason: 'member count limit reached' });
  return {
    format: 'other',
    members: files.length,
    encryptedMembers: 0,
    skipped,
    totalUncompressed: files.reduce((n, e) => n + e.size, 0),
    directories: listing.entries.length - files.length,
  };
}

export const tarExtractor: Extractor = {
  id: 'archive.tar',
  version: 1,
  kind: 'archive',
  container: true,
  mimes: [MIME.tar],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const listing = await listTar(input.source, ctx.limits.maxMembers, ctx.signal, input.name);
    if (listing.truncatedAtLimit)
      ctx.warn('limit-exceeded', `${input.name}: only the first ${listing.entries.length} entries were listed (member limit)`);
    const metadata: MetadataEntry[] = [{ source: 'tar', key: 'entries', value: String(listing.entries.length) }];
    let text = listing.entries.map((e) => e.name).join('\n');
    if (text.length > ctx.limits.maxTextChars) text = text.slice(0, ctx.limits.maxTextChars);
    const output: ExtractOutput = { kind: 'archive', metadata, text, facts: { archive: archiveFacts(listing, ctx.limits.maxMemberBytes) } };
    if (input.depth >= ctx.limits.maxDepth) {
      ctx.warn(
        'limit-exceeded',
        `${input.name}: nesting depth ${input.depth} reached the limit of ${ctx.limits.maxDepth}; members not extracted`,
      );
    } else {
      output.children = children(input.source, listing.entries, input.name, ctx);
    }
    if (listing.error) {
      // A stopped listing is an error of the archive, whatever was listed (kept in the output).
      if (listing.entries.length === 0 || listing.error.code === 'timeout')
        throw new ExtractError(listing.error.code, listing.error.message, output);
      // Members listed before the fault are kept; the fault is recorded.
      ctx.warn(listing.error.code, listing.error.message);
    }
    return output;
  },
};
