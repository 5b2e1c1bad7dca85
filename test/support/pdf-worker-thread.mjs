// Runs the PDF extractor inside a worker_thread (as the ingest's worker pool does), loading the
// TypeScript sources through tsx. Used by test/unit/extract/pdf/pdf.test.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { extractPdf } = await import(workerData.extractorModule);
const { DEFAULT_LIMITS } = await import(workerData.limitsModule);
const out = await extractPdf(readFileSync(workerData.file), 'worker.pdf', {
  limits: DEFAULT_LIMITS,
  signal: new AbortController().signal,
  warn() {},
});
parentPort.postMessage({ text: out.text, producer: out.facts.pdf.info.Producer, pages: out.facts.pdf.pageCount });
