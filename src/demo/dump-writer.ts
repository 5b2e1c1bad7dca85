// Writes the demo dump's files, and only inside the target directory: every path is relative, checked
// to stay under the root, and written once. File times are set to the item's own date so the dump
// looks like a copied export (and stays identical from run to run).

import { appendFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';

export class DumpWriter {
  readonly root: string;
  files = 0;
  bytes = 0;
  private readonly appended = new Map<string, number>();

  constructor(
    root: string,
    private readonly onProgress?: (files: number, bytes: number) => void,
  ) {
    this.root = resolve(root);
  }

  private resolveInside(rel: string): string {
    if (isAbsolute(rel) || rel.split('/').includes('..')) throw new Error(`DumpWriter: refusing path outside the dump: ${rel}`);
    const abs = resolve(join(this.root, rel));
    const back = relative(this.root, abs);
    if (back.startsWith('..') || isAbsolute(back)) throw new Error(`DumpWriter: refusing path outside the dump: ${rel}`);
    return abs;
  }

  /** Writes a new file ('wx': an existing file is an error, never overwritten). */
  write(rel: string, data: Buffer, mtimeMs: number): void {
    const abs = this.resolveInside(rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, data, { flag: 'wx' });
    const t = new Date(mtimeMs);
    utimesSync(abs, t, t);
    this.files++;
    this.bytes += data.length;
    this.onProgress?.(this.files, this.bytes);
  }

  /** Appends to a growing file (an mbox); its time is set by finish(). */
  append(rel: string, data: Buffer, mtimeMs: number): void {
    const abs = this.resolveInside(rel);
    if (!this.appended.has(rel)) {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, data, { flag: 'wx' });
      this.files++;
    } else appendFileSync(abs, data);
    this.appended.set(rel, Math.max(this.appended.get(rel) ?? 0, mtimeMs));
    this.bytes += data.length;
    this.onProgress?.(this.files, this.bytes);
  }

  finish(): void {
    for (const [rel, mtime] of this.appended) {
      const t = new Date(mtime);
      utimesSync(this.resolveInside(rel), t, t);
    }
  }
}
