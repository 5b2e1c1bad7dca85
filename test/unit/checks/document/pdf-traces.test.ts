import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import {
  pdfActiveContent,
  pdfJbig2,
  pdfPostProcessing,
  pdfTrailerId,
  pdfXmpHistory,
  postProcessingFootprints,
} from '../../../../src/checks/document/pdf-traces.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { docFrom, factsOf, runCheck } from './harness.js';

const pdf = (rel: string) => factsOf(pdfExtractor, corpusPath(rel), 'pdf');

describe.skipIf(corpusMissing())('PDF traces on real files', () => {
  it('pdf.post-processing: finds Preview AppendMode and the PDFsharp rewrite, not an untouched file', async () => {
    const preview = await runCheck(pdfPostProcessing, await pdf('pdf/pdfjs/freetexts.pdf'));
    expect(preview.map((f) => f.evidence.tool)).toEqual(['macOS Preview (Quartz AppendMode)']);
    const sharp = await runCheck(pdfPostProcessing, await pdf('pdf/pdfjs/issue17215.pdf'));
    expect(sharp[0].evidence).toMatchObject({ tool: 'PDFsharp' });
    expect(sharp[0].message).toContain('TELUS Health using ABCpdf');
    expect(await runCheck(pdfPostProcessing, await pdf('pdf/pypdf/form.pdf'))).toEqual([]);
  });

  it('pdf.trailer-id: equal halves on an untouched file say nothing; the form filled later shows renewed halves', async () => {
    // form.pdf: /ID [<76b62aac...> <76b62aac...>] (qpdf --show-object=trailer), one revision.
    expect(await runCheck(pdfTrailerId, await pdf('pdf/pypdf/form.pdf'))).toEqual([]);
    const filled = await runCheck(pdfTrailerId, await pdf('pdf/pypdf/form_acrobatReader.pdf'));
    expect(filled.map((f) => f.severity)).toEqual(['info']);
    expect(filled[0].evidence.incrementalUpdates).toBe(1);
  });

  it('pdf.active-content: JavaScript in a real file is an advisory', async () => {
    const f = await runCheck(pdfActiveContent, await pdf('pdf/tika/testPDF_jsActionOnPage.pdf'));
    expect(f).toHaveLength(1);
    expect(f[0].evidence.javascript).toBe(true);
    expect(['info', 'low']).toContain(f[0].severity);
    expect(await runCheck(pdfActiveContent, await pdf('pdf/pypdf/form.pdf'))).toEqual([]);
  });
});

describe('PDF traces logic', () => {
  const facts = (over: Record<string, unknown>) =>
    docFrom('pdf', 'x.pdf', {
      pdf: {
        encrypted: false,
        info: {},
        xmp: {},
        xmpHistory: [],
        revisions: [],
        signatures: [],
        javascript: false,
        launchActions: false,
        embeddedFiles: 0,
        jbig2Images: 0,
        annotations: 0,
        forms: false,
        trailingBytes: 0,
        structureWarnings: [],
        ...over,
      } as never,
    });

  it('recognises an ExifTool XMP toolkit and iText modification', () => {
    const f = postProcessingFootprints(
      { Producer: 'GPL Ghostscript 9.05; modified using iText 2.1.7 by 1T3XT' },
      {},
      '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Image::ExifTool 12.57">',
    );
    expect(f.map((x) => x.tool)).toEqual(['ExifTool', 'iText 2.1.7 by 1T3XT']);
    expect(postProcessingFootprints({ Producer: 'Microsoft® Word 2016' }, {}, '<x:xmpmeta x:xmptk="Adobe XMP Core 5.6-c015">')).toEqual([]);
  });

  it('pdf.trailer-id: equal halves despite updates is low; a changed permanent half is low', async () => {
    const rev = (i: number, id: string) => ({
      index: i,
      start: i * 10,
      end: i * 10 + 10,
      startxref: 0,
      trailer: { ID: id },
      objectsDefined: [1],
      objectsChanged: [],
      changedTypes: { Page: 1 },
    });
    const same = await runCheck(pdfTrailerId, facts({ trailerId: ['AA', 'aa'], revisions: [rev(0, '<aa> <aa>'), rev(1, '<aa> <aa>')] }));
    expect(same.map((f) => f.severity)).toEqual(['low']);
    const rebuilt = await runCheck(pdfTrailerId, facts({ trailerId: ['bb', 'cc'], revisions: [rev(0, '<aa> <aa>'), rev(1, '<bb> <cc>')] }));
    expect(rebuilt.map((f) => f.severity)).toEqual(['info', 'low']);
  });

  it('pdf.xmp-history: an event after ModDate is low, a consistent history is info', async () => {
    const hist = [
      { action: 'created', when: '2014-03-04T09:05:57+01:00', softwareAgent: 'Adobe Acrobat 10.0' },
      { action: 'saved', when: '2016-01-01T10:00:00+01:00', softwareAgent: 'Adobe Photoshop CS6' },
    ];
    const late = await runCheck(
      pdfXmpHistory,
      facts({ info: { CreationDate: "D:20140304090557+01'00'", ModDate: "D:20140304090831+01'00'" }, xmpHistory: hist }),
    );
    expect(late.map((f) => f.severity)).toEqual(['info', 'low']);
    const ok = await runCheck(
      pdfXmpHistory,
      facts({ info: { CreationDate: "D:20140304090557+01'00'", ModDate: "D:20160101100000+01'00'" }, xmpHistory: hist }),
    );
    expect(ok.map((f) => f.severity)).toEqual(['info']);
  });

  it('pdf.jbig2 is an advisory only when JBIG2 images exist', async () => {
    expect((await runCheck(pdfJbig2, facts({ jbig2Images: 2 })))[0].severity).toBe('info');
    expect(await runCheck(pdfJbig2, facts({}))).toEqual([]);
  });
});
