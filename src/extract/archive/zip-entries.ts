// A central-directory entry as callers see it: its name decoded (and checked as a path), its
// times, its origin, and the error codes yauzl's messages map to.

import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { ExtractErrorCode } from '../../model/document.js';
import type { ExtractError } from '../types.js';
import { filetimeToMs } from '../../shared/filetime.js';
import { yauzl, type YauzlEntry } from './yauzl.js';

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

export function decodeCp437OrUtf8(b: Buffer, flagged = false): string {
  if (flagged || (!isAscii(b) && isUtf8(b))) return b.toString('utf8');
  return iconv.decode(b, 'cp437');
}

/** The listed entries as ZipEntryInfo, names decoded with one charset guess for the whole archive. */
export function describeEntries(raws: readonly YauzlEntry[]): ZipEntryInfo[] {
  // Legacy charset guess over the names that are neither flagged UTF-8 nor valid UTF-8.
  const legacy = raws
    .filter((e) => !(e.generalPurposeBitFlag & 0x800) && !isAscii(e.fileNameRaw) && !isUtf8(e.fileNameRaw))
    .map((e) => e.fileNameRaw);
  const legacyCharset = guessLegacyCharset(legacy);
  return raws.map((e, index) => describe(e, index, legacyCharset));
}

function describe(e: YauzlEntry, index: number, legacyCharset: string | null): ZipEntryInfo {
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
