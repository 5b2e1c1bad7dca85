// Recognising software from the strings documents carry (PDF Producer/Creator, XMP CreatorTool, OOXML
// Application + AppVersion, ODF meta:generator, EXIF Software) and dating it with software.ts.
// Patterns were written against the ~280 real producer strings of the pdf.js corpus and the
// generator strings listed in LibreOffice's xmloff/qa/unit/uxmloff.cxx (field survey T3).

import {
  ADOBE_ACROBAT,
  GHOSTSCRIPT,
  GIMP,
  ITEXT_ROWS,
  LIBREOFFICE,
  MACOS,
  MICROSOFT_OFFICE,
  MICROSOFT_OFFICE_YEARS,
  OPENOFFICE,
  PDFTEX,
  PHOTOSHOP,
  WINDOWS,
  findRelease,
  type ReleaseRow,
} from './software.js';

export interface SoftwareIdentity {
  /** Product family, e.g. 'Microsoft Office', 'Adobe Acrobat', 'macOS', 'pdfTeX'. */
  product: string;
  /** Component named by the string ('Word', 'Distiller', 'Quartz PDFContext', 'Preview AppendMode'). */
  component?: string;
  /** Version as read from the string (normalised: '12.0', '10.15.6', '1.40.21'). */
  version?: string;
  /** The release row that bounds this version from below, when the table knows it. */
  release?: ReleaseRow;
  /** True when the row is this exact version; false when it is the nearest lower listed version. */
  exactRelease?: boolean;
  /** When the date comes from a copyright year written in the string itself. */
  copyrightYear?: number;
}

interface Rule {
  re: RegExp;
  make(m: RegExpMatchArray, appVersion?: string): SoftwareIdentity | null;
}

function dated(product: string, rows: readonly ReleaseRow[], version: string | undefined, component?: string): SoftwareIdentity {
  const id: SoftwareIdentity = { product, version, component };
  if (version) {
    const hit = findRelease(rows, version);
    if (hit) {
      id.release = hit.row;
      id.exactRelease = hit.exact;
    }
  }
  return id;
}

/** '12.0000' -> '12.0'; '16.0300' -> '16.0'. */
function officeInternalVersion(v: string | undefined): string | undefined {
  const m = v?.trim().match(/^(\d{1,2})\.\d+/);
  return m ? `${Number(m[1])}.0` : undefined;
}

const MS_APP = '(Word|Excel|PowerPoint|Outlook|Publisher|Visio|Access|OneNote|Project)';

// Ordered: the first matching rule wins. Tools that modify a file write "X; modified using Y": the
// string is split on that phrase before matching (see identifyAll).
const RULES: Rule[] = [
  // Microsoft® Word for Microsoft 365 / for Office 365 / für Microsoft 365
  {
    re: new RegExp(`Microsoft®?\\s*(?:Office\\s*)?${MS_APP}®?\\s+(?:for|für|pour|para|per)\\s+(Microsoft|Office)\\s*365`, 'i'),
    make: (m) => dated('Microsoft Office', MICROSOFT_OFFICE_YEARS, m[2].toLowerCase() === 'office' ? 'Office 365' : 'Microsoft 365', m[1]),
  },
  // Microsoft® Word 2016, Microsoft® Excel® 2016, Microsoft® Office Word 2007
  {
    re: new RegExp(`Microsoft®?\\s*(?:Office\\s*)?${MS_APP}®?\\s+(20\\d\\d)\\b`, 'i'),
    make: (m) => dated('Microsoft Office', MICROSOFT_OFFICE_YEARS, m[2], m[1]),
  },
  // Microsoft Word 8.0 / Microsoft Excel 9.0 (Creator written by PDFMaker and OLE-era tools)
  {
    re: new RegExp(`Microsoft\\s+${MS_APP}\\s+(\\d{1,2})\\.0\\b`, 'i'),
    make: (m) => dated('Microsoft Office', MICROSOFT_OFFICE, `${Number(m[2])}.0`, m[1]),
  },
  // ODF generator of MS Office: MicrosoftOffice/12.0 MicrosoftExcel/...
  { re: /MicrosoftOffice\/(\d{1,2})\.\d+/, make: (m) => dated('Microsoft Office', MICROSOFT_OFFICE, `${Number(m[1])}.0`) },
  // OOXML app.xml Application 'Microsoft Office Word' / 'Microsoft Excel' + AppVersion '12.0000'
  {
    re: new RegExp(`^Microsoft\\s+(?:Office\\s+)?${MS_APP}$`, 'i'),
    make: (m, appVersion) => {
      const v = officeInternalVersion(appVersion);
      return v ? dated('Microsoft Office', MICROSOFT_OFFICE, v, m[1]) : { product: 'Microsoft Office', component: m[1] };
    },
  },
  // Acrobat Distiller 10.1.16 (Windows), Acrobat PDFMaker 9.0 for Word, Acrobat Web Capture 10.0,
  // Adobe Acrobat Pro DC (64-bit) 22.1.20117, Adobe Acrobat 25.1.20529, Acrobat Pro 24.1.20643
  {
    re: /\b(?:Adobe\s+)?Acrobat\s+(Distiller|PDFMaker|Web Capture|PDFWriter|Pro(?:\s+DC)?|Standard(?:\s+DC)?|Reader(?:\s+DC)?|DC)?\s*(?:\((?:32|64)-bit\)\s*)?(\d{1,2})(?:\.(\d+))?(?:\.\d+)*/i,
    make: (m) => {
      const major = Number(m[2]);
      if (m[1] === 'PDFWriter') return { product: 'Adobe Acrobat', component: 'PDFWriter', version: m[2] + (m[3] ? '.' + m[3] : '') };
      return { ...dated('Adobe Acrobat', ADOBE_ACROBAT, String(major), m[1] ?? 'Acrobat'), version: m[2] + (m[3] ? '.' + m[3] : '') };
    },
  },
  // Adobe PDF Library 15.0 / 9.90 / 25.1.108 (the library follows Acrobat's major version)
  {
    re: /Adobe PDF Library\s+(\d{1,2})\.(\d+)/i,
    make: (m) => {
      const major = Number(m[1]);
      const id: SoftwareIdentity = { product: 'Adobe PDF Library', component: 'Adobe PDF Library', version: `${m[1]}.${m[2]}` };
      // The library shares Acrobat's major up to 11, 15 (DC) and the year-numbered majors from 20;
      // the majors in between follow InDesign/Illustrator builds and are left undated.
      const shared = major <= 11 || major === 15 || major >= 20;
      const hit = shared ? ADOBE_ACROBAT.find((r) => r.version === String(major)) : undefined;
      if (hit) {
        id.release = hit;
        id.exactRelease = false;
      }
      return id;
    },
  },
  // Mac OS X 10.7.5 Quartz PDFContext / macOS Version 10.14.5 (Build 18F132) Quartz PDFContext[, AppendMode 1.1]
  // Localised: 'macOS 版本12.5.1（版号21G83） Quartz PDFContext', 'macOS Version 12.3.1 (assemblage 21E258)'
  {
    re: /(?:Mac OS X|macOS)\s*(?:Version|版本|Versión|Versione|Versão)?\s*(\d{1,2})(?:\.(\d+))?(?:\.(\d+))?[^\n]*?Quartz PDFContext(,\s*AppendMode)?/i,
    make: (m) => {
      const major = Number(m[1]);
      const full = [m[1], m[2], m[3]].filter((x) => x !== undefined).join('.');
      const key = major === 10 ? `10.${m[2] ?? '0'}` : String(major);
      const id = dated('macOS', MACOS, key, m[4] ? 'Quartz PDFContext, AppendMode (Preview)' : 'Quartz PDFContext');
      id.version = full;
      return id;
    },
  },
  // LibreOffice 7.4 / LibreOffice/4.0.2.2$Windows_x86 LibreOffice_project/...
  { re: /LibreOffice(?:\s+|\/)(\d{1,2})\.(\d+)/i, make: (m) => dated('LibreOffice', LIBREOFFICE, `${m[1]}.${m[2]}`) },
  // OpenOffice.org 3.4.1, OpenOffice.org/2.4$Win32, OpenOffice 4.1.7, Apache OpenOffice 4.1
  { re: /OpenOffice(?:\.org)?(?:\s+|\/)(\d)\.(\d)/i, make: (m) => dated('OpenOffice', OPENOFFICE, `${m[1]}.${m[2]}`) },
  // pdfTeX-1.40.21, MiKTeX pdfTeX-1.40.14, pdftex-1.40.26
  { re: /pdfTeX-(\d+\.\d+\.\d+)/i, make: (m) => dated('pdfTeX', PDFTEX, m[1]) },
  // GPL Ghostscript 9.05, GNU Ghostscript 6.51, AFPL Ghostscript 8.00
  { re: /Ghostscript\s+(\d+)\.(\d+)/i, make: (m) => dated('Ghostscript', GHOSTSCRIPT, `${m[1]}.${m[2].padStart(2, '0')}`) },
  // iText 2.1.7 by 1T3XT, iText® 5.5.9 ©2000-2015, iTextSharp 5.1.1, iText® Core 9.2.0
  { re: /iText(?:Sharp)?®?(?:\s+Core)?\s+(\d+)\.(\d+)(?:\.\d+)*/i, make: (m) => dated('iText', ITEXT_ROWS, `${m[1]}.${m[2]}`) },
  // Adobe Photoshop CS5 Windows / Adobe Photoshop CC 2015 (Macintosh) / Adobe Photoshop 24.1 (Windows) / Adobe Photoshop 7.0
  {
    re: /Adobe Photoshop\s+(CC(?:\s+20\d\d)?|CS\d?)\b/i,
    make: (m) => dated('Adobe Photoshop', PHOTOSHOP, m[1].toUpperCase().replace(/\s+/, ' ')),
  },
  {
    re: /Adobe Photoshop\s+(\d+)\.(\d+)/i,
    make: (m) => dated('Adobe Photoshop', PHOTOSHOP, Number(m[1]) >= 21 ? m[1] : `${m[1]}.${m[2]}`),
  },
  // Microsoft: Print To PDF (the printer driver that ships with Windows 10)
  {
    re: /^Microsoft:\s*Print To PDF$/i,
    make: () => ({ ...dated('Windows', WINDOWS, '10', 'Microsoft Print to PDF'), version: undefined }),
  },
  // GIMP 2.10.34
  { re: /\bGIMP\s+(\d+)\.(\d+)/i, make: (m) => dated('GIMP', GIMP, `${m[1]}.${m[2]}`) },
];

const COPYRIGHT = /(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)\b/i;

/** Identify one software string (Producer, Creator, Application...). `appVersion` is OOXML AppVersion. */
export function identifySoftware(value: string, appVersion?: string): SoftwareIdentity | null {
  const v = value.trim();
  if (!v) return null;
  for (const rule of RULES) {
    const m = v.match(rule.re);
    if (!m) continue;
    const id = rule.make(m, appVersion);
    if (id) return withCopyright(id, v);
  }
  const c = v.match(COPYRIGHT);
  if (c) return { product: (v.slice(0, c.index).replace(/[,;\s]+$/, '') || v).slice(0, 80), copyrightYear: Number(c[1]) };
  return null;
}

function withCopyright(id: SoftwareIdentity, v: string): SoftwareIdentity {
  const c = v.match(COPYRIGHT);
  if (c) id.copyrightYear = Number(c[1]);
  return id;
}

/**
 * All the software a string names. 'GPL Ghostscript 9.05; modified using iText 2.1.7 by 1T3XT' names
 * two programs; 'PDFsharp 1.50 (Original: ABCpdf)' names the rewriter and the original.
 */
export function identifyAll(value: string, appVersion?: string): SoftwareIdentity[] {
  const parts = value.split(/;\s*modified using\s+|\(Original:\s*/i).map((p) => p.replace(/\)\s*$/, ''));
  const out: SoftwareIdentity[] = [];
  for (const p of parts) {
    const id = identifySoftware(p, parts.length === 1 ? appVersion : undefined);
    if (id) out.push(id);
  }
  return out;
}

/** Earliest date (ISO) at which software with this identity could have written a file, and why. */
export function earliestDate(id: SoftwareIdentity): { date: string; preview?: string; basis: string; source: string } | null {
  const candidates: { date: string; preview?: string; basis: string; source: string }[] = [];
  if (id.release) {
    candidates.push({
      date: id.release.released,
      preview: id.release.preview,
      basis: `${id.release.name ?? `${id.release.product} ${id.release.version}`} released ${id.release.released}${id.exactRelease ? '' : ` (nearest listed version at or below ${id.version})`}`,
      source: id.release.source,
    });
  }
  if (id.copyrightYear) {
    candidates.push({
      date: `${id.copyrightYear}-01-01`,
      basis: `copyright year ${id.copyrightYear} written in the string itself`,
      source: 'the software string itself',
    });
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.date > a.date ? b : a));
}
