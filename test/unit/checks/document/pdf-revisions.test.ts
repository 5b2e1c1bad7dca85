import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { classifyUpdate, pdfRevisions } from '../../../../src/checks/document/pdf-revisions.js';
import type { PdfFacts, PdfRevision } from '../../../../src/model/facts-pdf.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { docFrom, factsOf, runCheck } from './harness.js';

async function findings(rel: string) {
  return runCheck(pdfRevisions, await factsOf(pdfExtractor, corpusPath(rel), 'pdf'));
}

describe.skipIf(corpusMissing())('pdf.revisions on real files', () => {
  it('reports the two incremental updates of Tika testPDF_incrementalUpdates.pdf as page content replaced (medium)', async () => {
    const [f, ...rest] = await findings('pdf/tika/testPDF_incrementalUpdates.pdf');
    expect(rest).toEqual([]);
    // Each update redefines the page with another /Contents (text added after the first save).
    expect(f.severity).toBe('medium');
    expect(f.evidence.pageContentsReplacedIn).toEqual([1, 2]);
    expect(f.evidence.updates).toBe(2);
    expect((f.evidence.revisions as { kind: string }[]).map((r) => r.kind)).toEqual(['content', 'content']);
  });

  it('innocent: a highlight saved by pdf.js redefines the page for /Annots only and stays low', async () => {
    const [f] = await findings('pdf/pdfjs/highlight.pdf');
    expect(f.severity).toBe('low');
    expect(f.evidence.pageContentsReplacedIn).toEqual([]);
  });

  it('sees form filling by a second tool as an innocent update', async () => {
    for (const rel of ['pdf/pypdf/form_acrobatReader.pdf', 'pdf/pypdf/form_evince.pdf']) {
      const [f] = await findings(rel);
      expect(f.severity).toBe('info');
      expect((f.evidence.revisions as { kind: string }[])[0].kind).toBe('annotations-or-forms');
    }
    expect(await findings('pdf/pypdf/form.pdf')).toEqual([]);
  });

  it('sees a signing update as innocent and does not count the linearization section', async () => {
    // Distiller original (linearized: two xref sections, one revision), signed in 2018.
    const [f, ...rest] = await findings('pdf/pdfjs/160F-2019.pdf');
    expect(rest).toEqual([]); // the signature covers the whole file
    expect(f.evidence).toMatchObject({ updates: 1 });
    expect((f.evidence.revisions as { kind: string }[])[0].kind).toBe('signature');
    expect(f.severity).toBe('info');
  });
});

describe.skipIf(corpusMissing())('pdf.revisions: a signature whose signed bytes end at no revision', () => {
  it('xfa_filled_imm1344e.pdf: both signatures cover a prefix that no save ended at; the usage-rights one is low', async () => {
    const f = (await findings('pdf/pdfjs/xfa_filled_imm1344e.pdf')).filter((x) => x.evidence.signedBytes !== undefined);
    // The issuer's signature vs Adobe's Reader Extensions signature ("ARES 8.1 Unlimited").
    expect(f.map((x) => [x.evidence.signedBytes, x.severity])).toEqual([
      [481146, 'medium'],
      [579243, 'low'],
    ]);
    expect(f[0].message).toMatch(/end at no revision/);
  });
});

describe('pdf.revisions: signatures that stop short of the end of the file', () => {
  const rev = (index: number, start: number, end: number, changedTypes: Record<string, number>): PdfRevision => ({
    index,
    start,
    end,
    startxref: end - 30,
    trailer: {},
    objectsDefined: [1],
    objectsChanged: [1],
    changedTypes,
  });
  const pdf = (later: Record<string, number>): PdfFacts => ({
    encrypted: false,
    info: {},
    xmp: {},
    xmpHistory: [],
    javascript: false,
    launchActions: false,
    embeddedFiles: 0,
    jbig2Images: 0,
    annotations: 0,
    forms: true,
    trailingBytes: 0,
    structureWarnings: [],
    // The shape of 160F-2019.pdf (byteRange 0,317565,327125,1275 = signed up to 328400) plus one more update.
    revisions: [rev(0, 0, 310961, {}), rev(1, 310961, 328400, { Info: 1 }), rev(2, 328400, 340000, later)],
    signatures: [
      {
        subFilter: 'adbe.pkcs7.detached',
        byteRange: [0, 317565, 327125, 1275],
        coversWholeFile: false,
        revisionIndex: 1,
        signingTimeRaw: "D:20181217132933+01'00'",
      },
    ],
  });
  it('rates page content changed after signing high', async () => {
    const f = await runCheck(pdfRevisions, docFrom('pdf', 'x.pdf', { pdf: pdf({ Page: 1, Font: 1 }) }));
    const sig = f.find((x) => x.evidence.signedBytes === 328400);
    expect(sig?.severity).toBe('high');
  });
  it('rates form filling after signing low (allowed by DocMDP)', async () => {
    const f = await runCheck(pdfRevisions, docFrom('pdf', 'x.pdf', { pdf: pdf({ Annot: 1, Page: 1 }) }));
    expect(f.find((x) => x.evidence.signedBytes === 328400)?.severity).toBe('low');
  });
  it('classifies metadata-only updates', () => {
    expect(classifyUpdate(rev(1, 0, 1, { Info: 1, Metadata: 1 })).kind).toBe('metadata-only');
  });
});
