import { beforeAll, describe, expect, it } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { ooxmlExtractor } from '../../../../src/extract/office/ooxml.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import { afterDump } from '../../../../src/checks/corpus/dump-horizon.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { factsOf } from '../document/harness.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

describe.skipIf(corpusMissing())('dates.after-dump', () => {
  let enron: CorpusDocument[] = [];
  beforeAll(async () => {
    enron = await corpusDocsFromDir(emailExtractor, corpusPath('email/enron/eml'), 'email', (n) => n.endsWith('.eml'));
  }, 120_000);

  it('flags a document saved years after the Enron mail ends, not one from before it', async () => {
    expect(enron.length).toBe(60);
    const word2010 = corpusDoc('later.docx', await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWORD.docx'), 'office'));
    const old = corpusDoc('old.pdf', await factsOf(pdfExtractor, corpusPath('pdf/py-pdf/annotated_pdf.pdf'), 'pdf'));
    const out = runCorpus(afterDump, [...enron, word2010, old]);
    expect(out.map((r) => r.documentId)).toEqual(['later.docx']);
    expect(out[0].finding.severity).toBe('medium');
    expect(out[0].finding.evidence).toMatchObject({ date: '2010-11-12T16:21:00Z', emailsCounted: 60 });
  });

  it('needs enough mail to know where the dump ends', async () => {
    const word2010 = corpusDoc('later.docx', await factsOf(ooxmlExtractor, corpusPath('office/docx/tika-testWORD.docx'), 'office'));
    expect(runCorpus(afterDump, [...enron.slice(0, 20), word2010])).toEqual([]);
  });
});
