// HTML files: <title> and what <meta> claims, read with htmlparser2's tokenizer (no DOM, no script,
// nothing fetched); the visible text through the one HTML-to-text path (html-text.ts).

import { Tokenizer } from 'htmlparser2';
import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import { MIME } from '../mime.js';
import { claimDate } from '../../shared/dates.js';
import { decodeDocumentText, htmlDeclaredCharset } from './text-charset.js';
import { htmlLimit, htmlToText } from './html-text.js';
import type { ExtractContext, ExtractInput, ExtractOutput, Extractor } from '../types.js';

/** meta names that carry a date, with the role it plays. */
const DATE_META: Record<string, string> = {
  date: 'created',
  'dc.date': 'created',
  'dc.date.created': 'created',
  'dcterms.created': 'created',
  created: 'created',
  'creation-date': 'created',
  'dcterms.modified': 'modified',
  'dc.date.modified': 'modified',
  'last-modified': 'modified',
  revised: 'modified',
};
/** Longest meta content kept. */
const MAX_META_CHARS = 4096;
const MAX_META_ENTRIES = 500;

interface Scan {
  title?: string;
  metas: { key: string; value: string }[];
}

/**
 * One linear pass of htmlparser2's Tokenizer. Not its Parser: the Parser keeps open elements in an
 * array it grows with unshift(), so deeply nested markup (100,000 unclosed <div>s) costs quadratic
 * time: 25 s per 100k tags measured. The tokenizer keeps no stack; the one state we need (inside
 * <title>) is kept here. Script, style and title content is raw text to the tokenizer, as in a browser.
 */
function scanHtml(html: string): Scan {
  const scan: Scan = { metas: [] };
  let inTitle = false;
  let title = '';
  let tag = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const text = (s: string) => {
    if (inTitle && title.length < MAX_META_CHARS) title += s;
  };
  const openTag = (selfClosing: boolean) => {
    if (tag === 'title' && !selfClosing) inTitle = true;
    if (tag === 'meta' && scan.metas.length < MAX_META_ENTRIES) {
      const key = attrs.name ?? attrs.property ?? attrs['http-equiv'] ?? attrs.itemprop;
      if (key && attrs.content !== undefined) scan.metas.push({ key, value: attrs.content.slice(0, MAX_META_CHARS) });
      if (attrs.charset !== undefined) scan.metas.push({ key: 'charset', value: attrs.charset.slice(0, 64) });
    }
  };
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        if (attrValue.length < MAX_META_CHARS) attrValue += html.slice(start, end);
      },
      onattribentity(cp) {
        attrValue += String.fromCodePoint(cp);
      },
      onattribend() {
        if (!(attrName in attrs)) attrs[attrName] = attrValue;
      },
      onopentagend() {
        openTag(false);
      },
      onselfclosingtag() {
        openTag(true);
      },
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if (name === 'title') inTitle = false;
      },
      ontext(start, end) {
        text(html.slice(start, end));
      },
      ontextentity(cp) {
        text(String.fromCodePoint(cp));
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  const t = title.replace(/\s+/g, ' ').trim();
  if (t) scan.title = t.slice(0, MAX_META_CHARS);
  return scan;
}

export const htmlExtractor: Extractor = {
  id: 'html',
  version: 1,
  kind: 'text',
  container: false,
  mimes: [MIME.html],

  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const cap = ctx.limits.maxTextChars;
    // Markup outweighs text: read up to 4 × 4 bytes per kept character, still bounded for a 2 GB file.
    const bytes = await input.source.read(0, Math.min(input.source.size, cap * 16));
    const truncated = bytes.length < input.source.size;
    const declared = htmlDeclaredCharset(bytes);
    const decoded = decodeDocumentText(bytes, { declared, truncated });
    const scan = scanHtml(decoded.text);
    const converted = htmlToText(decoded.text, htmlLimit(ctx.limits));
    if (converted.error) ctx.warn('html-to-text', `${input.name}: HTML not converted to text (${converted.error})`);
    if (truncated)
      ctx.warn('text.truncated', `${input.name}: only the first ${bytes.length} of ${input.source.size} bytes were read for text`);

    const metadata: MetadataEntry[] = [{ source: 'text', key: 'charset', value: decoded.charset }];
    if (declared) metadata.push({ source: 'text', key: 'declared-charset', value: declared });
    if (scan.title) metadata.push({ source: 'html', key: 'title', value: scan.title });
    for (const m of scan.metas) metadata.push({ source: 'html', key: m.key, value: m.value });

    const software: SoftwareClaim[] = [];
    const people: PersonClaim[] = [];
    const dates: ClaimedDate[] = [];
    for (const m of scan.metas) {
      const key = m.key.toLowerCase();
      const value = m.value.trim();
      if (!value) continue;
      if (key === 'generator' || key === 'progid' || key === 'originator')
        software.push({ role: 'creator', value, source: `html:${m.key}` });
      else if (key === 'author' || key === 'dc.creator' || key === 'article:author')
        people.push({ role: 'author', name: value, source: `html:${m.key}` });
      else if (DATE_META[key]) dates.push(claimDate(DATE_META[key], `html:${m.key}`, value));
    }

    const body = converted.text.trim();
    const text = (scan.title ? `${scan.title}\n${body}` : body).slice(0, cap);
    const out: ExtractOutput = { kind: 'text', metadata, text, facts: { charset: decoded.charset, software, people, dates } };
    if (scan.title) out.title = scan.title;
    return out;
  },
};
