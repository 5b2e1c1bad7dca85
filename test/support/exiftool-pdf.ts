// Compare the PDF extractor's output with ExifTool's recorded reading of the same file
// (test/fixtures/expected/exiftool-pdf.json, made by scripts/record-exiftool-pdf.sh).
//
// ExifTool rewrites some values into its own representation even with -n; those rewrites are
// undone here by rule, not per file:
//   - dates: ExifTool prints PDF dates 'D:20110917125915Z00'00'' as '2011:09:17 12:59:15Z' and XMP
//     dates '2022-06-22T15:23:43+05:30' as '2022:06:22 15:23:43+05:30'; Verity keeps the raw
//     value, which is converted with ExifTool's own rules (PDF.pm ConvertPDFDate, XMP.pm
//     ConvertXMPDate) before comparing;
//   - numbers: with -n a numeric-looking value ('1', '2.0') is emitted as a JSON number;
//   - lists: a multi-valued XMP property is a JSON array (a single one a plain value);
//   - XMP values are compared trimmed: Verity's XMP reader (extract/xmp/packet.ts) trims text,
//     ExifTool keeps e.g. the trailing spaces of x:xmptk;
//   - ExifTool drops trailing NUL characters (the C-string terminator ImageMagick writes into
//     Info strings); Verity keeps the value as written;
//   - an empty rdf:Seq/Bag is '' for ExifTool and no value at all for Verity;
//   - a property written twice in one packet: ExifTool's JSON keeps one of the values (duplicate
//     keys collapse), so it agrees when it is one of Verity's values.
import type { PdfFacts } from '../../src/model/facts-pdf.js';

type ExifValue = string | number | boolean | (string | number)[];
export type ExifRecord = Record<string, ExifValue>;

interface Field {
  /** Verity's name: 'info:Producer', 'xmp:xmp:CreateDate'. */
  verity: string;
  /** ExifTool's -G1 tag. */
  exiftool: string;
  kind: 'text' | 'pdf-date' | 'xmp-date' | 'list' | 'xmp-text';
}

const FIELDS: Field[] = [
  { verity: 'info:Producer', exiftool: 'PDF:Producer', kind: 'text' },
  { verity: 'info:Creator', exiftool: 'PDF:Creator', kind: 'text' },
  { verity: 'info:Author', exiftool: 'PDF:Author', kind: 'text' },
  { verity: 'info:Title', exiftool: 'PDF:Title', kind: 'text' },
  { verity: 'info:CreationDate', exiftool: 'PDF:CreateDate', kind: 'pdf-date' },
  { verity: 'info:ModDate', exiftool: 'PDF:ModifyDate', kind: 'pdf-date' },
  { verity: 'xmp:xmp:CreateDate', exiftool: 'XMP-xmp:CreateDate', kind: 'xmp-date' },
  { verity: 'xmp:xmp:ModifyDate', exiftool: 'XMP-xmp:ModifyDate', kind: 'xmp-date' },
  { verity: 'xmp:xmp:MetadataDate', exiftool: 'XMP-xmp:MetadataDate', kind: 'xmp-date' },
  { verity: 'xmp:xmp:CreatorTool', exiftool: 'XMP-xmp:CreatorTool', kind: 'xmp-text' },
  { verity: 'xmp:pdf:Producer', exiftool: 'XMP-pdf:Producer', kind: 'xmp-text' },
  { verity: 'xmp:dc:creator', exiftool: 'XMP-dc:Creator', kind: 'list' },
  { verity: 'xmp:dc:title', exiftool: 'XMP-dc:Title', kind: 'list' },
  { verity: 'xmp:xmpMM:DocumentID', exiftool: 'XMP-xmpMM:DocumentID', kind: 'xmp-text' },
  { verity: 'xmp:xmpMM:InstanceID', exiftool: 'XMP-xmpMM:InstanceID', kind: 'xmp-text' },
  { verity: 'xmp:x:xmptk', exiftool: 'XMP-x:XMPToolkit', kind: 'xmp-text' },
  { verity: 'xmp:pdfaid:part', exiftool: 'XMP-pdfaid:Part', kind: 'xmp-text' },
  { verity: 'xmp:pdfaid:conformance', exiftool: 'XMP-pdfaid:Conformance', kind: 'xmp-text' },
  { verity: 'history:action', exiftool: 'XMP-xmpMM:HistoryAction', kind: 'list' },
  { verity: 'history:when', exiftool: 'XMP-xmpMM:HistoryWhen', kind: 'list' },
  { verity: 'history:softwareAgent', exiftool: 'XMP-xmpMM:HistorySoftwareAgent', kind: 'list' },
];

/** ExifTool's PDF.pm ConvertPDFDate: 'D:YYYYMMDDHHmmSS+hh'mm'' → 'YYYY:MM:DD HH:mm:SS+hh:mm'. */
export function pdfDateAsExiftool(raw: string): string {
  let date = raw.replace(/^D:/, '');
  const def = '00000101000000';
  if (date.length < def.length) date += def.slice(date.length);
  const m = date.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(.*)/s);
  if (!m) return raw;
  let out = `${m[1]}:${m[2]}:${m[3]} ${m[4]}:${m[5]}:${m[6]}`;
  const tz = m[7];
  if (tz) {
    let z: RegExpMatchArray | null;
    if (/^\s*Z/i.test(tz)) out += 'Z';
    else if ((z = tz.match(/^\s*([-+])\s*(\d+)[': ]+(\d*)/))) out += `${z[1]}${z[2]}:${z[3] || '00'}`;
  }
  return out;
}

/** ExifTool's XMP.pm ConvertXMPDate. */
export function xmpDateAsExiftool(v: string): string {
  const m = v.match(/^(\d{4})-(\d{2})-(\d{2}T\d{2}:\d{2})(:\d{2})?(\S*)$/);
  if (m) return `${m[1]}:${m[2]}:${m[3]}${m[4] ?? ''}${m[5]}`.replace('T', ' ');
  if (/^(\d{4})(-\d{2}){0,2}/.test(v)) return v.replace(/-/g, ':');
  return v;
}

/** Verity's values of a field, as a list (empty = absent). */
function verityValues(pdf: PdfFacts, lists: Record<string, string[]>, f: Field): string[] {
  const [where, ...rest] = f.verity.split(':');
  const key = rest.join(':');
  if (where === 'info') return pdf.info[key] !== undefined ? [pdf.info[key]] : [];
  if (where === 'history') {
    return pdf.xmpHistory.map((e) => (e as Record<string, string | undefined>)[key]).filter((v): v is string => v !== undefined);
  }
  if (lists[key]) return lists[key];
  return pdf.xmp[key] !== undefined ? [pdf.xmp[key]] : [];
}

function sameScalar(ours: string, theirs: string | number | boolean, f: Field): boolean {
  if (typeof theirs === 'number') return ours.trim() !== '' && Number(ours) === theirs;
  if (typeof theirs === 'boolean') return ours.toLowerCase() === String(theirs);
  let o = f.kind === 'text' ? ours.replace(/\0+$/, '') : ours;
  if (f.kind === 'pdf-date') o = pdfDateAsExiftool(ours);
  if (f.kind === 'xmp-date' || f.verity === 'history:when') o = xmpDateAsExiftool(ours.trim());
  if (f.kind === 'xmp-text' || f.kind === 'xmp-date' || f.kind === 'list') return o.trim() === String(theirs).trim();
  return o === theirs;
}

export interface Comparison {
  field: string;
  ours: string[];
  theirs: ExifValue;
  agree: boolean;
}

/** Compare every field ExifTool reported. Fields ExifTool did not report are not compared. */
export function compareWithExiftool(pdf: PdfFacts, lists: Record<string, string[]>, exif: ExifRecord): Comparison[] {
  const out: Comparison[] = [];
  for (const f of FIELDS) {
    const theirs = exif[f.exiftool];
    if (theirs === undefined) continue;
    const ours = verityValues(pdf, lists, f);
    const tl = Array.isArray(theirs) ? theirs : [theirs];
    // dc:title: ExifTool reports the x-default alternative; Verity's first alternative is it
    const oursCmp = f.verity === 'xmp:dc:title' ? ours.slice(0, 1) : ours;
    let agree = oursCmp.length === tl.length && oursCmp.every((v, i) => sameScalar(v, tl[i], f));
    if (!agree && oursCmp.length === 0 && tl.length === 1 && tl[0] === '') agree = true;
    if (!agree && f.kind !== 'list' && !Array.isArray(theirs) && oursCmp.length > 1) agree = oursCmp.some((v) => sameScalar(v, theirs, f));
    out.push({ field: f.verity, ours, theirs, agree });
  }
  return out;
}
