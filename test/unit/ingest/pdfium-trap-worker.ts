// Test-only wrapper around the real extraction worker: on a file named trap-*, PDFium's first text
// call is handed a pointer outside its heap, a genuine WebAssembly.RuntimeError inside the extraction.
import { FileProcessor } from '../../../src/ingest/process-file.js';
import { loadPdfium } from '../../../src/extract/pdf/pdfium-engine.js';
import type { FileTask } from '../../../src/ingest/messages.js';

const m = await loadPdfium();
const countChars = m._FPDFText_CountChars.bind(m);
let trapNext = false;
m._FPDFText_CountChars = (textPage: number) => {
  if (!trapNext) return countChars(textPage);
  trapNext = false;
  return countChars(0x7ffffff0);
};

const real = FileProcessor.prototype.processFile;
FileProcessor.prototype.processFile = async function (this: FileProcessor, task: FileTask) {
  trapNext = task.rel.startsWith('trap-');
  return real.call(this, task);
};

await import('../../../src/ingest/worker.js');
