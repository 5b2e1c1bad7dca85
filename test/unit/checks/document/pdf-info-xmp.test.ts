import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { compareInfoXmp, pdfInfoXmp, xmpArrayItems } from '../../../../src/checks/document/pdf-info-xmp.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { factsOf, runCheck } from './harness.js';

/** veraPDF's expected verdicts for PDF/A-1b clause 6.7.3 (Info dictionary / XMP equivalence). */
function veraPdfRows(): { path: string; pass: boolean; message: string }[] {
  return readFileSync(corpusPath('EXPECTED.tsv'), 'utf8')
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((c) => c[0]?.startsWith('pdf/verapdf/PDF_A-1b/6.7.3/') && c[1] === 'pdfa_validation:A-1b')
    .map((c) => ({ path: c[0], pass: c[2].startsWith('pass'), message: c[2] }));
}

async function findingsFor(rel: string) {
  return runCheck(pdfInfoXmp, await factsOf(pdfExtractor, corpusPath(rel), 'pdf'));
}

describe.skipIf(corpusMissing())('pdf.info-xmp on real files', () => {
  it('agrees with veraPDF on every PDF/A-1b 6.7.3 file', async () => {
    const rows = veraPdfRows();
    expect(rows.length).toBe(17);
    const disagreements: string[] = [];
    for (const r of rows) {
      const flagged = (await findingsFor(r.path)).length > 0;
      if (flagged === r.pass)
        disagreements.push(`${r.path}: veraPDF ${r.pass ? 'pass' : 'fail'}, Verity ${flagged ? 'flagged' : 'silent'}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('names the field veraPDF names on a failing file', async () => {
    const title = await findingsFor('pdf/verapdf/PDF_A-1b/6.7.3/6-7-3-t02-fail-a.pdf');
    expect(title.map((f) => f.evidence.field)).toContain('Title');
    const authors = await findingsFor('pdf/verapdf/PDF_A-1b/6.7.3/6-7-3-t03-fail-a.pdf');
    const multi = authors.find((f) => f.evidence.field === 'Author');
    expect(multi?.evidence.xmpItems).toEqual(['veraPDF Consortium', 'second author', 'third author']);
    const moddate = await findingsFor('pdf/verapdf/PDF_A-1b/6.7.3/6-7-3-t08-fail-a.pdf');
    const d = moddate.find((f) => f.evidence.field === 'ModDate');
    expect(d?.evidence.gapSeconds).toBe(1);
    expect(d?.severity).toBe('info'); // one second apart: flagged, but not evidence of forgery
  });

  it('leaves alone the pdf.js pair stating one instant in two time zones', async () => {
    // Info CreationDate 2024-04-18T00:39:22+03:00 vs XMP 2024-04-17T14:39:22-07:00: the same moment.
    expect(await findingsFor('pdf/pdfjs/issue18036.pdf')).toEqual([]);
  });

  it('compares instants, not strings, on mixed pairs', async () => {
    // CreationDate: 09:53:43Z vs 15:23:43+05:30 (same instant); ModDate: 24 Jun vs 22 Jun (different).
    const f = await findingsFor('pdf/pdfjs/issue15096.pdf');
    expect(f.map((x) => x.evidence.field).sort()).toEqual(['ModDate', 'Producer']);
    // XMP written in PDF date syntax ("D:2018-08-02T16:06:22+02'00'") and a date-only XMP value.
    expect(await findingsFor('pdf/pdfjs/issue9949.pdf')).toEqual([]);
    expect((await findingsFor('pdf/pdfjs/issue269_2.pdf')).filter((x) => x.evidence.field === 'CreationDate')).toEqual([]);
  });

  it('flags the Tika title mismatch and a year-apart CreationDate', async () => {
    const t = await findingsFor('pdf/tika/testPDF_diffTitles.pdf');
    expect(t.find((x) => x.evidence.field === 'Title')?.evidence).toMatchObject({ info: 'this is a new title', xmp: 'Sample Title' });
    const y = await findingsFor('pdf/pdfjs/issue20453.pdf');
    expect(y.find((x) => x.evidence.field === 'CreationDate')?.severity).toBe('medium');
  });
});

describe('pdf.info-xmp logic', () => {
  const base = {
    encrypted: false,
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
  };
  it('says nothing when the XMP packet is absent (most writers keep only Info)', () => {
    expect(compareInfoXmp({ ...base, info: { Producer: 'GPL Ghostscript 9.05' }, xmp: {} })).toEqual([]);
  });
  it('reads rdf:li items of an array property', () => {
    const raw = '<dc:creator><rdf:Seq><rdf:li>A &amp; B</rdf:li><rdf:li>C</rdf:li></rdf:Seq></dc:creator>';
    expect(xmpArrayItems(raw, 'dc:creator')).toEqual(['A & B', 'C']);
  });
});
