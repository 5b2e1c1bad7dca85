// Release dates of the software that writes document metadata, one row per version, each with the
// source it was taken from (shown next to every anachronism flag, so a fact-checker can verify it).
//
// Dates are first public availability (general availability unless `preview` says otherwise). Where a
// source only gives a month, the row uses the first day of that month and says precision 'month':
// the anachronism check allows for that. When sources disagree, the EARLIER date is kept: a release
// table that errs early can only miss an anachronism, never invent one.

export type Precision = 'day' | 'month' | 'year';

export interface ReleaseRow {
  /** Product family: 'Microsoft Office', 'Adobe Acrobat', 'LibreOffice', 'macOS', ... */
  product: string;
  /** Version as the family numbers it ('12.0', '2016', '7.4', '10.15', '1.40.21'). */
  version: string;
  /** Marketing name when it differs ('Office 2007', 'OS X El Capitan'). */
  name?: string;
  /** First general availability, ISO date. */
  released: string;
  /** First public pre-release (beta, preview), when one was widely distributed. */
  preview?: string;
  precision: Precision;
  /** URL or citation for the date. */
  source: string;
}

const MS_LIFECYCLE =
  'https://learn.microsoft.com/en-us/lifecycle/products/ (product start dates); computerlanguage.com "Office versions" (field survey T2)';
const OFFICE_2007 =
  'fudzilla.com/news/57250 and tribune.com.pk/story/1455338 (Office 2007 Beta 2 public 23 May 2006; consumer launch 30 Jan 2007); business availability 30 Nov 2006: https://news.microsoft.com/2006/11/30/ (Office 2007 business launch)';
const RCPMAG_2021 =
  'https://rcpmag.com/Articles/2021/09/17/Perpetual-Office-Milestones.aspx; https://www.techspot.com/news/91290-microsoft-office-2021-landing-alongside-windows-11-october.html';

/** Microsoft Office suites by internal version (AppVersion major) and by marketing year. */
export const MICROSOFT_OFFICE: readonly ReleaseRow[] = [
  { product: 'Microsoft Office', version: '7.0', name: 'Office 95', released: '1995-08-24', precision: 'day', source: MS_LIFECYCLE },
  {
    product: 'Microsoft Office',
    version: '8.0',
    name: 'Office 97',
    released: '1996-11-19',
    precision: 'day',
    source: MS_LIFECYCLE + ' (some sources Dec 1996 / Jan 1997: earliest kept)',
  },
  { product: 'Microsoft Office', version: '9.0', name: 'Office 2000', released: '1999-06-07', precision: 'day', source: MS_LIFECYCLE },
  { product: 'Microsoft Office', version: '10.0', name: 'Office XP', released: '2001-05-31', precision: 'day', source: MS_LIFECYCLE },
  { product: 'Microsoft Office', version: '11.0', name: 'Office 2003', released: '2003-10-21', precision: 'day', source: MS_LIFECYCLE },
  {
    product: 'Microsoft Office',
    version: '12.0',
    name: 'Office 2007',
    released: '2006-11-30',
    preview: '2006-05-23',
    precision: 'day',
    source: OFFICE_2007,
  },
  {
    product: 'Microsoft Office',
    version: '14.0',
    name: 'Office 2010',
    released: '2010-05-12',
    preview: '2009-07-13',
    precision: 'day',
    source:
      'autotend.io/learn/pdf-producer-field-guide (Word 2010 producer); https://news.microsoft.com/2010/05/12/ (business launch); Technical Preview 13 Jul 2009, public beta 18 Nov 2009',
  },
  {
    product: 'Microsoft Office',
    version: '15.0',
    name: 'Office 2013',
    released: '2012-12-01',
    preview: '2012-01-30',
    precision: 'month',
    source:
      'autotend.io/learn/pdf-producer-field-guide; Office 2013 volume-licence availability Dec 2012, retail 29 Jan 2013; Office 15 Technical Preview 30 Jan 2012 (https://news.microsoft.com/2012/01/30/), Customer Preview 16 Jul 2012 (' +
      MS_LIFECYCLE +
      ')',
  },
  {
    product: 'Microsoft Office',
    version: '16.0',
    name: 'Office 2016 / 2019 / 2021 / 2024 / Microsoft 365',
    released: '2015-09-22',
    preview: '2015-03-16',
    precision: 'day',
    source:
      'computerlanguage.com (Office versions); autotend.io (AppVersion 16.0000 is shared by Office 2016, 2019, 2021, 2024 and Microsoft 365)',
  },
];

/** Marketing years of Office (appear in PDF producers 'Microsoft® Word 2016'). */
export const MICROSOFT_OFFICE_YEARS: readonly ReleaseRow[] = [
  { product: 'Microsoft Office', version: '2007', released: '2006-11-30', preview: '2006-05-23', precision: 'day', source: OFFICE_2007 },
  {
    product: 'Microsoft Office',
    version: '2010',
    released: '2010-05-12',
    preview: '2009-07-13',
    precision: 'day',
    source: 'autotend.io/learn/pdf-producer-field-guide; https://news.microsoft.com/2010/05/12/ (Technical Preview 13 Jul 2009)',
  },
  {
    product: 'Microsoft Office',
    version: '2013',
    released: '2012-12-01',
    preview: '2012-01-30',
    precision: 'month',
    source:
      'autotend.io/learn/pdf-producer-field-guide; Office 15 Technical Preview 30 Jan 2012 (https://news.microsoft.com/2012/01/30/); ' +
      MS_LIFECYCLE,
  },
  {
    product: 'Microsoft Office',
    version: '2016',
    released: '2015-09-22',
    preview: '2015-03-16',
    precision: 'day',
    source: 'autotend.io/learn/pdf-producer-field-guide; computerlanguage.com',
  },
  {
    product: 'Microsoft Office',
    version: '2019',
    released: '2018-09-24',
    preview: '2018-04-27',
    precision: 'day',
    source: 'autotend.io/learn/pdf-producer-field-guide; ' + MS_LIFECYCLE,
  },
  {
    product: 'Microsoft Office',
    version: '2021',
    released: '2021-09-16',
    precision: 'day',
    source: RCPMAG_2021 + ' (LTSC GA 16 Sep 2021, consumer 5 Oct 2021)',
  },
  {
    product: 'Microsoft Office',
    version: '2024',
    released: '2024-09-16',
    precision: 'month',
    source: 'https://www.c114pro.com/newsflashes/159219.html; Office LTSC 2024 GA Sep 2024, consumer 1 Oct 2024',
  },
  {
    product: 'Microsoft Office',
    version: 'Office 365',
    released: '2011-06-28',
    precision: 'day',
    source: 'Office 365 launch 28 Jun 2011: https://news.microsoft.com/2011/06/28/ ; autotend.io (producer "Word for Office 365")',
  },
  {
    product: 'Microsoft Office',
    version: 'Microsoft 365',
    released: '2020-04-21',
    precision: 'day',
    source:
      'Office 365 consumer plans renamed Microsoft 365 on 21 Apr 2020: https://www.microsoft.com/en-us/microsoft-365/blog/2020/03/30/ ; autotend.io (producer "Word for Microsoft 365")',
  },
];

const ACROBAT_HISTORY =
  'https://blog.adobe.com/en/publish/2018/06/14/evolution-digital-document-celebrating-adobe-acrobats-25th-anniversary';
const ACROBAT_DC_NOTES =
  'https://www.adobe.com/devnet-docs/acrobatetk/tools/ReleaseNotesDC/index.html (Acrobat DC release notes: version yy.xxx first shipped in the autumn of 20(yy-1) or later)';

/** Adobe Acrobat (and Distiller, PDFMaker, Web Capture, Adobe PDF Library of the same major). */
export const ADOBE_ACROBAT: readonly ReleaseRow[] = [
  { product: 'Adobe Acrobat', version: '1', released: '1993-06-15', precision: 'day', source: ACROBAT_HISTORY },
  { product: 'Adobe Acrobat', version: '2', released: '1994-09-01', precision: 'month', source: ACROBAT_HISTORY },
  { product: 'Adobe Acrobat', version: '3', released: '1996-11-01', precision: 'month', source: ACROBAT_HISTORY },
  {
    product: 'Adobe Acrobat',
    version: '4',
    released: '1999-03-01',
    precision: 'month',
    source: ACROBAT_HISTORY + '; zachschneider.com 2008/07/07 (PDF 1.3 with Acrobat 4, 1999)',
  },
  {
    product: 'Adobe Acrobat',
    version: '5',
    released: '2001-04-01',
    precision: 'month',
    source: ACROBAT_HISTORY + '; zachschneider.com 2008/07/07 (PDF 1.4 with Acrobat 5, 2001)',
  },
  {
    product: 'Adobe Acrobat',
    version: '6',
    released: '2003-05-01',
    precision: 'month',
    source: ACROBAT_HISTORY + '; zachschneider.com 2008/07/07 (PDF 1.5 with Acrobat 6, 2003)',
  },
  {
    product: 'Adobe Acrobat',
    version: '7',
    released: '2004-12-01',
    precision: 'month',
    source: ACROBAT_HISTORY + '; zachschneider.com 2008/07/07 (PDF 1.6 with Acrobat 7, 2004/2005)',
  },
  {
    product: 'Adobe Acrobat',
    version: '8',
    released: '2006-11-01',
    precision: 'month',
    source: ACROBAT_HISTORY + '; zachschneider.com 2008/07/07 (PDF 1.7 with Acrobat 8, 2006)',
  },
  { product: 'Adobe Acrobat', version: '9', released: '2008-06-01', precision: 'month', source: ACROBAT_HISTORY },
  { product: 'Adobe Acrobat', version: '10', name: 'Acrobat X', released: '2010-11-15', precision: 'day', source: ACROBAT_HISTORY },
  { product: 'Adobe Acrobat', version: '11', name: 'Acrobat XI', released: '2012-10-15', precision: 'day', source: ACROBAT_HISTORY },
  {
    product: 'Adobe Acrobat',
    version: '15',
    name: 'Acrobat DC (2015)',
    released: '2015-04-07',
    precision: 'day',
    source: ACROBAT_HISTORY + '; ' + ACROBAT_DC_NOTES,
  },
  ...[17, 18, 19, 20, 21, 22, 23, 24, 25, 26].map((yy): ReleaseRow => ({
    product: 'Adobe Acrobat',
    version: String(yy),
    name: `Acrobat DC ${2000 + yy} track`,
    released: `${2000 + yy - 1}-10-01`,
    precision: 'month',
    source: ACROBAT_DC_NOTES,
  })),
];

const TDF_PLAN = 'https://wiki.documentfoundation.org/ReleasePlan (and ReleaseNotes/<version>)';
/** LibreOffice x.y: first release of the branch. */
export const LIBREOFFICE: readonly ReleaseRow[] = (
  [
    ['3.3', '2011-01-25'],
    ['3.4', '2011-06-03'],
    ['3.5', '2012-02-14'],
    ['3.6', '2012-08-08'],
    ['4.0', '2013-02-07'],
    ['4.1', '2013-07-25'],
    ['4.2', '2014-01-30'],
    ['4.3', '2014-07-30'],
    ['4.4', '2015-01-29'],
    ['5.0', '2015-08-05'],
    ['5.1', '2016-02-10'],
    ['5.2', '2016-08-03'],
    ['5.3', '2017-02-01'],
    ['5.4', '2017-07-28'],
    ['6.0', '2018-01-31'],
    ['6.1', '2018-08-08'],
    ['6.2', '2019-02-07'],
    ['6.3', '2019-08-08'],
    ['6.4', '2020-01-29'],
    ['7.0', '2020-08-05'],
    ['7.1', '2021-02-03'],
    ['7.2', '2021-08-19'],
    ['7.3', '2022-02-02'],
    ['7.4', '2022-08-18'],
    ['7.5', '2023-02-02'],
    ['7.6', '2023-08-21'],
    ['24.2', '2024-01-31'],
    ['24.8', '2024-08-22'],
    ['25.2', '2025-02-06'],
    ['25.8', '2025-08-20'],
  ] as const
).map(([version, released]) => ({
  product: 'LibreOffice',
  version,
  released,
  precision: 'day' as const,
  source:
    version === '3.3'
      ? 'redmondmag.com 2011/01/25 (LibreOffice 3.3, first release); ' + TDF_PLAN
      : version === '7.6'
        ? 'theregister.com 2023/08/23; ' + TDF_PLAN
        : Number(version) >= 24
          ? 'debugpointnews.com/libreoffice-versioning-24-2; ' + TDF_PLAN
          : TDF_PLAN,
}));

const OOO_HISTORY =
  'https://wiki.openoffice.org/wiki/Product_Release (OpenOffice.org release history); oscollege.com (OOo history); zumi.neocities.org/stuff/splashes/ooo/';
/** OpenOffice.org and Apache OpenOffice. */
export const OPENOFFICE: readonly ReleaseRow[] = (
  [
    ['1.0', '2002-05-01'],
    ['1.1', '2003-09-02'],
    ['2.0', '2005-10-20'],
    ['2.1', '2006-12-12'],
    ['2.2', '2007-03-28'],
    ['2.3', '2007-09-17'],
    ['2.4', '2008-03-27'],
    ['3.0', '2008-10-13'],
    ['3.1', '2009-05-07'],
    ['3.2', '2010-02-11'],
    ['3.3', '2011-01-26'],
    ['3.4', '2012-05-08'],
    ['4.0', '2013-07-23'],
    ['4.1', '2014-04-29'],
  ] as const
).map(([version, released]) => ({
  product: 'OpenOffice',
  version,
  released,
  precision: 'day' as const,
  source:
    version === '1.0'
      ? 'oscollege.com (OpenOffice.org 1.0, May 2002); ' + OOO_HISTORY
      : Number(version) >= 3.4
        ? 'https://openoffice.apache.org/news.html (Apache OpenOffice releases); ' + OOO_HISTORY
        : OOO_HISTORY,
}));

const MACOS_LIST = 'computercity.com/software/macos/list-of-mac-os-versions; probsee.com/p/MacOS_version_history';
/** macOS / Mac OS X (the Quartz PDFContext producer carries the version). */
export const MACOS: readonly ReleaseRow[] = (
  [
    ['10.0', '2001-03-24', 'Cheetah'],
    ['10.1', '2001-09-25', 'Puma'],
    ['10.2', '2002-08-23', 'Jaguar'],
    ['10.3', '2003-10-24', 'Panther'],
    ['10.4', '2005-04-29', 'Tiger'],
    ['10.5', '2007-10-26', 'Leopard'],
    ['10.6', '2009-08-28', 'Snow Leopard'],
    ['10.7', '2011-07-20', 'Lion'],
    ['10.8', '2012-07-25', 'Mountain Lion'],
    ['10.9', '2013-10-22', 'Mavericks'],
    ['10.10', '2014-10-16', 'Yosemite'],
    ['10.11', '2015-09-30', 'El Capitan'],
    ['10.12', '2016-09-20', 'Sierra'],
    ['10.13', '2017-09-25', 'High Sierra'],
    ['10.14', '2018-09-24', 'Mojave'],
    ['10.15', '2019-10-07', 'Catalina'],
    ['11', '2020-11-12', 'Big Sur'],
    ['12', '2021-10-25', 'Monterey'],
    ['13', '2022-10-24', 'Ventura'],
    ['14', '2023-09-26', 'Sonoma'],
    ['15', '2024-09-16', 'Sequoia'],
    ['26', '2025-09-15', 'Tahoe'],
  ] as const
).map(([version, released, name]) => ({
  product: 'macOS',
  version,
  name: `macOS ${version} ${name}`,
  released,
  precision: 'day' as const,
  source: MACOS_LIST,
}));

const TEXLIVE =
  'pdfTeX NEWS (https://tug.org/svn/texlive/trunk/Build/source/texk/web2c/pdftexdir/NEWS) and the TeX Live release that shipped it (https://tug.org/texlive/)';
/** pdfTeX 1.40.x, dated by the TeX Live release that first shipped it (month precision). */
export const PDFTEX: readonly ReleaseRow[] = (
  [
    ['1.40.0', '2007-01-01'],
    ['1.40.3', '2007-01-01'],
    ['1.40.9', '2008-07-01'],
    ['1.40.10', '2009-07-01'],
    ['1.40.11', '2010-07-01'],
    ['1.40.12', '2011-06-01'],
    ['1.40.13', '2012-06-01'],
    ['1.40.14', '2013-06-01'],
    ['1.40.15', '2014-06-01'],
    ['1.40.16', '2015-06-01'],
    ['1.40.17', '2016-05-01'],
    ['1.40.18', '2017-05-01'],
    ['1.40.19', '2018-04-01'],
    ['1.40.20', '2019-04-01'],
    ['1.40.21', '2020-04-01'],
    ['1.40.22', '2021-03-01'],
    ['1.40.24', '2022-03-01'],
    ['1.40.25', '2023-03-01'],
    ['1.40.26', '2024-03-01'],
    ['1.40.27', '2025-03-01'],
  ] as const
).map(([version, released]) => ({ product: 'pdfTeX', version, released, precision: 'month' as const, source: TEXLIVE }));

const GS_NEWS =
  'Ghostscript release history: https://ghostscript.readthedocs.io/en/latest/News.html and https://www.ghostscript.com/releases/ (History9.htm / History10.htm)';
/** Ghostscript x.yy. */
export const GHOSTSCRIPT: readonly ReleaseRow[] = (
  [
    ['8.54', '2006-10-01'],
    ['8.60', '2007-08-01'],
    ['8.70', '2009-07-01'],
    ['8.71', '2010-02-01'],
    ['9.00', '2010-09-01'],
    ['9.01', '2011-02-01'],
    ['9.02', '2011-03-01'],
    ['9.04', '2011-08-01'],
    ['9.05', '2012-02-01'],
    ['9.06', '2012-08-01'],
    ['9.07', '2013-02-01'],
    ['9.10', '2013-08-01'],
    ['9.14', '2014-03-01'],
    ['9.15', '2014-09-01'],
    ['9.16', '2015-03-01'],
    ['9.18', '2015-10-01'],
    ['9.19', '2016-03-01'],
    ['9.20', '2016-09-01'],
    ['9.21', '2017-03-01'],
    ['9.22', '2017-09-01'],
    ['9.23', '2018-03-01'],
    ['9.25', '2018-09-01'],
    ['9.26', '2018-11-01'],
    ['9.27', '2019-04-01'],
    ['9.50', '2019-10-01'],
    ['9.52', '2020-03-01'],
    ['9.53', '2020-09-01'],
    ['9.54', '2021-03-01'],
    ['9.55', '2021-09-01'],
    ['9.56', '2022-03-01'],
    ['10.00', '2022-09-01'],
    ['10.01', '2023-03-01'],
    ['10.02', '2023-09-01'],
    ['10.03', '2024-03-01'],
    ['10.04', '2024-09-01'],
    ['10.05', '2025-03-01'],
  ] as const
).map(([version, released]) => ({ product: 'Ghostscript', version, released, precision: 'month' as const, source: GS_NEWS }));

const ITEXT =
  'iText release tags: https://github.com/itext/itextpdf/releases (5.x), https://github.com/itext/itext-java/releases (7+), https://sourceforge.net/projects/itext/files/ (2.x); the copyright year in the producer string itself is a lower bound too';
/** iText / iTextSharp by major.minor (month precision). */
export const ITEXT_ROWS: readonly ReleaseRow[] = (
  [
    ['2.0', '2007-02-01'],
    ['2.1', '2008-04-01'],
    ['5.0', '2009-12-01'],
    ['5.1', '2011-05-01'],
    ['5.2', '2012-03-01'],
    ['5.3', '2012-07-01'],
    ['5.4', '2013-03-01'],
    ['5.5', '2014-02-01'],
    ['7.0', '2016-05-01'],
    ['7.1', '2018-01-01'],
    ['7.2', '2021-08-01'],
    ['8.0', '2023-03-01'],
    ['9.0', '2024-11-01'],
    ['9.1', '2025-02-01'],
    ['9.2', '2025-05-01'],
  ] as const
).map(([version, released]) => ({ product: 'iText', version, released, precision: 'month' as const, source: ITEXT }));

const PS_HISTORY = 'https://en.wikipedia.org/wiki/Adobe_Photoshop_version_history';
/** Adobe Photoshop, as named in EXIF Software ('Adobe Photoshop CS5 Windows', 'Adobe Photoshop 24.1 (Windows)'). */
export const PHOTOSHOP: readonly ReleaseRow[] = (
  [
    ['7.0', '2002-03-01'],
    ['CS', '2003-10-01'],
    ['CS2', '2005-04-01'],
    ['CS3', '2007-04-01'],
    ['CS4', '2008-10-01'],
    ['CS5', '2010-04-01'],
    ['CS6', '2012-05-01'],
    ['CC', '2013-06-01'],
    ['CC 2014', '2014-06-01'],
    ['CC 2015', '2015-06-01'],
    ['CC 2017', '2016-11-01'],
    ['CC 2018', '2017-10-01'],
    ['CC 2019', '2018-10-01'],
    ['21', '2019-11-01'],
    ['22', '2020-10-01'],
    ['23', '2021-10-01'],
    ['24', '2022-10-01'],
    ['25', '2023-10-01'],
    ['26', '2024-10-01'],
  ] as const
).map(([version, released]) => ({ product: 'Adobe Photoshop', version, released, precision: 'month' as const, source: PS_HISTORY }));

const GIMP_HISTORY = 'https://www.gimp.org/about/history.html and https://www.gimp.org/release-notes/';
export const GIMP: readonly ReleaseRow[] = (
  [
    ['2.0', '2004-03-23'],
    ['2.2', '2004-12-19'],
    ['2.4', '2007-10-24'],
    ['2.6', '2008-10-01'],
    ['2.8', '2012-05-03'],
    ['2.10', '2018-04-27'],
    ['3.0', '2025-03-16'],
  ] as const
).map(([version, released]) => ({ product: 'GIMP', version, released, precision: 'day' as const, source: GIMP_HISTORY }));

/** Windows components that write document metadata. */
export const WINDOWS: readonly ReleaseRow[] = [
  {
    product: 'Windows',
    version: '10',
    name: 'Windows 10 (Microsoft Print to PDF)',
    released: '2015-07-29',
    preview: '2014-10-01',
    precision: 'day',
    source:
      'https://learn.microsoft.com/en-us/lifecycle/products/windows-10-home-and-pro (start date 29 Jul 2015); autotend.io/learn/pdf-producer-field-guide (producer "Microsoft: Print To PDF")',
  },
];

/** Every row, for `verity checks` and the knowledge listing. */
export const ALL_RELEASES: readonly ReleaseRow[] = [
  ...MICROSOFT_OFFICE,
  ...MICROSOFT_OFFICE_YEARS,
  ...ADOBE_ACROBAT,
  ...LIBREOFFICE,
  ...OPENOFFICE,
  ...MACOS,
  ...PDFTEX,
  ...GHOSTSCRIPT,
  ...ITEXT_ROWS,
  ...PHOTOSHOP,
  ...GIMP,
  ...WINDOWS,
];

function numericParts(v: string): number[] | null {
  if (!/^\d+(?:\.\d+)*$/.test(v)) return null;
  return v.split('.').map(Number);
}

function compareParts(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The row that bounds `version` from below: the exact row, or else the highest listed version not
 * above it ('9.51' -> the 9.50 row). Versions are released in order within a product line, so a
 * version can never be older than a lower listed one: the bound errs early, never late.
 * Non-numeric versions ('CS5') match exactly only.
 */
export function findRelease(rows: readonly ReleaseRow[], version: string): { row: ReleaseRow; exact: boolean } | undefined {
  const exact = rows.find((r) => r.version === version);
  if (exact) return { row: exact, exact: true };
  const v = numericParts(version);
  if (!v) return undefined;
  let best: { row: ReleaseRow; parts: number[] } | undefined;
  for (const r of rows) {
    const p = numericParts(r.version);
    if (!p || compareParts(p, v) > 0) continue;
    if (!best || compareParts(p, best.parts) > 0) best = { row: r, parts: p };
  }
  if (!best) return undefined;
  return { row: best.row, exact: compareParts(best.parts, v) === 0 };
}
