import { describe, expect, it } from 'vitest';
import { readCorpusTruth, truthOf } from '../../../src/bench/corpus-truth.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';

describe.skipIf(corpusMissing())('corpus truth: genuine and crafted files, from MANIFEST.tsv and EXPECTED.tsv', () => {
  const labels = readCorpusTruth(corpusPath('.'));
  const label = (p: string) => truthOf(labels, p)?.label;

  it('labels every file of the manifest', () => {
    expect(labels.size).toBeGreaterThan(1700);
    expect([...labels.values()].filter((t) => t.label === 'crafted').length).toBeGreaterThan(500);
  });

  it('spam, verifier test vectors and tampered copies are crafted; real ham and real signed mail are genuine', () => {
    expect(label('email/spamassassin/spam/freemail1.eml')).toBe('crafted');
    expect(truthOf(labels, 'email/spamassassin/spam/freemail1.eml')?.reasons[0]).toMatch(/spam/);
    expect(label('email/dkim/mail-dkim/bad_1.txt')).toBe('crafted');
    expect(label('email/dkim/mail-dkim/test5.txt')).toBe('crafted'); // Mail::DKIM's own test corpus, whatever its note
    expect(label('email/spamassassin/dkim/test-pass-08.eml')).toBe('crafted');
    expect(label('email/dkim/authentication-milter/google_apps_bad.eml')).toBe('crafted');
    expect(label('email/dkim/authentication-milter/google_apps_good.eml')).toBe('genuine');
    expect(label('email/spamassassin/nice/mime9.eml')).toBe('genuine');
    expect(label('email/enron/mbox/enron.allen-p.inbox.mbox')).toBe(label('email/enron/eml/allen-p-inbox-001.eml'));
    expect(label('email/enron/eml/allen-p-inbox-001.eml')).toBe('genuine');
  });

  it('conformance files, fuzzed files and values set by hand are crafted; real documents are genuine', () => {
    expect(label('pdf/verapdf/PDF_A-2b/6.1.12/6-1-12-t01-pass-a.pdf')).toBe('crafted');
    expect(label('pdf/pdfjs/poppler-395-0-fuzzed.pdf')).toBe('crafted');
    expect(label('pdf/pdfjs/Embedded_font.pdf')).toBe('crafted'); // "PDF.js reduced test case"
    expect(label('pdf/py-pdf/annotated_pdf.pdf')).toBe('crafted'); // "CreationDate deliberately set"
    expect(label('pdf/format-corpus/cabinet-of-horrors/veraPDFHiResChangedHeight.pdf')).toBe('crafted');
    expect(label('pdf/tika/testPDF_incrementalUpdates.pdf')).toBe('genuine');
    expect(label('pdf/govdocs1/error_set_2-268346.pdf')).toBe('genuine');
    expect(label('office/odf/format-corpus-lo35-simple.odt')).toBe('genuine');
  });

  it("gives members and attachments their file's label, and nothing for a path outside the manifest", () => {
    expect(label('email/spamassassin/spam/hashbl.eml!macro.xlsm')).toBe('crafted');
    expect(label('office/docx/tika-testWPSAttachment.docx!word/embeddings/oleObject4.bin')).toBe('genuine');
    expect(truthOf(labels, 'not/in/the/corpus.pdf')).toBeUndefined();
  });
});
