// PDF: Info, XMP, structure (revisions, signatures, active content, fonts) and page text; pdf.js
// for what a viewer sees, PDFium for the bulk text, the structure reader for the layer it hides
// (docs/extract.md).

import type { MetadataEntry } from '../../model/document.js';
import type { ClaimedDate, Facts, FontClaim, PersonClaim, SoftwareClaim } from '../../model/facts.js';
import type { PdfFacts } from '../../model/facts-pdf.js';
import type { Limits } from '../../model/limits.js';
import { MIME } from '../mime.js';
import { claimDate, parseIsoDate, parsePdfDate, type ParsedDate } from '../../shared/dates.js';
import { readPdfStructure } from './structure.js';
import type { PdfStructure } from './structure-model.js';
import { openPdf, PdfPasswordError } from './pdfjs.js';
import { readDocumentText } from './pdf-text.js';
import { newestUpdatePages, recordTextChanges, type TextChangeOptions } from './text-changes.js';
import { decodeXmpBytes, readXmp, xmpList, type XmpFacts } from '../xmp/xmp.js';
import { ExtractError, type ExtractContext, type ExtractInput, type ExtractOutput, type Extractor } from '../types.js';

/** Raw XMP kept in the facts (a packet is a few KB; some writers pad or bloat it). */
const MAX_XMP_RAW = 256 << 10;
/** Longest metadata value kept (a Keywords or Subject can be long; a blob in Info is not metadata). */
const MAX_VALUE_CHARS = 8192;
/** Info keys pdf.js hands back as fields of its own (the rest come under 'Custom'). */
const INFO_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate', 'Trapped'];

export const pdfExtractor: Extractor = {
  id: 'pdf',
  version: 1,
  kind: 'pdf',
  container: false,
  mimes: [MIME.pdf],
  async extract(input: ExtractInput, ctx: ExtractContext): Promise<ExtractOutput> {
    const bytes = await input.source.readAll();
    return extractPdf(bytes, input.name, ctx);
  },
};

/** Objects the structure reader inspects, tied to the page limit (a page has tens of objects). */
export function structureOptions(limits: Limits): { maxObjects: number } {
  return { maxObjects: Math.max(10_000, limits.maxPdfPages * 100) };
}

/** What pdf.js reads of a document: Info, XMP, page count and text, or why it could not. */
interface PdfjsReading {
  info: Record<string, string>;
  xmpText?: string;
  pageCount?: number;
  text: string;
  textPages?: number;
  textErrors?: number;
  openError?: string;
  passwordProtected: boolean;
  /** The signal fired while pdf.js was reading. */
  stopped?: boolean;
  /** The signal fired while the revisions' texts were compared. */
  comparisonStopped?: boolean;
}

const STOPPED: Readonly<PdfjsReading> = { info: {}, text: '', passwordProtected: false, stopped: true };

async function readWithPdfjs(bytes: Uint8Array, fileName: string, structure: PdfStructure, ctx: ExtractContext): Promise<PdfjsReading> {
  const r: PdfjsReading = { info: {}, text: '', passwordProtected: false };
  // What each incremental update did to the pages' text (set on the revisions, the facts' own
  // objects). The whole file is the newest revision when only whitespace follows it: the pages
  // that revision redefined are read once, with the document's text.
  const updated = structure.revisions.length > 1;
  const reuse = updated && !structure.trailingData;
  const compare = (opt: Partial<TextChangeOptions>) =>
    recordTextChanges(bytes, structure.revisions, structure.revisionPages, { limits: ctx.limits, signal: ctx.signal, ...opt });
  try {
    const { doc, close } = await openPdf(bytes, ctx.signal);
    try {
      r.pageCount = doc.numPages;
      try {
        const meta = await doc.getMetadata();
        r.info = pdfjsInfo(meta.info as Record<string, unknown>);
        r.xmpText = meta.metadata?.getRaw() ?? undefined;
      } catch (e) {
        ctx.warn('corrupt', `${fileName}: Info/XMP unreadable by pdf.js: ${(e as Error).message}`);
      }
      const lines = reuse ? newestUpdatePages(structure.revisions, structure.revisionPages) : undefined;
      const mayHaveText = structure.fonts.length > 0 || structure.encrypted || structure.warnings.length > 0;
      const t = await readDocumentText(bytes, doc, fileName, ctx.limits, { signal: ctx.signal, linesOf: lines, mayHaveText });
      r.text = t.text;
      r.textPages = t.pages;
      r.textErrors = t.errors;
      if (t.errors) ctx.warn('corrupt', `${fileName}: text of ${t.errors} page(s) could not be read`);
      if (updated) r.comparisonStopped = (await compare(reuse ? { newest: { doc, lines: t.lines } } : {})).stopped;
    } finally {
      await close();
    }
  } catch (e) {
    if (ctx.signal.aborted) return STOPPED;
    if (e instanceof PdfPasswordError) r.passwordProtected = true;
    else r.openError = (e as Error).message || String(e);
    // (a file pdf.js cannot open whole may still open cut at an earlier save)
    if (updated) r.comparisonStopped = (await compare({ passwordProtected: r.passwordProtected })).stopped;
  }
  return r;
}

export async function extractPdf(bytes: Uint8Array, fileName: string, ctx: ExtractContext): Promise<ExtractOutput> {
  const structure = readPdfStructure(bytes, structureOptions(ctx.limits));
  // Stopped (the deadline passed): what the structure reader found is still the output.
  const viewed = ctx.signal.aborted ? STOPPED : await readWithPdfjs(bytes, fileName, structure, ctx);
  const { pageCount, text, textPages, textErrors, openError, passwordProtected } = viewed;
  const info = { ...viewed.info };
  let xmpText = viewed.xmpText;

  // Info: pdf.js decodes (and decrypts) it; keys it drops (non-string values, odd types) and
  // files it cannot open fall back to the structure reader's reading of the same dictionary.
  for (const [k, v] of Object.entries(structure.info)) if (!(k in info)) info[k] = v;
  // XMP: the stream's own bytes when readable without decryption (pdf.js "repairs" the text
  // and drops packets not typed /Subtype /XML), else what pdf.js decrypted.
  if (structure.xmp) xmpText = decodeXmpBytes(structure.xmp);

  let xmp: XmpFacts | undefined;
  let xmpError: string | undefined;
  if (xmpText !== undefined && xmpText.trim() !== '') {
    try {
      xmp = readXmp(xmpText);
    } catch (e) {
      xmpError = (e as Error).message;
      ctx.warn('corrupt', `${fileName}: XMP packet is not well-formed: ${xmpError}`);
    }
  }

  const pdf = buildFacts(structure, info, xmp, {
    xmpRaw: xmpText?.slice(0, MAX_XMP_RAW),
    xmpError,
    pageCount,
    passwordProtected,
    openError,
    textChars: text.length,
    textPages,
    textErrors,
  });
  const facts: Facts = {
    pdf,
    dates: claimedDates(info, xmp, pdf),
    people: people(info, xmp),
    software: software(info, xmp),
    fonts: fonts(structure),
  };
  const out: ExtractOutput = {
    kind: 'pdf',
    metadata: metadataEntries(pdf, info, xmp),
    title: firstNonEmpty(info.Title, xmp ? xmpList(xmp, 'dc:title')[0] : undefined),
    facts,
  };
  if (text) out.text = text;
  // One line for the findings; the full list is in facts.pdf.structureWarnings.
  if (structure.warnings.length) {
    const n = structure.warnings.length;
    ctx.warn('structure', `${fileName}: ${n} structure problem${n > 1 ? 's' : ''}, first: ${structure.warnings[0]}`);
  }

  if (passwordProtected) {
    throw new ExtractError(
      'encrypted',
      `${fileName}: a user password is needed to open this PDF; structure, signatures and unencrypted metadata kept`,
      out,
    );
  }
  if (openError !== undefined) {
    const notPdf = structure.headerOffset === null;
    throw new ExtractError(
      notPdf ? 'unsupported' : 'corrupt',
      `${fileName}: pdf.js could not open the file (${openError})${notPdf ? '; no %PDF- header' : ''}`,
      out,
    );
  }
  if (viewed.stopped)
    throw new ExtractError('timeout', `${fileName}: stopped before pdf.js had read the pages; the structure is kept`, out);
  if (viewed.comparisonStopped)
    throw new ExtractError('timeout', `${fileName}: stopped while comparing the text of its revisions; the rest is kept`, out);
  return out;
}

/** pdf.js's Info object back to strings as written (dates untouched, names without '/'). */
function pdfjsInfo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (k: string, v: unknown): void => {
    const s = valueText(v);
    if (s !== undefined) out[k] = s;
  };
  for (const k of INFO_KEYS) if (raw[k] !== undefined) put(k, raw[k]);
  const custom = raw.Custom as Record<string, unknown> | undefined;
  if (custom && typeof custom === 'object') for (const [k, v] of Object.entries(custom)) put(k, v);
  return out;
}

function valueText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string') return (v as { name: string }).name;
  return undefined;
}

interface Extra {
  xmpRaw?: string;
  xmpError?: string;
  pageCount?: number;
  passwordProtected: boolean;
  openError?: string;
  textChars: number;
  textPages?: number;
  textErrors?: number;
}

function buildFacts(s: PdfStructure, info: Record<string, string>, xmp: XmpFacts | undefined, x: Extra): PdfFacts {
  const pdf: PdfFacts = {
    headerVersion: s.headerVersion,
    catalogVersion: s.catalogVersion,
    pageCount: x.pageCount ?? s.pageCount,
    encrypted: s.encrypted || x.passwordProtected,
    encryption: s.encryption,
    info,
    xmpRaw: x.xmpRaw,
    xmp: xmp?.fields ?? {},
    xmpHistory: (xmp?.history ?? []).map(({ parameters: _p, ...e }) => e),
    trailerId: s.trailerId,
    revisions: s.revisions,
    signatures: s.signatures,
    javascript: s.javascript,
    launchActions: s.launchActions,
    openAction: s.openAction,
    embeddedFiles: s.embeddedFiles,
    jbig2Images: s.jbig2Images,
    annotations: s.annotations,
    forms: s.forms,
    trailingBytes: s.trailingBytes,
    trailingData: s.trailingData,
    structureWarnings: s.warnings,
    textChars: x.textChars,
    linearized: s.linearized,
    eofOffsets: s.eofOffsets.slice(0, 1000),
  };
  if (xmp?.toolkit !== undefined) pdf.xmp['x:xmptk'] = xmp.toolkit;
  if (x.passwordProtected) pdf.passwordProtected = true;
  if (x.openError !== undefined) pdf.openError = x.openError;
  if (x.xmpError !== undefined) pdf.xmpError = x.xmpError;
  if (x.textPages !== undefined) pdf.textPages = x.textPages;
  if (x.textErrors) pdf.textErrors = x.textErrors;
  return pdf;
}

const XMP_DATES: [key: string, role: string][] = [
  ['xmp:CreateDate', 'created'],
  ['xmp:ModifyDate', 'modified'],
  ['xmp:MetadataDate', 'metadata'],
];

/**
 * A date where PDF syntax belongs (Info, a signature's /M) or ISO 8601 (XMP), read by what it is:
 * writers put either in either place. Read as a PDF date, '2015-03-10T17:19:21+01:00' would be the
 * year 2015 with the zone '-03' (2015-01-01T03:00Z); read as ISO, "D:2015-03-10T17:19:21+01'00'"
 * (an ISO date behind a PDF prefix) would be nothing.
 */
function pdfOrIsoDate(raw: string): ParsedDate {
  const t = raw.trim();
  const iso = /^(?:D:)?\d{4}-\d{2}/.test(t);
  return iso ? parseIsoDate(t.replace(/^D:/, '').replace(/([+-]\d{2})'(\d{2})'?$/, '$1:$2')) : parsePdfDate(t);
}

function claimedDates(info: Record<string, string>, xmp: XmpFacts | undefined, pdf: PdfFacts): ClaimedDate[] {
  const out: ClaimedDate[] = [];
  if (info.CreationDate) out.push(claimDate('created', 'pdf.info:CreationDate', info.CreationDate, pdfOrIsoDate));
  if (info.ModDate) out.push(claimDate('modified', 'pdf.info:ModDate', info.ModDate, pdfOrIsoDate));
  for (const [key, role] of XMP_DATES) {
    const v = xmp?.fields[key];
    if (v) out.push(claimDate(role, `pdf.xmp:${key}`, v, v.trim().startsWith('D:') ? pdfOrIsoDate : parseIsoDate));
  }
  for (const sig of pdf.signatures) {
    if (sig.signingTimeRaw) out.push(claimDate('signed', 'pdf.sig:M', sig.signingTimeRaw, pdfOrIsoDate));
  }
  return out;
}

function people(info: Record<string, string>, xmp: XmpFacts | undefined): PersonClaim[] {
  const out: PersonClaim[] = [];
  if (info.Author?.trim()) out.push({ role: 'author', name: info.Author, source: 'pdf.info:Author' });
  for (const c of xmp ? xmpList(xmp, 'dc:creator') : []) if (c.trim()) out.push({ role: 'author', name: c, source: 'pdf.xmp:dc:creator' });
  return out;
}

function software(info: Record<string, string>, xmp: XmpFacts | undefined): SoftwareClaim[] {
  const out: SoftwareClaim[] = [];
  const add = (role: string, source: string, value: string | undefined): void => {
    if (value?.trim()) out.push({ role, value, source });
  };
  add('producer', 'pdf.info:Producer', info.Producer);
  add('creator', 'pdf.info:Creator', info.Creator);
  add('producer', 'pdf.xmp:pdf:Producer', xmp?.fields['pdf:Producer']);
  add('creator', 'pdf.xmp:xmp:CreatorTool', xmp?.fields['xmp:CreatorTool']);
  add('xmp-toolkit', 'pdf.xmp:x:xmptk', xmp?.toolkit);
  // Tools that saved the document along the way, as the XMP edit history names them.
  const agents = new Set((xmp?.history ?? []).map((e) => e.softwareAgent).filter((a): a is string => !!a?.trim()));
  for (const a of agents) add('history-agent', 'pdf.xmp:xmpMM:History/stEvt:softwareAgent', a);
  return out;
}

function fonts(s: PdfStructure): FontClaim[] {
  const seen = new Set<string>();
  const out: FontClaim[] = [];
  for (const f of s.fonts) {
    const key = `${f.name}|${f.embedded}|${f.subset}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name: f.name, embedded: f.embedded, subset: f.subset, source: 'pdf.font' });
  }
  return out;
}

function metadataEntries(pdf: PdfFacts, info: Record<string, string>, xmp: XmpFacts | undefined): MetadataEntry[] {
  const out: MetadataEntry[] = [];
  const add = (source: string, key: string, value: string | number | boolean | undefined): void => {
    if (value === undefined) return;
    const v = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    out.push({ source, key, value: v.length > MAX_VALUE_CHARS ? v.slice(0, MAX_VALUE_CHARS) : v });
  };
  add('pdf', 'Version', pdf.headerVersion);
  add('pdf', 'CatalogVersion', pdf.catalogVersion);
  add('pdf', 'Pages', pdf.pageCount);
  add('pdf', 'Encrypted', pdf.encrypted);
  if (pdf.encryption) {
    const e = pdf.encryption;
    add(
      'pdf',
      'Encryption',
      [
        e.filter,
        e.v !== undefined ? `V${e.v}` : '',
        e.r !== undefined ? `R${e.r}` : '',
        e.method ?? '',
        e.keyBits ? `${e.keyBits}-bit` : '',
      ]
        .filter(Boolean)
        .join(' '),
    );
    if (e.keyFrom) add('pdf', 'EncryptionKey', e.keyFrom);
  }
  if (pdf.passwordProtected) add('pdf', 'PasswordProtected', true);
  add('pdf', 'Linearized', pdf.linearized);
  add('pdf', 'Revisions', pdf.revisions.length);
  add('pdf', 'Signatures', pdf.signatures.length);
  if (pdf.trailerId) add('pdf', 'ID', `${pdf.trailerId[0]} ${pdf.trailerId[1]}`);
  add('pdf', 'TrailingBytes', pdf.trailingBytes);
  add('pdf', 'JavaScript', pdf.javascript);
  add('pdf', 'LaunchActions', pdf.launchActions);
  add('pdf', 'OpenAction', pdf.openAction);
  add('pdf', 'EmbeddedFiles', pdf.embeddedFiles);
  add('pdf', 'Annotations', pdf.annotations);
  add('pdf', 'AcroForm', pdf.forms);
  add('pdf', 'JBIG2Images', pdf.jbig2Images);
  for (const [k, v] of Object.entries(info)) add('pdf.info', k, v);
  if (xmp) {
    if (xmp.toolkit !== undefined) add('pdf.xmp', 'x:xmptk', xmp.toolkit);
    for (const p of xmp.properties) add('pdf.xmp', p.key, p.value);
  }
  return out;
}

function firstNonEmpty(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v.trim() !== '');
}
