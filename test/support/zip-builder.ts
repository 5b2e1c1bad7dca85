// Build small zip files in tests, including hostile ones (lying sizes, traversal names, symlinks,
// bombs). Written by hand because the point is to write what a well-behaved zip library refuses to.

import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface MemberSpec {
  name: string;
  /** The bytes stored in the archive (already compressed when method = 8). */
  data: Buffer;
  method?: number;
  crc?: number;
  compressedSize?: number;
  uncompressedSize?: number;
  flags?: number;
  /** (unix mode << 16) for unix archives. */
  externalAttributes?: number;
  /** High byte: 3 = unix, 0 = DOS. */
  versionMadeBy?: number;
  dosDate?: number;
  dosTime?: number;
  extra?: Buffer;
  comment?: string;
}

/** A member stored or deflated with honest sizes. */
export function member(name: string, content: Buffer | string, method: 0 | 8 = 8, extra: Partial<MemberSpec> = {}): MemberSpec {
  const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return {
    name,
    data: method === 8 ? deflateRawSync(raw) : raw,
    method,
    crc: crc32(raw) >>> 0,
    compressedSize: undefined,
    uncompressedSize: raw.length,
    ...extra,
  };
}

/**
 * Raw deflate data for `megabytes` MiB of zeros, without ever holding them: one full-flushed
 * deflate of 1 MiB of zeros repeated (each repetition is self-contained and byte-aligned), then a
 * final empty block. About 1 KiB of data per MiB produced (ratio ~1000:1).
 */
export function zeroBomb(megabytes: number): { data: Buffer; size: number; crc: number } {
  const mib = Buffer.alloc(1 << 20);
  const block = deflateRawSync(mib, { finishFlush: constants.Z_FULL_FLUSH });
  const end = deflateRawSync(Buffer.alloc(0));
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => block), end]);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(mib, crc);
  return { data, size: megabytes << 20, crc: crc >>> 0 };
}

export function buildZip(members: MemberSpec[], opts: { comment?: string; prefix?: Buffer } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  if (opts.prefix) {
    parts.push(opts.prefix);
    offset += opts.prefix.length;
  }
  // Offsets in the directory count from the start of the zip, not of the file (as a self-extractor writes them).
  const base = opts.prefix?.length ?? 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    const extra = m.extra ?? Buffer.alloc(0);
    const comment = Buffer.from(m.comment ?? '', 'utf8');
    const method = m.method ?? 0;
    const csize = m.compressedSize ?? m.data.length;
    const usize = m.uncompressedSize ?? m.data.length;
    const crc = m.crc ?? crc32(m.data) >>> 0;
    const flags = m.flags ?? 0x800;
    const date = m.dosDate ?? ((2020 - 1980) << 9) | (1 << 5) | 2;
    const time = m.dosTime ?? (10 << 11) | (30 << 5);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(csize >>> 0, 18);
    local.writeUInt32LE(usize >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(m.versionMadeBy ?? (3 << 8) | 20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(flags, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(time, 12);
    cd.writeUInt16LE(date, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(csize >>> 0, 20);
    cd.writeUInt32LE(usize >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt16LE(extra.length, 30);
    cd.writeUInt16LE(comment.length, 32);
    cd.writeUInt32LE((m.externalAttributes ?? 0o100644 << 16) >>> 0, 38);
    cd.writeUInt32LE(offset - base, 42);
    central.push(cd, name, extra, comment);
    parts.push(local, name, extra, m.data);
    offset += local.length + name.length + extra.length + m.data.length;
  }
  const cdBytes = Buffer.concat(central);
  const comment = Buffer.from(opts.comment ?? '', 'latin1');
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(members.length, 8);
  eocd.writeUInt16LE(members.length, 10);
  eocd.writeUInt32LE(cdBytes.length, 12);
  eocd.writeUInt32LE(offset - base, 16);
  eocd.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...parts, cdBytes, eocd, comment]);
}
