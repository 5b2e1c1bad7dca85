// Entry of an extraction worker thread: receives file tasks, runs FileProcessor, and asks the
// coordinator whether a content is already known. No database, no network: data in, data out.

import { parentPort, workerData } from 'node:worker_threads';
import { FileProcessor } from './process-file.js';
import type { FromWorker, ToWorker, WorkerInit } from './messages.js';

const init = workerData as WorkerInit;
const port = parentPort!;
let nextReq = 1;
const pending = new Map<number, (yes: boolean) => void>();

const processor = new FileProcessor(
  {
    post: (msg: FromWorker) => port.postMessage(msg),
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
      port.postMessage({
        t: 'file-failed',
        rel: msg.task.rel,
        code: 'crashed',
        message: `worker failed on ${msg.task.rel}: ${e?.stack ?? e}`,
      } satisfies FromWorker);
    });
  }
});
port.postMessage({ t: 'ready' } satisfies FromWorker);
