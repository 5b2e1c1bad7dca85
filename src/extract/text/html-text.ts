// HTML to search text, one path for HTML files, mail bodies and .msg bodies: html-to-text, called as
// mailparser calls it, so a mail's text is the same whichever of them converted it (docs/extract.md).

import { convert } from 'html-to-text';
import type { Limits } from '../../model/limits.js';

/** mailparser's own bound (MAX_HTML_NESTING_DEPTH): deeper markup is not converted. */
const MAX_NESTING = 1000;
/** Elements that never hold content, and those the parser closes when a sibling opens (li, td, p):
 *  neither opens a nesting level (the same sets mailparser uses for its depth test). */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const IMPLIED_END = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rt', 'rp']);

/** Longest HTML converted to text (html-to-text is linear but not cheap). */
export function htmlLimit(limits: Limits): number {
  return Math.max(limits.maxTextChars * 4, 1 << 20);
}

export interface HtmlText {
  text: string;
  /** Why the conversion gave nothing (too long, nested too deep, converter failure). */
  error?: string;
}

/**
 * Does the markup nest deeper than `max`? One linear pass over the tags, counting what a parser
 * would keep open: html-to-text builds a DOM with htmlparser2, whose cost grows with the square of
 * the depth (100,000 unclosed <div>s take tens of seconds), so hostile markup is refused before it.
 */
function nestsDeeperThan(html: string, max: number): boolean {
  const open: string[] = [];
  for (let i = html.indexOf('<'); i >= 0;) {
    if (html.startsWith('!--', i + 1)) {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    const closing = html[i + 1] === '/';
    let j = i + (closing ? 2 : 1);
    while (j < html.length && /[A-Za-z0-9:_-]/.test(html[j])) j++;
    const name = html.slice(i + (closing ? 2 : 1), j).toLowerCase();
    // Every step moves past a '>', so the pass is linear even on markup made to defeat it.
    const gt = html.indexOf('>', j);
    if (gt < 0) break;
    if (/^[a-z]/.test(name) && !VOID.has(name) && !IMPLIED_END.has(name)) {
      if (closing) {
        const at = open.lastIndexOf(name);
        if (at >= 0) open.length = at;
      } else if (open.push(name) > max) return true;
    }
    i = html.indexOf('<', gt + 1);
  }
  return false;
}

export function htmlToText(html: string, maxHtmlChars: number): HtmlText {
  if (html.trim() === '') return { text: '' };
  if (html.length > maxHtmlChars)
    return { text: '', error: `HTML of ${html.length} characters is above the ${maxHtmlChars}-character conversion limit` };
  if (nestsDeeperThan(html, MAX_NESTING)) return { text: '', error: `HTML nested deeper than ${MAX_NESTING} levels` };
  try {
    return { text: convert(html, { limits: { maxDepth: MAX_NESTING } }) };
  } catch (e) {
    return { text: '', error: `failed to convert HTML: ${(e as Error).message}` };
  }
}
