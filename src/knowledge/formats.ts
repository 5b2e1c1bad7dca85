// When file formats (and PDF header versions) first existed: a file cannot be older than its format.

import type { Precision } from './release-rows.js';

export interface FormatRow {
  format: string;
  /** Earliest date any software could write the format (first public beta when one shipped it). */
  earliest: string;
  precision: Precision;
  note: string;
  source: string;
}

export const FORMATS: Record<'pdf' | 'ooxml' | 'odf', FormatRow> = {
  pdf: {
    format: 'PDF',
    earliest: '1993-06-15',
    precision: 'day',
    note: 'PDF 1.0 with Acrobat 1.0',
    source: 'https://blog.adobe.com/en/publish/2018/06/14/evolution-digital-document-celebrating-adobe-acrobats-25th-anniversary',
  },
  ooxml: {
    format: 'Office Open XML (docx/xlsx/pptx)',
    earliest: '2006-05-23',
    precision: 'day',
    note: 'first written by Office 2007 Beta 2 (ECMA-376 followed in Dec 2006)',
    source:
      'fudzilla.com/news/57250 (Office 2007 Beta 2, 23 May 2006); https://ecma-international.org/publications-and-standards/standards/ecma-376/',
  },
  odf: {
    format: 'OpenDocument (odt/ods/odp)',
    earliest: '2005-01-01',
    precision: 'year',
    note: 'OASIS ODF 1.0 approved May 2005; written by OpenOffice.org 2.0 betas from early 2005',
    source: 'https://www.oasis-open.org/committees/office/ ; https://wiki.openoffice.org/wiki/Product_Release',
  },
};

/** PDF header versions, with the Acrobat release that introduced them (field survey T4). */
export const PDF_VERSIONS: readonly FormatRow[] = [
  {
    format: 'PDF 1.3',
    earliest: '1999-03-01',
    precision: 'month',
    note: 'Acrobat 4',
    source: 'zachschneider.com 2008/07/07 (PDF version history)',
  },
  { format: 'PDF 1.4', earliest: '2001-04-01', precision: 'month', note: 'Acrobat 5', source: 'zachschneider.com 2008/07/07' },
  { format: 'PDF 1.5', earliest: '2003-05-01', precision: 'month', note: 'Acrobat 6', source: 'zachschneider.com 2008/07/07' },
  { format: 'PDF 1.6', earliest: '2004-12-01', precision: 'month', note: 'Acrobat 7', source: 'zachschneider.com 2008/07/07' },
  {
    format: 'PDF 1.7',
    earliest: '2006-11-01',
    precision: 'month',
    note: 'Acrobat 8',
    source: 'zachschneider.com 2008/07/07; markupuk.org 2018',
  },
  {
    format: 'PDF 2.0',
    earliest: '2017-07-01',
    precision: 'month',
    note: 'ISO 32000-2:2017',
    source: 'markupuk.org 2018; https://www.iso.org/standard/63534.html',
  },
];

export function pdfVersionRow(version: string | undefined): FormatRow | undefined {
  return version ? PDF_VERSIONS.find((r) => r.format === `PDF ${version.trim()}`) : undefined;
}
