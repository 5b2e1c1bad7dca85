// The ordered list of extractors (one line each) and selection by sniffed MIME type.
// Adding a format = one file in src/extract/ + one line here.

import type { Extractor } from './types.js';
import { emailExtractor } from './email.js';
import { mboxExtractor } from './mbox.js';
import { msgExtractor } from './msg.js';
import { pdfExtractor } from './pdf.js';
import { pstExtractor } from './pst.js';
import { zipExtractor } from './zip.js';
import { ooxmlExtractor } from './ooxml.js';
import { odfExtractor } from './odf.js';
import { oleExtractor } from './ole.js';
import { rtfExtractor } from './rtf.js';
import { imageExtractor } from './image.js';
import { textExtractor } from './text.js';
import { htmlExtractor } from './html.js';
import { gzipExtractor } from './gzip.js';
import { tarExtractor } from './tar.js';

export const EXTRACTORS: readonly Extractor[] = [
  // one line per extractor, e.g.  pdfExtractor,
  emailExtractor,
  mboxExtractor,
  msgExtractor,
  pdfExtractor,
  pstExtractor,
  zipExtractor,
  ooxmlExtractor,
  odfExtractor,
  oleExtractor,
  rtfExtractor,
  imageExtractor,
  textExtractor,
  htmlExtractor,
  gzipExtractor,
  tarExtractor,
];

const byMime = new Map<string, Extractor>();
for (const ex of EXTRACTORS) {
  for (const m of ex.mimes) {
    if (byMime.has(m)) throw new Error(`two extractors claim ${m}: ${byMime.get(m)!.id} and ${ex.id}`);
    byMime.set(m, ex);
  }
}

/** The extractor for a sniffed MIME type, or undefined (the document is kept, hashed, not parsed). */
export function extractorFor(mime: string): Extractor | undefined {
  return byMime.get(mime);
}
