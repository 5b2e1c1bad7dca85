import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { classifyUpdate, pdfRevisions } from '../../../../src/checks/document/pdf-revisions.js';
import type { PdfFacts, PdfRevision } from '../../../../src/model/facts-pdf.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { run } from '../../../support/extract-harness.js';
import { docFrom, factsOf, runCheck } from './harness.js';

/** The check on the extractor's facts, or on what the structure scan alone sees (no revision texts). */
async function judge(bytes: Buffer, texts: boolean) {
  const r = await run(pdfExtractor, bytes, 'x.pdf');
  const pdf = r.output!.facts!.pdf!;
  const revisions = texts ? pdf.revisions : pdf.revisions.map(({ textChange: _t, ...rev }) => rev);
  return runCheck(pdfRevisions, docFrom('pdf', 'x.pdf', { pdf: { ...pdf, revisions } }));
}

async function findings(rel: string) {
  return runCheck(pdfRevisions, await factsOf(pdfExtractor, corpusPath(rel), 'pdf'));
}

describe.skipIf(corpusMissing())('pdf.revisions on real files', () => {
  it('from the structure alone, reports the two incremental updates of Tika testPDF_incrementalUpdates.pdf as page content replaced (medium)', async () => {
    const [f, ...rest] = await judge(readFileSync(corpusPath('pdf/tika/testPDF_incrementalUpdates.pdf')), false);
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

describe.skipIf(corpusMissing())("pdf.revisions with the revisions' texts, on the corpus's updated PDFs", () => {
  const judgeFile = async (rel: string) => judge(readFileSync(corpusPath(rel)), true);

  it('a bank statement whose fee paragraph was removed in an update is medium (pdf.js issue6605)', async () => {
    const [f] = await judgeFile('pdf/pdfjs/issue6605.pdf');
    expect(f.severity).toBe('medium');
    expect((f.evidence.textEdits as { removed: string }[]).some((h) => /Fee Information/.test(h.removed))).toBe(true);
  });

  it('innocent: updates that leave the words alone, add them at the edge of a page, repeat one change on many pages or drop the text layer stay low', async () => {
    const expected: [string, string][] = [
      ['pdf/pdfjs/issue1453.pdf', 'same-words'], // spacing changed only
      ['pdf/pdfjs/devicen.pdf', 'same-words'],
      ['pdf/govdocs1/error_set_1-436857.pdf', 'same-words'], // the footer's words moved, none changed
      ['pdf/tika/testPDF_incrementalUpdates.pdf', 'added-at-edge'], // "Testing Incremental" typed after the text
      ['pdf/pdfjs/bug1019475_2.pdf', 'added-at-edge'],
      ['pdf/govdocs1/error_set_1-137036.pdf', 'repeated-on-pages'], // the running footer "Bariatric Toolkit | G-n" removed
      ['pdf/pdfjs/issue16091.pdf', 'text-layer-removed'],
      ['pdf/pdfjs/issue16176.pdf', 'new-text'],
    ];
    for (const [rel, kind] of expected) {
      const [f] = await judgeFile(rel);
      expect(f.severity, rel).toBe('low');
      expect(
        (f.evidence.revisions as { text?: string }[]).map((r) => r.text),
        rel,
      ).toContain(kind);
    }
  });

  it('innocent: forms filled by Acrobat Reader and Evince and a signing update stay info', async () => {
    for (const rel of ['pdf/pypdf/form_acrobatReader.pdf', 'pdf/pypdf/form_evince.pdf', 'pdf/pdfjs/160F-2019.pdf']) {
      const [f] = await judgeFile(rel);
      expect(f.severity, rel).toBe('info');
    }
  });
});
