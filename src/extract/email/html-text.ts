// An HTML mail body to search text with mailparser's own converter, for the bodies mailparser leaves
// unconverted (HTML-only multipart/related, Outlook HTML). See docs/extract.md, HTML to text.

import { simpleParser } from 'mailparser';
import type { Limits } from '../../model/limits.js';

/** Longest HTML body converted to text (html-to-text is linear but not cheap). */
export function htmlLimit(limits: Limits): number {
  return Math.max(limits.maxTextChars * 4, 1 << 20);
}

export interface HtmlText {
  text: string;
  /** Why the conversion gave nothing (too long, nested too deep, parser failure). */
  error?: string;
}

export async function htmlToPlainText(html: string, maxHtmlChars: number): Promise<HtmlText> {
  if (html.trim() === '') return { text: '' };
  if (html.length > maxHtmlChars)
    return { text: '', error: `HTML of ${html.length} characters is above the ${maxHtmlChars}-character conversion limit` };
  const head = 'Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n';
  try {
    const parsed = await simpleParser(Buffer.from(head + html, 'utf8'), {
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
      maxHtmlLengthToParse: maxHtmlChars,
    });
    const out: HtmlText = { text: parsed.text ?? '' };
    if (parsed.textConversionError) out.error = parsed.textConversionError.message;
    return out;
  } catch (e) {
    return { text: '', error: (e as Error).message };
  }
}
