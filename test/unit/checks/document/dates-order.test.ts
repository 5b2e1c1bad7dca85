import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { imageExtractor } from '../../../../src/extract/image/image.js';
import { datesOrder } from '../../../../src/checks/document/dates-order.js';
import { parseAnyDate, sameMoment } from '../../../../src/checks/document/claimed-dates.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { CTX, factsOf, runCheck } from './harness.js';

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
