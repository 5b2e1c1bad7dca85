// Walking the dump read-only: raw-byte names, symbolic links never followed, special files reported
// and skipped (docs/ingest.md).

import { lstat, opendir, readlink, realpath } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';

export interface WalkedFile {
  /** Absolute path to open (absRaw: base64 of the raw bytes when the name is not valid UTF-8). */
  abs: string;
  absRaw?: string;
  rel: string;
  relRaw?: string;
  size: number;
  mtimeMs: number;
}

export interface WalkProblem {
  rel: string;
  code: 'not-followed' | 'unreadable' | 'unsupported';
  message: string;
}

function decodeName(raw: Buffer): { name: string; valid: boolean } {
  const name = raw.toString('utf8');
  return { name, valid: Buffer.from(name, 'utf8').equals(raw) };
}

/** Depth-first, sorted walk: the same dump is always walked in the same order. */
export async function* walkDump(root: string, onProblem: (p: WalkProblem) => void): AsyncGenerator<WalkedFile> {
  const rootAbs = await realpath(resolve(root));
  yield* walkDir(Buffer.from(rootAbs), '', rootAbs, onProblem, false);
}

async function* walkDir(
  dirRaw: Buffer,
  relPrefix: string,
  rootAbs: string,
  onProblem: (p: WalkProblem) => void,
  rawMode: boolean,
): AsyncGenerator<WalkedFile> {
  let entries: { name: Buffer }[];
  try {
    const dir = await opendir(dirRaw as unknown as string, { encoding: 'buffer' as BufferEncoding });
    entries = [];
    for await (const d of dir) entries.push({ name: d.name as unknown as Buffer });
  } catch (e) {
    onProblem({ rel: relPrefix || '.', code: 'unreadable', message: `cannot list folder ${relPrefix || '.'}: ${(e as Error).message}` });
    return;
  }
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  for (const { name: nameRaw } of entries) {
    const { name, valid } = decodeName(nameRaw);
    const childRaw = Buffer.concat([dirRaw, Buffer.from(sep), nameRaw]);
    const rel = relPrefix ? `${relPrefix}/${name}` : name;
    const isRaw = rawMode || !valid;
    let st;
    try {
      st = await lstat(childRaw as unknown as string);
    } catch (e) {
      onProblem({ rel, code: 'unreadable', message: `cannot stat ${rel}: ${(e as Error).message}` });
      continue;
    }
    if (st.isSymbolicLink()) {
      let target = '';
      try {
        target = (await readlink(childRaw as unknown as string)).toString();
      } catch {
        /* unreadable link: reported below all the same */
      }
      const resolved = resolve(childRaw.toString('utf8'), '..', target);
      const inside = resolved === rootAbs || resolved.startsWith(rootAbs + sep);
      onProblem({
        rel,
        code: 'not-followed',
        message: inside
          ? `symbolic link to ${relative(rootAbs, resolved) || '.'} not followed (its target is walked on its own)`
          : `symbolic link leading outside the dump not followed`,
      });
      continue;
    }
    if (st.isDirectory()) {
      yield* walkDir(childRaw, rel, rootAbs, onProblem, isRaw);
      continue;
    }
    if (!st.isFile()) {
      onProblem({ rel, code: 'unsupported', message: `${rel} is not a regular file (device, socket or pipe); not read` });
      continue;
    }
    const abs = childRaw.toString('utf8');
    yield {
      abs,
      ...(isRaw ? { absRaw: childRaw.toString('base64') } : {}),
      rel,
      ...(isRaw ? { relRaw: childRaw.subarray(Buffer.byteLength(rootAbs) + 1).toString('base64') } : {}),
      size: st.size,
      mtimeMs: Math.trunc(st.mtimeMs),
    };
  }
}
