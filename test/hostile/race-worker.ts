// Test-only wrapper around the real extraction worker: simulates what a hostile file system or a
// pathological file does at the moment a worker reaches a file — it vanishes, it grows, or the
// extraction hangs — so the coordinator's handling of each is tested deterministically.
import { appendFileSync, unlinkSync } from 'node:fs';
import { FileProcessor } from '../../src/ingest/process-file.js';
import type { FileTask } from '../../src/ingest/messages.js';

const real = FileProcessor.prototype.processFile;
FileProcessor.prototype.processFile = async function (this: FileProcessor, task: FileTask) {
  if (task.rel.includes('vanish-')) {
    try {
      unlinkSync(task.abs);
    } catch {
      /* already gone */
    }
  }
  if (task.rel.includes('grow-')) appendFileSync(task.abs, 'line 2, written while Verity was reading\n');
  if (task.rel.includes('hang-')) {
    for (;;) {
      /* a pathological extraction: never returns */
    }
  }
  return real.call(this, task);
};

await import('../../src/ingest/worker.js');
