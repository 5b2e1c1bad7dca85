// An OCR worker process for tests (the real one's protocol, src/ingest/ocr-messages.ts): it dies by
// SIGSEGV on a file named *crash*, never answers on one named *hang*, and finds nothing to OCR in others.
process.on('disconnect', () => process.exit(0));
process.on('message', (m) => {
  const { job } = m;
  if (job.path.includes('crash')) process.kill(process.pid, 'SIGSEGV');
  else if (job.path.includes('hang')) return;
  else {
    process.send({ t: 'planned', contentId: job.contentId, pages: 0 });
    process.send({
      t: 'done',
      contentId: job.contentId,
      result: { engine: 'tesseract.js', engineVersion: 'test', langs: 'eng', pages: [] },
      checks: [],
    });
  }
});
process.send({ t: 'ready' });
