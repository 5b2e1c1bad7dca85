// RFC 5322 / MIME messages: our raw-header pass, a MIME structure scan, then mailparser for bodies
// and attachments; the raw bytes are never re-serialised (the DKIM check reads them as they are).

import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import type { EmailAttachmentFacts } from '../../model/facts-email.js';
import type { Limits } from '../../model/limits.js';
import { MIME } from '../mime.js';
import { toBuffer } from '../common/byte-source.js';
import { capText, factsFromHeaders, type HeaderFacts } from './header-facts.js';
import { scanMime } from './mime-scan.js';
import { htmlLimit, htmlToText } from '../text/html-text.js';
import { firstHeader, parseHeaderBlock, type HeaderBlock } from './raw-headers.js';
import { attachmentChild } from './attachment-child.js';
import { ExtractError, type ChildDocument, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

/** mailparser's per-part header budget: at least its 1 MiB default, more when limits allow longer lines. */
function headSizeLimit(limits: Limits): number {
  return Math.max(1 << 20, limits.maxHeaderBytes * 4);
}

/** Bytes read for the headers of a message too large to read whole. */
function headerProbeBytes(limits: Limits): number {
  return Math.max(4 << 20, limits.maxHeaderBytes * 16);
}

function reportHeaderProblems(block: HeaderBlock, ctx: ExtractContext, where: string): void {
  for (const t of block.truncated) {
    ctx.warn('limit-exceeded', `${where}: header ${t.name} is ${t.bytes} bytes, kept the first ${ctx.limits.maxHeaderBytes}`);
  }
  if (block.dropped > 0)
    ctx.warn('limit-exceeded', `${where}: ${block.dropped} headers beyond the first ${block.headers.length} were not kept`);
  if (block.malformed.length > 0) {
    ctx.warn(
      'malformed-header',
      `${where}: ${block.malformed.length} header line(s) are neither a header nor a continuation, first: ${JSON.stringify(block.malformed[0].slice(0, 80))}`,
    );
  }
}

/** Header facts of a parsed block, with what the block itself tells (cut headers, body offset). */
function blockFacts(block: HeaderBlock, rawSize: number): HeaderFacts {
  const hf = factsFromHeaders(block.headers, 'rfc822', rawSize, true);
  if (block.truncated.length > 0) hf.email.truncatedHeaders = block.truncated;
  if (block.bodyOffset !== undefined) hf.email.bodyOffset = block.bodyOffset;
  return hf;
}

/** The output we can give from headers alone (also the `partial` of a refused message). */
function headerOutput(hf: HeaderFacts): ExtractOutput {
  const subject = hf.email.subject;
  const out: ExtractOutput = {
    kind: 'email',
    metadata: hf.metadata,
    facts: { email: hf.email, dates: hf.dates, people: hf.people, software: hf.software },
  };
  if (subject !== undefined) {
    out.title = subject;
    out.text = subject;
  }
  return out;
}

function attachmentName(a: Attachment, index: number): string {
  if (a.filename && a.filename.trim() !== '') return a.filename;
  const ext = a.contentType === 'message/rfc822' ? '.eml' : '';
  return `attachment-${index + 1}${ext}`;
}

function attachmentFacts(a: Attachment, index: number): EmailAttachmentFacts {
  const f: EmailAttachmentFacts = {
    index,
    filename: a.filename ?? '',
    contentType: a.contentType,
    size: a.size,
    sha256: a.checksum,
  };
  if (a.contentDisposition) f.contentDisposition = a.contentDisposition;
  if (a.contentId) f.contentId = a.contentId;
  return f;
}

function* attachmentChildren(attachments: Attachment[], limits: Limits): Iterable<ChildDocument> {
  for (let i = 0; i < attachments.length; i++) {
    const a = attachments[i];
    yield attachmentChild(i, attachmentName(a, i), a.content, a.size, limits);
  }
}

async function extractEmail(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
  const { source } = input;
  const limits = ctx.limits;
  const where = input.name;

  if (source.size > limits.maxWholeFileBytes) {
    // Too large to decode: describe it from its headers and say why the rest is missing.
    const head = await source.read(0, Math.min(source.size, headerProbeBytes(limits)));
    const block = parseHeaderBlock(head, limits.maxHeaderBytes);
    reportHeaderProblems(block, ctx, where);
    const hf = blockFacts(block, source.size);
    throw new ExtractError(
      'limit-exceeded',
      `${where}: message of ${source.size} bytes is larger than the ${limits.maxWholeFileBytes}-byte whole-read limit; headers only`,
      headerOutput(hf),
    );
  }

  const buf = await toBuffer(source);
  const block = parseHeaderBlock(buf, limits.maxHeaderBytes);
  reportHeaderProblems(block, ctx, where);
  const hf = blockFacts(block, buf.length);
  const email = hf.email;

  // Structure first: refuse what mailparser could not survive, before it sees it.
  const scan = scanMime(buf, firstHeader(block.headers, 'Content-Type')?.raw, block.bodyOffset ?? buf.length, limits);
  email.boundaries = scan.boundaries.slice(0, limits.maxMimeParts);
  email.mimeParts = scan.parts;
  email.mimeDepth = scan.depth;
  if (scan.exceeded) {
    const { limit, value, offset } = scan.exceeded;
    throw new ExtractError(
      'limit-exceeded',
      `${where}: MIME structure exceeds ${limit} (${value} > ${limits[limit]}) at byte ${offset}; body and attachments not decoded`,
      headerOutput(hf),
    );
  }
  if (block.headerLength > headSizeLimit(limits)) {
    ctx.warn(
      'limit-exceeded',
      `${where}: header block of ${block.headerLength} bytes exceeds ${headSizeLimit(limits)}; body and attachments not decoded`,
    );
    return headerOutput(hf);
  }
  if (ctx.signal.aborted) throw new ExtractError('timeout', `${where}: stopped before MIME decoding`, headerOutput(hf));

  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(buf, {
      // Attached messages become child documents with their own extraction.
      ignoreEmbedded: true,
      // No data: URLs (memory), no generated HTML, no linkification: we only read.
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
      checksumAlgo: 'sha256',
      maxHeadSize: headSizeLimit(limits),
      maxChildNodes: limits.maxMimeParts,
      maxHtmlLengthToParse: htmlLimit(limits),
    });
  } catch (e) {
    ctx.warn('corrupt', `${where}: MIME decoding failed (${(e as Error).message}); headers kept, body and attachments not decoded`);
    return headerOutput(hf);
  }
  if (parsed.textConversionError) {
    ctx.warn('html-to-text', `${where}: HTML body not converted to text (${parsed.textConversionError.message})`);
  }

  let body = parsed.text ?? '';
  const html = typeof parsed.html === 'string' ? parsed.html : '';
  if (body.trim() === '' && html !== '' && !parsed.textConversionError) {
    // mailparser leaves HTML-only multipart/related messages without text: convert as it would.
    const converted = htmlToText(html, htmlLimit(limits));
    body = converted.text;
    if (converted.error) ctx.warn('html-to-text', `${where}: HTML body not converted to text (${converted.error})`);
  }
  if (body !== '') email.text = capText(body, limits.maxTextChars);
  if (html !== '') email.html = capText(html, limits.maxTextChars);

  const attachments = parsed.attachments.slice(0, limits.maxMimeParts);
  email.attachments = attachments.map(attachmentFacts);

  const out = headerOutput(hf);
  const text = [email.subject ?? '', body].filter((s) => s !== '').join('\n\n');
  if (text !== '') out.text = capText(text, limits.maxTextChars);
  if (attachments.length > 0) out.children = attachmentChildren(attachments, limits);
  return out;
}

export const emailExtractor: Extractor = {
  id: 'email.rfc822',
  version: 1,
  kind: 'email',
  container: true,
  mimes: [MIME.eml],
  extract: extractEmail,
};
