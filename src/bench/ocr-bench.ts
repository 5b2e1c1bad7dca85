// OCR speed and memory: one tesseract worker reads a handful of A4 pages rendered at 300 dpi (the
// ocrmypdf fixture's scanned letter), in a watched child process (docs/ocr.md).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createOcrEngine } from '../extract/ocr/engine.js';
import { ocrFile } from '../extract/ocr/ocr-file.js';
import { planOcr } from '../extract/ocr/plan.js';
import { runWatchedChild } from './watched-child.js';

const PAGES = 4;
const SCAN = fileURLToPath(new URL('../../test/fixtures/ocr/searchable-honest.pdf', import.meta.url));

export interface OcrBench {
  pages: number;
  /** Rendering and recognition, one worker, wall clock. */
  ocrWallMs: number;
  /** CPU time of the OCR part (all threads of the child). */
  ocrCpuMs: number;
  /** Pages a second for one worker (one core): wall clock, and per CPU-second (unaffected by other load). */
  pagesPerSecondPerCore: number;
  pagesPerCpuSecond: number;
  /** Peak resident memory of the process running the worker. */
  peakRssBytes: number;
  /** Planning (pdf.js text and operator list) of one scanned page, ms. */
  planMsPerPage: number;
}

/** In the child: plan and OCR the same scanned page PAGES times, print the timings as JSON. */
async function child(): Promise<void> {
  const bytes = readFileSync(SCAN);
  const engine = await createOcrEngine({ langs: ['eng', 'fra'] });
  try {
    const p0 = performance.now();
    const plan = await planOcr(bytes, 'pdf');
    const planMs = performance.now() - p0;
    if (plan.pages.length !== 1) throw new Error(`the OCR bench scan should plan one page, got ${plan.pages.length}`);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await ocrFile(bytes, 'pdf', { pages: Array.from({ length: PAGES }, () => plan.pages[0]) }, engine);
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    if (!result.pages.every((p) => /Marchetti/.test(p.text))) throw new Error('the OCR bench did not read its page');
    process.stdout.write(JSON.stringify({ pages: result.pages.length, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, planMs }));
  } finally {
    await engine.close();
  }
}

export async function runOcrBench(log: (s: string) => void): Promise<OcrBench> {
  let out = '';
  const { proc } = await runWatchedChild('OCR bench child', [fileURLToPath(import.meta.url), '--child'], (chunk) => (out += chunk));
  const r = JSON.parse(out) as { pages: number; wallMs: number; cpuMs: number; planMs: number };
  const bench: OcrBench = {
    pages: r.pages,
    ocrWallMs: Math.round(r.wallMs),
    ocrCpuMs: Math.round(r.cpuMs),
    pagesPerSecondPerCore: Math.round((r.pages / (r.wallMs / 1000)) * 1000) / 1000,
    pagesPerCpuSecond: Math.round((r.pages / (r.cpuMs / 1000)) * 1000) / 1000,
    peakRssBytes: Math.max(proc.peakRssBytes, proc.vmHwmBytes),
    planMsPerPage: Math.round(r.planMs),
  };
  log(
    `  OCR: ${bench.pagesPerSecondPerCore} pages/s per core (${bench.pagesPerCpuSecond} per CPU-second), peak RSS ${(bench.peakRssBytes / 1e6).toFixed(0)} MB, A4 at 300 dpi`,
  );
  return bench;
}

if (process.argv[2] === '--child') await child();
