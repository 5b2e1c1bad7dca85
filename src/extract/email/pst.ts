// Outlook .pst stores (pst-extractor, whole file in memory): a container whose children are the
// items, each an RFC 822 reconstruction (pst-render.ts).

import pstModule from 'pst-extractor';
import type { PSTFolder, PSTMessage } from 'pst-extractor';
import type { MetadataEntry } from '../../model/document.js';
import type { ArchiveFacts } from '../../model/facts-archive.js';
import { MIME } from '../mime.js';
import { BufferSource, toBuffer } from '../common/byte-source.js';
import { renderItem } from './pst-render.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

// pst-extractor is CommonJS; under NodeNext the default import is module.exports.
const { PSTFile } = pstModule;
type PSTFileT = InstanceType<typeof PSTFile>;

/** PidTagPstPassword (0x67FF): CRC-32 of the store password, 0 when there is none. */
const PID_TAG_PST_PASSWORD = 0x67ff;
/** Stores up to this size are walked once up front to count their items (see extractPst). */
const PST_PREPASS_BYTES = 64 << 20;
/** Deepest folder nesting walked. */
const MAX_FOLDER_DEPTH = 64;

const PST_TYPES: Record<number, string> = { 14: 'ANSI', 15: 'ANSI', 23: 'Unicode', 36: 'Unicode (2013)' };
const ENCRYPTION: Record<number, string> = { 0: 'none', 1: 'compressible (permutation)', 2: 'high (cyclic)' };

/** Protected getter of PSTObject, reached for a store property pst-extractor does not expose. */
function intProperty(obj: object, id: number): number | undefined {
  const get = (obj as { getIntItem?: (id: number, dflt?: number) => number }).getIntItem;
  if (typeof get !== 'function') return undefined;
  try {
    return get.call(obj, id, 0);
  } catch {
    return undefined;
  }
}

interface FolderEntry {
  folder: PSTFolder;
  path: string;
  depth: number;
}

/**
 * pst-extractor reports problems with console.log/console.error. In a worker that would land in
 * the CLI's stdout (which may be a JSON report), so every synchronous call into the library runs
 * here: the console is muted for its duration and what the library said becomes a warning.
 * Safe because the wrapped code is synchronous: nothing else runs while the console is muted.
 */
function quietly<T>(ctx: ExtractContext, where: string, fn: () => T): T {
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info, debug: console.debug };
  const said: string[] = [];
  const collect = (...args: unknown[]) => {
    if (said.length < 5)
      said.push(
        args
          .map((a) => (a instanceof Error ? a.message : String(a)))
          .join(' ')
          .slice(0, 300),
      );
  };
  console.log = console.error = console.warn = console.info = console.debug = collect;
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
    for (const m of said) ctx.warn('pst-library', `${where}: ${m.replace(/\s+/g, ' ')}`);
  }
}

/** All folders, depth-first, without recursion (a hostile store can nest deeply). */
function folders(root: PSTFolder, ctx: ExtractContext, where: string): FolderEntry[] {
  const out: FolderEntry[] = [];
  const stack: FolderEntry[] = [{ folder: root, path: '', depth: 0 }];
  while (stack.length > 0 && out.length < ctx.limits.maxMembers) {
    const entry = stack.pop()!;
    out.push(entry);
    let has: boolean;
    try {
      has = entry.folder.hasSubfolders;
    } catch {
      has = false;
    }
    if (!has) continue;
    if (entry.depth >= MAX_FOLDER_DEPTH) {
      ctx.warn('limit-exceeded', `${where}: folders below ${entry.path} nested deeper than ${MAX_FOLDER_DEPTH} are not walked`);
      continue;
    }
    try {
      const subs = entry.folder.getSubFolders();
      for (let i = subs.length - 1; i >= 0; i--)
        stack.push({ folder: subs[i], path: `${entry.path}/${subs[i].displayName}`, depth: entry.depth + 1 });
    } catch (e) {
      ctx.warn('corrupt', `${where}: subfolders of ${entry.path || '/'} unreadable (${(e as Error).message})`);
    }
  }
  return out;
}

function safeName(s: string): string {
  const cleaned = s
    // eslint-disable-next-line no-control-regex -- control characters are what a file name must not hold
    .replace(/[\x00-\x1f/\\:*?"<>|]+/g, '_')
    .trim()
    .slice(0, 120);
  return cleaned === '' ? 'item' : cleaned;
}

/** Items a folder's contents table yields (a fresh folder object: the cursor is per object). */
function countItems(folder: PSTFolder): number {
  let n = 0;
  try {
    const expected = folder.contentCount;
    for (let k = 0; k < expected + 1 && folder.getNextChild(); k++) n++;
  } catch {
    // an unreadable item ends the count for this folder, as it ends the listing
  }
  return n;
}

/** The next child of a folder, rendered; null at the end of the folder. */
function nextItem(folder: PSTFolder, path: string, index: number, ctx: ExtractContext, where: string): ChildDocument | null | 'stop' {
  let msg: PSTMessage | null;
  try {
    msg = folder.getNextChild() as PSTMessage | null;
  } catch (e) {
    ctx.warn('corrupt', `${where}: an item of folder ${path || '/'} is unreadable (${(e as Error).message}); rest of the folder skipped`);
    return 'stop';
  }
  if (!msg) return null;
  let id = String(index);
  let subject = '';
  try {
    id = msg.descriptorNodeId.toString();
    subject = msg.subject ?? '';
  } catch {
    // keep the defaults: the item is still listed
  }
  const segment = { type: 'item' as const, index, id, name: `${path}/${subject}` };
  const name = `${safeName(subject)}.eml`;
  const metadata: MetadataEntry[] = [{ source: 'pst', key: 'folder', value: path }];
  try {
    metadata.push({ source: 'pst', key: 'PidTagMessageClass', value: msg.messageClass });
    const bytes = Buffer.from(renderItem(msg, id, 0, { limits: ctx.limits, warn: ctx.warn, where }), 'utf8');
    return { segment, name, mime: MIME.eml, source: new BufferSource(bytes), metadata };
  } catch (e) {
    return {
      segment,
      name,
      source: new BufferSource(new Uint8Array(0)),
      metadata,
      error: { code: 'corrupt', message: `${where}: item ${id} in ${path || '/'} could not be rendered (${(e as Error).message})` },
    };
  }
}

function* items(pst: PSTFileT, ctx: ExtractContext, where: string): Generator<ChildDocument> {
  let index = 0;
  // A fresh folder tree: the contents cursors of the counting pass are spent.
  const all = quietly(ctx, where, () => folders(pst.getRootFolder(), ctx, where));
  for (const { folder, path } of all) {
    const expected = quietly(ctx, where, () => {
      try {
        return folder.contentCount;
      } catch {
        return 0;
      }
    });
    // getNextChild() walks the folder's contents table; the count bounds a corrupt table.
    for (let k = 0; k < expected + 1; k++) {
      if (ctx.signal.aborted) throw new ExtractError('timeout', `${where}: stopped after ${index} items`);
      if (index >= ctx.limits.maxMembers) {
        ctx.warn('limit-exceeded', `${where}: more than ${ctx.limits.maxMembers} items; the rest are not listed`);
        return;
      }
      const child = quietly(ctx, where, () => nextItem(folder, path, index, ctx, where));
      if (child === null || child === 'stop') break;
      yield child;
      index++;
    }
  }
}

async function extractPst(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
  const where = input.name;
  const { limits } = ctx;
  if (input.source.size > limits.maxWholeFileBytes) {
    throw new ExtractError(
      'limit-exceeded',
      `${where}: .pst of ${input.source.size} bytes is larger than the ${limits.maxWholeFileBytes}-byte whole-read limit (pst-extractor needs the whole file in memory); items not listed`,
    );
  }
  const buf = await toBuffer(input.source);
  let pst: PSTFileT;
  try {
    pst = quietly(ctx, where, () => new PSTFile(buf));
  } catch (e) {
    const msg = (e as Error).message;
    if (/encrypted/i.test(msg))
      throw new ExtractError('encrypted', `${where}: .pst uses "high" (cyclic) encryption, which pst-extractor cannot read`);
    throw new ExtractError('corrupt', `${where}: not a readable .pst (${msg})`);
  }

  const metadata: MetadataEntry[] = [
    { source: 'pst', key: 'FileType', value: PST_TYPES[pst.pstFileType] ?? String(pst.pstFileType) },
    { source: 'pst', key: 'EncryptionType', value: ENCRYPTION[pst.encryptionType] ?? String(pst.encryptionType) },
  ];
  let title: string | undefined;
  try {
    const store = quietly(ctx, where, () => pst.getMessageStore());
    title = store.displayName || undefined;
    if (title) metadata.push({ source: 'pst', key: 'PidTagDisplayName', value: title });
    const password = intProperty(store, PID_TAG_PST_PASSWORD);
    if (password !== undefined && password !== 0) {
      // The value is a CRC-32 of the password: recorded as present, never copied.
      metadata.push({ source: 'pst', key: 'PidTagPstPassword', value: 'set' });
      ctx.warn(
        'encrypted',
        `${where}: the .pst is password-protected (PidTagPstPassword set). Outlook's PST password is only a CRC-32 check stored in the file, not encryption: the items were read without it`,
      );
    }
  } catch (e) {
    ctx.warn('corrupt', `${where}: message store properties unreadable (${(e as Error).message})`);
  }

  // The item count is exact only by walking the contents tables (folder counts include search
  // folders and reminders that point at items listed elsewhere). Stores up to PST_PREPASS_BYTES
  // are walked once up front without rendering; larger ones get no count, like a large mbox.
  const folderNames: string[] = [];
  let members = 0;
  try {
    quietly({ ...ctx, warn: () => {} }, where, () => {
      for (const { folder, path } of folders(pst.getRootFolder(), { ...ctx, warn: () => {} }, where)) {
        if (ctx.signal.aborted)
          throw new ExtractError('timeout', `${where}: stopped while counting its items`, { kind: 'archive', metadata });
        if (path) folderNames.push(path);
        if (input.source.size <= PST_PREPASS_BYTES) members += countItems(folder);
      }
    });
  } catch (e) {
    if (e instanceof ExtractError) throw e;
    throw new ExtractError('corrupt', `${where}: folder tree unreadable (${(e as Error).message})`, { kind: 'archive', metadata });
  }
  const facts: ExtractOutput['facts'] = {};
  if (input.source.size <= PST_PREPASS_BYTES)
    facts.archive = { format: 'pst', members, encryptedMembers: 0, skipped: [] } satisfies ArchiveFacts;
  const out: ExtractOutput = { kind: 'archive', metadata, facts, children: items(pst, ctx, where) };
  if (title) out.title = title;
  if (folderNames.length > 0) out.text = folderNames.join('\n').slice(0, limits.maxTextChars);
  return out;
}

export const pstExtractor: Extractor = {
  id: 'email.pst',
  version: 1,
  kind: 'archive',
  container: true,
  mimes: [MIME.pst],
  extract: extractPst,
};
