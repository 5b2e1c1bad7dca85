// Where a search snippet starts in the documents table. FTS5 returns about 16 words around the
// best match, but the table shows one line cut at the cell's width: a match in the second half of
// the snippet fell past the cut, and the row showed text without the word searched for.

/** Characters of context kept before the first match (two or three words): with a match word, they
 *  fit the snippet cell at its narrowest (about 250 px; 32 characters left some matches cut). */
export const SNIPPET_LEAD_CHARS = 16;

const MATCH_START = '\u0002';

/** The snippet from a word boundary at most `lead` characters before its first match, with '…'
 *  where text was dropped; unchanged when the match is already that close to the start. */
export function leadToFirstMatch(snippet: string, lead = SNIPPET_LEAD_CHARS): string {
  const at = snippet.indexOf(MATCH_START);
  if (at <= lead) return snippet;
  const space = snippet.indexOf(' ', at - lead);
  const start = space >= 0 && space < at ? space + 1 : at;
  return `…${snippet.slice(start)}`;
}
