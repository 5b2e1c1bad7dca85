// Word-level agreement of two texts (how the PDF text engines are scored against pdftotext).

const words = (s: string): Set<string> => new Set(s.normalize('NFKC').toLowerCase().split(/\s+/u).filter(Boolean));

/** Jaccard index of the two texts' sets of words (NFKC, lower case, split at whitespace); two empty texts agree. */
export function wordJaccard(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let both = 0;
  for (const w of x) if (y.has(w)) both++;
  return both / (x.size + y.size - both);
}
