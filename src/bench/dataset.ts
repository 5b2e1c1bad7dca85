// The benchmark's dump: generated once per (size, seed, generator version) under bench-data/, one part
// per core, with one large mailbox merged in (docs/bench.md).

import { fork } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION } from '../demo/generate.js';
import { sizeLabel } from './size.js';

/** Bump when the way the benchmark shapes its dump changes (invalidates cached dumps). */
const BENCH_DATA_VERSION = 1;

export interface BenchDump {
  dir: string;
  key: string;
  files: number;
  bytes: number;
  counts: Record<string, number>;
  bigMbox: { path: string; bytes: number } | null;
  /** Seconds spent generating (0 when reused from the cache). */
  generatedSeconds: number;
  reused: boolean;
}

interface PartResult {
  files: number;
  bytes: number;
  counts: Record<string, number>;
}

function walkFiles(dir: string): { path: string; size: number }[] {
  const out: { path: string; size: number }[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walkFiles(p));
    else if (e.isFile()) out.push({ path: p, size: statSync(p).size });
  }
  return out;
}

function runPart(dir: string, seed: number, bytes: number, onBytes: (b: number) => void): Promise<PartResult> {
  const entry = fileURLToPath(new URL('./gen-part.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = fork(entry, [dir, String(seed), String(bytes)], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        try {
          const j = JSON.parse(line) as { bytes?: number };
          if (typeof j.bytes === 'number') onBytes(j.bytes);
        } catch {
          if (line.trim()) err += `${line}\n`;
        }
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`generating ${dir} failed (exit ${code}): ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as PartResult);
      } catch (e) {
        reject(new Error(`generating ${dir}: unreadable result ${out.slice(0, 200)}: ${(e as Error).message}`));
      }
    });
  });
}

/** Merge part 0's per-lot Inbox mailboxes into one large mbox; returns its path and size. */
function mergeMailboxes(partDir: string): { path: string; bytes: number } | null {
  const lots = join(partDir, 'lots');
  if (!existsSync(lots)) return null;
  const inboxes = walkFiles(lots)
    .filter((f) => /\/mail\/mbox\/[^/]+\/Inbox\.mbox$/.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  if (inboxes.length < 2) return null;
  const target = join(partDir, 'mail', 'archive', 'all-inboxes.mbox');
  mkdirSync(join(partDir, 'mail', 'archive'), { recursive: true });
  writeFileSync(target, '', { flag: 'wx' });
  let bytes = 0;
  for (const f of inboxes) {
    let data = readFileSync(f.path);
    // Each mailbox starts with a "From " line; make sure the previous one ends its last line.
    if (data.length && data[data.length - 1] !== 0x0a) data = Buffer.concat([data, Buffer.from('\n')]);
    appendFileSync(target, data);
    bytes += data.length;
    rmSync(f.path);
  }
  return { path: target, bytes };
}

export async function ensureDump(
  root: string,
  targetBytes: number,
  seed: number,
  opts: { jobs: number; log: (s: string) => void },
): Promise<BenchDump> {
  const jobs = Math.max(1, opts.jobs);
  // The part count is in the key: each part is a demo dump with its own seed, so the same size
  // and seed written by another number of jobs is another dump.
  const key = `dump-${sizeLabel(targetBytes)}-seed${seed}-gen${GENERATOR_VERSION}-b${BENCH_DATA_VERSION}-p${jobs}`;
  const dir = join(root, key);
  const metaFile = join(root, `${key}.json`);
  if (existsSync(dir) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as BenchDump;
    return { ...meta, dir, reused: true, generatedSeconds: 0 };
  }
  // A folder without its sidecar is a build that was interrupted: start over.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const done = new Array<number>(jobs).fill(0);
  let lastLog = 0;
  const results = await Promise.all(
    Array.from({ length: jobs }, (_, i) =>
      runPart(join(dir, `part-${i}`), seed * 1000 + i, Math.ceil(targetBytes / jobs), (b) => {
        done[i] = b;
        const total = done.reduce((s, x) => s + x, 0);
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          opts.log(
            `  generating ${key}: ${(total / 1e6).toFixed(0)} / ${(targetBytes / 1e6).toFixed(0)} MB (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
          );
        }
      }),
    ),
  );
  const counts: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.counts)) counts[k] = (counts[k] ?? 0) + v;
  const big = mergeMailboxes(join(dir, 'part-0'));
  const all = walkFiles(dir);
  const meta: BenchDump = {
    dir,
    key,
    files: all.length,
    bytes: all.reduce((s, f) => s + f.size, 0),
    counts,
    bigMbox: big ? { path: relative(dir, big.path), bytes: big.bytes } : null,
    generatedSeconds: Math.round((performance.now() - t0) / 1000),
    reused: false,
  };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}
