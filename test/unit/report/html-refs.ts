// Finding what an HTML page would fetch, for the report tests.

import { Parser } from 'htmlparser2';

/**
 * Every URL the page would load or navigate to, found by parsing it as a browser does (htmlparser2):
 * URL attributes of real elements, url() and @import in style sheets and style attributes. Text that
 * merely looks like an attribute (an escaped "<img src=...>") is text, and is not counted.
 */
export function externalReferences(page: string): string[] {
  const out: string[] = [];
  const css = (text: string) => {
    for (const m of text.matchAll(/url\(\s*([^)]*)\)/gi)) out.push(m[1].replace(/^["']|["']$/g, ''));
    for (const m of text.matchAll(/@import\s+([^;]+);/gi)) out.push(m[1]);
  };
  let inStyle = false;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'style') inStyle = true;
        for (const [k, v] of Object.entries(attribs)) {
          if (
            ['src', 'href', 'srcset', 'action', 'poster', 'data', 'formaction', 'background', 'xlink:href', 'ping'].includes(k) &&
            !v.startsWith('#')
          )
            out.push(v);
          if (k === 'style') css(v);
          if (k === 'http-equiv' && /refresh/i.test(v)) out.push(attribs.content ?? '');
        }
      },
      ontext(text) {
        if (inStyle) css(text);
      },
      onclosetag(name) {
        if (name === 'style') inStyle = false;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true },
  );
  parser.write(page);
  parser.end();
  return out;
}
