// 'pdf.info-xmp': the Info dictionary and the XMP packet state different things.
//
// The pairs are those of PDF/A-1 §6.7.3 (veraPDF rule set): CreationDate/xmp:CreateDate,
// ModDate/xmp:ModifyDate, Title/dc:title, Author/dc:creator, Subject/dc:description,
// Keywords/pdf:Keywords, Creator/xmp:CreatorTool, Producer/pdf:Producer. Dates are compared as
// instants (the same moment written in two zones is not a disagreement); text after Unicode
// normalisation and whitespace folding. A field present on one side only is not compared: most
// writers keep only one of the two.

import type { PdfFacts } from '../../model/facts.js';
import type { DocumentCheck, FindingDraft } from '../types.js';
import { DAY_MS, iso, parseAnyDate, slackMs, type Instant } from './claimed-dates.js';
import { oneSidedRewrite } from './pdf-info-rewrite.js';

interface Pair {
  info: string;
  xmp: string[];
  kind: 'date' | 'text' | 'list';
}

const PAIRS: Pair[] = [
  { info: 'CreationDate', xmp: ['xmp:CreateDate', 'xap:CreateDate'], kind: 'date' },
  { info: 'ModDate', xmp: ['xmp:ModifyDate', 'xap:ModifyDate'], kind: 'date' },
  { info: 'Title', xmp: ['dc:title'], kind: 'text' },
  { info: 'Author', xmp: ['dc:creator'], kind: 'list' },
  { info: 'Subject', xmp: ['dc:description'], kind: 'text' },
  { info: 'Keywords', xmp: ['pdf:Keywords'], kind: 'text' },
  { info: 'Creator', xmp: ['xmp:CreatorTool', 'xap:CreatorTool'], kind: 'text' },
  { info: 'Producer', xmp: ['pdf:Producer'], kind: 'text' },
];

function norm(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Entries of an XMP array property (rdf:Seq/Bag/Alt li items) read from the raw packet. */
export function xmpArrayItems(xmpRaw: string | undefined, prop: string): string[] | undefined {
  if (!xmpRaw) return undefined;
  const esc = prop.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const block = xmpRaw.match(new RegExp(`<${esc}(?:\\s[^>]*)?>([\\s\\S]*?)</${esc}>`));
  if (!block) return undefined;
  const items = [...block[1].matchAll(/<rdf:li(?:\s[^>]*)?>([\s\S]*?)<\/rdf:li>/g)].map((m) => decodeXml(m[1]));
  return items.length ? items : undefined;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

function xmpValue(pdf: PdfFacts, keys: string[]): { key: string; value: string } | undefined {
  for (const k of keys) if (pdf.xmp[k] !== undefined) return { key: k, value: pdf.xmp[k] };
  return undefined;
}

export function compareInfoXmp(pdf: PdfFacts): FindingDraft[] {
  const out: FindingDraft[] = [];
  if (Object.keys(pdf.xmp).length === 0) return out;
  for (const pair of PAIRS) {
    const infoVal = pdf.info[pair.info];
    const x = xmpValue(pdf, pair.xmp);
    if (infoVal === undefined || x === undefined) continue;
    if (pair.kind === 'date') {
      const a = parseAnyDate(infoVal);
      const b = parseAnyDate(x.value);
      if (!a || !b) {
        if (norm(infoVal) !== norm(x.value))
          out.push(textFinding(pair, x.key, infoVal, x.value, 'info', 'one of the two dates cannot be read'));
        continue;
      }
      const gap = Math.abs(a.ms - b.ms);
      if (Math.abs(Math.floor(a.ms / 1000) - Math.floor(b.ms / 1000)) * 1000 <= slackMs(a, b)) continue;
      // Seconds apart: the writer stamped the two copies at slightly different moments. Days apart,
      // the two copies tell two stories, unless the file shows who told each: a second writer that
      // names itself in one block only (Preview's AppendMode, a printer driver rewriting the XMP)
      // stamps its own date there, and a date the other block also holds under another name
      // (xmp:MetadataDate, the old pdf:ModDate) was not invented.
      const second = secondWriter(pdf);
      const alsoIn = gap > DAY_MS ? otherXmpDateAt(pdf, a, x.key) : undefined;
      const explained = second !== undefined || alsoIn !== undefined;
      const severity = gap <= 120_000 ? 'info' : gap <= DAY_MS || explained ? 'low' : 'medium';
      out.push({
        severity,
        message: `Info ${pair.info} and XMP ${x.key} are different moments, ${gap >= DAY_MS ? `${Math.round(gap / DAY_MS)} days` : `${Math.round(gap / 1000)} seconds`} apart.`,
        evidence: {
          field: pair.info,
          xmpKey: x.key,
          info: infoVal,
          xmp: x.value,
          infoUtc: iso(a.ms),
          xmpUtc: iso(b.ms),
          gapSeconds: Math.round(gap / 1000),
          infoZoned: a.zoned,
          xmpZoned: b.zoned,
          ...(second ? { secondWriter: second } : {}),
          ...(alsoIn ? { infoDateAlsoInXmp: alsoIn } : {}),
        },
      });
      continue;
    }
    if (pair.kind === 'list') {
      const items = xmpArrayItems(pdf.xmpRaw, x.key);
      if (items && items.length > 1) {
        out.push({
          severity: 'low',
          message: `XMP ${x.key} lists ${items.length} names where the Info ${pair.info} holds one value.`,
          evidence: { field: pair.info, xmpKey: x.key, info: infoVal, xmpItems: items.slice(0, 20) },
        });
        continue;
      }
    }
    if (norm(infoVal) === norm(x.value)) continue;
    // Author or Title edited in one place only is a hand edit; Producer/Creator drift is what
    // incremental updaters do routinely (they rewrite Info and leave XMP alone).
    const severity =
      pair.info === 'Producer' || pair.info === 'Creator' || pair.info === 'Keywords'
        ? 'low'
        : pair.info === 'Author' || pair.info === 'Title'
          ? 'low'
          : 'info';
    out.push(textFinding(pair, x.key, infoVal, x.value, severity));
  }
  // A person or a date changed on the Info side by a tool the file names: one medium finding in
  // place of the per-field ones it explains (docs/checks-documents.md, PDF metadata rewritten).
  const creator = pdf.xmp['dc:creator'];
  const rewrite = oneSidedRewrite(pdf, xmpArrayItems(pdf.xmpRaw, 'dc:creator') ?? (creator !== undefined ? [creator] : []));
  if (!rewrite) return out;
  const folded = new Set<unknown>(rewrite.fields);
  return [rewrite.finding, ...out.filter((f) => !folded.has(f.evidence.field))];
}

/** The Info block and the XMP packet name different writing programs: each was last written by another tool. */
function secondWriter(pdf: PdfFacts): { field: string; info: string; xmp: string } | undefined {
  for (const pair of PAIRS.filter((p) => p.info === 'Producer' || p.info === 'Creator')) {
    const info = pdf.info[pair.info];
    const x = xmpValue(pdf, pair.xmp);
    if (info !== undefined && x !== undefined && norm(info) !== '' && norm(x.value) !== '' && norm(info) !== norm(x.value))
      return { field: pair.info, info, xmp: x.value };
  }
  return undefined;
}

/** Another XMP date property (xmp:MetadataDate, pdf:ModDate...) holding the same instant as the Info date. */
function otherXmpDateAt(pdf: PdfFacts, at: Instant, compared: string): string | undefined {
  for (const [key, value] of Object.entries(pdf.xmp)) {
    if (key === compared || !/Date$/.test(key)) continue;
    const d = parseAnyDate(value);
    if (d && Math.abs(Math.floor(d.ms / 1000) - Math.floor(at.ms / 1000)) * 1000 <= slackMs(d, at)) return key;
  }
  return undefined;
}

function textFinding(
  pair: Pair,
  xmpKey: string,
  info: string,
  xmp: string,
  severity: FindingDraft['severity'],
  note?: string,
): FindingDraft {
  return {
    severity,
    message: `Info ${pair.info} "${info.slice(0, 60)}" differs from XMP ${xmpKey} "${xmp.slice(0, 60)}"${note ? ` (${note})` : ''}.`,
    evidence: { field: pair.info, xmpKey, info, xmp },
  };
}

export const pdfInfoXmp: DocumentCheck = {
  scope: 'document',
  id: 'pdf.info-xmp',
  version: 3,
  title: 'Info dictionary and XMP disagree',
  detects:
    'Dates (as instants), title, author, subject, keywords, creator tool or producer stated differently by the Info dictionary and the XMP metadata packet (the equivalences of PDF/A-1 §6.7.3); medium when the Author names another person or CreationDate moved by days and the file names the tool that changed one side: a PDF library in the Info Producer only, or an incremental update whose earlier revision still agrees with the other side.',
  whyForgersLeaveIt:
    'Editing metadata by hand or with a simple tool (PyPDF2, pdf-lib, pdftk, ExifTool) changes one copy and leaves the other, so the file tells two stories about its own origin; the library stamps its name in Producer, and an appended update keeps the earlier value inside the file.',
  innocentCauses: [
    'Very common and usually benign: many tools update only one of the two copies (incremental updaters rewrite Info and leave XMP).',
    'A later tool (Preview, PDFsharp, a printer driver) rewrites the Producer.',
    'A library that merges or stamps the file rewrites only Producer and ModDate (no person or date changed: low).',
    'Acrobat Document Properties rewrites both copies (no disagreement).',
    'Writers that stamp the two dates a second apart, or Info dates in local time without a zone (hours apart).',
    'A second program that names itself in one block only (Producer or Creator differ) stamps its own date there: dates then stay low.',
    'A metadata-only save that updates Info and xmp:MetadataDate but not xmp:ModifyDate.',
    'The author fixing the Title on one side, a PDF/A conversion rewriting the XMP with the same claims (low or nothing).',
    'Someone who handled the file setting Author or CreationDate with pdftk, ExifTool or a script on one side only; a merge copying one file’s Info and another’s XMP (these stay medium: ask who handled the file).',
  ],
  kinds: ['pdf'],
  run(doc) {
    return doc.facts.pdf ? compareInfoXmp(doc.facts.pdf) : [];
  },
};
