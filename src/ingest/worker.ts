// Entry of an extraction worker thread: receives file tasks, runs FileProcessor, and asks the
// coordinator whether a content is already known. No database, no network: data in, data out.
// A worker whose PDFium instance trapped or grew asks to be recycled (pool.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { FileProcessor } from './process-file.js';
import { pdfiumRetireReason } from '../extract/pdf/pdfium-engine.js';
import type { FromWorker, ToWorker, WorkerInit } from './messages.js';

const init = workerData as WorkerInit;
const port = parentPort!;
let nextReq = 1;
const pending = new Map<number, (yes: boolean) => void>();

/** A file's last message; first, when PDFium trapped or its heap grew too large, ask to be replaced. */
function post(msg: FromWorker): void {
  if (msg.t === 'file-done' || msg.t === 'file-failed') {
    const reason = pdfiumRetireReason();
    if (reason) port.postMessage({ t: 'recycle', reason } satisfies FromWorker);
  }
  port.postMessage(msg);
}

const processor = new FileProcessor(
  {
    post,
    has: (sha256, extractor, version) =>
      new Promise<boolean>((resolve) => {
        const req = nextReq++;
        pending.set(req, resolve);
        port.postMessage({ t: 'has', req, sha256, extractor, version } satisfies FromWorker);
      }),
  },
  init.limits,
  { dkimKeys: new Map(init.dkimKeys), now: new Date(init.nowIso) },
);

// Tasks run one at a time per worker; the coordinator hands a new one after 'file-done'.
port.on('message', (msg: ToWorker) => {
  if (msg.t === 'has') {
    pending.get(msg.req)?.(msg.yes);
    pending.delete(msg.req);
  } else if (msg.t === 'task') {
    processor.processFile(msg.task).catch((e: Error) => {
      post({
        t: 'file-failed',
        rel: msg.task.rel,
        code: 'crashed',
        message: `worker failed on ${msg.task.rel}: ${e?.stack ?? e}`,
      } satisfies FromWorker);
    });
  }
});
port.postMessage({ t: 'ready' } satisfies FromWorker);
