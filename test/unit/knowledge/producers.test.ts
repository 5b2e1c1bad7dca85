import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../src/extract/pdf/pdf.js';
import { ALL_RELEASES, earliestDate, identifyAll, identifyCapture, identifySoftware } from '../../../src/knowledge/producers.js';
import { LIBREOFFICE, LIBREOFFICE_POINTS } from '../../../src/knowledge/software.js';
import { findRelease } from '../../../src/knowledge/release-rows.js';
import { IOS, MACOS } from '../../../src/knowledge/os-releases.js';
import { DEVICES, findDevice } from '../../../src/knowledge/devices.js';
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
    ['complex_ttf_font.pdf', 'macOS', '10.6.5', '2010-11-15'], // Mac OS X 10.6.8: the nearest listed point below
    ['issue10900.pdf', 'macOS', '10.14.5', '2019-05-13'], // macOS Version 10.14.5 (Build 18F132)
    ['issue15690.pdf', 'macOS', '12.5.1', '2022-08-17'], // localised: macOS 版本12.5.1（版号21G83）
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
    expect(rows.length).toBeGreaterThan(1000);
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
  it('reads variable-instance and PostScript names that run family and style together', () => {
    expect(findFont('SegoeUIVariableDisplay-Semibold')?.family).toBe('Segoe UI Variable');
    expect(findFont('Segoe UI Variable Small Semilight')?.family).toBe('Segoe UI Variable');
    expect(findFont('ABCDEF+AptosDisplay-Bold')?.family).toBe('Aptos');
    expect(findFont('SFProText-Regular')?.family).toBe('SF Pro');
    expect(findFont('Inter-Regular')?.family).toBe('Inter');
    expect(findFont('Interstate-Bold')).toBeUndefined(); // another family that starts with a known name
    expect(findFont('GrandviewDisplay-Italic')?.family).toBe('Grandview');
  });
  it('dates Aptos by its name (July 2023), not by the Bierstadt cloud font it was renamed from', () => {
    expect(findFont('Aptos')).toMatchObject({ released: '2023-07-13' });
    expect(findFont('Aptos')?.preview).toBeUndefined();
    expect(findFont('Bierstadt')).toMatchObject({ released: '2021-04-28' });
  });
});

describe('point releases', () => {
  it('dates a LibreOffice generator by its point release (first release candidate), a PDF producer by its branch', () => {
    const gen = identifySoftware(
      'LibreOffice/7.1.5.2$Linux_X86_64 LibreOffice_project/85f04e9f809797b8199d13c421bd8a2b025d52b5',
      '15.0000',
    );
    expect([gen?.product, gen?.version, gen?.release?.version, gen?.release?.released]).toEqual([
      'LibreOffice',
      '7.1.5.2',
      '7.1.5',
      '2021-07-04',
    ]);
    expect(identifySoftware('LibreOffice 7.1')?.release?.released).toBe('2021-02-03');
    // 7.2.1's tags were not all recorded: the nearest lower point of its own branch bounds it.
    expect(identifySoftware('LibreOffice/7.2.1.2$Windows_X86_64')?.release?.version).toBe('7.2.0');
    // Before 4.0 no point is listed: the branch row.
    expect(identifySoftware('LibreOffice/3.5.4.2$Windows_x86')?.release?.version).toBe('3.5');
  });
  it('never lets a point of one branch bound another: 7.0.6 shipped after 7.1.0', () => {
    const p706 = LIBREOFFICE_POINTS.find((r) => r.version === '7.0.6')!;
    const p710 = LIBREOFFICE_POINTS.find((r) => r.version === '7.1.0')!;
    expect(p706.released > p710.released).toBe(true);
    expect(identifySoftware('LibreOffice/7.1.0.3$Linux_X86_64')?.release?.version).toBe('7.1.0');
  });
  it('each point release of a branch is no later than the next one', () => {
    for (const table of [LIBREOFFICE_POINTS, IOS, MACOS]) {
      for (let i = 1; i < table.length; i++) {
        const [a, b] = [table[i - 1], table[i]];
        const branch = (v: string) => v.split('.').slice(0, 2).join('.');
        if (branch(a.version) === branch(b.version))
          expect(a.released <= b.released, `${a.product} ${a.version} / ${b.version}`).toBe(true);
      }
    }
  });
  it('dates Office for Mac by its own releases, not by Windows Office', () => {
    expect(identifySoftware('Microsoft Macintosh Word', '14.0000')?.release).toMatchObject({
      name: 'Office for Mac 2011',
      released: '2010-10-26',
    });
    expect(identifySoftware('Microsoft Macintosh Excel', '16.0000')?.release?.released).toBe('2015-07-09');
  });
  it('reads Skia milestones, Adobe suite versions, LuaTeX and dvipdfmx dates', () => {
    expect(earliestDate(identifySoftware('Skia/PDF m90 Google Docs Renderer')!)).toMatchObject({
      date: '2021-04-13',
      preview: '2021-01-19',
    });
    expect(identifySoftware('Adobe InDesign 18.0 (Macintosh)')?.release?.released).toBe('2022-10-01');
    expect(identifySoftware('Adobe InDesign CS6 (Windows)')?.release?.released).toBe('2012-05-01');
    expect(identifySoftware('Adobe Illustrator 27.0 (Macintosh)')?.release?.released).toBe('2022-10-01');
    expect(identifySoftware('Adobe Photoshop Lightroom 6.1 (Windows)')?.release?.released).toBe('2015-04-01');
    expect(identifySoftware('LuaTeX-1.10.0')?.release?.version).toBe('1.10');
    expect(earliestDate(identifyAll('xdvipdfmx (20200315)')[0])?.date).toBe('2020-03-15');
  });
});

describe('photos: device, system version, firmware', () => {
  const dated = (make: string, model: string, software?: string) =>
    identifyCapture(make, model, software).map((i) => [i.product, earliestDate(i)?.date]);
  it('an iPhone and the iOS version it writes as Software', () => {
    expect(dated('Apple', 'iPhone 11', '13.1')).toEqual([
      ['iPhone 11', '2019-09-20'],
      ['iOS', '2019-09-24'],
    ]);
    expect(dated('Apple', 'iPhone 13 Pro Max', '15.2.1')).toEqual([
      ['iPhone 13 Pro Max', '2021-09-24'],
      ['iOS', '2022-01-12'],
    ]);
    // iPads run iPadOS from 13.1 on.
    expect(dated('Apple', 'iPad (9th generation)', '15.0')).toEqual([
      ['iPad (9th generation)', '2021-09-24'],
      ['iPadOS', '2021-09-20'],
    ]);
  });
  it('beta windows: an iOS point release is in beta for weeks, a major from WWDC', () => {
    const i131 = IOS.find((r) => r.version === '13.1')!;
    expect(i131.preview).toBe('2019-08-27'); // recorded first beta
    const i170 = IOS.find((r) => r.version === '17.0')!;
    expect(i170.preview).toBe('2023-06-05'); // WWDC 2023
  });
  it('Samsung model numbers and firmware build months, Android versions and build IDs', () => {
    expect(dated('samsung', 'SM-G973F', 'G973FXXU3ASJE')).toEqual([
      ['Galaxy S10', '2019-02-20'],
      ['Samsung firmware', '2019-10-01'],
    ]);
    expect(dated('samsung', 'SM-S911B', 'S911BXXU1AWBD')).toEqual([
      ['Galaxy S23', '2023-02-17'],
      ['Samsung firmware', '2023-02-01'],
    ]);
    expect(dated('Motorola', 'XT1575', 'clark_retus-user 5.1.1 LPH23.116-18 18 release-keys')).toEqual([['Android', '2015-03-01']]);
    expect(dated('Google', 'Pixel 4', 'QQ3A.200805.001')).toEqual([
      ['Pixel 4', '2019-10-24'],
      ['Android build', '2020-08-05'],
    ]);
  });
  it('cameras by their EXIF model names', () => {
    expect(findDevice('Canon', 'Canon EOS R6m2')?.name).toBe('EOS R6m2');
    expect(findDevice('NIKON CORPORATION', 'NIKON Z 6_2')?.released).toBe('2020-10-01');
    expect(findDevice('SONY', 'ILCE-7M3')?.released).toBe('2018-02-01');
    expect(findDevice('FUJIFILM', 'X-T30 II')?.name).toBe('X-T30 II');
    expect(findDevice('FUJIFILM', 'X-T3')?.name).toBe('X-T3');
    // A model the table does not know, or a vendor it does not cover, is not dated.
    expect(findDevice('Canon', 'Canon EOS 40D')).toBeUndefined();
    expect(findDevice('HMD Global', 'Nokia 8.3 5G')).toBeUndefined();
    for (const d of DEVICES) expect(d.source.length, d.name).toBeGreaterThan(20);
  });
  it('every photo of the shared corpus is consistent with its device and system dates', async () => {
    // iPhone 7 / 10.0.2 (2016-09-28), iPhone 7 / 13.1.2 (2019-10-20), iPhone 8 / 11.2.2 (2018-02-05),
    // iPhone 11 Pro Max / 14.4.2 (2021-04-11), iPhone 13 Pro Max / 15.2.1 (2022-02-16), iPhone 15 Pro / 18.5, Pixel 8 Pro
    const cases: [string, string, string, string][] = [
      ['Apple', 'iPhone 7', '10.0.2', '2016-09-28'],
      ['Apple', 'iPhone 7', '13.1.2', '2019-10-20'],
      ['Apple', 'iPhone 8', '11.2.2', '2018-02-05'],
      ['Apple', 'iPhone 11 Pro Max', '14.4.2', '2021-04-11'],
      ['Apple', 'iPhone 13 Pro Max', '15.2.1', '2022-02-16'],
      ['Apple', 'iPhone 15 Pro', '18.5', '2025-07-11'],
      ['Google', 'Pixel 8 Pro', 'HDR+ 1.0.570503588zd', '2023-10-06'],
      ['Google', 'Pixel', 'HDR+ 1.0.199571065z', '2018-07-25'],
    ];
    for (const [make, model, software, taken] of cases) {
      for (const id of identifyCapture(make, model, software)) expect(earliestDate(id)!.date <= taken, `${model} ${software}`).toBe(true);
    }
  });
});
