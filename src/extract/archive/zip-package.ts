// Zip packages (OOXML, ODF): parts looked up by name, read whole and bounded.

import { ExtractError, type ByteSource, type ExtractContext } from '../types.js';
import { ZipArchive } from './zip-archive.js';
import type { ZipEntryInfo, ZipListing } from './zip-entries.js';

/** Largest XML part parsed into a tree (a 64 MiB document.xml is already an exceptional document). */
const MAX_XML_PART_BYTES = 64 << 20;

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

/** Decode an XML part's bytes: UTF-8 unless a BOM says UTF-16 (Word writes UTF-8; others vary). */
function decodeXmlBytes(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return Buffer.from(b.buffer, b.byteOffset + 2, b.byteLength - 2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const s = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
