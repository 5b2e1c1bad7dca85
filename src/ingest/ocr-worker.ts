// An OCR worker process: re-opens a document from its locator, plans which pages need OCR, renders and
// recognises them with its own tesseract.js engine, and runs the OCR checks. No database. A process,
// not a thread: a native crash while decoding or drawing (canvas, WASM) ends this process only.

import { openLocator } from './open-locator.js';
import { planOcr } from '../extract/ocr/plan.js';
import { ocrFile } from '../extract/ocr/ocr-file.js';
import { createOcrEngine } from '../extract/ocr/engine.js';
import type { OcrEngine } from '../extract/ocr/types.js';
import { OCR_CHECKS } from '../checks/registry.js';
import { OCR_WORKER_INIT_ENV, type FromOcrWorker, type OcrJob, type OcrWorkerInit, type ToOcrWorker } from './ocr-messages.js';

const init = JSON.parse(process.env[OCR_WORKER_INIT_ENV] ?? '{}') as OcrWorkerInit;
const post = (m: FromOcrWorker) => process.send?.(m);
// The scan went away (ended, killed): so does this worker.
process.on('disconnect', () => process.exit(0));

async function run(engine: OcrEngine, job: OcrJob): Promise<void> {
  const opened = await openLocator(init.dumpRoot, job.locator);
  let bytes: Uint8Array;
  try {
    bytes = await opened.source.readAll();
  } finally {
    await opened.close();
  }
  const plan = await planOcr(bytes, job.kind);
  post({ t: 'planned', contentId: job.contentId, pages: plan.pages.length });
  if (plan.pages.length === 0) {
    post({
      t: 'done',
      contentId: job.contentId,
      result: { engine: 'tesseract.js', engineVersion: engine.version, langs: engine.langs, pages: [] },
      checks: OCR_CHECKS.map((c) => ({ check: c.id, findings: [] })),
    });
    return;
  }
  const result = await ocrFile(bytes, job.kind, plan, engine);
  const checks = OCR_CHECKS.filter((c) => c.kinds.includes(job.kind)).map((c) => ({
    check: c.id,
    findings: c.run(result).map((f) => ({ check: c.id, ...f })),
  }));
  post({ t: 'done', contentId: job.contentId, result, checks });
}

async function main(): Promise<void> {
  let engine: OcrEngine;
  try {
    engine = await createOcrEngine({ langs: init.langs });
  } catch (e) {
    post({ t: 'fatal', message: (e as Error).message });
    return;
  }
  // One job at a time: the stage hands the next after 'done' or 'failed'.
  process.on('message', (m: ToOcrWorker) => {
    run(engine, m.job).catch((e: Error & { code?: string }) =>
      post({ t: 'failed', contentId: m.job.contentId, code: e.code ?? 'ocr-failed', message: `OCR of ${m.job.path}: ${e?.message ?? e}` }),
    );
  });
  post({ t: 'ready' });
}

void main();
