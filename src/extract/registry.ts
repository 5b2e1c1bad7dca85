// The ordered list of extractors (one line each) and selection by sniffed MIME type.
// Adding a format = one file in src/extract/ + one line here.

import type { Extractor } from './types.js';

export const EXTRACTORS: readonly Extractor[] = [
  // one line per extractor, e.g.  pdfExtractor,
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
