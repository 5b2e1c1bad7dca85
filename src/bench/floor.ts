// The floor: the time to read and SHA-256 every byte of the dump, which no scanner can beat, with one
// reader and with one reader per core (docs/bench.md).

import { fork } from 'node:child_process';
import { readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

export interface FloorRun {
  readers: number;
  bytes: number;
  wallMs: number;
  /** CPU time summed over the readers. */
  cpuMs: number;
  mbPerSec: number;
}

export function listFiles(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push({ path: p, size: statSync(p).size });
  }
  return out;
}

function runReader(listFile: string): Promise<{ bytes: number; ms: number; cpuMs: number }> {
  const entry = fileURLToPath(new URL('./floor-reader.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [listFile], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim())) : reject(new Error(`floor reader exited with ${code}`))));
  });
}

/** Split the files into `n` lists of about equal bytes (largest first, to the lightest list). */
function split(files: { path: string; size: number }[], n: number): string[][] {
  const lists = Array.from({ length: n }, () => ({ bytes: 0, paths: [] as string[] }));
  for (const f of [...files].sort((a, b) => b.size - a.size)) {
    const l = lists.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    l.paths.push(f.path);
    l.bytes += f.size;
  }
  return lists.map((l) => l.paths);
}

export async function measureFloor(dir: string, readers: number): Promise<FloorRun> {
  const files = listFiles(dir);
  const lists = split(files, readers);
  const listFiles_ = lists.map((paths, i) => {
    const f = join(tmpdir(), `verity-bench-floor-${process.pid}-${i}.txt`);
    writeFileSync(f, paths.join('\n'));
    return f;
  });
  try {
    const t0 = performance.now();
    const results = await Promise.all(listFiles_.map(runReader));
    const wallMs = performance.now() - t0;
    const bytes = results.reduce((s, r) => s + r.bytes, 0);
    return { readers, bytes, wallMs, cpuMs: results.reduce((s, r) => s + r.cpuMs, 0), mbPerSec: bytes / 1e6 / (wallMs / 1000) };
  } finally {
    for (const f of listFiles_) rmSync(f, { force: true });
  }
}
