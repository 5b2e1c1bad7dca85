import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../src/extract/pdf/pdf.js';
import { earliestDate, identifyAll, identifySoftware } from '../../../src/knowledge/producers.js';
import { ALL_RELEASES, findRelease, LIBREOFFICE } from '../../../src/knowledge/software.js';
import { FONTS, baseFontName, findFont } from '../../../src/knowledge/fonts.js';
import { FORMATS, PDF_VERSIONS } from '../../../src/knowledge/formats.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';
import { factsOf } from '../checks/document/harness.js';

describe.skipIf(corpusMissing())('producer strings read from real pdf.js corpus files', () => {
  // file -> [product, component or undefined, release row version, earliest date]
  const cases: [string, string, string, string][] = [
    ['160F-2019.pdf', 'Adobe Acrobat', '5', '2001-04-01'], // Acrobat Distiller 5.0.5 (Windows)
    ['smaskdim.pdf', 'Microsoft Office', '2010', '2010-05-12'], // Microsoft® Word 2010
    ['bug2014080.pdf', 'Microsoft Office', 'Microsoft 365', '2020-04-21'],
    ['complex_ttf_font.pdf', 'macOS', '10.6', '2009-08-28'], // Mac OS X 10.6.8 Quartz PDFContext
    ['issue10900.pdf', 'macOS', '10.14', '2018-09-24'], // macOS Version 10.14.5 (Build 18F132)
    ['issue15690.pdf', 'macOS', '12', '2021-10-25'], // localised: macOS 版本12.5.1（版号21G83）
    ['issue15557.pdf', 'LibreOffice', '7.4', '2022-08-18'],
    ['pdkids.pdf', 'OpenOffice', '3.1', '2009-05-07'],
    ['french_diacritics.pdf', 'pdfTeX', '1.40.21', '2020-04-01'],
    ['issue19182.pdf', 'iText', '5.5', '2015-01-01'], // ©2000-2015 beats the 5.5 row (Feb 2014)
    ['bug1724918.pdf', 'Adobe Acrobat', '22', '2021-10-01'],
    ['bug793632.pdf', 'Adobe PDF Library', '9', '2008-06-01'],
  ];
  it.each(cases)('%s', async (file, product, version, date) => {
    const doc = await factsOf(pdfExtractor, corpusPath(`pdf/pdfjs/${file}`), 'pdf');
    const producer = doc.facts.pdf!.info.Producer;
    const id = identifyAll(producer)[0];
    expect(id.product).toBe(product);
    expect(id.release?.version).toBe(version);
    expect(earliestDate(id)?.date).toBe(date);
  });

  it('splits "X; modified using Y" into two programs (issue3214.pdf)', async () => {
    const doc = await factsOf(pdfExtractor, corpusPath('pdf/pdfjs/issue3214.pdf'), 'pdf');
    expect(identifyAll(doc.facts.pdf!.info.Producer).map((i) => i.product)).toEqual(['Ghostscript', 'iText']);
  });
});

describe('software identification', () => {
  it('dates OOXML Application + AppVersion, and never infers Word from a LibreOffice AppVersion', () => {
    expect(identifySoftware('Microsoft Office Word', '12.0000')?.release?.name).toBe('Office 2007');
    expect(identifySoftware('Microsoft Excel', '16.0300')?.release?.version).toBe('16.0');
    expect(identifySoftware('Microsoft Office Word')?.release).toBeUndefined();
    expect(identifySoftware('LibreOffice/7.3.7.2$Linux_X86_64 LibreOffice_project/30$Build-2', '15.0000')?.product).toBe('LibreOffice');
    expect(identifySoftware('OpenOffice.org/2.4$Win32 OpenOffice.org_project/680m248$Build-9274')?.release?.version).toBe('2.4');
    expect(identifySoftware('MicrosoftOffice/12.0 MicrosoftExcel/CalculationVersion-4518')?.release?.version).toBe('12.0');
  });
  it('bounds an unlisted version by the nearest lower listed one, never a higher one', () => {
    expect(findRelease(LIBREOFFICE, '7.3.7')?.row.version).toBe('7.3');
    const gs = identifySoftware('GPL Ghostscript 9.51');
    expect(gs?.release?.version).toBe('9.50');
    expect(gs?.exactRelease).toBe(false);
    expect(identifySoftware('GNU Ghostscript 6.51')?.release).toBeUndefined();
  });
  it('dates the Windows 10 PDF printer', () => {
    expect(earliestDate(identifySoftware('Microsoft: Print To PDF')!)?.date).toBe('2015-07-29');
  });
  it('leaves unknown software undated', () => {
    expect(identifySoftware('Nitro Pro 9 (9. 5. 1. 5)')).toBeNull();
    expect(identifySoftware('Adobe PDF Library 17.0')?.release).toBeUndefined();
  });
});

describe('knowledge tables', () => {
  it('every row has a date and a source', () => {
    const rows = [
      ...ALL_RELEASES,
      ...FONTS.map((f) => ({ released: f.released, source: f.source })),
      ...PDF_VERSIONS.map((f) => ({ released: f.earliest, source: f.source })),
      ...Object.values(FORMATS).map((f) => ({ released: f.earliest, source: f.source })),
    ];
    for (const r of rows) {
      expect(r.released).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(r.released))).toBe(false);
      expect(r.source.length).toBeGreaterThan(10);
    }
    expect(rows.length).toBeGreaterThan(150);
  });
  it('AppVersion 16.0 covers Office 2016 to 2024 and dates from 2015', () => {
    expect(identifySoftware('Microsoft Office Word', '16.0000')?.release).toMatchObject({ released: '2015-09-22' });
  });
});

describe('fonts', () => {
  it('strips subset prefixes and styles, and tells Calibri Light from Calibri', () => {
    expect(baseFontName('BCDEEE+Calibri-BoldItalic')).toBe('Calibri');
    expect(findFont('BCDEEE+Calibri-Bold')?.family).toBe('Calibri');
    expect(findFont('Calibri-Light')?.family).toBe('Calibri Light');
    expect(findFont('SegoeUIEmoji')?.family).toBe('Segoe UI Emoji');
    expect(findFont('SegoeUI-Semibold')?.family).toBe('Segoe UI');
    expect(findFont('Aptos Display')?.family).toBe('Aptos');
    expect(findFont('.SFNSText')?.family).toBe('San Francisco');
    expect(findFont('TimesNewRomanPSMT')).toBeUndefined();
    expect(findFont('Calibri')).toMatchObject({ released: '2007-01-30', preview: '2006-05-23' });
  });
});
