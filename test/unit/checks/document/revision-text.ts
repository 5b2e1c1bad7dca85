// The per-revision page texts that pdf.revisions reads (RevisionTextChange), computed here the way
// the PDF extractor is specified to record them (docs/checks-documents.md, "Text changed in an
// update"): each revision is the file cut at its %%EOF, opened with pdf.js, read page by page, and
// compared with the previous revision that opened. Until the extractor writes them, tests attach
// them to the real extractor's facts with this helper.

import { openPdf } from '../../../../src/extract/pdf/pdfjs.js';
import type { PdfFacts } from '../../../../src/model/facts-pdf.js';
import type { RevisionTextChange, RevisionWithText } from '../../../../src/checks/document/pdf-text-change.js';
import { incrementalUpdates } from '../../../../src/checks/document/pdf-revisions.js';

const MAX_PAGES_LISTED = 16;
const MAX_CHARS = 4000;

async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const { doc, close } = await openPdf(bytes);
  try {
    const out: string[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      out.push(
        content.items
          .map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : ''))
          .join('')
          .replace(/\s+/g, ' ')
          .trim(),
      );
      page.cleanup();
    }
    return out;
  } finally {
    await close();
  }
}

/** The facts with `textChange` set on every incremental update, as the extractor would write them. */
export async function withRevisionTexts(bytes: Uint8Array, pdf: PdfFacts): Promise<PdfFacts> {
  const updates = new Set(incrementalUpdates(pdf).map((r) => r.index));
  const revisions: RevisionWithText[] = [];
  let previous: { index: number; pages: string[] } | undefined;
  for (const rev of pdf.revisions) {
    let pages: string[] | undefined;
    let error: string | undefined;
    try {
      pages = await pageTexts(bytes.subarray(0, Math.min(rev.end, bytes.length)));
    } catch (e) {
      error = `unreadable: ${(e as Error).message}`;
    }
    if (!updates.has(rev.index) || !previous) {
      revisions.push(rev);
    } else if (!pages) {
      revisions.push({
        ...rev,
        textChange: { against: previous.index, pagesBefore: previous.pages.length, pagesAfter: 0, pages: [], changedPages: 0, error },
      });
    } else {
      const before = previous.pages;
      const changed: RevisionTextChange['pages'] = [];
      let count = 0;
      for (let p = 0; p < Math.max(before.length, pages.length); p++) {
        const a = before[p] ?? '';
        const b = pages[p] ?? '';
        if (a === b) continue;
        count++;
        if (changed.length < MAX_PAGES_LISTED) changed.push({ page: p + 1, before: a.slice(0, MAX_CHARS), after: b.slice(0, MAX_CHARS) });
      }
      revisions.push({
        ...rev,
        textChange: { against: previous.index, pagesBefore: before.length, pagesAfter: pages.length, pages: changed, changedPages: count },
      });
    }
    if (pages) previous = { index: rev.index, pages };
  }
  return { ...pdf, revisions };
}
