// 'document.*': one document with its findings, its thread, its PDF revisions, its near-duplicates,
// and a PDF page drawn as a picture (shown beside the page's OCR text).

import { documentDetail, documentFacts, type DocumentBase } from '../../store/queries/document.js';
import { threadOf } from '../../store/queries/thread.js';
import { nearDuplicatesOf } from '../../store/queries/near-duplicates.js';
import { DEFAULT_LIMITS } from '../../ingest/limits.js';
import { ApiError } from '../errors.js';
import { requireDocument, requireDump, type CaseContext, type DomainHandlers } from './context.js';

/** Resolution of a page drawn for the document view: legible beside its text, ~1 MB as PNG. */
const PAGE_IMAGE_DPI = 110;

/** A PDF document's bytes re-opened from the dump (the caller closes them). */
async function openPdf(ctx: CaseContext, base: DocumentBase, what: string) {
  if (base.kind !== 'pdf') throw new ApiError('invalid-input', `document ${base.id} is not a PDF`);
  const root = requireDump(ctx, what);
  const { openLocator } = await import('../../ingest/open-locator.js');
  return openLocator(root, base.locator, DEFAULT_LIMITS).catch((e: unknown) => {
    throw new ApiError('not-found', `the bytes of ${base.path} cannot be read from the dump: ${(e as Error).message}`);
  });
}

export function documentHandlers(ctx: CaseContext): DomainHandlers<'document'> {
  const found = <T>(value: T | undefined | null, id: string): T => {
    if (!value) throw new ApiError('not-found', `no document ${id}`);
    return value;
  };
  return {
    'document.get': async ({ id }) => {
      const { checkById } = await import('../../checks/registry.js');
      return found(documentDetail(ctx.connections.reader, id, checkById), id);
    },
    'document.thread': async ({ id }) => found(threadOf(ctx.connections.reader, id), id),
    'document.nearDuplicates': async ({ id }) => found(nearDuplicatesOf(ctx.connections.reader, id), id),
    'document.pageImage': async ({ id, page }, call) => {
      const base = requireDocument(ctx, id);
      const [opened, { renderPdfPage }] = await Promise.all([openPdf(ctx, base, 'Drawing a page'), import('../../extract/ocr/render.js')]);
      let bytes: Uint8Array;
      try {
        bytes = await opened.source.readAll();
      } finally {
        await opened.close();
      }
      if (call.signal?.aborted) throw new ApiError('cancelled', 'cancelled');
      const png = await renderPdfPage(bytes, page, PAGE_IMAGE_DPI).catch((e: unknown) => {
        throw new ApiError('not-found', `page ${page} of ${base.path} cannot be drawn: ${(e as Error).message}`);
      });
      return { mime: 'image/png', base64: Buffer.from(png.buffer, png.byteOffset, png.byteLength).toString('base64') };
    },
    'document.revisions': async ({ id }, call) => {
      const base = requireDocument(ctx, id);
      const [opened, { revisionTexts }] = await Promise.all([
        openPdf(ctx, base, 'Reading revisions'),
        import('../../extract/pdf/revision-texts.js'),
      ]);
      try {
        if (call.signal?.aborted) throw new ApiError('cancelled', 'cancelled');
        const facts = documentFacts(ctx.connections.reader, base.contentId);
        return await (facts
          ? revisionTexts(opened.source, facts, DEFAULT_LIMITS, call.signal)
          : revisionTexts(opened.source, DEFAULT_LIMITS, call.signal));
      } finally {
        await opened.close();
      }
    },
  };
}
