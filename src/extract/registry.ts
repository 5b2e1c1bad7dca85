// The ordered list of extractors (one line each) and selection by sniffed MIME type.
// Adding a format = one file in src/extract/ + one line here.

import type { Extractor } from './types.js';
import { emailExtractor } from './email/rfc822.js';
import { mboxExtractor } from './email/mbox.js';
import { msgExtractor } from './email/msg.js';
import { pdfExtractor } from './pdf/pdf.js';
import { pstExtractor } from './email/pst.js';
import { zipExtractor } from './archive/zip.js';
import { ooxmlExtractor } from './office/ooxml.js';
import { odfExtractor } from './office/odf.js';
import { oleExtractor } from './ole/ole.js';
import { rtfExtractor } from './office/rtf.js';
import { imageExtractor } from './image/image.js';
import { textExtractor } from './text/text.js';
import { htmlExtractor } from './text/html.js';
import { gzipExtractor } from './archive/gzip.js';
import { tarExtractor } from './archive/tar.js';

const EXTRACTORS: readonly Extractor[] = [
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
