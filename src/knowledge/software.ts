// Release dates of the software that writes document metadata, one row per version, each with the
// source it was taken from (shown next to every anachronism flag, so a fact-checker can verify it).
//
// Dates are first public availability (general availability unless `preview` says otherwise). Where a
// source only gives a month, the row uses the first day of that month and says precision 'month':
// the anachronism check allows for that. When sources disagree, the EARLIER date is kept: a release
// table that errs early can only miss an anachronism, never invent one.

import { compactRows, type ReleaseRow } from './release-rows.js';

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

const TDF_BUILDS =
  'LibreOffice release tags (https://git.libreoffice.org/core/+refs, as collected by endoflife.date release data: https://github.com/endoflife-date/release-data releases/libreoffice.json); the date is the first release candidate of the point release (x.y.z.1), itself a public pre-release';
/**
 * LibreOffice point releases x.y.z from 4.0, dated by their first release candidate: a generator
 * 'LibreOffice/7.1.5.2$Linux_X86_64' was built no earlier. Point releases whose tags were not all
 * recorded are left out (the nearest lower listed release bounds them).
 */
export const LIBREOFFICE_POINTS: readonly ReleaseRow[] = compactRows(
  `
  4.0.0 2013-01-10; 4.0.1 2013-02-21; 4.0.2 2013-03-14; 4.0.3 2013-04-19; 4.0.4 2013-05-30; 4.0.5 2013-08-04;
  4.0.6 2013-10-02; 4.1.0 2013-06-20; 4.1.1 2013-08-14; 4.1.2 2013-09-05; 4.1.3 2013-10-10; 4.1.4 2013-11-28;
  4.1.5 2014-01-16; 4.1.6 2014-04-15; 4.2.0 2013-12-19; 4.2.3 2014-03-13; 4.2.4 2014-04-17; 4.2.5 2014-05-30;
  4.2.6 2014-07-10; 4.2.7 2014-10-06; 4.2.8 2014-12-08; 4.3.0 2014-06-19; 4.3.1 2014-08-09; 4.3.2 2014-09-18;
  4.3.3 2014-10-13; 4.3.5 2014-11-27; 4.3.6 2015-01-19; 4.3.7 2015-04-13; 4.4.0 2014-12-19; 4.4.1 2015-02-12;
  4.4.2 2015-03-12; 4.4.3 2015-04-16; 4.4.4 2015-05-29; 4.4.5 2015-07-09; 4.4.6 2015-10-04; 4.4.7 2015-11-12;
  5.0.0 2015-06-21; 5.0.1 2015-08-10; 5.0.2 2015-09-08; 5.0.3 2015-10-12; 5.0.4 2015-12-02; 5.0.5 2016-01-20;
  5.0.6 2016-04-14; 5.1.0 2015-12-17; 5.1.1 2016-02-12; 5.1.2 2016-03-21; 5.1.3 2016-04-21; 5.1.4 2016-06-02;
  5.1.5 2016-07-14; 5.1.6 2016-10-08; 5.2.0 2016-06-23; 5.2.1 2016-08-15; 5.2.2 2016-09-11; 5.2.3 2016-10-14;
  5.2.4 2016-12-01; 5.2.6 2017-02-23; 5.2.7 2017-04-22; 5.3.0 2017-01-05; 5.3.1 2017-02-23; 5.3.2 2017-03-29;
  5.3.3 2017-04-24; 5.3.4 2017-06-05; 5.3.5 2017-07-18; 5.3.7 2017-10-07; 5.4.0 2017-06-26; 5.4.1 2017-08-17;
  5.4.2 2017-09-18; 5.4.3 2017-10-19; 5.4.4 2017-12-03; 5.4.6 2018-03-02; 5.4.7 2018-04-14; 6.0.0 2017-12-21;
  6.0.3 2018-03-22; 6.0.4 2018-04-18; 6.0.5 2018-06-01; 6.0.6 2018-07-11; 6.0.7 2018-10-05; 6.1.0 2018-07-05;
  6.1.1 2018-08-28; 6.1.3 2018-10-11; 6.1.4 2018-11-30; 6.1.5 2019-01-17; 6.1.6 2019-04-28; 6.2.0 2018-12-20;
  6.2.1 2019-02-14; 6.2.2 2019-03-06; 6.2.3 2019-03-31; 6.2.4 2019-05-07; 6.2.5 2019-06-20; 6.2.6 2019-07-28;
  6.2.8 2019-09-30; 6.3.0 2019-07-07; 6.3.1 2019-08-26; 6.3.2 2019-09-07; 6.3.3 2019-10-13; 6.3.4 2019-11-24;
  6.3.5 2020-01-29; 6.3.6 2020-04-11; 6.4.0 2019-12-20; 6.4.1 2020-02-07; 6.4.2 2020-03-01; 6.4.3 2020-04-09;
  6.4.4 2020-04-30; 6.4.5 2020-06-11; 6.4.6 2020-07-23; 6.4.7 2020-10-01; 7.0.0 2020-07-06; 7.0.1 2020-08-28;
  7.0.2 2020-10-01; 7.0.4 2020-11-30; 7.0.5 2021-02-18; 7.0.6 2021-04-22; 7.1.0 2020-12-22; 7.1.1 2021-02-12;
  7.1.2 2021-03-17; 7.1.3 2021-04-20; 7.1.4 2021-05-21; 7.1.5 2021-07-04; 7.1.6 2021-08-24; 7.1.7 2021-10-17;
  7.2.0 2021-07-13; 7.2.2 2021-09-24; 7.2.3 2021-11-06; 7.2.5 2021-12-16; 7.2.6 2022-02-17; 7.2.7 2022-04-20;
  7.3.0 2021-12-23; 7.3.1 2022-02-12; 7.3.2 2022-03-12; 7.3.3 2022-04-14; 7.3.4 2022-05-20; 7.3.5 2022-07-04;
  7.3.6 2022-08-20; 7.3.7 2022-10-15; 7.4.0 2022-07-10; 7.4.1 2022-08-30; 7.4.2 2022-09-24; 7.4.4 2022-12-21;
  7.4.6 2023-02-20; 7.4.7 2023-04-24; 7.5.0 2022-12-26; 7.5.1 2023-02-13; 7.5.2 2023-03-11; 7.5.3 2023-04-16;
  7.5.4 2023-05-24; 7.5.5 2023-07-01; 7.5.6 2023-08-29; 7.5.8 2023-10-13; 7.5.9 2023-12-04; 7.6.0 2023-07-10;
  7.6.1 2023-08-29; 7.6.3 2023-11-05; 7.6.5 2024-02-01; 7.6.6 2024-03-06; 7.6.7 2024-05-01; 24.2.0 2024-01-08;
  24.2.1 2024-02-12; 24.2.2 2024-03-09; 24.2.3 2024-04-23; 24.2.4 2024-06-03; 24.2.5 2024-07-02; 24.2.6
  2024-08-19; 24.2.7 2024-10-16; 24.8.0 2024-07-09; 24.8.1 2024-08-26; 24.8.3 2024-10-28; 24.8.4 2024-11-30;
  24.8.5 2025-01-29; 24.8.6 2025-03-06; 24.8.7 2025-04-18; 25.2.0 2024-12-22; 25.2.1 2025-02-09; 25.2.2
  2025-03-09; 25.2.3 2025-04-11; 25.2.4 2025-05-21; 25.2.5 2025-06-30; 25.2.6 2025-08-21; 25.2.7 2025-10-12;
  25.8.0 2025-07-09; 25.8.2 2025-09-21; 25.8.3 2025-10-23; 25.8.4 2025-12-03; 25.8.5 2026-01-30; 25.8.6
  2026-03-04; 26.2.0 2026-01-15; 26.2.1 2026-02-10; 26.2.2 2026-03-10
`,
  'LibreOffice',
  TDF_BUILDS,
);

const MAC_OFFICE =
  'Microsoft lifecycle start dates (https://learn.microsoft.com/en-us/lifecycle/products/office-2008-for-mac, office-for-mac-2011, office-2016-for-mac); Office 2016 for Mac: Office 365 subscribers 9 Jul 2015, public preview 5 Mar 2015 (https://www.microsoft.com/en-us/microsoft-365/blog/2015/07/09/)';
/** Office for Mac by the AppVersion its applications write ('Microsoft Macintosh Word' + '14.0000'). */
export const MICROSOFT_OFFICE_MAC: readonly ReleaseRow[] = [
  {
    product: 'Microsoft Office for Mac',
    version: '11.0',
    name: 'Office 2004 for Mac',
    released: '2004-05-11',
    precision: 'day',
    source: MAC_OFFICE,
  },
  {
    product: 'Microsoft Office for Mac',
    version: '12.0',
    name: 'Office 2008 for Mac',
    released: '2008-01-15',
    precision: 'day',
    source: MAC_OFFICE,
  },
  {
    product: 'Microsoft Office for Mac',
    version: '14.0',
    name: 'Office for Mac 2011',
    released: '2010-10-26',
    precision: 'day',
    source: MAC_OFFICE,
  },
  {
    product: 'Microsoft Office for Mac',
    version: '15.0',
    name: 'Office 2016 for Mac (15.x builds)',
    released: '2015-07-09',
    preview: '2015-03-05',
    precision: 'day',
    source: MAC_OFFICE,
  },
  {
    product: 'Microsoft Office for Mac',
    version: '16.0',
    name: 'Office 2016 for Mac and later / Microsoft 365 for Mac',
    released: '2015-07-09',
    preview: '2015-03-05',
    precision: 'day',
    source: MAC_OFFICE,
  },
];

const CHROME_SCHEDULE =
  'Chrome stable release per milestone: endoflife.date (https://endoflife.date/chrome; https://chromiumdash.appspot.com/schedule); Skia carries the milestone of the Chrome branch it is cut for, in Canary about twelve weeks before stable';
/**
 * Chrome milestones, which Skia's PDF backend names in its producer ('Skia/PDF m118', Google Docs'
 * 'Skia/PDF m90 Google Docs Renderer', Chrome's and Edge's Save as PDF). `preview` is the milestone's
 * Canary window: Google's servers and Canary builds run a milestone before it is stable.
 */
export const CHROME: readonly ReleaseRow[] = compactRows(
  `
  7 2010-10-12; 8 2010-11-30; 9 2011-01-25; 10 2011-03-08; 11 2011-04-19; 12 2011-05-31; 13 2011-07-26; 14
  2011-09-06; 15 2011-10-18; 16 2011-12-06; 17 2012-01-31; 18 2012-03-13; 19 2012-04-24; 20 2012-06-19; 21
  2012-08-07; 22 2012-09-18; 23 2012-10-30; 24 2012-12-18; 25 2013-02-12; 26 2013-03-26; 27 2013-05-07; 28
  2013-06-25; 29 2013-08-13; 30 2013-09-24; 31 2013-11-05; 32 2014-01-07; 33 2014-02-18; 34 2014-04-01; 35
  2014-05-13; 36 2014-06-24; 37 2014-08-19; 38 2014-09-30; 39 2014-11-11; 40 2015-01-13; 41 2015-02-24; 42
  2015-04-07; 43 2015-05-19; 44 2015-07-14; 45 2015-08-25; 46 2015-10-06; 47 2015-11-17; 48 2016-01-19; 49
  2016-03-01; 50 2016-04-12; 51 2016-05-24; 52 2016-07-19; 53 2016-08-30; 54 2016-10-11; 55 2016-11-29; 56
  2017-01-24; 57 2017-03-07; 58 2017-04-18; 59 2017-05-30; 60 2017-07-25; 61 2017-09-05; 62 2017-10-17; 63
  2017-12-05; 64 2018-01-23; 65 2018-03-06; 66 2018-04-17; 67 2018-05-29; 68 2018-07-24; 69 2018-09-04; 70
  2018-10-16; 71 2018-12-04; 72 2019-01-29; 73 2019-03-12; 74 2019-04-23; 75 2019-06-04; 76 2019-07-30; 77
  2019-09-10; 78 2019-10-22; 79 2019-12-10; 80 2020-02-04; 81 2020-04-07; 83 2020-05-19; 84 2020-07-14; 85
  2020-08-25; 86 2020-10-06; 87 2020-11-17; 88 2021-01-19; 89 2021-03-02; 90 2021-04-13; 91 2021-05-25; 92
  2021-07-20; 93 2021-08-31; 94 2021-09-21; 95 2021-10-19; 96 2021-11-16; 97 2022-01-04; 98 2022-02-01; 99
  2022-03-01; 100 2022-03-29; 101 2022-04-26; 102 2022-05-24; 103 2022-06-21; 104 2022-08-02; 105 2022-08-30;
  106 2022-09-27; 107 2022-10-25; 108 2022-11-29; 109 2023-01-10; 110 2023-02-07; 111 2023-03-07; 112
  2023-04-04; 113 2023-05-02; 114 2023-05-30; 115 2023-07-18; 116 2023-08-15; 117 2023-09-12; 118 2023-10-10;
  119 2023-10-31; 120 2023-12-05; 121 2024-01-23; 122 2024-02-20; 123 2024-03-19; 124 2024-04-16; 125
  2024-05-14; 126 2024-06-11; 127 2024-07-23; 128 2024-08-20; 129 2024-09-17; 130 2024-10-15; 131 2024-11-12;
  132 2025-01-14; 133 2025-02-04; 134 2025-03-04; 135 2025-04-01; 136 2025-04-29; 137 2025-05-27; 138
  2025-06-24; 139 2025-08-05; 140 2025-09-02; 141 2025-09-30; 142 2025-10-28; 143 2025-12-02; 144 2026-01-13;
  145 2026-02-10; 146 2026-03-10; 147 2026-04-07; 148 2026-05-05; 149 2026-06-02; 150 2026-06-30; 151 2026-07-28
`,
  'Chrome',
  CHROME_SCHEDULE,
).map((r) => ({
  ...r,
  name: `Chrome ${r.version}`,
  preview: new Date(Date.parse(r.released) - 84 * 86_400_000).toISOString().slice(0, 10),
}));

const ADOBE_CC_HISTORY =
  'https://en.wikipedia.org/wiki/Adobe_InDesign#Versions, https://en.wikipedia.org/wiki/Adobe_Illustrator#Release_history, https://en.wikipedia.org/wiki/Adobe_Lightroom#Release_history (Creative Suite and Creative Cloud release months)';
/** Adobe InDesign by suite name and by internal major ('Adobe InDesign CS6 (Windows)', 'Adobe InDesign 18.0 (Macintosh)'). */
export const INDESIGN: readonly ReleaseRow[] = compactRows(
  `
  CS 2003-10-01; CS2 2005-04-01; CS3 2007-04-01; CS4 2008-10-01; CS5 2010-04-01; CS5.5 2011-05-01; CS6 2012-05-01;
  9.0 2013-06-01; 10.0 2014-06-01; 11.0 2015-06-01; 12.0 2016-11-01; 13.0 2017-10-01; 14.0 2018-10-01;
  15.0 2019-11-01; 16.0 2020-10-01; 17.0 2021-10-01; 18.0 2022-10-01; 19.0 2023-10-01; 20.0 2024-10-01
`,
  'Adobe InDesign',
  ADOBE_CC_HISTORY,
  'month',
).map((r) => (r.version.startsWith('CS') ? { ...r, version: r.version, name: `InDesign ${r.version}` } : r));

/** Adobe Illustrator ('Adobe Illustrator CS6 (Windows)', 'Adobe Illustrator 27.0 (Macintosh)'). */
export const ILLUSTRATOR: readonly ReleaseRow[] = compactRows(
  `
  CS 2003-10-01; CS2 2005-04-01; CS3 2007-04-01; CS4 2008-10-01; CS5 2010-04-01; CS5.1 2011-05-01; CS6 2012-05-01;
  17.0 2013-06-01; 18.0 2014-06-01; 19.0 2015-06-01; 21.0 2016-11-01; 22.0 2017-10-01; 23.0 2018-10-01;
  24.0 2019-11-01; 25.0 2020-10-01; 26.0 2021-10-01; 27.0 2022-10-01; 28.0 2023-10-01; 29.0 2024-10-01
`,
  'Adobe Illustrator',
  ADOBE_CC_HISTORY,
  'month',
);

/** Adobe Lightroom (EXIF Software 'Adobe Photoshop Lightroom 6.1 (Windows)', 'Adobe Lightroom Classic 9.1 (Macintosh)'). */
export const LIGHTROOM: readonly ReleaseRow[] = compactRows(
  `
  1.0 2007-02-01; 2.0 2008-07-01; 3.0 2010-06-01; 4.0 2012-03-01; 5.0 2013-06-01; 6.0 2015-04-01; 7.0 2017-10-01;
  8.0 2018-10-01; 9.0 2019-11-01; 10.0 2020-10-01; 11.0 2021-10-01; 12.0 2022-10-01; 13.0 2023-10-01; 14.0 2024-10-01
`,
  'Adobe Lightroom',
  ADOBE_CC_HISTORY,
  'month',
);

const LUATEX_NEWS =
  'LuaTeX NEWS (https://github.com/TeX-Live/luatex/blob/master/source/texk/web2c/luatexdir/NEWS) and the TeX Live release that shipped each version (https://tug.org/texlive/); dated to the start of the TeX Live year, before the release that shipped it';
/** LuaTeX ('LuaTeX-1.10.0' producers), by the TeX Live year that first shipped the version. */
export const LUATEX: readonly ReleaseRow[] = compactRows(
  `
  0.25 2008-01-01; 0.40 2009-01-01; 0.50 2010-01-01; 0.70 2011-01-01; 0.76 2013-01-01; 0.79 2014-01-01;
  0.80 2015-01-01; 0.95 2016-01-01; 1.0 2016-09-01; 1.07 2018-01-01; 1.10 2019-01-01; 1.12 2020-01-01;
  1.13 2021-01-01; 1.15 2022-01-01; 1.16 2023-01-01; 1.18 2024-01-01; 1.21 2025-01-01
`,
  'LuaTeX',
  LUATEX_NEWS,
  'month',
);
