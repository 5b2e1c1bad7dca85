// The native floor: what poppler, ExifTool and OpenSSL take on the same dump (pdftotext on every PDF,
// exiftool and SHA-256 on every file, two processes at a time), per kind of file (docs/bench.md).

import { spawn, spawnSync } from 'node:child_process';
import { extname } from 'node:path';
import { procCpuMs } from './proc-sampler.js';

export const FILE_KINDS = ['pdf', 'email', 'image', 'office', 'other'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const KIND_OF_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  eml: 'email',
  emlx: 'email',
  mbox: 'email',
  mbx: 'email',
  msg: 'email',
  pst: 'email',
  ost: 'email',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  tif: 'image',
  tiff: 'image',
  heic: 'image',
  heif: 'image',
  webp: 'image',
  bmp: 'image',
  dng: 'image',
  cr2: 'image',
  nef: 'image',
  doc: 'office',
  docx: 'office',
  docm: 'office',
  xls: 'office',
  xlsx: 'office',
  xlsm: 'office',
  ppt: 'office',
  pptx: 'office',
  odt: 'office',
  ods: 'office',
  odp: 'office',
  rtf: 'office',
};

/** The kind of a file by its extension alone, as a reporter sorting a dump would see it. */
export function kindOf(path: string): FileKind {
  return KIND_OF_EXTENSION[extname(path).slice(1).toLowerCase()] ?? 'other';
}

export type NativeTool = 'pdftotext' | 'exiftool' | 'openssl';

/** How each tool is run; the bench prints these so the figures can be reproduced by hand. */
const TOOL_COMMANDS: Record<NativeTool, string> = {
  pdftotext: 'pdftotext -enc UTF-8 <file.pdf> - (one process per PDF; output discarded)',
  exiftool: 'exiftool -j -fast <files...> (batches of up to 200 files; JSON discarded)',
  openssl: 'openssl dgst -sha256 <files...> (batches of up to 200 files)',
};

const VERSION_ARGS: Record<NativeTool, string[]> = { pdftotext: ['-v'], exiftool: ['-ver'], openssl: ['version'] };
const BATCH = 200;

interface ToolKindRun {
  tool: NativeTool;
  kind: FileKind;
  files: number;
  bytes: number;
  processes: number;
  /** Processes that exited with anything but 0 (a damaged PDF, a file ExifTool cannot read). */
  failed: number;
  wallMs: number;
  /** User + system CPU of the tool's processes (reaped children, from /proc/self/stat). */
  cpuMs: number;
}

interface KindFloor {
  files: number;
  bytes: number;
  wallMs: number;
  cpuMs: number;
}

export interface NativeFloor {
  parallel: number;
  /** The version line of each tool found, or null when it is not installed (its column is skipped). */
  tools: Record<NativeTool, string | null>;
  commands: Record<NativeTool, string>;
  runs: ToolKindRun[];
  byKind: Record<FileKind, KindFloor>;
  total: KindFloor;
}

/** The tool's version line, or null when it cannot be started. */
export function probeTool(tool: NativeTool): string | null {
  const r = spawnSync(tool, VERSION_ARGS[tool], { encoding: 'utf8' });
  if (r.error) return null;
  return (
    `${r.stdout}${r.stderr}`
      .split('\n')
      .find((l) => l.trim())
      ?.trim() ?? tool
  );
}

/** CPU time of this process's reaped children (the tools run so far), in ms; Linux only. */
const childrenCpuMs = (): number => procCpuMs('self')?.children ?? 0;

function runTool(tool: NativeTool, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: 'ignore' });
    child.on('error', (e) => reject(new Error(`${tool} ${args.slice(0, 3).join(' ')}…: ${e.message}`)));
    child.on('close', (code) => resolve(code));
  });
}

/** Run every job, `parallel` processes at a time; returns how many exited with anything but 0. */
async function pool(tool: NativeTool, jobs: string[][], parallel: number): Promise<number> {
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const code = await runTool(tool, jobs[next++]!);
      if (code !== 0) failed++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, lane));
  return failed;
}

function batches(paths: string[], parallel: number): string[][] {
  const size = Math.max(1, Math.min(BATCH, Math.ceil(paths.length / parallel)));
  const out: string[][] = [];
  for (let i = 0; i < paths.length; i += size) out.push(paths.slice(i, i + size));
  return out;
}

function jobsFor(tool: NativeTool, paths: string[], parallel: number): string[][] {
  if (tool === 'pdftotext') return paths.map((p) => ['-enc', 'UTF-8', p, '-']);
  if (tool === 'exiftool') return batches(paths, parallel).map((b) => ['-j', '-fast', ...b]);
  return batches(paths, parallel).map((b) => ['dgst', '-sha256', ...b]);
}

const emptyFloor = (): KindFloor => ({ files: 0, bytes: 0, wallMs: 0, cpuMs: 0 });

/**
 * Each available tool over each kind of file in turn (pdftotext over the PDFs only), `parallel`
 * processes at a time, so each (tool, kind) has its own wall and CPU time. Missing tools are skipped.
 */
export async function measureNativeFloor(
  files: { path: string; size: number }[],
  opts: { parallel: number; log?: (s: string) => void },
): Promise<NativeFloor> {
  const tools = { pdftotext: probeTool('pdftotext'), exiftool: probeTool('exiftool'), openssl: probeTool('openssl') };
  const byKind = Object.fromEntries(FILE_KINDS.map((k) => [k, emptyFloor()])) as Record<FileKind, KindFloor>;
  for (const f of files) {
    byKind[kindOf(f.path)].files++;
    byKind[kindOf(f.path)].bytes += f.size;
  }
  const runs: ToolKindRun[] = [];
  for (const tool of Object.keys(tools) as NativeTool[]) {
    if (!tools[tool]) {
      opts.log?.(`  ${tool} not found: its column is skipped`);
      continue;
    }
    for (const kind of FILE_KINDS) {
      if (tool === 'pdftotext' && kind !== 'pdf') continue;
      const these = files.filter((f) => kindOf(f.path) === kind);
      if (these.length === 0) continue;
      const jobs = jobsFor(
        tool,
        these.map((f) => f.path),
        opts.parallel,
      );
      const cpu0 = childrenCpuMs();
      const t0 = performance.now();
      const failed = await pool(tool, jobs, opts.parallel);
      const run: ToolKindRun = {
        tool,
        kind,
        files: these.length,
        bytes: these.reduce((s, f) => s + f.size, 0),
        processes: jobs.length,
        failed,
        wallMs: performance.now() - t0,
        cpuMs: childrenCpuMs() - cpu0,
      };
      runs.push(run);
      byKind[kind].wallMs += run.wallMs;
      byKind[kind].cpuMs += run.cpuMs;
    }
  }
  const total = FILE_KINDS.reduce((t, k) => {
    const b = byKind[k];
    return { files: t.files + b.files, bytes: t.bytes + b.bytes, wallMs: t.wallMs + b.wallMs, cpuMs: t.cpuMs + b.cpuMs };
  }, emptyFloor());
  return { parallel: opts.parallel, tools, commands: TOOL_COMMANDS, runs, byKind, total };
}

/** Verity's time over the native floor's, wall and CPU; null where the floor took no time. */
export function floorRatios(scan: { wallMs: number; cpuMs: number }, floor: { wallMs: number; cpuMs: number }) {
  const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
  return { wall: ratio(scan.wallMs, floor.wallMs), cpu: ratio(scan.cpuMs, floor.cpuMs) };
}
