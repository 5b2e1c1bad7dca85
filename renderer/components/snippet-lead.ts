// Search snippets: FTS5 marks matches with \u0002...\u0003. Where a one-line snippet starts so its
// first match shows (docs/renderer.md), and the snippet split into plain and marked parts.

/** Characters of context kept before the first match (two or three words): with a match word, they
 *  fit the snippet cell at its narrowest (about 250 px; 32 characters left some matches cut). */
export const SNIPPET_LEAD_CHARS = 16;

const MATCH_START = '\u0002';
const MATCH_END = '\u0003';

/** The snippet from a word boundary at most `lead` characters before its first match, with '…'
 *  where text was dropped; unchanged when the match is already that close to the start. */
export function leadToFirstMatch(snippet: string, lead = SNIPPET_LEAD_CHARS): string {
  const at = snippet.indexOf(MATCH_START);
  if (at <= lead) return snippet;
  const space = snippet.indexOf(' ', at - lead);
  const start = space >= 0 && space < at ? space + 1 : at;
  return `…${snippet.slice(start)}`;
}

/** The snippet as plain and marked parts, markers removed (text only: a snippet is never HTML). */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (;;) {
    const start = snippet.indexOf(MATCH_START, at);
    const end = start < 0 ? -1 : snippet.indexOf(MATCH_END, start + 1);
    if (end < 0) break;
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false });
    parts.push({ text: snippet.slice(start + 1, end), marked: true });
    at = end + 1;
  }
  const rest = snippet.slice(at).replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');
  if (rest) parts.push({ text: rest, marked: false });
  return parts;
}
