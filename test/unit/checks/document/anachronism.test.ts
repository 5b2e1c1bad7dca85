import { describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { odfExtractor } from '../../../../src/extract/office/odf.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { fontsAnachronism, softwareAnachronism } from '../../../../src/checks/document/anachronism.js';
import { claimDate } from '../../../../src/shared/dates.js';
import type { DocumentFacts } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { docFrom, factsOf, runCheck } from './harness.js';

/** The forger's move: keep everything the software wrote, type older dates over the real ones. */
function backdate(doc: DocumentFacts, created: string, modified: string, source: string): DocumentFacts {
  return docFrom(doc.kind, doc.name, {
    ...doc.facts,
    dates: [claimDate('created', `${source}:created`, created), claimDate('modified', `${source}:modified`, modified)],
  });
}

describe.skipIf(corpusMissing())('anachronisms on real files', () => {
  it('a genuine Word 2007 document (tika-testWORD.docx: AppVersion 12.0000, Calibri, 2008-2010) raises nothing', async () => {
    const doc = await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWORD.docx'), 'office');
    expect(await runCheck(softwareAnachronism, doc)).toEqual([]);
    expect(await runCheck(fontsAnachronism, doc)).toEqual([]);
  });

  it('the same file back-dated to 2004 shows Office 2007 and Calibri as anachronisms', async () => {
    const real = await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWORD.docx'), 'office');
    const doc = backdate(real, '2004-02-10T09:00:00Z', '2004-03-01T17:30:00Z', 'ooxml.core');
    const sw = await runCheck(softwareAnachronism, doc);
    expect(sw).toHaveLength(1);
    expect(sw[0].evidence).toMatchObject({ product: 'Microsoft Office', appVersion: '12.0000', earliestRelease: '2006-11-30' });
    expect(sw[0].severity).toBe('high'); // more than a year before the release and before any beta
    const fonts = await runCheck(fontsAnachronism, doc);
    expect(fonts.map((f) => f.evidence.font).sort()).toEqual(['Calibri', 'Cambria']);
    expect(fonts.every((f) => f.severity === 'medium')).toBe(true);
  });

  it('a date inside the public beta of Office 2007 (Fontgate: deed dated Feb 2006 vs beta May 2006) stays medium for fonts, low within the beta', async () => {
    const real = await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWORD.docx'), 'office');
    const feb2006 = await runCheck(fontsAnachronism, backdate(real, '2006-02-04T10:00:00Z', '2006-02-04T11:00:00Z', 'ooxml.core'));
    expect(feb2006.find((f) => f.evidence.font === 'Calibri')?.severity).toBe('medium');
    const sep2006 = await runCheck(fontsAnachronism, backdate(real, '2006-09-04T10:00:00Z', '2006-09-04T11:00:00Z', 'ooxml.core'));
    expect(sep2006.find((f) => f.evidence.font === 'Calibri')?.severity).toBe('low');
  });

  it('pre-release builds stay low: Word 15.0 in March 2012 (Office 15 Technical Preview), Excel 12.0 in July 2006 (Office 2007 Beta 2)', async () => {
    const dotx = await runCheck(
      softwareAnachronism,
      await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWORD_template.dotx'), 'office'),
    );
    expect(dotx.map((f) => [f.severity, f.evidence.appVersion, f.evidence.preview])).toEqual([['low', '15.0000', '2012-01-30']]);
    const xlsb = await runCheck(
      softwareAnachronism,
      await factsOf(ooxmlExtractor, corpusPath('office/xlsb/tika-testEXCEL.xlsb'), 'office'),
    );
    expect(xlsb.map((f) => [f.severity, f.evidence.preview])).toEqual([['low', '2006-05-23']]);
  });

  it('a later re-save is not an anachronism: Preview 2023 producer on a file modified in 2023 (freetexts.pdf)', async () => {
    const doc = await factsOf(pdfExtractor, corpusPath('pdf/pdfjs/freetexts.pdf'), 'pdf');
    expect(await runCheck(softwareAnachronism, doc)).toEqual([]);
    // Back-dated to 2019: macOS 13 (Oct 2022) and Acrobat 23 (autumn 2022) did not exist.
    const old = backdate(doc, "D:20190531165122+02'00'", "D:20190605125352+01'00'", 'pdf.info');
    const f = await runCheck(softwareAnachronism, old);
    expect(f.map((x) => x.evidence.product).sort()).toEqual(['Adobe Acrobat', 'macOS']);
  });
});

describe.skipIf(corpusMissing())('anachronisms from converters', () => {
  it('a LibreOffice 3.5 generator on an ODT dated 2010 stays medium (converted later with its dates kept)', async () => {
    const f = await runCheck(
      softwareAnachronism,
      await factsOf(odfExtractor, corpusPath('office/odf/format-corpus-lo35-simple.odt'), 'office'),
    );
    expect(f.map((x) => [x.severity, x.evidence.product, x.evidence.earliestRelease])).toEqual([['medium', 'LibreOffice', '2012-02-14']]);
  });
});
