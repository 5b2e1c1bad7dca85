import { describe, expect, it } from 'vitest';
import { officeFacts } from '../../../../src/extract/office/office-facts.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { datesOrder } from '../../../../src/checks/document/dates-order.js';
import { parseAnyDate, sameMoment } from '../../../../src/checks/document/claimed-dates.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { CTX, docFrom, factsOf, runCheck } from './harness.js';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { odfExtractor } from '../../../../src/extract/office/odf.js';
import { claimDate } from '../../../../src/shared/dates.js';
import type { DocumentFacts } from '../../../../src/checks/types.js';

describe.skipIf(corpusMissing())('dates.order on real files', () => {
  it('flags a PDF that claims to be from 1990, before PDF existed (py-pdf annotated_pdf.pdf, fpdf2)', async () => {
    const f = await runCheck(datesOrder, await factsOf(pdfExtractor, corpusPath('pdf/py-pdf/annotated_pdf.pdf'), 'pdf'));
    const before = f.find((x) => x.evidence.kind === 'before-format-existed');
    expect(before?.evidence).toMatchObject({ format: 'PDF', formatEarliest: '1993-06-15' });
    expect(before?.severity).toBe('medium');
  });

  it('rates a PDF version newer than every date low (Word 15 Technical Preview wrote %PDF-2.0 in 2012)', async () => {
    const f = await runCheck(datesOrder, await factsOf(pdfExtractor, corpusPath('pdf/tika/testMicrosoftIRMServices.pdf'), 'pdf'));
    expect(f.map((x) => [x.severity, x.evidence.format])).toEqual([['low', 'PDF 2.0']]);
  });

  it('leaves alone one document saved at eight compatibility levels with consistent dates', async () => {
    for (const v of ['4', '5', '6', '7', '8', '9', '10']) {
      const doc = await factsOf(pdfExtractor, corpusPath(`pdf/tika/testPDF_Version.${v}.x.pdf`), 'pdf');
      expect(await runCheck(datesOrder, doc)).toEqual([]);
    }
  });

  it('flags CreationDate after ModDate (issue20232.pdf: 16:03:11Z vs 16:08:00+03:00) as low', async () => {
    const f = await runCheck(datesOrder, await factsOf(pdfExtractor, corpusPath('pdf/pdfjs/issue20232.pdf'), 'pdf'));
    const order = f.filter((x) => x.evidence.kind === 'created-after-modified');
    expect(order.length).toBeGreaterThan(0);
    expect(order[0].severity).toBe('low');
    expect(order[0].evidence.gapSeconds).toBe(3 * 3600 - 289);
  });

  it('reads an ISO date written where a PDF date belongs as what it says (veraPDF 6-1-5-t01-fail-h: Info ModDate "2015-03-10T17:19:21+01:00")', async () => {
    const doc = await factsOf(pdfExtractor, corpusPath('pdf/verapdf/PDF_A-1b/6.1.5/6-1-5-t01-fail-h.pdf'), 'pdf');
    // Read as a PDF date it would be 2015-01-01T03:00Z, "created 68 days after modified".
    expect((await runCheck(datesOrder, doc)).filter((x) => x.evidence.kind === 'created-after-modified')).toEqual([]);
  });

  it('flags a camera date after the analysis time (Polaroid clock set to 2026) and not before it', async () => {
    const doc = await factsOf(imageExtractor, corpusPath('image/jpeg/exif-samples-WWL_Polaroid_ION230.jpg'), 'image');
    const scanIn2020 = await runCheck(datesOrder, doc, { ...CTX, now: new Date('2020-01-01T00:00:00Z') });
    expect(scanIn2020.filter((x) => x.evidence.kind === 'future-date').map((x) => x.evidence.raw)).toContain('2026:11:24 14:41:16');
    const scanIn2027 = await runCheck(datesOrder, doc, { ...CTX, now: new Date('2027-01-01T00:00:00Z') });
    expect(scanIn2027.filter((x) => x.evidence.kind === 'future-date')).toEqual([]);
  });
});

describe('date comparison', () => {
  it('compares instants across zones and allows for zoneless and date-only values', () => {
    expect(sameMoment(parseAnyDate("D:20240418003922+03'00'")!, parseAnyDate('2024-04-17T14:39:22-07:00')!)).toBe(true);
    expect(sameMoment(parseAnyDate("D:20150310171920+01'00'")!, parseAnyDate('2015-03-10T17:19:21+01:00')!)).toBe(false);
    expect(sameMoment(parseAnyDate('2013-01-11')!, parseAnyDate('D:20130111000000Z')!)).toBe(true);
    expect(parseAnyDate("D:2018-08-02T16:06:22+02'00'")?.ms).toBe(Date.parse('2018-08-02T14:06:22Z'));
    expect(parseAnyDate("D:20220622152343+05'30'")?.ms).toBe(Date.parse('2022-06-22T09:53:43Z'));
    expect(parseAnyDate('2015:03:10 17:19:21+01:00')?.ms).toBe(Date.parse('2015-03-10T16:19:21Z'));
  });
});

/** An OOXML package as the extractor describes it, with its parts' zip member times. */
function pkg(application: string | undefined, memberTimes: { min: string; max: string }, created: string, modified: string) {
  return docFrom('office', 'report.docx', {
    office: officeFacts('ooxml', {
      core: { 'dcterms:created': created, 'dcterms:modified': modified },
      app: application ? { Application: application } : {},
      zipEntryTimes: memberTimes,
    }),
    dates: [claimDate('created', 'ooxml.core:dcterms:created', created), claimDate('modified', 'ooxml.core:dcterms:modified', modified)],
  });
}

describe('dates.order: package parts written after the last claimed save', () => {
  const kinds = async (doc: DocumentFacts) =>
    (await runCheck(datesOrder, doc)).map((f) => [f.severity, f.evidence.kind, f.evidence.writer ?? f.evidence.format]);
  it('core.xml edited in 7-Zip: Word parts at 1980, the edited part at the edit time, months after the claimed save', async () => {
    expect(
      await kinds(
        pkg(
          'Microsoft Office Word',
          { min: '1980-01-01 00:00:00', max: '2024-03-03 22:41:10' },
          '2023-05-02T08:00:00Z',
          '2023-05-09T16:10:00Z',
        ),
      ),
    ).toEqual([['medium', 'parts-rewritten-after-save', 'Microsoft Office']]);
    // Excel, a part replaced by a Python script (zipfile stamps the local clock).
    expect(
      await kinds(
        pkg('Microsoft Excel', { min: '1980-01-01 00:00:00', max: '2025-01-12 09:03:51' }, '2021-02-01T08:00:00Z', '2021-11-30T10:00:00Z'),
      ),
    ).toEqual([['medium', 'parts-rewritten-after-save', 'Microsoft Office']]);
    // LibreOffice parts stamped at the claimed save, one part put back a year later.
    expect(
      await kinds(
        pkg(
          'LibreOffice/7.5.3.2$Windows_X86_64',
          { min: '2022-11-10 09:12:40', max: '2023-11-20 21:05:00' },
          '2022-11-01T08:00:00Z',
          '2022-11-10T09:12:40Z',
        ),
      ),
    ).toEqual([['medium', 'parts-rewritten-after-save', 'LibreOffice / OpenOffice']]);
    // Google Docs export (no app.xml, 1980 stamps) with an edited core.xml.
    expect(
      await kinds(
        pkg(undefined, { min: '1980-01-01 00:00:00', max: '2024-06-30 23:59:58' }, '2024-01-02T08:00:00Z', '2024-02-02T08:00:00Z'),
      ),
    ).toEqual([['medium', 'parts-rewritten-after-save', 'unnamed']]);
  });
  it('lookalikes: a package as its writer left it, a conversion or script that rewrote everything, a hand edit the same day', async () => {
    expect(
      await kinds(
        pkg(
          'Microsoft Office Word',
          { min: '1980-01-01 00:00:00', max: '1980-01-01 00:00:00' },
          '2023-05-02T08:00:00Z',
          '2023-05-09T16:10:00Z',
        ),
      ),
    ).toEqual([]);
    expect(
      await kinds(
        pkg(
          'LibreOffice/7.5.3.2',
          { min: '2023-05-09 16:10:02', max: '2023-05-09 16:10:02' },
          '2023-05-02T08:00:00Z',
          '2023-05-09T16:10:00Z',
        ),
      ),
    ).toEqual([]);
    // soffice --convert-to two years later: one stamp for every part, the dates kept.
    expect(
      await kinds(
        pkg(
          'LibreOffice/7.5.3.2',
          { min: '2025-01-09 16:10:02', max: '2025-01-09 16:10:04' },
          '2023-05-02T08:00:00Z',
          '2023-05-09T16:10:00Z',
        ),
      ),
    ).toEqual([['low', 'package-written-after-save', 'LibreOffice / OpenOffice']]);
    // A Word template filled by python-docx: app.xml kept, every part stamped at generation.
    expect(
      await kinds(
        pkg(
          'Microsoft Office Word',
          { min: '2024-02-01 10:00:00', max: '2024-02-01 10:00:00' },
          '2013-12-23T23:15:00Z',
          '2013-12-23T23:15:00Z',
        ),
      ),
    ).toEqual([['low', 'package-written-after-save', 'Microsoft Office']]);
    // WPS Office's constant stamp is no clock.
    expect(
      await kinds(
        pkg(
          'WPS Office_11.1.0.10700',
          { min: '2012-07-02 09:52:14', max: '2012-07-02 09:52:14' },
          '2021-08-18T04:14:00Z',
          '2021-08-18T04:25:44Z',
        ),
      ),
    ).toEqual([]);
    // Hours later (a zone away): nothing; a week later: low.
    expect(
      await kinds(
        pkg(
          'Microsoft Office Word',
          { min: '1980-01-01 00:00:00', max: '2023-05-10 02:00:00' },
          '2023-05-02T08:00:00Z',
          '2023-05-09T16:10:00Z',
        ),
      ),
    ).toEqual([]);
    expect(
      await kinds(
        pkg(
          'Microsoft Office Word',
          { min: '1980-01-01 00:00:00', max: '2023-05-17 12:00:00' },
          '2023-05-02T08:00:00Z',
          '2023-05-09T16:10:00Z',
        ),
      ),
    ).toEqual([['low', 'parts-rewritten-after-save', 'Microsoft Office']]);
  });
});

describe.skipIf(corpusMissing())('dates.order: member times of real packages', () => {
  const kinds = async (path: string, ex = ooxmlExtractor) =>
    (await runCheck(datesOrder, await factsOf(ex, corpusPath(path), 'office')))
      .filter((f) => /after-save/.test(String(f.evidence.kind)))
      .map((f) => [f.severity, f.evidence.kind]);
  it('test files re-zipped by their authors after the Office save stay low or quiet; a conversion is low', async () => {
    expect(await kinds('office/docx/tika-testWORD.docx')).toEqual([]); // a part re-zipped 14 minutes later
    expect(await kinds('office/docx/exiftool-OOXML.docx')).toEqual([['low', 'parts-rewritten-after-save']]); // styles.xml, 8 days later
    expect(await kinds('office/docx/tika-testWORD_multi_authors.docx')).toEqual([]); // Word 2013, every part 1980
    expect(await kinds('office/odf/format-corpus-lo35-simple.odt', odfExtractor)).toEqual([['low', 'package-written-after-save']]);
  });
});
