// pdf.text-layer: the hidden layer of a searchable scan against the OCR of its picture. Pure cases
// (OCR noise tolerated, changed numbers and names reported) and real files: an ocrmypdf scan and two
// copies whose invisible layer was edited (test/fixtures/ocr/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfTextLayerInfo, textLayerFindings, type TextLayerOcrResult } from '../../../src/checks/document/pdf-text-layer.js';
import { createOcrEngine } from '../../../src/extract/ocr/engine.js';
import { ocrFile } from '../../../src/extract/ocr/ocr-file.js';
import { planOcr } from '../../../src/extract/ocr/plan.js';
import type { OcrEngine } from '../../../src/extract/ocr/types.js';
import { corpusMissing, corpusPath } from '../../support/corpus.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/ocr');
const RANK = { info: 0, low: 1, medium: 2, high: 3 } as const;

function result(layerText: string, text: string, confidence = 92): TextLayerOcrResult {
  return {
    engine: 'tesseract.js',
    engineVersion: '7.0.0',
    langs: 'eng+fra',
    pages: [{ page: 1, reason: 'invisible-text', text, confidence, layerText }],
  };
}

const LETTER =
  'Paris, le 14 février 2019. Objet : facture numéro 88213. Madame Hélène Dupuis-Marchand, nous vous réclamons la somme de 12 450,75 euros au titre des prestations réalisées à Grenoble pour la société Ardoise. Bertrand Lefebvre, directeur financier.';

describe('pdf.text-layer on OCR results', () => {
  it('says nothing when the layer and the picture agree, OCR confusions aside', () => {
    // what OCR engines typically get wrong: 0/O, 1/l/I, rn/m, lost accents, split or joined words
    const ocr = LETTER.replace('février', 'fevrier')
      .replace('88213', '882l3')
      .replace('financier', 'financler')
      .replace('somme', 'sornme')
      .replace('Hélène', 'Helene')
      .replace('12 450,75', '12450,75')
      .replace('2019', '2O19');
    expect(textLayerFindings(result(LETTER, ocr))).toEqual([]);
  });

  it('reports a changed amount at medium or higher, with both texts and the difference marked', () => {
    const layer = LETTER.replace('12 450,75', '19 450,75');
    const [f, ...more] = textLayerFindings(result(layer, LETTER));
    expect(more).toEqual([]);
    expect(RANK[f.severity]).toBeGreaterThanOrEqual(RANK.medium);
    const sides = f.evidence.sideBySide as { layer: string; ocr: string; differs?: string }[];
    expect(sides.find((s) => s.differs === 'number')).toMatchObject({ layer: '19', ocr: '12' });
    expect(sides.some((s) => !s.differs && s.layer.includes('somme de'))).toBe(true);
  });

  it('reports a digit changed into another that OCR does not confuse with it (5 -> 8, 0 -> 6)', () => {
    const layer = LETTER.replace('88213', '88243').replace('2019', '2016');
    const [f] = textLayerFindings(result(layer, LETTER));
    expect(f.severity).toBe('high');
    expect(f.evidence.differences).toMatchObject({ number: 2 });
  });

  it('reports a changed name at medium or higher', () => {
    const [f] = textLayerFindings(result(LETTER.replace('Ardoise', 'Montcalm'), LETTER));
    expect(RANK[f.severity]).toBeGreaterThanOrEqual(RANK.medium);
    expect(f.message).toContain('Montcalm');
  });

  it('stays at info when the picture is too hard to read to accuse the layer', () => {
    const [f] = textLayerFindings(result(LETTER.replace('12 450,75', '19 450,75'), LETTER, 41));
    expect(f.severity).toBe('info');
  });

  it('ignores pages without a layer of their own', () => {
    const r = result('', LETTER);
    expect(textLayerFindings({ ...r, pages: [{ page: 1, reason: 'no-text', text: LETTER, confidence: 90 }] })).toEqual([]);
  });

  it('does not count what OCR reads in another order, beside garbage, or inside a word as a changed figure', () => {
    // The layer lists the two paragraphs in the other order (columns, boxes): every figure is still on the page.
    const [first, second] = [LETTER.slice(0, LETTER.length / 2), LETTER.slice(LETTER.length / 2)];
    expect(textLayerFindings(result(`${second} ${first}`, LETTER)).filter((f) => f.severity !== 'info' && f.severity !== 'low')).toEqual(
      [],
    );
    // An old OCR layer's own misreads (the Vicksburg diary of the pypdf corpus): "2*" for "28", "14TH. —Sunday." for "14TH.—Sunday.".
    expect(
      textLayerFindings(result('JUNE 2* and 14TH. —Sunday. the siege went on', 'JUNE 28 and 14TH.—Sunday. the siege went on')),
    ).toEqual([]);
  });

  it('a layer that does not transcribe the picture (another language) is at most low', () => {
    const layer = 'Le montant de la facture est de 4 200 euros payables au 12 mars par virement a la Banque Ardoise de Lyon.';
    const ocr = 'The invoice amount is 4 900 euros payable on March 12 by transfer to the Ardoise Bank of Lyon.';
    for (const f of textLayerFindings(result(layer, ocr))) expect(['info', 'low']).toContain(f.severity);
  });

  it('exports its metadata', () => {
    expect(pdfTextLayerInfo.id).toBe('pdf.text-layer');
    expect(pdfTextLayerInfo.innocentCauses.join(' ')).toMatch(/OCR software/);
  });
});

describe('pdf.text-layer on searchable scans', () => {
  let engine: OcrEngine;
  beforeAll(async () => {
    engine = await createOcrEngine({ langs: ['fra', 'eng'] });
  });
  afterAll(async () => {
    await engine.close();
  });

  async function findingsOf(path: string, maxPages = 3) {
    const bytes = readFileSync(path);
    const plan = await planOcr(bytes, 'pdf');
    const result = await ocrFile(bytes, 'pdf', { pages: plan.pages.slice(0, maxPages) }, engine);
    return { plan, result, findings: textLayerFindings(result) };
  }

  it('an honest scan made searchable by ocrmypdf gets nothing above info', async () => {
    const { plan, findings } = await findingsOf(join(FIXTURES, 'searchable-honest.pdf'));
    expect(plan.pages).toMatchObject([{ page: 1, reason: 'invisible-text' }]);
    expect(plan.pages[0].layerText).toContain('12 450,75');
    expect(findings.filter((f) => RANK[f.severity] > RANK.info)).toEqual([]);
  });

  it('the same scan with an amount changed in its invisible layer gets medium or higher', async () => {
    const { findings } = await findingsOf(join(FIXTURES, 'searchable-forged-amount.pdf'));
    expect(findings).toHaveLength(1);
    expect(RANK[findings[0].severity]).toBeGreaterThanOrEqual(RANK.medium);
    expect(findings[0].message).toMatch(/"19".*"12"/);
  });

  it('the same scan with a name changed in its invisible layer gets medium or higher', async () => {
    const { findings } = await findingsOf(join(FIXTURES, 'searchable-forged-name.pdf'));
    expect(findings).toHaveLength(1);
    expect(RANK[findings[0].severity]).toBeGreaterThanOrEqual(RANK.medium);
    expect(findings[0].message).toContain('Dumont');
  });

  it.skipIf(corpusMissing())('a real old scan with its OCR layer (pypdf corpus) gets nothing above info', async () => {
    const { plan, result, findings } = await findingsOf(corpusPath('pdf/pypdf/Seige_of_Vicksburg_Sample_OCR-crazyones-merged.pdf'), 2);
    expect(plan.pages.length).toBeGreaterThanOrEqual(2);
    expect(result.pages[0].text).toMatch(/VICKSBURG/);
    expect(findings.filter((f) => RANK[f.severity] > RANK.info)).toEqual([]);
  });
});
