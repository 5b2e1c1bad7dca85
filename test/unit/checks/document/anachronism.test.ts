import { describe, expect, it } from 'vitest';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { odfExtractor } from '../../../../src/extract/office/odf.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { fontsAnachronism, softwareAnachronism } from '../../../../src/checks/document/anachronism.js';
import { claimDate, parseExifDate } from '../../../../src/shared/dates.js';
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

/** A photo as the image extractor describes it: Make, Model, Software and the EXIF dates. */
function photo(make: string, model: string, software: string | undefined, taken: string, offset?: string): DocumentFacts {
  const exif = (role: string, key: string) => claimDate(role, `exif:${key}`, taken, (r) => parseExifDate(r, offset));
  return docFrom('image', 'IMG_0001.JPG', {
    image: { format: 'jpeg', make, model, software, dateTimeOriginal: taken, offsetTimeOriginal: offset },
    dates: [exif('original', 'DateTimeOriginal'), exif('digitized', 'CreateDate'), exif('modified', 'ModifyDate')],
    software: software ? [{ role: 'camera-software', value: software, source: 'exif:Software' }] : [],
  });
}

/** An Office package as the OOXML extractor describes it. */
function officeDoc(
  application: string,
  appVersion: string | undefined,
  created: string,
  modified: string,
  fonts: string[] = [],
): DocumentFacts {
  return docFrom('office', 'report.docx', {
    office: {
      format: 'ooxml',
      core: { 'dcterms:created': created, 'dcterms:modified': modified },
      app: { Application: application, ...(appVersion ? { AppVersion: appVersion } : {}) },
      custom: {},
      commentAuthors: [],
      revisionAuthors: [],
      fonts,
      encrypted: false,
      macros: false,
    },
    dates: [claimDate('created', 'ooxml.core:dcterms:created', created), claimDate('modified', 'ooxml.core:dcterms:modified', modified)],
    software: [{ role: 'application', value: application, version: appVersion, source: 'ooxml.app:Application' }],
    fonts: fonts.map((name) => ({ name, source: 'ooxml.theme' })),
  });
}

function pdfDoc(producer: string, created: string, fonts: string[]): DocumentFacts {
  return docFrom('pdf', 'minutes.pdf', {
    dates: [claimDate('created', 'pdf.info:CreationDate', created), claimDate('modified', 'pdf.info:ModDate', created)],
    software: [{ role: 'producer', value: producer, source: 'pdf.info:Producer' }],
    fonts: fonts.map((name) => ({ name, embedded: true, subset: true, source: 'pdf.font' })),
  });
}

const sev = async (doc: DocumentFacts) => (await runCheck(softwareAnachronism, doc)).map((f) => [f.severity, f.evidence.product]);

describe('devices and system versions in photos (variants written apart from the tables)', () => {
  it('a phone that did not exist yet, with the iOS version it writes: iPhone 11 / 13.1 in June 2019, iPhone 13 / 15.0 in March 2021', async () => {
    expect(await sev(photo('Apple', 'iPhone 11', '13.1', '2019:06:10 14:22:01'))).toEqual([
      ['medium', 'iPhone 11'],
      ['medium', 'iOS'],
    ]);
    expect(await sev(photo('Apple', 'iPhone 13', '15.0', '2021:03:02 09:15:44', '+01:00'))).toEqual([
      ['medium', 'iPhone 13'],
      ['medium', 'iOS'],
    ]);
  });
  it('other phones and cameras: Galaxy S23 firmware, Pixel 7, Canon EOS R5, Sony A7 IV, Fujifilm X-T5', async () => {
    expect(await sev(photo('samsung', 'SM-S911B', 'S911BXXU1AWBD', '2022:10:04 18:00:00'))).toEqual([
      ['medium', 'Galaxy S23'],
      ['medium', 'Samsung firmware'],
    ]);
    expect(await sev(photo('Google', 'Pixel 7', 'HDR+ 1.0.482416186zd', '2022:01:15 12:00:00'))).toEqual([['medium', 'Pixel 7']]);
    expect(await sev(photo('Canon', 'Canon EOS R5', undefined, '2019:11:20 10:31:07'))).toEqual([['medium', 'EOS R5']]);
    expect(await sev(photo('SONY', 'ILCE-7M4', 'ILCE-7M4 v1.00', '2020:05:03 16:40:12'))).toEqual([['medium', 'ILCE-7M4']]);
    expect(await sev(photo('FUJIFILM', 'X-T5', 'Digital Camera X-T5 Ver1.00', '2021:08:30 08:00:00'))).toEqual([['medium', 'X-T5']]);
  });
  it('lookalikes stay quiet or low: genuine photos, a beta iOS, a review unit, an unset camera clock', async () => {
    expect(await sev(photo('Apple', 'iPhone 7', '13.1.2', '2019:10:20 11:02:33', '+02:00'))).toEqual([]);
    expect(await sev(photo('Apple', 'iPhone 13 Pro Max', '15.2.1', '2022:02:16 17:30:00', '+01:00'))).toEqual([]);
    // iOS 13 developer beta on an iPhone XS in July 2019 (the beta carries the final version number).
    expect(await sev(photo('Apple', 'iPhone XS', '13.0', '2019:07:01 10:00:00'))).toEqual([['low', 'iOS']]);
    // An iPhone 11 review unit a few days before the sale: within the margin.
    expect(await sev(photo('Apple', 'iPhone 11', '13.0', '2019:09:16 10:00:00'))).toEqual([]);
    // A new camera whose clock was never set starts on 1 January at midnight.
    const unset = await runCheck(softwareAnachronism, photo('Canon', 'Canon EOS R5', undefined, '2020:01:01 00:00:12'));
    expect(unset.map((f) => [f.severity, f.evidence.clockUnset])).toEqual([['low', true]]);
    // A camera the table does not know is not dated at all.
    expect(await sev(photo('Canon', 'Canon EOS 40D', undefined, '2001:05:01 10:00:00'))).toEqual([]);
  });
});

describe('point releases of office software (variants)', () => {
  it('a .docx "written by LibreOffice 7.1.5.2" months before 7.1.5 existed is medium; after its first release candidate it is not', async () => {
    const gen = 'LibreOffice/7.1.5.2$Linux_X86_64 LibreOffice_project/85f04e9f809797b8199d13c421bd8a2b025d52b5';
    expect(await sev(officeDoc(gen, '15.0000', '2021-03-01T09:12:00Z', '2021-03-04T16:40:00Z'))).toEqual([['medium', 'LibreOffice']]);
    expect(await sev(officeDoc(gen, '15.0000', '2021-07-20T09:12:00Z', '2021-07-21T16:40:00Z'))).toEqual([]);
    expect(
      await sev(
        officeDoc(
          'LibreOffice/24.2.3.2$Windows_X86_64 LibreOffice_project/433d9c2ded56988e8a90e6b2e771ee4e6a5ab2ba',
          '15.0000',
          '2023-09-01T08:00:00Z',
          '2023-09-05T08:00:00Z',
        ),
      ),
    ).toEqual([['medium', 'LibreOffice']]);
  });
  it('Office for Mac 2016 before its preview is an anachronism, during the preview low', async () => {
    expect(await sev(officeDoc('Microsoft Macintosh Word', '16.0000', '2014-11-03T10:00:00Z', '2014-11-05T10:00:00Z'))).toEqual([
      ['medium', 'Microsoft Office for Mac'],
    ]);
    expect(await sev(officeDoc('Microsoft Macintosh Word', '16.0000', '2015-04-20T10:00:00Z', '2015-04-21T10:00:00Z'))).toEqual([
      ['low', 'Microsoft Office for Mac'],
    ]);
  });
  it('Google Docs and Chrome PDFs name their Skia milestone', async () => {
    expect(await sev(pdfDoc('Skia/PDF m110 Google Docs Renderer', "D:20220315101010+00'00'", []))).toEqual([['medium', 'Chrome']]);
    expect(await sev(pdfDoc('Skia/PDF m110 Google Docs Renderer', "D:20221205101010+00'00'", []))).toEqual([['low', 'Chrome']]);
  });
});

describe('fonts that did not exist yet (variants)', () => {
  const fonts = async (doc: DocumentFacts) => (await runCheck(fontsAnachronism, doc)).map((f) => [f.severity, f.evidence.font]);
  it('Segoe UI Variable (Windows 11) in a PDF dated before the Windows 11 previews; low during them', async () => {
    expect(
      await fonts(pdfDoc('Microsoft® Word for Microsoft 365', "D:20210315101010+01'00'", ['SegoeUIVariableText-Semibold', 'Calibri'])),
    ).toEqual([['medium', 'Segoe UI Variable']]);
    expect(await fonts(pdfDoc('Microsoft® Word for Microsoft 365', "D:20210810101010+01'00'", ['SegoeUIVariableDisplay-Regular']))).toEqual(
      [['low', 'Segoe UI Variable']],
    );
  });
  it('Aptos in a .docx theme dated 2022 (before the name existed) is medium; in September 2023 it is not', async () => {
    const theme = ['Aptos Display', 'Aptos', 'Times New Roman'];
    expect(await fonts(officeDoc('Microsoft Office Word', '16.0000', '2022-11-02T09:00:00Z', '2022-11-03T09:00:00Z', theme))).toEqual([
      ['medium', 'Aptos'],
    ]);
    expect(await fonts(officeDoc('Microsoft Office Word', '16.0000', '2023-09-12T09:00:00Z', '2023-09-13T09:00:00Z', theme))).toEqual([]);
  });
  it('the 2021 cloud fonts, SF Pro and Inter', async () => {
    expect(
      await fonts(pdfDoc('Microsoft® Word for Microsoft 365', "D:20200601101010+01'00'", ['Grandview-Bold', 'ABCDEF+Tenorite'])),
    ).toEqual([
      ['medium', 'Grandview'],
      ['medium', 'Tenorite'],
    ]);
    expect(
      await fonts(pdfDoc('macOS Version 10.12.6 (Build 16G29) Quartz PDFContext', "D:20170201101010+01'00'", ['SFProText-Regular'])),
    ).toEqual([['medium', 'SF Pro']]);
    expect(await fonts(pdfDoc('Skia/PDF m60', "D:20160201101010+01'00'", ['Inter-Regular']))).toEqual([['medium', 'Inter']]);
  });
});
