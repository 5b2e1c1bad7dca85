// Members handed out as child documents, read one at a time (zip archives, and the files
// embedded in OOXML and ODF packages); unsafe names, links and encrypted members become errors.

import type { ExtractErrorCode, MetadataEntry } from '../../model/document.js';
import { BufferSource } from '../common/byte-source.js';
import { ExtractError, type ChildDocument, type ExtractContext } from '../types.js';
import type { ZipArchive } from './zip-archive.js';
import type { ZipEntryInfo } from './zip-entries.js';

/** A symbolic link's content is its target path; more than this is not a path. */
const MAX_SYMLINK_TARGET = 4096;

const EMPTY = new BufferSource(new Uint8Array(0));

/** Occurrence metadata of a member: what the archive says about it, not what it says about itself. */
function memberMetadata(e: ZipEntryInfo): MetadataEntry[] {
  const m: MetadataEntry[] = [{ source: 'zip', key: 'mtime', value: e.dosTime }];
  if (e.ntfsMtime) m.push({ source: 'zip', key: 'mtime.ntfs', value: e.ntfsMtime });
  if (e.unixMtime) m.push({ source: 'zip', key: 'mtime.unix', value: e.unixMtime });
  if (e.comment) m.push({ source: 'zip', key: 'comment', value: e.comment });
  m.push({ source: 'zip', key: 'os', value: e.madeBy });
  if (e.nameEncoding !== 'ascii' && e.nameEncoding !== 'utf8') {
    // A guessed or CP437 name: keep the bytes so the analyst can decode them another way.
    m.push({ source: 'zip', key: 'name.encoding', value: e.nameEncoding });
    m.push({ source: 'zip', key: 'name.bytes', value: e.nameBytes.toString('hex') });
  }
  return m;
}

function errorChild(e: ZipEntryInfo, code: ExtractErrorCode, message: string, extra: MetadataEntry[] = []): ChildDocument {
  return {
    segment: { type: 'member', index: e.index, name: e.name },
    name: e.name,
    source: EMPTY,
    metadata: [...memberMetadata(e), ...extra],
    error: { code, message },
  };
}

/** The target a symlink member points to (its content), read with a small cap; never followed. */
export async function symlinkTarget(archive: ZipArchive, e: ZipEntryInfo, ctx: ExtractContext): Promise<string> {
  try {
    const bytes = await archive.read(e, ctx.limits, { maxBytes: MAX_SYMLINK_TARGET, signal: ctx.signal });
    return bytes.toString('utf8');
  } catch (err) {
    return `(unreadable: ${(err as Error).message})`;
  }
}

/**
 * The given members as children, each read only when the consumer asks for the next one.
 * Unsafe names and symlinks become error children ('not-followed'), encrypted members 'encrypted',
 * members past a limit or damaged an error child with the reason; the others carry their bytes.
 * The archive is closed when the iteration ends (or is abandoned by the consumer).
 */
export async function* memberChildren(
  archive: ZipArchive,
  entries: readonly ZipEntryInfo[],
  context: string,
  ctx: ExtractContext,
  symlinks: ReadonlyMap<number, string> = new Map(),
): AsyncGenerator<ChildDocument> {
  let expanded = 0;
  try {
    for (const e of entries) {
      if (e.isDirectory) continue;
      if (ctx.signal.aborted) throw new ExtractError('timeout', `${context}: stopped at member ${e.index}`);
      if (e.unsafeName) {
        yield errorChild(e, 'not-followed', `${context}: member name is unsafe as a path (${e.unsafeName}); not extracted`);
        continue;
      }
      if (e.isSymlink) {
        const target = symlinks.get(e.index) ?? (await symlinkTarget(archive, e, ctx));
        yield errorChild(e, 'not-followed', `${context}: member ${e.name} is a symbolic link to ${target}; not followed`, [
          { source: 'zip', key: 'symlink', value: target },
        ]);
        continue;
      }
      if (e.encrypted) {
        yield errorChild(e, 'encrypted', `${context}: member ${e.name} is encrypted (method ${e.compressionMethod})`);
        continue;
      }
      if (expanded + e.uncompressedSize > ctx.limits.maxExpandedBytes) {
        ctx.warn(
          'limit-exceeded',
          `${context}: member ${e.name} would take the archive past ${ctx.limits.maxExpandedBytes} expanded bytes`,
        );
        yield errorChild(
          e,
          'limit-exceeded',
          `${context}: archive expansion limit of ${ctx.limits.maxExpandedBytes} bytes reached before ${e.name}`,
        );
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await archive.read(e, ctx.limits, { signal: ctx.signal, onCrcMismatch: (msg) => ctx.warn('corrupt', msg) });
      } catch (err) {
        if (!(err instanceof ExtractError) || err.code === 'timeout') throw err;
        ctx.warn(err.code, err.message);
        yield errorChild(e, err.code, err.message);
        continue;
      }
      expanded += bytes.byteLength;
      yield {
        segment: { type: 'member', index: e.index, name: e.name },
        name: e.name,
        source: new BufferSource(bytes),
        metadata: memberMetadata(e),
      };
    }
  } finally {
    archive.close();
  }
}
