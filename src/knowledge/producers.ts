// Recognising software from the strings documents carry (PDF Producer/Creator, XMP CreatorTool, OOXML
// Application + AppVersion, ODF meta:generator, EXIF Make/Model/Software) and dating it with the
// release tables (software.ts, os-releases.ts, devices.ts).
// Patterns were written against the ~280 real producer strings of the pdf.js corpus, the generator
// strings listed in LibreOffice's xmloff/qa/unit/uxmloff.cxx (field survey T3) and the EXIF of the
// shared corpus's photos.

import {
  ADOBE_ACROBAT,
  CHROME,
  GHOSTSCRIPT,
  GIMP,
  ILLUSTRATOR,
  INDESIGN,
  ITEXT_ROWS,
  LIBREOFFICE,
  LIBREOFFICE_POINTS,
  LIGHTROOM,
  LUATEX,
  MICROSOFT_OFFICE,
  MICROSOFT_OFFICE_MAC,
  MICROSOFT_OFFICE_YEARS,
  OPENOFFICE,
  PDFTEX,
  PHOTOSHOP,
  WINDOWS,
} from './software.js';
import { ANDROID, IOS, IPADOS, MACOS } from './os-releases.js';
import { DEVICES, findDevice } from './devices.js';
import { findRelease, type ReleaseRow } from './release-rows.js';

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

/** An identity dated by the exact row found (points, milestones). */
function pointIdentity(product: string, hit: { row: ReleaseRow; exact: boolean }): SoftwareIdentity {
  return { product, version: hit.row.version, release: hit.row, exactRelease: hit.exact };
}

/** A program whose version is its own release date ('xdvipdfmx (20200315)'). */
function dateVersioned(product: string, date: string, source: string): SoftwareIdentity | null {
  if (!Number.isFinite(Date.parse(date))) return null;
  return {
    product,
    version: date.replace(/-/g, ''),
    release: { product, version: date.replace(/-/g, ''), released: date, precision: 'day', source },
    exactRelease: true,
  };
}

/** macOS from its version numbers: point releases when listed, else the major (10.x or 11+). */
function macosVersion(parts: (string | undefined)[], component: string): SoftwareIdentity {
  const nums = parts.filter((x): x is string => x !== undefined).map(Number);
  const full = nums.join('.');
  const major = nums[0] === 10 ? `10.${nums[1] ?? 0}` : `${nums[0]}.0`;
  // The point row bounds the version only within its major: never the previous major's late patch.
  const hit = findRelease(MACOS, nums.length > 1 ? full : major);
  const inMajor = hit && (hit.row.version === major || hit.row.version.startsWith(`${major === `${nums[0]}.0` ? nums[0] : major}.`));
  const id = inMajor ? pointIdentity('macOS', hit) : dated('macOS', MACOS, major);
  return { ...id, component, version: full };
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
  // Office for Mac: Application 'Microsoft Macintosh Word' + AppVersion '14.0000'
  {
    re: new RegExp(`^Microsoft\\s+Macintosh\\s+${MS_APP}$`, 'i'),
    make: (m, appVersion) => {
      const v = officeInternalVersion(appVersion);
      return v
        ? dated('Microsoft Office for Mac', MICROSOFT_OFFICE_MAC, v, m[1])
        : { product: 'Microsoft Office for Mac', component: m[1] };
    },
  },
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
      return macosVersion([m[1], m[2], m[3]], m[4] ? 'Quartz PDFContext, AppendMode (Preview)' : 'Quartz PDFContext');
    },
  },
  // LibreOffice 7.4 (PDF producers name the branch) / LibreOffice/4.0.2.2$Windows_x86 LibreOffice_project/...
  // (generators name the build: the point release x.y.z dates it more closely than its branch)
  {
    re: /LibreOffice(?:\s+|\/)(\d{1,2})\.(\d+)(?:\.(\d+)(?:\.(\d+))?)?/i,
    make: (m) => {
      const branch = `${m[1]}.${m[2]}`;
      const build = [m[1], m[2], m[3], m[4]].filter((x) => x !== undefined).join('.');
      if (m[3] !== undefined) {
        const point = findRelease(LIBREOFFICE_POINTS, `${branch}.${m[3]}`);
        // Only a point of the same branch bounds it (7.0.6 came out after 7.1.0).
        if (point && point.row.version.startsWith(`${branch}.`)) return { ...pointIdentity('LibreOffice', point), version: build };
      }
      return { ...dated('LibreOffice', LIBREOFFICE, branch), version: build };
    },
  },
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
  // Skia/PDF m118 (Chrome's and Edge's Save as PDF), Skia/PDF m90 Google Docs Renderer
  {
    re: /Skia\/PDF\s+m(\d{2,3})\b(.*)/i,
    make: (m) => dated('Chrome', CHROME, m[1], /Google Docs/i.test(m[2]) ? 'Skia/PDF (Google Docs Renderer)' : 'Skia/PDF'),
  },
  // Adobe InDesign CS6 (Windows), Adobe InDesign 18.0 (Macintosh), Adobe InDesign CC 2017 (12.0)
  {
    re: /Adobe InDesign\s+(?:CC\s+(?:20\d\d\s+)?\((\d{1,2})\.\d+\)|(CS\d?(?:\.5)?)|(\d{1,2})\.\d+)/i,
    make: (m) => dated('Adobe InDesign', INDESIGN, m[2]?.toUpperCase() ?? `${Number(m[1] ?? m[3])}.0`),
  },
  // Adobe Illustrator CS6 (Windows), Adobe Illustrator 27.0 (Macintosh), Adobe Illustrator(R) 24.0
  {
    re: /Adobe Illustrator(?:\(R\))?\s+(?:(CS\d?(?:\.1)?)|(\d{1,2})\.\d+)/i,
    make: (m) => dated('Adobe Illustrator', ILLUSTRATOR, m[1]?.toUpperCase() ?? `${Number(m[2])}.0`),
  },
  // Adobe Photoshop Lightroom 6.1 (Windows), Adobe Lightroom Classic 9.1 (Macintosh)
  {
    re: /Adobe (?:Photoshop )?Lightroom(?: Classic)?\s+(\d{1,2})\.\d+/i,
    make: (m) => dated('Adobe Lightroom', LIGHTROOM, `${Number(m[1])}.0`),
  },
  // LuaTeX-1.10.0, LuaHBTeX-1.13.2
  { re: /Lua(?:HB)?TeX-(\d+)\.(\d+)/i, make: (m) => dated('LuaTeX', LUATEX, `${m[1]}.${m[2]}`) },
  // xdvipdfmx (20200315), dvipdfmx (20120420): the version is the program's release date
  {
    re: /\b(x?dvipdfmx)\s*\((\d{4})(\d{2})(\d{2})\b/i,
    make: (m) =>
      dateVersioned(m[1], `${m[2]}-${m[3]}-${m[4]}`, 'https://tug.org/texlive/ (dvipdfmx versions are their release dates, yyyymmdd)'),
  },
  // Mac OS X 10.5.7 (9J61), macOS 11.2.3 (EXIF Software of Preview, Image Capture and Photos)
  {
    re: /^(?:Mac OS X|macOS)\s+(\d{1,2})\.(\d+)(?:\.(\d+))?(?:\s*\(\w+\))?$/i,
    make: (m) => macosVersion([m[1], m[2], m[3]], 'macOS'),
  },
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

const SAMSUNG_FIRMWARE =
  'Samsung firmware numbering: the last three characters are the build year (P = 2016, S = 2019, T = 2020, U = 2021...), month (A = January ... L = December) and build (https://r2.community.samsung.com/t5/Galaxy-S/How-to-decode-the-firmware-version-of-your-Samsung-device/td-p/8769593)';
const AOSP_BUILD_IDS =
  'Android build IDs from Android 8 name the date their release branch was cut, as yymmdd ("QP1A.190711.020": 11 Jul 2019): https://source.android.com/docs/setup/reference/build-numbers';

function deviceRelease(make: string, model: string): SoftwareIdentity | undefined {
  const d = findDevice(make, model);
  if (!d) return undefined;
  const release: ReleaseRow = {
    product: d.kind === 'camera' ? 'camera' : d.kind,
    version: d.name,
    name: d.name,
    released: d.released,
    preview: d.preview,
    precision: d.precision,
    source: d.source,
  };
  return { product: d.name, component: `${d.kind} (${make.trim()} ${model.trim()})`, version: d.name, release, exactRelease: true };
}

/** A Samsung firmware build ('G973FXXU3ASJE': built October 2019) for a model 'SM-G973F'. */
function samsungFirmware(model: string, software: string): SoftwareIdentity | undefined {
  const code = model.trim().toUpperCase().replace(/^SM-/, '');
  const fw = software.trim().toUpperCase();
  if (code.length < 4 || !fw.startsWith(code.slice(0, 4)) || !/^[A-Z0-9]{10,16}$/.test(fw)) return undefined;
  const m = fw.match(/([J-Z])([A-L])[0-9A-Z]$/);
  if (!m) return undefined;
  const year = 2001 + m[1].charCodeAt(0) - 65;
  const month = m[2].charCodeAt(0) - 64;
  const date = `${year}-${String(month).padStart(2, '0')}-01`;
  return {
    product: 'Samsung firmware',
    version: fw,
    release: { product: 'Samsung firmware', version: fw, released: date, precision: 'month', source: SAMSUNG_FIRMWARE },
    exactRelease: true,
  };
}

/** Android version and build date from an Android build string ('clark_retus-user 5.1.1 LPH23.116-18', 'QP1A.190711.020'). */
function androidBuild(software: string): SoftwareIdentity[] {
  const out: SoftwareIdentity[] = [];
  const v = software.match(/(?:-user|\bAndroid)\s+(\d{1,2}(?:\.\d){0,2})\b/i);
  if (v) {
    const hit = findRelease(ANDROID, v[1]);
    if (hit) out.push({ product: 'Android', version: v[1], release: hit.row, exactRelease: hit.exact });
  }
  const b = software.match(/\b([A-Z][A-Z0-9]{3})\.(\d{2})(\d{2})(\d{2})\.\d{3}\b/);
  if (b && Number(b[3]) >= 1 && Number(b[3]) <= 12 && Number(b[4]) >= 1 && Number(b[4]) <= 31) {
    const date = `20${b[2]}-${b[3]}-${b[4]}`;
    out.push({
      product: 'Android build',
      version: `${b[1]}.${b[2]}${b[3]}${b[4]}`,
      release: { product: 'Android build', version: b[0], released: date, precision: 'day', source: AOSP_BUILD_IDS },
      exactRelease: true,
    });
  }
  return out;
}

/**
 * The device and system software a photo's EXIF names: the phone or camera (Make + Model), the iOS or
 * iPadOS version Apple devices write as Software ('13.1'), a Samsung firmware build, an Android
 * version or build ID; other Software strings (editors) as identifySoftware reads them.
 */
export function identifyCapture(make: string | undefined, model: string | undefined, software: string | undefined): SoftwareIdentity[] {
  const out: SoftwareIdentity[] = [];
  const device = make && model ? deviceRelease(make, model) : undefined;
  if (device) out.push(device);
  const sw = software?.trim();
  if (!sw) return out;
  const vendor = make?.toLowerCase() ?? '';
  if (/\bapple\b/.test(vendor) && /^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?$/.test(sw)) {
    const iPad = /^ipad/i.test(model?.trim() ?? '') && Number(sw.split('.')[0]) >= 13;
    const hit = findRelease(iPad ? IPADOS : IOS, sw);
    if (hit) out.push({ product: iPad ? 'iPadOS' : 'iOS', version: sw, release: hit.row, exactRelease: hit.exact });
    return out;
  }
  if (/\bsamsung\b/.test(vendor) && model) {
    const fw = samsungFirmware(model, sw);
    if (fw) {
      out.push(fw);
      return out;
    }
  }
  const android = androidBuild(sw);
  if (android.length) return [...out, ...android];
  return [...out, ...identifyAll(sw)];
}

/** Every dated row the identification uses, for listings and the knowledge tests. */
export const ALL_RELEASES: readonly ReleaseRow[] = [
  ...MICROSOFT_OFFICE,
  ...MICROSOFT_OFFICE_YEARS,
  ...MICROSOFT_OFFICE_MAC,
  ...ADOBE_ACROBAT,
  ...LIBREOFFICE,
  ...LIBREOFFICE_POINTS,
  ...OPENOFFICE,
  ...MACOS,
  ...IOS,
  ...IPADOS,
  ...ANDROID,
  ...PDFTEX,
  ...LUATEX,
  ...GHOSTSCRIPT,
  ...ITEXT_ROWS,
  ...PHOTOSHOP,
  ...INDESIGN,
  ...ILLUSTRATOR,
  ...LIGHTROOM,
  ...GIMP,
  ...WINDOWS,
  ...CHROME,
  ...DEVICES.map((d): ReleaseRow => ({
    product: d.vendor,
    version: d.name,
    released: d.released,
    preview: d.preview,
    precision: d.precision,
    source: d.source,
  })),
];
