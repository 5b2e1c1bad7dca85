// The text of each saved revision of a PDF, so an update can be diffed: revision k is the file cut
// at the end of its %%EOF line, which pdf.js opens like any PDF.

import type { RevisionText } from '../../model/api.js';
import type { Facts } from '../../model/facts.js';
import type { Limits } from '../../model/limits.js';
import { structureOptions } from './pdf.js';
import { readPdfStructure } from './structure.js';
import { openPdf, PdfPasswordError, readPdfText } from './pdfjs.js';
import type { ByteSource } from '../types.js';

/** Revisions whose text is read; a hostile file can declare thousands. First and newest are kept. */
const MAX_REVISION_TEXTS = 64;

/**
 * Text of every revision. `facts` (from the extractor) saves re-reading the structure; without
 * it the revisions are found again from the bytes.
 */
export async function revisionTexts(
  input: Uint8Array | ByteSource,
  facts: Facts,
  limits: Limits,
  signal?: AbortSignal,
): Promise<RevisionText[]>;
export async function revisionTexts(input: Uint8Array | ByteSource, limits: Limits, signal?: AbortSignal): Promise<RevisionText[]>;
export async function revisionTexts(
  input: Uint8Array | ByteSource,
  factsOrLimits: Facts | Limits,
  limitsOrSignal?: Limits | AbortSignal,
  maybeSignal?: AbortSignal,
): Promise<RevisionText[]> {
  const hasFacts = !('maxPdfPages' in factsOrLimits);
  const limits = (hasFacts ? limitsOrSignal : factsOrLimits) as Limits;
  const signal = (hasFacts ? maybeSignal : limitsOrSignal) as AbortSignal | undefined;
  const buffer = input instanceof Uint8Array ? input : await input.readAll();
  const revisions =
    (hasFacts ? (factsOrLimits as Facts).pdf?.revisions : undefined) ?? readPdfStructure(buffer, structureOptions(limits)).revisions;

  const chosen = new Set<number>();
  if (revisions.length > MAX_REVISION_TEXTS) {
    chosen.add(0);
    for (let i = revisions.length - (MAX_REVISION_TEXTS - 1); i < revisions.length; i++) chosen.add(i);
  }
  const out: RevisionText[] = [];
  for (const [i, rev] of revisions.entries()) {
    const base = { index: rev.index, start: rev.start, end: rev.end };
    if (chosen.size && !chosen.has(i)) {
      out.push({ ...base, text: '', pages: null, error: `not read: more than ${MAX_REVISION_TEXTS} revisions` });
      continue;
    }
    signal?.throwIfAborted();
    const end = Math.min(rev.end, buffer.length);
    try {
      const { doc, close } = await openPdf(buffer.subarray(0, end), signal);
      try {
        const t = await readPdfText(doc, limits.maxPdfPages, limits.maxTextChars, signal);
        const r: RevisionText = { ...base, text: t.text, pages: doc.numPages };
        if (t.errors) r.error = `text of ${t.errors} page(s) could not be read`;
        out.push(r);
      } finally {
        await close();
      }
    } catch (e) {
      if (signal?.aborted) throw e;
      const msg = e instanceof PdfPasswordError ? 'encrypted: a user password is needed' : `unreadable: ${(e as Error).message}`;
      out.push({ ...base, text: '', pages: null, error: msg });
    }
  }
  return out;
}
