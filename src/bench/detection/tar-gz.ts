// A gzip-compressed POSIX ustar archive, as Zimbra's "Export" writes a mailbox (.tgz of .eml files in
// folders). Written by hand: the project has no tar writer, and the format is one 512-byte header per file.

import { gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data: Buffer;
  /** Modification time (ms). */
  mtime: number;
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

/** ustar's split of a path into prefix (155 bytes) and name (100 bytes), or null when it cannot hold it. */
function ustarSplit(path: string): { prefix: string; name: string } | null {
  if (Buffer.byteLength(path) <= 100) return { prefix: '', name: path };
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    const prefix = path.slice(0, cut);
    const name = path.slice(cut + 1);
    if (Buffer.byteLength(name) > 100) return null;
    if (Buffer.byteLength(prefix) <= 155) return { prefix, name };
  }
  return null;
}

function header(e: { name: string; size: number; mtime: number; type: string }, split: { prefix: string; name: string }): Buffer {
  const h = Buffer.alloc(512);
  h.write(split.name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(e.size, 12), 124, 'latin1');
  h.write(octal(Math.floor(e.mtime / 1000), 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(e.type, 156, 'latin1');
  h.write('ustar\u000000', 257, 'latin1');
  h.write('zimbra', 265, 'latin1');
  h.write('zimbra', 297, 'latin1');
  h.write(split.prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return h;
}

const padding = (n: number) => Buffer.alloc((512 - (n % 512)) % 512);

/** One member: a plain ustar header, or, for a path ustar cannot split (a long subject), a GNU
 *  "././@LongLink" record carrying the whole path first, as tar writers in long-name GNU mode do. */
function member(e: TarEntry): Buffer[] {
  const split = ustarSplit(e.name);
  const own = header({ name: e.name, size: e.data.length, mtime: e.mtime, type: '0' }, split ?? { prefix: '', name: e.name });
  if (split) return [own];
  const long = Buffer.from(`${e.name}\0`, 'utf8');
  return [
    header({ name: '././@LongLink', size: long.length, mtime: 0, type: 'L' }, { prefix: '', name: '././@LongLink' }),
    long,
    padding(long.length),
    own,
  ];
}

export function tgz(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(...member(e), e.data, padding(e.data.length));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts), { level: 6 });
}
