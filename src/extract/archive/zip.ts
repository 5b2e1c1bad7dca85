// Zip archives: list the central directory, then hand out each member lazily as a child document;
// what becomes a child, what is only recorded, and what the archive itself says.

import type { MetadataEntry } from '../../model/document.js';
import type { ArchiveFacts } from '../../model/facts-archive.js';
import { MIME } from '../mime.js';
import { ZipArchive } from './zip-archive.js';
import type { ZipListing } from './zip-entries.js';
import { memberChildren, symlinkTarget } from './zip-members.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

/** Symlink targets resolved for the facts (each is one small read). */
const MAX_SYMLINKS_DESCRIBED = 1000;

function archiveFacts(listing: ZipListing, directoryShift: number, symlinks: Map<number, string>, maxMemberBytes: number): ArchiveFacts {
  const files = listing.entries.filter((e) => !e.isDirectory);
  const skipped: ArchiveFacts['skipped'] = [];
  for (const e of files) {
    if (e.unsafeName) skipped.push({ name: e.name, reason: e.unsafeName });
    else if (e.isSymlink) skipped.push({ name: e.name, reason: 'symbolic link (not followed)' });
    else if (e.uncompressedSize > maxMemberBytes)
      skipped.push({ name: e.name, reason: `declared size ${e.uncompressedSize} bytes above the member limit` });
  }
  if (listing.truncatedAtLimit) {
    skipped.push({ name: `(${listing.declaredEntries - listing.entries.length} more entries)`, reason: 'member count limit reached' });
  }
  const facts: ArchiveFacts = {
    format: 'zip',
    members: files.length,
    encryptedMembers: files.filter((e) => e.encrypted).length,
    skipped,
    totalUncompressed: files.reduce((n, e) => n + e.uncompressedSize, 0),
    directories: listing.entries.length - files.length,
    declaredEntries: listing.declaredEntries,
  };
  if (listing.comment) facts.comment = listing.comment;
  if (directoryShift) facts.directoryShift = directoryShift;
  const unsafe = files.filter((e) => e.unsafeName).map((e) => e.name);
  if (unsafe.length) facts.unsafeNames = unsafe;
  if (symlinks.size)
    facts.symlinks = files.filter((e) => symlinks.has(e.index)).map((e) => ({ name: e.name, target: symlinks.get(e.index)! }));
  return facts;
}

export const zipExtractor: Extractor = {
  id: 'archive.zip',
  version: 1,
  kind: 'archive',
  container: true,
  mimes: [MIME.zip],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const archive = await ZipArchive.open(input.source, input.name);
    const listing = await archive.list(ctx.limits.maxMembers, ctx.signal);

    for (const e of listing.entries) {
      if (e.unsafeName) ctx.warn('archive.unsafe-name', `${input.name}: member ${JSON.stringify(e.name)}: ${e.unsafeName}`);
      if (e.nameNote) ctx.warn('archive.name', `${input.name}: ${e.nameNote}`);
    }
    if (listing.truncatedAtLimit) {
      ctx.warn(
        'limit-exceeded',
        `${input.name}: only the first ${listing.entries.length} of ${listing.declaredEntries} entries were listed (member limit)`,
      );
    }
    if (archive.directoryShift) {
      ctx.warn(
        'archive.directory-shift',
        `${input.name}: the central directory lies ${archive.directoryShift} bytes after where the end record says (data prepended or inserted)`,
      );
    }

    const symlinks = new Map<number, string>();
    for (const e of listing.entries) {
      if (symlinks.size >= MAX_SYMLINKS_DESCRIBED) break;
      if (e.isSymlink && !e.unsafeName && !e.encrypted) symlinks.set(e.index, await symlinkTarget(archive, e, ctx));
    }

    const metadata: MetadataEntry[] = [{ source: 'zip', key: 'entries', value: String(listing.declaredEntries) }];
    if (listing.comment) metadata.push({ source: 'zip', key: 'comment', value: listing.comment });
    if (archive.directoryShift) metadata.push({ source: 'zip', key: 'directory.shift', value: String(archive.directoryShift) });

    // The member names are the archive's searchable text: a reader looks for a file by its name.
    let text = listing.entries.map((e) => e.name).join('\n');
    if (listing.comment) text = `${listing.comment}\n${text}`;
    if (text.length > ctx.limits.maxTextChars) text = text.slice(0, ctx.limits.maxTextChars);

    let children: ExtractOutput['children'];
    if (listing.error?.code === 'timeout') {
      archive.close(); // stopped: no member is read any more
    } else if (input.depth >= ctx.limits.maxDepth) {
      ctx.warn(
        'limit-exceeded',
        `${input.name}: nesting depth ${input.depth} reached the limit of ${ctx.limits.maxDepth}; members not extracted`,
      );
      archive.close();
    } else {
      children = memberChildren(archive, listing.entries, input.name, ctx, symlinks);
    }

    const output: ExtractOutput = {
      kind: 'archive',
      metadata,
      text,
      facts: { archive: archiveFacts(listing, archive.directoryShift, symlinks, ctx.limits.maxMemberBytes) },
      children,
    };
    if (listing.error) {
      // The central directory broke part-way: the members listed before the break are kept.
      throw new ExtractError(listing.error.code, listing.error.message, output);
    }
    return output;
  },
};
