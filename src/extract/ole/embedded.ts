// Objects embedded in an OLE compound file (Ole10Native packages, OOXML packages, CONTENTS, legacy
// Office storages rebuilt with cfb, which is a reconstruction) as child documents.

import CFB from 'cfb';
import iconv from 'iconv-lite';
import type { MetadataEntry } from '../../model/document.js';

type Cfb = ReturnType<typeof CFB.read>;

export interface EmbeddedObject {
  /** Position of the stream or storage in the container's directory: the locator index. */
  index: number;
  name: string;
  bytes: Buffer;
  metadata: MetadataEntry[];
  /** Set when the object was found but not given (too large). */
  tooLarge?: number;
}

export interface Ole10Native {
  label: string;
  path: string;
  tempPath: string;
  data: Buffer;
}

function zstring(b: Buffer, at: number, max = 4096): { value: string; end: number } | null {
  const end = b.indexOf(0, at);
  if (end < 0 || end - at > max) return null;
  return { value: iconv.decode(b.subarray(at, end), 'cp1252'), end: end + 1 };
}

/**
 * Parse an \u0001Ole10Native stream. The Packager layout: total size, 2-byte type, label\0,
 * path\0, 4 bytes, temp-path length + temp path\0, data size + data. Other writers keep only the
 * total size and the data: then label and paths are empty.
 */
export function parseOle10Native(stream: Buffer): Ole10Native | null {
  if (stream.length < 4) return null;
  const total = stream.readUInt32LE(0);
  try {
    let pos = 6;
    const label = zstring(stream, pos);
    if (!label) throw new Error('no label');
    const path = zstring(stream, label.end);
    if (!path) throw new Error('no path');
    pos = path.end + 4;
    const tempLen = stream.readUInt32LE(pos);
    if (tempLen > 4096) throw new Error('temp path too long');
    const temp = iconv.decode(stream.subarray(pos + 4, pos + 4 + tempLen), 'cp1252').replace(/\0+$/, '');
    pos += 4 + tempLen;
    const size = stream.readUInt32LE(pos);
    if (pos + 4 + size > stream.length) throw new Error('data past the stream');
    return { label: label.value, path: path.value, tempPath: temp, data: stream.subarray(pos + 4, pos + 4 + size) };
  } catch {
    if (total > 0 && 4 + total <= stream.length) return { label: '', path: '', tempPath: '', data: stream.subarray(4, 4 + total) };
    return null;
  }
}

function content(cfb: Cfb, i: number): Buffer {
  const c = cfb.FileIndex[i].content;
  return Buffer.isBuffer(c) ? c : Buffer.from((c ?? []) as number[]);
}

/** ProgID written in a storage's \u0001CompObj (its third length-prefixed string), if readable. */
function progId(cfb: Cfb, storage: string): string | undefined {
  const i = cfb.FullPaths.indexOf(`${storage}\u0001CompObj`);
  if (i < 0) return undefined;
  const b = content(cfb, i);
  let pos = 28;
  const strings: string[] = [];
  while (strings.length < 3 && pos + 4 <= b.length) {
    const n = b.readUInt32LE(pos);
    pos += 4;
    if (strings.length === 1 && (n === 0xffffffff || n === 0xfffffffe)) {
      pos += 4; // a clipboard format number, not a string
      strings.push('');
      continue;
    }
    if (n > 1024 || pos + n > b.length) return undefined;
    strings.push(
      b
        .subarray(pos, pos + n)
        .toString('latin1')
        .replace(/\0+$/, ''),
    );
    pos += n;
  }
  return strings[2] || undefined;
}

const DOCUMENT_STREAMS = ['WordDocument', 'Workbook', 'Book', 'PowerPoint Document'];
/** Storages that hold the container's own machinery, not embedded documents. */
// eslint-disable-next-line no-control-regex -- the \u0006 is part of the storage's name ([MS-OFFCRYPTO])
const NOT_OBJECTS = /\/(Macros|_VBA_PROJECT_CUR|VBA|\u0006DataSpaces|MsoDataStore|ObjectPool)\/$/i;

/** Rebuild the subtree under `storage` as a compound file of its own. */
function rebuild(cfb: Cfb, storage: string): Buffer {
  const out = CFB.utils.cfb_new();
  cfb.FullPaths.forEach((p, i) => {
    if (p.startsWith(storage) && p !== storage && cfb.FileIndex[i].type === 2)
      CFB.utils.cfb_add(out, `/${p.slice(storage.length)}`, content(cfb, i));
  });
  return CFB.write(out, { type: 'buffer' }) as Buffer;
}

/**
 * The embedded objects of a compound file, in directory order, at most `maxObjects`; an object
 * above `maxBytes` is returned with `tooLarge` and no bytes.
 */
export function embeddedObjects(cfb: Cfb, maxBytes: number, maxObjects: number): EmbeddedObject[] {
  const out: EmbeddedObject[] = [];
  const root = cfb.FullPaths[0] ?? '';
  // Storages (and the root itself, for an oleObject.bin that *is* the object) are the candidates.
  const storages = cfb.FullPaths.map((p, i) => ({ p, i })).filter(
    ({ p, i }) => (i === 0 || cfb.FileIndex[i].type === 1) && !NOT_OBJECTS.test(p),
  );
  const rebuilt: string[] = [];
  for (const { p: storage, i: storageIndex } of storages) {
    if (out.length >= maxObjects) break;
    // Inside a storage already given whole (rebuilt): its objects travel with it.
    if (rebuilt.some((r) => storage.startsWith(r) && storage !== r)) continue;
    const streamIndex = (name: string) => cfb.FullPaths.findIndex((q) => q.toLowerCase() === (storage + name).toLowerCase());
    const where = storage === root ? '' : storage.slice(root.length);
    const meta = (extra: MetadataEntry[]): MetadataEntry[] => {
      const m: MetadataEntry[] = [{ source: 'ole.embedded', key: 'storage', value: where || '/' }];
      const prog = progId(cfb, storage);
      if (prog) m.push({ source: 'ole.embedded', key: 'ProgID', value: prog });
      return [...m, ...extra];
    };
    const push = (index: number, name: string, bytes: Buffer, extra: MetadataEntry[] = []) => {
      if (bytes.length > maxBytes) out.push({ index, name, bytes: Buffer.alloc(0), metadata: meta(extra), tooLarge: bytes.length });
      else out.push({ index, name, bytes, metadata: meta(extra) });
    };

    const native = streamIndex('\u0001Ole10Native');
    if (native >= 0) {
      const parsed = parseOle10Native(content(cfb, native));
      if (parsed) {
        const extra: MetadataEntry[] = [];
        if (parsed.label) extra.push({ source: 'ole.embedded', key: 'label', value: parsed.label });
        if (parsed.path) extra.push({ source: 'ole.embedded', key: 'path', value: parsed.path });
        if (parsed.tempPath) extra.push({ source: 'ole.embedded', key: 'tempPath', value: parsed.tempPath });
        const base = (parsed.label || parsed.path.split(/[\\/]/).pop() || '').trim();
        push(native, base || `${where}Ole10Native`, parsed.data, extra);
      }
      continue;
    }
    const pkg = streamIndex('Package');
    if (pkg >= 0) {
      push(pkg, `${where}Package`, content(cfb, pkg));
      continue;
    }
    const contents = streamIndex('CONTENTS');
    if (contents >= 0) {
      push(contents, `${where}CONTENTS`, content(cfb, contents));
      continue;
    }
    if (storage !== root && DOCUMENT_STREAMS.some((s) => streamIndex(s) >= 0)) {
      rebuilt.push(storage);
      push(storageIndex, where.replace(/\/$/, ''), rebuild(cfb, storage), [
        { source: 'ole.embedded', key: 'rebuilt', value: 'compound file rebuilt from the embedded storage' },
      ]);
    }
  }
  return out;
}
