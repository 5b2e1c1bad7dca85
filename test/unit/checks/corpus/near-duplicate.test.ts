import { beforeAll, describe, expect, it } from 'vitest';
import { emailExtractor } from '../../../../src/extract/email/rfc822.js';
import { pdfExtractor } from '../../../../src/extract/pdf/pdf.js';
import {
  differingPassages,
  estimatedSimilarity,
  minhash,
  nearDuplicate,
  normalizeText,
} from '../../../../src/checks/corpus/near-duplicate.js';
import type { CorpusDocument } from '../../../../src/checks/types.js';
import { corpusMissing, corpusPath } from '../../../support/corpus.js';
import { corpusDoc, corpusDocsFromDir, runCorpus } from './harness.js';

describe.skipIf(corpusMissing())('text.near-duplicate on real texts', () => {
  let enron: CorpusDocument[] = [];
  let lorem: CorpusDocument[] = [];
  beforeAll(async () => {
    enron = await corpusDocsFromDir(emailExtractor, corpusPath('email/enron/eml'), 'email', (n) => n.endsWith('.eml'));
    lorem = await corpusDocsFromDir(pdfExtractor, corpusPath('pdf/format-corpus/variations'), 'pdf', (n) => n.endsWith('.pdf'));
  }, 120_000);

  it('one text laid out by four producers (different hyphenation) is not reported', () => {
    expect(lorem).toHaveLength(4);
    expect(runCorpus(nearDuplicate, lorem)).toEqual([]);
  });

  it('finds a doctored copy of a real Enron email among the 60 and shows the changed figure', () => {
    const original = enron.find((d) => d.id === 'allen-p-inbox-032.eml')!;
    expect(original.text).toContain('$1.2Bn');
    const forged = corpusDoc('forged.eml', { ...original, text: original.text!.replace('$1.2Bn', '$2.1Bn') });
    // The untouched sample has no doctored pair: nothing there reaches medium.
    expect(runCorpus(nearDuplicate, enron).filter((r) => r.finding.severity !== 'low')).toEqual([]);
    const out = runCorpus(nearDuplicate, [...enron, forged]);
    const onForged = out.find((r) => r.documentId === 'forged.eml');
    expect(onForged?.finding.evidence).toMatchObject({ otherDocument: 'allen-p-inbox-032.eml', changedNumbers: true });
    expect(onForged?.finding.severity).toBe('medium');
    const passages = onForged!.finding.evidence.passages as { removed: string; added: string }[];
    expect(passages.some((p) => p.removed.includes('1.2') && p.added.includes('2.1'))).toBe(true);
    expect(out.some((r) => r.documentId === 'allen-p-inbox-032.eml' && r.finding.evidence.otherDocument === 'forged.eml')).toBe(true);
  });

  it('does not report exact duplicates (nothing diverges)', () => {
    const copy = corpusDoc('copy.eml', { ...enron[5] });
    const with_ = runCorpus(nearDuplicate, [...enron, copy]).filter((r) => r.documentId === 'copy.eml');
    expect(with_).toEqual([]);
  });
});

describe('near-duplicate primitives', () => {
  const text = Array.from({ length: 80 }, (_, i) => `word${i % 37} item${i}`).join(' ');
  it('estimates high similarity for a one-word change and low for unrelated text', () => {
    const a = minhash(text)!;
    const b = minhash(text.replace('item40', 'item99'))!;
    const c = minhash(Array.from({ length: 80 }, (_, i) => `other${i} thing${i % 11}`).join(' '))!;
    expect(estimatedSimilarity(a, b)).toBeGreaterThan(0.7);
    expect(estimatedSimilarity(a, c)).toBeLessThan(0.1);
    expect(minhash('too short')).toBeUndefined();
  });
  it('joins hyphenated line breaks', () => {
    expect(normalizeText('placerat lorem. In-\nteger id')).toBe('placerat lorem. Integer id');
  });
  it('pairs a removal with its replacement', () => {
    const d = differingPassages('we made $1.2Bn total', 'we made $2.1Bn total')!;
    expect(d.passages).toEqual([{ before: 'we made ', removed: '$1.2Bn', added: '$2.1Bn', after: 'total' }]);
    expect(d).toMatchObject({ changedWords: 2, totalWords: 5 });
  });
});
